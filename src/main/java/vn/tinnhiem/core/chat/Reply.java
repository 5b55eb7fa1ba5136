package vn.tinnhiem.core.chat;

/**
 * Something the bot says, platform-neutral. Adapters render it; broadcasts are paced by them.
 * {@code to} is an account key ("tg:12345"): on every platform we use, a user's private chat
 * is addressed by their user id.
 */
public sealed interface Reply {
    String to();

    /**
     * A new message; with {@code replyTo} (a message id, or null), shown as a reply to that
     * message where the platform has replies (a reminder quoting the ballot in use).
     */
    record Send(String to, String text, Keyboard keyboard, String replyTo) implements Reply {
        public Send(String to, String text, Keyboard keyboard) {
            this(to, text, keyboard, null);
        }
    }

    /** Rewrites message {@code messageId} in place (the ballot). */
    record Edit(String to, String messageId, String text, Keyboard keyboard) implements Reply {}

    /** The answer every press gets, promptly; {@code text} may be empty. */
    record Answer(String to, String pressId, String text) implements Reply {}

    /**
     * A file (the results' minutes, CSV, chart). The bytes are shared by every recipient of
     * the same language and never copied; {@link #toString} names the file, never its content.
     */
    record Document(String to, String fileName, String mediaType, byte[] content, String caption) implements Reply {
        public Document {
            java.util.Objects.requireNonNull(fileName, "fileName");
            java.util.Objects.requireNonNull(mediaType, "mediaType");
            java.util.Objects.requireNonNull(content, "content");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Document d && java.util.Objects.equals(to, d.to) && fileName.equals(d.fileName)
                    && mediaType.equals(d.mediaType) && java.util.Arrays.equals(content, d.content)
                    && java.util.Objects.equals(caption, d.caption);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(to, fileName, mediaType, java.util.Arrays.hashCode(content), caption);
        }

        @Override
        public String toString() {
            return "Document[to=" + to + ", fileName=" + fileName + ", mediaType=" + mediaType + ", bytes="
                    + content.length + "]";
        }
    }

    /**
     * An image shown in the chat (the results chart with the announcement), as a photo where
     * the platform has them. The bytes are shared and never copied; {@code caption} may be null.
     */
    record Photo(String to, ResultFiles.File image, String caption) implements Reply {
        public Photo {
            java.util.Objects.requireNonNull(image, "image");
        }
    }
}
