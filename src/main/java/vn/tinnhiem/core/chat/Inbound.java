package vn.tinnhiem.core.chat;

import java.util.List;

/** An update from a chat platform, translated by its adapter. Always from a private chat. */
public sealed interface Inbound {
    Account from();

    /** "/start" with an optional deep-link payload (an invite code). */
    record Start(Account from, String payload) implements Inbound {}

    /** A command other than /start, e.g. "open" with arguments ["vote-id"]. */
    record Command(Account from, String name, List<String> args) implements Inbound {
        public Command {
            args = List.copyOf(args);
        }
    }

    /** Plain text: a typed invite code, or a menu number on Zalo. */
    record Text(Account from, String text) implements Inbound {}

    /**
     * Something the bot cannot read: a sticker, an image, a voice message, or a message the
     * platform withholds from the bot (Zalo's {@code message.unsupported.received}).
     */
    record NotText(Account from) implements Inbound {}

    /**
     * A shared contact. {@code ownContact} is true only when the contact's user id equals the
     * sender's: someone else's phone number must not check anybody in.
     */
    record ContactShared(Account from, String phone, boolean ownContact) implements Inbound {}

    /**
     * A button press on message {@code messageId}; {@code pressId} identifies it for the answer
     * (Telegram's callback query id).
     */
    record Press(Account from, String messageId, String data, String pressId) implements Inbound {}
}
