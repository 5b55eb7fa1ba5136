package vn.tinnhiem.core.chat;

import java.util.List;
import java.util.Optional;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * Sending a participant their ballot, shaped for their platform: buttons where it has
 * buttons, the numbered text menu where it has not; edited in place where it can edit, a new
 * message where it cannot. Shared by check-in, the ballot itself and the staff commands
 * (/open, /remind), which never call each other.
 */
final class BallotDelivery {
    private final VoteStore store;
    private final Platforms platforms;
    private final BallotCopies copies;

    BallotDelivery(VoteStore store, Platforms platforms, BallotCopies copies) {
        this.store = store;
        this.platforms = platforms;
        this.copies = copies;
    }

    BallotCopies copies() {
        return copies;
    }

    /** Where the vote stands for this participant: not yet open, their ballot, their receipt, or closed. */
    void ifOpen(VoteDefinition vote, String personId, String account, Messages m, List<Reply> out) {
        VoteState state = store.state(vote.id());
        if (state == VoteState.DRAFT) {
            out.add(new Reply.Send(account, m.get("ballot.notyet", vote.title()), Keyboard.NONE));
        } else if (state == VoteState.CLOSED) {
            out.add(new Reply.Send(account, m.get("ballot.closed", vote.title()), Keyboard.NONE));
        } else {
            current(vote, personId, account, m, out);
        }
    }

    /** On an open vote: the ballot where it stands, or the receipt again if already submitted. */
    void current(VoteDefinition vote, String personId, String account, Messages m, List<Reply> out) {
        Optional<String> receipt = store.receiptOf(vote.id(), personId);
        if (receipt.isPresent()) {
            // Voted already: show the receipt again, in case the confirmation never arrived.
            out.add(new Reply.Send(account, m.get("ballot.already", vote.title(), receipt.get()), Keyboard.NONE));
        } else {
            Draft draft = store.draft(vote.id(), personId, vote.leaderCount());
            intro(vote, draft, account, m, out);
            draft(vote, personId, account, draft, m, out);
        }
    }

    /**
     * Before a ballot nobody has touched yet, on a platform with buttons: one short message, how
     * many leaders, how to vote, and that the ballot is secret. (Zalo's whole-ballot message
     * carries its own.)
     */
    private void intro(VoteDefinition vote, Draft draft, String account, Messages m, List<Reply> out) {
        if (draft.version() == 0 && can(account).buttons()) {
            out.add(new Reply.Send(account, m.get("ballot.intro", vote.title(), vote.leaderCount()), Keyboard.NONE));
        }
    }

    /**
     * The same for a participant who just checked in, from what the store's check-in step
     * returned ({@link VoteStore#arrive}) on an open vote: nothing read again. The copy record
     * was reserved in that step when {@link #freshCopies} said so.
     */
    void arrived(VoteDefinition vote, Outcomes.Arrival.Welcome arrival, String account, Messages m,
            List<Reply> out) {
        if (arrival.receipt() != null) {
            out.add(new Reply.Send(account, m.get("ballot.already", vote.title(), arrival.receipt()), Keyboard.NONE));
            return;
        }
        Capabilities can = can(account);
        intro(vote, arrival.draft(), account, m, out);
        BallotView.Rendered r = render(vote, arrival.draft(), m, can);
        if (can.edits()) {
            copies.sendReserved(vote, account, r, m, arrival.replacedCopy(), out);
        } else {
            out.add(new Reply.Send(account, r.text(), r.keyboard()));
        }
    }

    /**
     * Whether a ballot sent to {@code account} goes out as a fresh copy whose record the store
     * must reserve first ({@link BallotCopies}): where the platform edits messages.
     */
    boolean freshCopies(String account) {
        return can(account).edits();
    }

    /**
     * The participant's unsubmitted ballot as a new message, where it stands now. Where messages
     * are edited in place the older copy is retired ({@link BallotCopies}); a text menu has no
     * live copy to retire: only its latest screen is answered.
     */
    void draft(VoteDefinition vote, String personId, String account, Messages m, List<Reply> out) {
        draft(vote, personId, account, store.draft(vote.id(), personId, vote.leaderCount()), m, out);
    }

    private void draft(VoteDefinition vote, String personId, String account, Draft draft, Messages m,
            List<Reply> out) {
        Capabilities can = can(account);
        BallotView.Rendered r = render(vote, draft, m, can);
        if (can.edits()) {
            copies.send(vote, personId, account, r, m, out);
        } else {
            out.add(new Reply.Send(account, r.text(), r.keyboard()));
        }
    }

    /**
     * A reminder where messages cannot be edited (each message counts against a quota): the
     * nudge with the ballot where it stands, in one message when both fit, otherwise
     * {@code alone}, which says how to see the ballot again.
     */
    void reminder(VoteDefinition vote, String personId, String account, Messages m, String nudge, String alone,
            List<Reply> out) {
        Capabilities can = can(account);
        String ballot = render(vote, store.draft(vote.id(), personId, vote.leaderCount()), m, can).text();
        String both = nudge + "\n\n" + ballot;
        out.add(new Reply.Send(account, both.length() <= can.maxText() ? both : alone, Keyboard.NONE));
    }

    static BallotView.Rendered render(VoteDefinition vote, Draft draft, Messages m, Capabilities can) {
        return can.buttons() ? BallotView.render(vote, draft, m) : TextBallot.render(vote, draft, m, can.maxText());
    }

    /**
     * Shows {@code r} to {@code account}: rewrites message {@code messageId} where the platform
     * edits (and there is one), otherwise sends it as a new message.
     */
    void show(String account, String messageId, BallotView.Rendered r, List<Reply> out) {
        if (messageId != null && can(account).edits()) {
            out.add(new Reply.Edit(account, messageId, r.text(), r.keyboard()));
        } else {
            out.add(new Reply.Send(account, r.text(), r.keyboard()));
        }
    }

    Capabilities can(String account) {
        return platforms.of(account).orElseThrow(() -> new IllegalStateException(
                "no adapter for " + platforms.nameOf(account) + " is running")).capabilities();
    }
}
