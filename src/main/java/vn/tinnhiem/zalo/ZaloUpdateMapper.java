package vn.tinnhiem.zalo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.core.chat.Inbound;

/**
 * A Zalo update → {@link Inbound}. Only private chats with people are let through (a ballot
 * is secret: the bot never talks in groups). A text starting with '/' is a command, as typed
 * by staff ({@code /open}, {@code /status vote-id}) or a participant ({@code /start CODE});
 * other text is plain text (a menu number, a word, an invite code). Images, stickers, voice and
 * whatever Zalo calls unsupported become {@link Inbound.NotText}, which the flow answers by
 * asking for text. Anything malformed or oversized maps to nothing. Never throws.
 */
public final class ZaloUpdateMapper {
    static final int MAX_TEXT = 2000;
    private static final Pattern COMMAND = Pattern.compile("/([A-Za-z0-9_]{1,32})");
    private static final int MAX_ARGS = 8;
    private static final int MAX_ARG = 64;

    /** The update's message id (for recognising a redelivery), or null. */
    public static String messageId(JsonObject update) {
        try {
            JsonElement id = update.getAsJsonObject("message").get("message_id");
            return id == null || id.isJsonNull() ? null : id.getAsString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * A message event that names no sender to answer (message.unsupported.received has been
     * seen with no message at all): someone could not send text, and nobody can be told.
     */
    public static boolean withheld(JsonObject update) {
        try {
            JsonElement e = update.get("event_name");
            String event = e == null || !e.isJsonPrimitive() ? null : e.getAsString();
            return event != null && event.startsWith("message.") && !event.equals("message.text.received")
                    && new ZaloUpdateMapper().map(update).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Optional<Inbound> map(JsonObject update) {
        try {
            return message(update);
        } catch (RuntimeException e) {
            // A shape we did not foresee: ignoring it is safer than stalling the update stream.
            return Optional.empty();
        }
    }

    private Optional<Inbound> message(JsonObject update) {
        String event = text(update, "event_name");
        JsonObject message = update.getAsJsonObject("message");
        if (event == null || message == null) {
            return Optional.empty(); // message.unsupported.received may come without one: see withheld()
        }
        JsonObject from = message.getAsJsonObject("from");
        JsonObject chat = message.getAsJsonObject("chat");
        if (from == null || chat == null || !"PRIVATE".equals(text(chat, "chat_type"))
                || from.has("is_bot") && from.get("is_bot").getAsBoolean()) {
            return Optional.empty();
        }
        String userId = text(from, "id");
        // An opaque string such as "6ede9afa66b88fe6d6a9" (RosterFields#ZALO_ID), never a number.
        if (!RosterFields.isZaloId(userId)) {
            return Optional.empty();
        }
        String name = text(from, "display_name");
        Account account = new Account(ZaloPlatform.PLATFORM, userId, null,
                name == null || name.isBlank() ? null : name.strip(), null);
        if (!event.equals("message.text.received")) {
            // message.image.received, message.sticker.received, voice, and
            // message.unsupported.received, which Zalo sends "instead of the message's content" for
            // some accounts (bot.zaloplatforms.com/docs, Webhook): the bot can read text only.
            return event.startsWith("message.") ? Optional.of(new Inbound.NotText(account)) : Optional.empty();
        }
        String text = text(message, "text");
        if (text == null) {
            return Optional.of(new Inbound.Text(account, ""));
        }
        if (text.length() > MAX_TEXT) {
            return Optional.empty();
        }
        String stripped = text.strip();
        return Optional.of(stripped.startsWith("/") ? command(account, stripped) : new Inbound.Text(account, text));
    }

    private static Inbound command(Account account, String text) {
        String[] words = text.split("\\s+");
        Matcher m = COMMAND.matcher(words[0]);
        if (!m.matches()) {
            return new Inbound.Text(account, text);
        }
        List<String> args = new ArrayList<>();
        for (int i = 1; i < words.length && args.size() < MAX_ARGS; i++) {
            args.add(words[i].length() > MAX_ARG ? words[i].substring(0, MAX_ARG) : words[i]);
        }
        String name = m.group(1);
        if (name.equalsIgnoreCase("start")) {
            return new Inbound.Start(account, args.isEmpty() ? null : String.join("", args));
        }
        return new Inbound.Command(account, name, args);
    }

    private static String text(JsonObject o, String field) {
        JsonElement e = o == null ? null : o.get(field);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }
}
