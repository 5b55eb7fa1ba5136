package vn.tinnhiem.sandbox;

import java.util.Set;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.core.chat.Platform;

/**
 * Someone whose chat the sandbox shows: a roster entry, an organiser or a supervisor (or one
 * person holding several of these roles). Most sandbox accounts emulate Telegram ones: the
 * user id is the configured Telegram id, or a synthetic stable one for people known otherwise.
 * People known only by a Zalo id get a text-only, Zalo-style chat ({@link Sandbox#ZALO_STYLE})
 * whose user id is that Zalo id.
 *
 * @param rosterId   the roster entry this person is, or null for staff only
 * @param phone      the roster's phone number, shared by the "share phone" button, or null
 * @param inviteCode the one-time code for people the bot cannot recognise by id or username
 */
public record Persona(String userId, String username, String name, Set<Role> roles, String rosterId, String phone,
        String inviteCode, Platform platform) {

    public enum Role { PARTICIPANT, ORGANISER, SUPERVISOR }

    public Persona {
        roles = Set.copyOf(roles);
    }

    public String key() {
        return platform.key(userId);
    }

    /** The account the flow sees; the language is the page's switch. */
    public Account account(String languageCode) {
        return new Account(platform, userId, username, name, languageCode);
    }

    /** A text-only chat: the ballot is a numbered menu, as on Zalo. */
    public boolean textOnly() {
        return !platform.capabilities().buttons();
    }

    public boolean isParticipant() {
        return rosterId != null;
    }

    /** How the bot will recognise this participant at check-in. */
    public CheckInWay checkInWay() {
        if (!isParticipant()) {
            return CheckInWay.NONE;
        }
        if (hasSyntheticId() && username == null) {
            return phone != null ? CheckInWay.PHONE : CheckInWay.INVITE;
        }
        return CheckInWay.START;
    }

    public enum CheckInWay { START, PHONE, INVITE, NONE }

    /** Synthetic ids start here, far above any Telegram user id handed out so far. */
    private static final long SYNTHETIC_BASE = 7_000_000_000_000L;

    boolean hasSyntheticId() {
        return !textOnly() && Long.parseLong(userId) >= SYNTHETIC_BASE;
    }

    static long syntheticId(String seed, int attempt) {
        return SYNTHETIC_BASE + Math.floorMod((seed + "#" + attempt).hashCode(), 1_000_000_000L);
    }
}
