package vn.tinnhiem.core.chat;

import java.util.List;
import java.util.Locale;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * {@code /kiemtra MÃ} ({@code /receipt CODE}): is this receipt in the list published with the
 * results? SPEC 4: "The list of receipt codes (without choices) is published with the results,
 * so any voter can check that their ballot was counted." The answer is yes or no and the
 * vote's title; it says nothing about who holds a code, and the list is only consulted once
 * a vote is closed.
 */
final class ReceiptCheck {
    private final VoteRegistry votes;
    private final VoteStore store;

    ReceiptCheck(VoteRegistry votes, VoteStore store) {
        this.votes = votes;
        this.store = store;
    }

    /** Upper case, without spaces, dashes, dots or underscores: "k7q2m 9xd3f" is "K7Q2M9XD3F". */
    static String normalise(String typed) {
        return typed.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-_.–—]", "");
    }

    void check(Account from, List<String> args, Messages m, List<Reply> out) {
        String typed = String.join(" ", args).strip();
        String wanted = normalise(typed);
        if (wanted.isEmpty()) {
            out.add(new Reply.Send(from.key(), m.get("receipt.usage", m.get("receipt.command")), Keyboard.NONE));
            return;
        }
        String shown = typed.length() <= 40 ? typed : typed.substring(0, 39) + "…";
        boolean anyClosed = false;
        for (VoteDefinition vote : votes.all()) {
            if (store.state(vote.id()) != VoteState.CLOSED) {
                continue;
            }
            anyClosed = true;
            if (store.receipts(vote.id()).stream().map(ReceiptCheck::normalise).anyMatch(wanted::equals)) {
                out.add(new Reply.Send(from.key(), m.get("receipt.found", shown, vote.title()), Keyboard.NONE));
                return;
            }
        }
        out.add(new Reply.Send(from.key(), m.get(anyClosed ? "receipt.notfound" : "receipt.notyet", shown),
                Keyboard.NONE));
    }
}
