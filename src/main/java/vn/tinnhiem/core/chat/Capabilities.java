package vn.tinnhiem.core.chat;

/**
 * What a chat platform can do, as its adapter declares it. The flow shapes its replies by
 * these, never by the platform's name: a ballot is buttons where there are buttons and a
 * numbered text menu where there are not; it is edited in place where messages can be
 * edited and sent anew where they cannot.
 *
 * @param buttons         inline buttons under a message, whose press reaches the bot
 * @param edits           the bot can rewrite a message it sent
 * @param toasts          a press can be answered with a short notice (otherwise: a message)
 * @param maxText         longest message text; the adapter splits longer ones
 * @param maxPayloadBytes longest button data (0 without buttons)
 * @param mayWriteFirst   the bot may write to someone who never wrote to it
 * @param sharesContact   a person can share their own phone number with the bot (Telegram's
 *                        contact button); Zalo shares none, so there check-in is by id or code
 * @param files           the bot can send a file (the results' minutes, spreadsheet, chart)
 */
public record Capabilities(boolean buttons, boolean edits, boolean toasts, int maxText, int maxPayloadBytes,
        boolean mayWriteFirst, boolean sharesContact, boolean files) {
    public Capabilities {
        if (maxText < 200) {
            throw new IllegalArgumentException("maxText under 200 cannot hold a ballot screen");
        }
        if (buttons && maxPayloadBytes < CallbackData.MAX_BYTES) {
            throw new IllegalArgumentException("button data of " + CallbackData.MAX_BYTES + " bytes must fit");
        }
    }
}
