package vn.tinnhiem.core.chat;

import vn.tinnhiem.core.Contacts;
import vn.tinnhiem.core.Person;

/**
 * Who gets an invite code, and what a code may claim (SPEC 3, check-in: one roster entry
 * links to one chat account). A code is a bearer token: whoever holds it checks in. So it is
 * issued only to entries the bot cannot recognise on Telegram otherwise, and it never claims
 * an entry that the vote file pins to another account: that account keeps its entry, whoever
 * holds a code. {@code invites}, {@code slips}, {@code check-config} and the sandbox ask here.
 */
public final class InviteRule {
    private InviteRule() {}

    /**
     * Whether a roster entry needs an invite code to check in: it names no Telegram id,
     * Telegram username or phone number. (An entry with a Zalo id only still needs one to
     * check in on Telegram.)
     */
    public static boolean needsCode(Person entry) {
        Contacts c = entry.contacts();
        return c.telegramId() == null && c.telegramUsername() == null && c.phone() == null;
    }

    /**
     * Whether a code may link {@code account} to {@code entry}. Not when the entry is pinned
     * to another account: it names a Telegram id, or an id on the account's own platform, and
     * the account is not that one.
     */
    public static boolean mayClaim(Person entry, Account account) {
        boolean pinned = entry.contacts().telegramId() != null
                || Account.keyFor(account.platform(), entry.contacts()) != null;
        return !pinned || account.hasIdOf(entry.contacts());
    }
}
