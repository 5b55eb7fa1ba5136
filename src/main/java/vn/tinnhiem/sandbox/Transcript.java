package vn.tinnhiem.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.core.chat.Reply;

/**
 * One private chat as the sandbox shows it: the bot's messages (with their inline buttons,
 * rewritten in place on edit), what the person typed, and the reply keyboard the bot asked
 * for (the "share phone" button). Not thread-safe: {@link Sandbox} guards it.
 */
final class Transcript {
    /** A message in the chat. {@code fromBot} false is what the person sent. */
    /** @param image a data URL of a photo the bot sent, or null */
    record Message(String id, boolean fromBot, String text, List<List<Keyboard.Button>> buttons, boolean edited,
            String image) {
        Message(String id, boolean fromBot, String text, List<List<Keyboard.Button>> buttons, boolean edited) {
            this(id, fromBot, text, buttons, edited, null);
        }
    }

    private final List<Message> messages = new ArrayList<>();
    private int nextId = 1;
    private String contactRequest;

    void userSaid(String text) {
        messages.add(new Message(Integer.toString(nextId++), false, text, List.of(), false));
    }

    /**
     * Renders a Send or an Edit the way Telegram would; an Answer is not part of the chat. A
     * file shows as a message naming it: the results panel's links download it. Returns the id of
     * the new message, as the platform's answer would, or null for an edit.
     */
    String apply(Reply reply) {
        if (reply instanceof Reply.Document doc) {
            String id = Integer.toString(nextId++);
            messages.add(new Message(id, true, "📎 " + doc.fileName() + " · "
                    + Math.max(1, (doc.content().length + 512) / 1024) + " KB", List.of(), false));
            return id;
        }
        if (reply instanceof Reply.Photo photo) {
            // Shown inline, as Telegram shows a photo; the bytes travel as a data URL.
            String id = Integer.toString(nextId++);
            messages.add(new Message(id, true, photo.caption() == null ? "" : photo.caption(),
                    List.of(), false, "data:" + photo.image().mediaType() + ";base64,"
                            + java.util.Base64.getEncoder().encodeToString(photo.image().content())));
            return id;
        }
        if (reply instanceof Reply.Send send) {
            String id = Integer.toString(nextId++);
            messages.add(new Message(id, true, quoted(send.replyTo()) + send.text(), inline(send.keyboard()), false));
            replyKeyboard(send.keyboard());
            return id;
        }
        if (reply instanceof Reply.Edit edit) {
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).id().equals(edit.messageId())) {
                    messages.set(i, new Message(edit.messageId(), true, edit.text(), inline(edit.keyboard()), true));
                    return null;
                }
            }
            // Telegram refuses to edit a message that is not there; the sandbox shows nothing either.
            return null;
        }
        if (reply instanceof Reply.Answer) {
            return null; // a toast, not part of the chat
        }
        throw new IllegalArgumentException("unknown reply " + reply.getClass().getSimpleName());
    }

    /** A reply shows the first line of the message it answers above its text, as Telegram does. */
    private String quoted(String messageId) {
        if (messageId == null) {
            return "";
        }
        return messages.stream().filter(m -> m.id().equals(messageId)).findFirst()
                .map(m -> "↩ " + m.text().lines().findFirst().orElse("") + "\n").orElse("");
    }

    private static List<List<Keyboard.Button>> inline(Keyboard keyboard) {
        return keyboard instanceof Keyboard.Inline in ? in.rows() : List.of();
    }

    private void replyKeyboard(Keyboard keyboard) {
        if (keyboard instanceof Keyboard.ContactRequest request) {
            contactRequest = request.label();
        } else if (keyboard instanceof Keyboard.RemoveReply) {
            contactRequest = null;
        }
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    Optional<Message> message(String id) {
        return messages.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The label of the "share phone" button while the bot asks for it, else null. */
    String contactRequest() {
        return contactRequest;
    }
}
