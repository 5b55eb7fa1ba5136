package vn.tinnhiem.core.chat;

/**
 * Something the bot says, platform-neutral. Adapters render it; broadcasts are paced by them.
 * {@code to} is an account key ("tg:12345"): on every platform we use, a user's private chat
 * is addressed by their user id.
 */
public sealed interface Reply {
    String to();

    /** A new message. */
    record Send(String to, String text, Keyboard keyboard) implements Reply {}

    /** Rewrites message {@code messageId} in place (the ballot). */
    record Edit(String to, String messageId, String text, Keyboard keyboard) implements Reply {}

    /** The answer every press gets, promptly; {@code text} may be empty. */
    record Answer(String to, String pressId, String text) implements Reply {}
}
