package vn.tinnhiem.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders for Telegram updates as the Bot API sends them (JSON), with sensible defaults. */
public final class Updates {
    private Updates() {}

    private static final AtomicInteger MESSAGE_IDS = new AtomicInteger(500_000);
    private static final AtomicInteger CALLBACK_IDS = new AtomicInteger(1);

    /** A Telegram user. {@code username} may be null; {@code lang} like "vi". */
    public record TgUser(long id, String username, String firstName, String lang) {
        ObjectNode json() {
            ObjectNode u = FakeBotApi.JSON.createObjectNode().put("id", id).put("is_bot", false)
                    .put("first_name", firstName);
            if (username != null) {
                u.put("username", username);
            }
            if (lang != null) {
                u.put("language_code", lang);
            }
            return u;
        }
    }

    public static TgUser user(long id) {
        return new TgUser(id, null, "Người dùng " + id, "vi");
    }

    public static TgUser user(long id, String username) {
        return new TgUser(id, username, "Người dùng " + id, "vi");
    }

    /** A private-chat message from {@code u} with {@code text}. */
    public static ObjectNode text(TgUser u, String text) {
        ObjectNode m = message(u, u.id(), "private");
        m.put("text", text);
        return wrap("message", m);
    }

    /** "/start" or "/start PAYLOAD" (a deep link). */
    public static ObjectNode start(TgUser u, String payload) {
        return command(u, payload == null ? "start" : "start " + payload);
    }

    /** A command, e.g. {@code command(u, "close")} or {@code command(u, "status v1")}, with its entity. */
    public static ObjectNode command(TgUser u, String commandLine) {
        ObjectNode update = text(u, "/" + commandLine);
        int length = commandLine.contains(" ") ? commandLine.indexOf(' ') + 1 : commandLine.length() + 1;
        update.with("message").putArray("entities").addObject().put("type", "bot_command").put("offset", 0)
                .put("length", length);
        return update;
    }

    /** A shared contact: {@code contactUserId} is whose contact it is (null for a typed-in contact). */
    public static ObjectNode contact(TgUser from, String phone, Long contactUserId) {
        ObjectNode m = message(from, from.id(), "private");
        ObjectNode c = m.putObject("contact").put("phone_number", phone).put("first_name", from.firstName());
        if (contactUserId != null) {
            c.put("user_id", contactUserId);
        }
        return wrap("message", m);
    }

    /** A press of a button with {@code data} under message {@code messageId} in the user's chat. */
    public static ObjectNode press(TgUser u, int messageId, String data) {
        ObjectNode q = FakeBotApi.JSON.createObjectNode().put("id", "cq" + CALLBACK_IDS.getAndIncrement())
                .put("chat_instance", "ci" + u.id()).put("data", data);
        q.set("from", u.json());
        ObjectNode msg = q.putObject("message").put("message_id", messageId)
                .put("date", System.currentTimeMillis() / 1000).put("text", "…");
        msg.putObject("chat").put("id", u.id()).put("type", "private");
        msg.putObject("from").put("id", FakeBotApi.BOT_ID).put("is_bot", true).put("first_name", "Tín nhiệm");
        return wrap("callback_query", q);
    }

    /** The callback query id of a press built by {@link #press}. */
    public static String pressId(ObjectNode update) {
        return update.get("callback_query").get("id").asText();
    }

    /** A message in a group chat. */
    public static ObjectNode groupText(TgUser u, long groupId, String text) {
        ObjectNode m = message(u, groupId, "group");
        m.put("text", text);
        return wrap("message", m);
    }

    /** An edited private message. */
    public static ObjectNode edited(TgUser u, String text) {
        ObjectNode m = message(u, u.id(), "private");
        m.put("text", text).put("edit_date", System.currentTimeMillis() / 1000);
        return wrap("edited_message", m);
    }

    /** An update of a kind this library version has never heard of. */
    public static ObjectNode unknownKind() {
        ObjectNode u = FakeBotApi.JSON.createObjectNode();
        u.putObject("some_future_update").put("answer", 42);
        return u;
    }

    private static ObjectNode message(TgUser from, long chatId, String chatType) {
        ObjectNode m = FakeBotApi.JSON.createObjectNode().put("message_id", MESSAGE_IDS.getAndIncrement())
                .put("date", System.currentTimeMillis() / 1000);
        m.set("from", from.json());
        ObjectNode chat = m.putObject("chat").put("id", chatId).put("type", chatType);
        if (chatType.equals("private")) {
            chat.put("first_name", from.firstName());
        } else {
            chat.put("title", "Nhóm");
        }
        return m;
    }

    private static ObjectNode wrap(String kind, ObjectNode payload) {
        ObjectNode u = FakeBotApi.JSON.createObjectNode();
        u.set(kind, payload);
        return u;
    }
}
