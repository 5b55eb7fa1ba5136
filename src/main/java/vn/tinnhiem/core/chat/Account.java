package vn.tinnhiem.core.chat;

import java.util.Objects;
import vn.tinnhiem.core.Contacts;

/**
 * The sender of an update as the platform describes it.
 *
 * @param userId       the platform's user id (for Telegram the numeric id; private chat id is the same)
 * @param username     platform username without '@', or null
 * @param displayName  the name the platform shows, or null
 * @param languageCode the user's language as the platform reports it ("vi", "en-US"), or null
 */
public record Account(Platform platform, String userId, String username, String displayName, String languageCode) {
    public Account {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank() || userId.contains(":")) {
            throw new IllegalArgumentException("malformed user id");
        }
    }

    /** Stable key of this account across votes: platform prefix and user id, e.g. "tg:12345". */
    public String key() {
        return platform.prefix() + ":" + userId;
    }

    /** The account key a person would have on {@code platform}, from their configured contacts. */
    public static String keyFor(Platform platform, Contacts contacts) {
        if (platform.matchesTelegramContacts()) {
            return contacts.telegramId() == null ? null : platform.prefix() + ":" + contacts.telegramId();
        }
        return contacts.zaloId() == null ? null : platform.prefix() + ":" + contacts.zaloId();
    }

    /** Whether this account is the one {@code contacts} names by platform id. */
    public boolean hasIdOf(Contacts contacts) {
        return key().equals(keyFor(platform, contacts));
    }

    /** Whether this account has the username {@code contacts} names (Telegram-like platforms only). */
    public boolean hasUsernameOf(Contacts contacts) {
        return platform.matchesTelegramContacts() && username != null && contacts.telegramUsername() != null
                && username.equalsIgnoreCase(contacts.telegramUsername());
    }
}
