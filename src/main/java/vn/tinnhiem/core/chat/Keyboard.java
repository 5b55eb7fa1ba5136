package vn.tinnhiem.core.chat;

import java.util.List;

/** What a message offers to press, platform-neutral. Zalo renders inline buttons as a numbered menu. */
public sealed interface Keyboard {
    /** No keyboard (and an existing inline keyboard is removed on edit). */
    record None() implements Keyboard {}

    /** Buttons under the message, row by row; data is the callback data (≤ 64 bytes). */
    record Inline(List<List<Button>> rows) implements Keyboard {
        public Inline {
            rows = rows.stream().map(List::copyOf).toList();
        }

        public List<Button> buttons() {
            return rows.stream().flatMap(List::stream).toList();
        }
    }

    /** A one-tap "share my phone number" button in place of the text keyboard. */
    record ContactRequest(String label) implements Keyboard {}

    /** Removes a reply keyboard (such as the contact request) from the chat. */
    record RemoveReply() implements Keyboard {}

    record Button(String label, String data) {
        public Button {
            if (data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > CallbackData.MAX_BYTES) {
                throw new IllegalArgumentException("callback data over " + CallbackData.MAX_BYTES + " bytes");
            }
        }
    }

    Keyboard NONE = new None();
}
