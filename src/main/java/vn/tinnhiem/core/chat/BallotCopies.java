package vn.tinnhiem.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import vn.tinnhiem.core.BallotCopy;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;

/**
 * One live ballot message per participant (SPEC 4: "Only one ballot message per participant
 * is live at a time; after Submit every copy the bot sent is neutral (no choices) and dead").
 *
 * <p>A chat message's id is known only once the platform has accepted it, so the flow and
 * the adapter share the work. When the flow sends a fresh copy it retires the live one (an
 * edit to a neutral line without choices or buttons) and records that no copy is live yet,
 * keeping the ids of the copies it retired; the adapter then reports the id the platform gave
 * the new copy ({@link #delivered}), which becomes the live copy and retires whatever copy was
 * recorded meanwhile. A press on any other copy is refused and retires that copy: the store
 * checks the pressed copy in the same atomic step as the press ({@link VoteStore#pressBallot}),
 * and {@link #refused} answers it.
 *
 * <p>Crashes: a copy sent but never reported (a {@code kill -9} between the platform's
 * answer and the record) is recorded by its first accepted press (in the store's press); a press
 * on a retired copy is still refused, because retired ids are kept until a live copy is
 * recorded. The store keeps message ids only, never choices.
 *
 * <p>Stored per participant ({@link BallotCopy}): the live copy's id, or {@value #RETIRED} followed
 * by the ids of the last {@value #KEEP_RETIRED} copies retired since (space-separated) when no
 * live copy is recorded yet.
 */
final class BallotCopies {
    static final String RETIRED = BallotCopy.RETIRED;
    static final int KEEP_RETIRED = BallotCopy.KEEP_RETIRED;

    private final VoteRegistry votes;
    private final VoteStore store;
    private final BiFunction<String, VoteDefinition, Messages> languages;

    BallotCopies(VoteRegistry votes, VoteStore store, BiFunction<String, VoteDefinition, Messages> languages) {
        this.votes = votes;
        this.store = store;
        this.languages = languages;
    }

    /** Sends a fresh copy of the ballot, retiring the live one. */
    void send(VoteDefinition vote, String personId, String account, BallotView.Rendered ballot, Messages m,
            List<Reply> out) {
        Optional<String> live = store.ballotMessage(vote.id(), personId);
        store.swapBallotMessage(vote.id(), personId, BallotCopy.reserve(live.orElse(null)));
        sendReserved(vote, account, ballot, m, live.orElse(null), out);
    }

    /**
     * Sends a fresh copy of the ballot once the store has reserved its record
     * ({@link BallotCopy#reserve} of {@code replaced}, the record before: null if none), retiring
     * the live copy that record named.
     */
    void sendReserved(VoteDefinition vote, String account, BallotView.Rendered ballot, Messages m, String replaced,
            List<Reply> out) {
        if (replaced != null && !replaced.startsWith(RETIRED)) {
            out.add(retired(account, replaced, vote, m));
        }
        out.add(new Reply.Send(account, ballot.text(), ballot.keyboard()));
    }

    /**
     * The platform accepted message {@code messageId} with {@code keyboard} for {@code account}.
     * If it is a ballot, it becomes the participant's live copy; returns the edits that retire
     * the copy it replaces, or the new copy itself when the participant can no longer vote
     * (submitted or closed while it was on its way). One step in the store
     * ({@link VoteStore#recordBallotCopy}).
     */
    List<Reply> delivered(String account, Keyboard keyboard, String messageId) {
        Optional<VoteDefinition> vote = ballotOf(keyboard);
        if (vote.isEmpty() || messageId == null) {
            return List.of();
        }
        VoteDefinition v = vote.get();
        Outcomes.CopyReport report = store.recordBallotCopy(v.id(), account, messageId);
        if (report instanceof Outcomes.CopyReport.NotParticipant) {
            return List.of();
        }
        Messages m = languages.apply(account, v);
        List<Reply> out = new ArrayList<>();
        if (report instanceof Outcomes.CopyReport.Live live) {
            String old = live.replaced();
            if (old != null && !old.equals(messageId) && !old.startsWith(RETIRED)) {
                out.add(retired(account, old, v, m));
            }
            return out;
        }
        boolean voted = report instanceof Outcomes.CopyReport.Voted;
        out.add(new Reply.Edit(account, messageId, m.get(voted ? "ballot.copy.voted" : "ballot.closed",
                v.title()), Keyboard.NONE));
        return out;
    }

    /**
     * A press on a copy that is not the live one ({@link BallotCopy.Check#STALE}, found by the
     * store in the same step as the press): answered, and the copy retired.
     */
    void refused(VoteDefinition vote, Inbound.Press press, Messages m, List<Reply> out) {
        out.add(new Reply.Answer(press.from().key(), press.pressId(), m.get("ballot.rejected.stale")));
        if (press.messageId() != null) {
            out.add(retired(press.from().key(), press.messageId(), vote, m));
        }
    }

    /** At close: every live copy becomes the neutral "voting has closed" line, without buttons. */
    void closeAll(VoteDefinition vote, List<Reply> out) {
        Map<String, String> live = store.ballotMessages(vote.id());
        if (live.isEmpty()) {
            return;
        }
        Map<String, String> accounts = store.checkedIn(vote.id());
        // In roster order: the store's own order of fields carries nothing worth repeating.
        for (var p : vote.roster()) {
            String messageId = live.get(p.id());
            if (messageId == null) {
                continue;
            }
            if (messageId.startsWith(RETIRED)) {
                store.swapBallotMessage(vote.id(), p.id(), null); // retired already; a lost report stays lost
                continue;
            }
            String account = accounts.get(p.id());
            if (account != null) {
                out.add(new Reply.Edit(account, messageId, languages.apply(account, vote).get("ballot.closed",
                        vote.title()), Keyboard.NONE));
            }
            store.swapBallotMessage(vote.id(), p.id(), null);
        }
    }

    /** A copy that is no longer live: a neutral line, no choices, no buttons. */
    Reply retired(String account, String messageId, VoteDefinition vote, Messages m) {
        return new Reply.Edit(account, messageId, m.get("ballot.copy.retired", vote.title()), Keyboard.NONE);
    }

    /** The vote a keyboard's ballot buttons belong to; empty for any other keyboard. */
    private Optional<VoteDefinition> ballotOf(Keyboard keyboard) {
        if (!(keyboard instanceof Keyboard.Inline inline)) {
            return Optional.empty();
        }
        for (Keyboard.Button b : inline.buttons()) {
            Optional<CallbackData.Parsed> parsed = CallbackData.parse(b.data());
            if (parsed.isPresent() && parsed.get() instanceof CallbackData.Ballot ballot) {
                return votes.byId(ballot.voteId());
            }
        }
        return Optional.empty();
    }
}
