package vn.tinnhiem.zalo;

import vn.tinnhiem.core.chat.Capabilities;
import vn.tinnhiem.core.chat.Platform;

/**
 * The Zalo Bot Platform as the flow sees it: text only (no buttons, no edits, no toasts, no
 * contact sharing), messages kept under 2,000 characters, and the bot may not write first.
 * Accounts are keyed "zl:USER_ID"; roster entries match by their {@code zaloId}.
 */
public final class ZaloPlatform {
    public static final String IDENTITIES = "zalo";
    /**
     * sendMessage's text is "from 1 to 2000 characters" (bot.zaloplatforms.com/docs, sendMessage).
     * Counted here in UTF-16 units, never fewer than the characters Zalo counts.
     */
    public static final int MAX_TEXT = 2000;

    public static final Platform PLATFORM = new Platform("Zalo", "zl", IDENTITIES,
            new Capabilities(false, false, false, MAX_TEXT, 0, false, false, false));

    private ZaloPlatform() {}
}
