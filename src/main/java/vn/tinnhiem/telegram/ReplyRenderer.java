package vn.tinnhiem.telegram;

import java.util.ArrayList;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardRemove;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardRow;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.delivery.TextSplit;

/**
 * {@link Reply} → Bot API calls. Text goes as plain text (no parse mode: names need no
 * escaping). A text over Telegram's 4096-character limit becomes several messages, the
 * keyboard on the last. Replies reach it through the router, so one addressed to another
 * platform's account is a bug: it throws rather than drop it.
 */
public final class ReplyRenderer {
    static final int MAX_TEXT = 4096;
    /** Telegram's limit for the text of a callback answer (a toast). */
    static final int MAX_ANSWER = 200;
    /** Telegram's limit for a document's caption. */
    static final int MAX_CAPTION = 1024;

    public List<Outgoing> render(Reply reply) {
        List<Outgoing> out = new ArrayList<>();
        if (reply instanceof Reply.Answer a) {
            out.add(new Outgoing(Outgoing.Kind.ANSWER, 0, AnswerCallbackQuery.builder().callbackQueryId(a.pressId())
                    .text(a.text() == null || a.text().isEmpty() ? null : clip(a.text(), MAX_ANSWER)).build(), null));
            return out;
        }
        Long chat = chatId(reply.to());
        if (chat == null) {
            throw new IllegalArgumentException("not a Telegram chat: a reply routed to the wrong adapter");
        }
        if (reply instanceof Reply.Send s) {
            out.addAll(sends(chat, s));
        } else if (reply instanceof Reply.Edit e) {
            out.addAll(edit(chat, e));
        } else if (reply instanceof Reply.Document d) {
            out.add(document(chat, d));
        } else if (reply instanceof Reply.Photo p) {
            out.add(photo(chat, p));
        } else {
            throw new IllegalArgumentException("no rendering for " + reply.getClass().getSimpleName());
        }
        return out;
    }

    /** The message, split where it is too long; the part with an inline keyboard is tagged as shown. */
    private List<Outgoing> sends(long chat, Reply.Send send) {
        List<String> parts = split(send.text().isEmpty() ? "…" : send.text());
        List<Outgoing> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            out.add(new Outgoing(Outgoing.Kind.SEND, chat, SendMessage.builder().chatId(chat).text(parts.get(i))
                    .replyMarkup(last ? markup(send.keyboard()) : null)
                    .replyParameters(i == 0 ? replyTo(send.replyTo()) : null).build(), null,
                    last && send.keyboard() instanceof Keyboard.Inline ? send : null));
        }
        return out;
    }

    /**
     * The message a send answers, if any; sent anyway should it be gone (the person deleted it).
     */
    private static org.telegram.telegrambots.meta.api.objects.ReplyParameters replyTo(String messageId) {
        if (messageId == null) {
            return null;
        }
        try {
            return org.telegram.telegrambots.meta.api.objects.ReplyParameters.builder()
                    .messageId(Integer.parseInt(messageId)).allowSendingWithoutReply(true).build();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Every file goes as a document, the chart too (sent as a photo Telegram recompresses it,
     * and a staff member wants the file as made); {@link Reply.Photo} shows it in the chat. Paced in the chat's lane like a message.
     */
    private static Outgoing document(long chat, Reply.Document d) {
        String caption = d.caption() == null || d.caption().isEmpty() ? null : clip(d.caption(), MAX_CAPTION);
        return new Outgoing(Outgoing.Kind.SEND, chat, SendDocument.builder().chatId(chat)
                .document(new InputFile(new java.io.ByteArrayInputStream(d.content()), d.fileName()))
                .caption(caption).build(), null);
    }

    /** The chart with the announcement: a photo, shown in the chat without a download. */
    private static Outgoing photo(long chat, Reply.Photo p) {
        String caption = p.caption() == null || p.caption().isEmpty() ? null : clip(p.caption(), MAX_CAPTION);
        return new Outgoing(Outgoing.Kind.SEND, chat, SendPhoto.builder().chatId(chat)
                .photo(new InputFile(new java.io.ByteArrayInputStream(p.image().content()), p.image().name()))
                .caption(caption).build(), null);
    }

    private List<Outgoing> edit(long chat, Reply.Edit e) {
        Integer messageId;
        try {
            messageId = Integer.valueOf(e.messageId());
        } catch (NumberFormatException bad) {
            return sends(chat, new Reply.Send(e.to(), e.text(), e.keyboard()));
        }
        List<String> parts = split(e.text().isEmpty() ? "…" : e.text());
        // Without reply_markup an edit removes the inline keyboard, which is what None means.
        InlineKeyboardMarkup markup = parts.size() == 1 && e.keyboard() instanceof Keyboard.Inline in
                ? inline(in) : null;
        List<Outgoing> fallback = sends(chat, new Reply.Send(e.to(), e.text(), e.keyboard()));
        List<Outgoing> out = new ArrayList<>();
        out.add(new Outgoing(Outgoing.Kind.EDIT, chat, EditMessageText.builder().chatId(chat).messageId(messageId)
                .text(parts.get(0)).replyMarkup(markup).build(), fallback.size() == 1 ? fallback.get(0) : null));
        if (parts.size() > 1) {
            out.addAll(sends(chat, new Reply.Send(e.to(), e.text().substring(parts.get(0).length()).strip(),
                    e.keyboard())));
        }
        return out;
    }

    static ReplyKeyboard markup(Keyboard k) {
        if (k instanceof Keyboard.Inline in) {
            return inline(in);
        }
        if (k instanceof Keyboard.ContactRequest c) {
            KeyboardRow row = new KeyboardRow();
            row.add(KeyboardButton.builder().text(c.label()).requestContact(true).build());
            return ReplyKeyboardMarkup.builder().keyboardRow(row).oneTimeKeyboard(true).resizeKeyboard(true).build();
        }
        if (k instanceof Keyboard.RemoveReply) {
            return ReplyKeyboardRemove.builder().removeKeyboard(true).build();
        }
        if (k instanceof Keyboard.None) {
            return null;
        }
        throw new IllegalArgumentException("unhandled keyboard " + k.getClass());
    }

    private static InlineKeyboardMarkup inline(Keyboard.Inline in) {
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (List<Keyboard.Button> r : in.rows()) {
            InlineKeyboardRow row = new InlineKeyboardRow();
            for (Keyboard.Button b : r) {
                row.add(InlineKeyboardButton.builder().text(b.label()).callbackData(b.data()).build());
            }
            rows.add(row);
        }
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }

    /** "tg:12345" → 12345; null for another platform's key or a malformed one. */
    static Long chatId(String accountKey) {
        if (!TelegramPlatform.PLATFORM.owns(accountKey)) {
            return null;
        }
        try {
            return Long.parseLong(accountKey.substring(TelegramPlatform.PLATFORM.prefix().length() + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parts of at most 4096 characters (see {@link TextSplit#split}). */
    static List<String> split(String text) {
        return TextSplit.split(text, MAX_TEXT);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
