package vn.tinnhiem.core.chat;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.tinnhiem.core.VoteDefinition;

/**
 * The language each account last told us (platforms send it with every update), so
 * broadcasts (ballots at /open, reminders, results) reach people in the language their
 * own replies use. Unknown accounts, and everyone after a restart until they write again,
 * get the vote's language.
 */
final class UserLanguages {
    private final Map<String, Locale> byAccount = new ConcurrentHashMap<>();

    void remember(Account account) {
        if (account.languageCode() != null) {
            byAccount.put(account.key(), Messages.forUser(account.languageCode(), Messages.VIETNAMESE));
        }
    }

    /** The language of a reply to {@code from}: theirs if the platform says it, else the vote's. */
    static Messages of(Account from, VoteDefinition vote) {
        return Messages.of(Messages.forUser(from.languageCode(), vote.language())).addressing(vote.address());
    }

    Messages messagesFor(String accountKey, VoteDefinition vote) {
        Locale known = byAccount.get(accountKey);
        return Messages.of(known != null ? known : vote.language()).addressing(vote.address());
    }
}
