package vn.tinnhiem.core.chat;

import vn.tinnhiem.core.Identity;
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
     * Whether a roster entry needs an invite code to check in: it is pinned to no id and names
     * no Telegram username or phone number. An entry pinned to an id (Telegram or Zalo) is
     * recognised by that id and by nothing else, so a code could only ever check in the account
     * that needs none.
     */
    public static boolean needsCode(Person entry) {
        return !entry.pinned() && entry.identities().stream().noneMatch(i -> i.platform().equals(TELEGRAM) || i.platform().equals(Identity.PHONE));
    }

    /** The identity namespace of the vote file's telegramId and telegramUsername. */
    private static final String TELEGRAM = "telegram";

    /**
     * Whether a code may link {@code account} to {@code entry}. Not when the entry is pinned
     * to another account: it names an id on any platform (Telegram or Zalo), and the account
     * is not that one. So a Zalo id pin holds against a Telegram account holding the entry's
     * code, as a Telegram id pin does against a Zalo account.
     */
    public static boolean mayClaim(Person entry, Account account) {
        return !entry.pinned() || account.hasIdOf(entry);
    }
}
