package vn.tinnhiem.core.chat;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;

/**
 * An account that presents the username (or shares the phone number) of someone the vote file
 * pins to another account's id: it is trying to take their place. Usernames are released and
 * taken again, in any letter case; an id does not change hands. The attempt changes nothing: it
 * is refused, written to the audit log and reported to the organisers with the account that
 * tried. Each (vote, person, account) is audited and reported once per process, so an account
 * repeating the attempt cannot flood the organisers' chats.
 */
final class Takeovers {
    /** Reported (vote, person, account) triples; bounded, as every entry is an attacker's account. */
    private static final int REMEMBERED = 10_000;

    private final VoteStore store;
    private final Clock clock;
    private final Audience audience;
    private final UserLanguages languages;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    Takeovers(VoteStore store, Clock clock, Audience audience, UserLanguages languages) {
        this.store = store;
        this.clock = clock;
        this.audience = audience;
        this.languages = languages;
    }

    /** Audits and reports the attempt of {@code from} on each of {@code people} of {@code vote}. */
    void attempted(VoteDefinition vote, List<Person> people, Account from, List<Reply> out) {
        for (Person person : people) {
            String memo = vote.id() + ' ' + person.id() + ' ' + from.key();
            if (reported.size() >= REMEMBERED) {
                reported.clear();
            }
            if (!reported.add(memo)) {
                continue;
            }
            store.audit(vote.id(), new AuditEntry(clock.instant(), "takeover",
                    "person=" + person.id() + " account=" + from.key() + " refused: pinned to another id"));
            for (String to : audience.organisers(vote)) {
                out.add(new Reply.Send(to, languages.messagesFor(to, vote).get("takeover.organisers", person.name(),
                        CheckIn.describe(from), vote.title()), Keyboard.NONE));
            }
        }
    }
}
