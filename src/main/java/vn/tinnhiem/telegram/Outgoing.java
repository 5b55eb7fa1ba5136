package vn.tinnhiem.telegram;

import java.io.Serializable;
import org.telegram.telegrambots.meta.api.methods.botapimethods.PartialBotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import vn.tinnhiem.core.chat.Reply;

/**
 * One Bot API call the {@link Outbox} is to make.
 *
 * @param kind     answers jump the queue; sends and edits are paced per chat
 * @param chatId   the chat it goes to (0 for an answer, which is not a chat message)
 * @param method   the call: a JSON method, or a file upload ({@code SendDocument})
 * @param fallback for an edit: what to send instead if the message can no longer be edited
 * @param shown    for the part of a send that carries an inline keyboard: the reply it shows,
 *                 so the flow can learn the message id Telegram gives it (the live ballot copy)
 */
public record Outgoing(Kind kind, long chatId, PartialBotApiMethod<? extends Serializable> method, Outgoing fallback,
        Reply.Send shown) {
    public enum Kind { ANSWER, SEND, EDIT }

    public Outgoing(Kind kind, long chatId, PartialBotApiMethod<? extends Serializable> method, Outgoing fallback) {
        this(kind, chatId, method, fallback, null);
    }

    /** For an edit, the message it rewrites; null for anything else. */
    public Integer editedMessage() {
        return method instanceof EditMessageText e ? e.getMessageId() : null;
    }

    /** The same call without a fallback: an edit that is only worth making if the message exists. */
    Outgoing withoutFallback() {
        return fallback == null ? this : new Outgoing(kind, chatId, method, null, shown);
    }

    /**
     * For logs: the method, never the text nor the chat (a chat id is the person's account,
     * and the outbox's log lines would say whom the bot wrote to and when).
     */
    public String describe() {
        return method.getMethod() + (kind == Kind.ANSWER ? "" : " to a chat");
    }
}
