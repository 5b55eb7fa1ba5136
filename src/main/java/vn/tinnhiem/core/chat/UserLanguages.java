package vn.tinnhiem.core.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.tinnhiem.core.VoteDefinition;

/**
 * The language each account last told us (platforms send it with every update), so
 * broadcasts (ballots at /open, reminders, results) reach people in the language their
 * own replies use. Unknown accounts get the vote's language. Kept in {@link LanguageNotes}
 * (in Redis when the bot runs as replicas).
 *
 * <p>Platforms repeat the language with every update, so this process writes an account's
 * language to the notes only when it differs from what this process last wrote, or that
 * was {@link #REWRITE} ago: a press costs no extra round trip, and when two replicas saw
 * different languages (the person switched their app's language), the notes follow the
 * latest within {@link #REWRITE}.
 */
final class UserLanguages {
    /** How long this process trusts that the notes still hold what it wrote. */
    static final Duration REWRITE = Duration.ofMinutes(1);

    private record Written(Locale language, Instant at) {}

    private final LanguageNotes notes;
    private final Clock clock;
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    UserLanguages(LanguageNotes notes, Clock clock) {
        this.notes = notes;
        this.clock = clock;
    }

    void remember(Account account) {
        if (account.languageCode() == null) {
            return;
        }
        Locale language = Messages.forUser(account.languageCode(), Messages.VIETNAMESE);
        Instant now = clock.instant();
        Written last = written.get(account.key());
        if (last != null && last.language().equals(language) && now.isBefore(last.at().plus(REWRITE))) {
            return;
        }
        notes.remember(account.key(), language);
        written.put(account.key(), new Written(language, now));
    }

    /** The language of a reply to {@code from}: theirs if the platform says it, else the vote's. */
    static Messages of(Account from, VoteDefinition vote) {
        return Messages.of(Messages.forUser(from.languageCode(), vote.language())).forVote(vote);
    }

    Messages messagesFor(String accountKey, VoteDefinition vote) {
        Locale known = notes.of(accountKey).orElse(null);
        return Messages.of(known != null ? known : vote.language()).forVote(vote);
    }
}
