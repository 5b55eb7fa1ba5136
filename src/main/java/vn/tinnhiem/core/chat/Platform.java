package vn.tinnhiem.core.chat;

import java.util.Objects;

/**
 * A chat platform an adapter connects, as that adapter describes it. The core knows none by
 * name: each adapter owns its constant and passes it to the flow.
 *
 * @param name         for people and logs ("Telegram")
 * @param prefix       starts the key of every account on it ("tg" in "tg:12345")
 * @param identities   the identity namespace its accounts present (see {@link vn.tinnhiem.core.Identity});
 *                     a rehearsal platform may present another platform's, as the sandbox does
 * @param capabilities what it can do
 */
public record Platform(String name, String prefix, String identities, Capabilities capabilities) {
    public Platform {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(capabilities, "capabilities");
        if (prefix == null || !prefix.matches("[a-z]{2,8}")) {
            throw new IllegalArgumentException("platform prefix must be 2-8 lowercase letters");
        }
        Objects.requireNonNull(identities, "identities");
    }

    /** The key of the account with this user id on this platform. */
    public String key(String userId) {
        return prefix + ":" + userId;
    }

    /** Whether {@code accountKey} is an account on this platform. */
    public boolean owns(String accountKey) {
        return accountKey != null && accountKey.startsWith(prefix + ":");
    }
}
