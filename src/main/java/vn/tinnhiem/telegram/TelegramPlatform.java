package vn.tinnhiem.telegram;

import vn.tinnhiem.core.chat.Capabilities;
import vn.tinnhiem.core.chat.Platform;

/** Telegram as the flow sees it: buttons, edits, toasts, 4096-character texts, 64-byte button data. */
public final class TelegramPlatform {
    /** Roster identities of this namespace: {@code telegramId} and {@code telegramUsername} in the vote file. */
    public static final String IDENTITIES = "telegram";

    /**
     * A bot may not write first; a person can share their own phone number (the contact
     * button). Accounts are keyed "tg:USER_ID" (a private chat's id is the user's).
     */
    public static final Platform PLATFORM = new Platform("Telegram", "tg", IDENTITIES,
            new Capabilities(true, true, true, ReplyRenderer.MAX_TEXT, 64, false, true, true));

    private TelegramPlatform() {}
}
