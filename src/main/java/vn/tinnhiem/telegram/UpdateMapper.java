package vn.tinnhiem.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.core.chat.Inbound;

/**
 * Telegram {@link Update} → {@link Inbound}. Only private chats with people are let through:
 * a ballot is secret, so the bot never talks in groups or channels. Everything it does not
 * understand (edited messages, other update types, bots, oversized input) maps to nothing,
 * and a private message without text (a sticker, a photo) maps to empty text so the flow
 * answers it politely. Never throws.
 */
public final class UpdateMapper {
    /** Telegram's own limit for a message's text: anything longer is not from a real client. */
    static final int MAX_TEXT = 4096;
    private static final Pattern COMMAND = Pattern.compile("/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?");
    private static final int MAX_ARGS = 8;
    private static final int MAX_ARG = 64;

    private final String botUsername;

    /** @param botUsername the bot's username (from getMe), to tell "/close@thisbot" from another bot's */
    public UpdateMapper(String botUsername) {
        this.botUsername = botUsername;
    }

    public Optional<Inbound> map(Update update) {
        try {
            if (update == null) {
                return Optional.empty();
            }
            if (update.getMessage() != null) {
                return message(update.getMessage());
            }
            if (update.getCallbackQuery() != null) {
                return press(update.getCallbackQuery());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            // A shape we did not foresee: ignoring it is safer than stalling the update stream.
            return Optional.empty();
        }
    }

    private Optional<Inbound> message(Message m) {
        User from = m.getFrom();
        if (from == null || Boolean.TRUE.equals(from.getIsBot()) || m.getChat() == null
                || !"private".equals(m.getChat().getType()) || !from.getId().equals(m.getChatId())) {
            return Optional.empty();
        }
        Account account = account(from);
        if (m.getContact() != null) {
            Long owner = m.getContact().getUserId();
            String phone = m.getContact().getPhoneNumber();
            if (phone == null || phone.length() > 32) {
                return Optional.empty();
            }
            return Optional.of(new Inbound.ContactShared(account, phone, owner != null && owner.equals(from.getId())));
        }
        String text = m.getText();
        if (text == null) {
            return Optional.of(new Inbound.Text(account, ""));
        }
        if (text.length() > MAX_TEXT) {
            return Optional.empty();
        }
        if (text.startsWith("/")) {
            return command(account, text);
        }
        return Optional.of(new Inbound.Text(account, text));
    }

    private Optional<Inbound> command(Account account, String text) {
        String[] words = text.strip().split("\\s+");
        Matcher m = COMMAND.matcher(words[0]);
        if (!m.matches()) {
            return Optional.of(new Inbound.Text(account, text));
        }
        if (m.group(2) != null && !m.group(2).equalsIgnoreCase(botUsername)) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>();
        for (int i = 1; i < words.length && args.size() < MAX_ARGS; i++) {
            args.add(words[i].length() > MAX_ARG ? words[i].substring(0, MAX_ARG) : words[i]);
        }
        String name = m.group(1);
        if (name.equalsIgnoreCase("start")) {
            return Optional.of(new Inbound.Start(account, args.isEmpty() ? null : args.get(0)));
        }
        return Optional.of(new Inbound.Command(account, name, args));
    }

    private Optional<Inbound> press(CallbackQuery q) {
        User from = q.getFrom();
        MaybeInaccessibleMessage msg = q.getMessage();
        // Inline-mode presses have no message; presses in groups are not ours.
        if (from == null || msg == null || msg.getMessageId() == null || !from.getId().equals(msg.getChatId())
                || q.getId() == null) {
            return Optional.empty();
        }
        String data = q.getData() == null ? "" : q.getData();
        return Optional.of(new Inbound.Press(account(from), msg.getMessageId().toString(), data, q.getId()));
    }

    static Account account(User u) {
        String name = u.getFirstName() == null ? "" : u.getFirstName();
        if (u.getLastName() != null) {
            name = (name + " " + u.getLastName()).strip();
        }
        return new Account(TelegramPlatform.PLATFORM, u.getId().toString(), u.getUserName(), name.isEmpty() ? null : name,
                u.getLanguageCode());
    }
}
