package vn.tinnhiem.core.chat;

import java.util.List;
import java.util.Optional;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * A participant working through their ballot: a button press where the platform has buttons,
 * a typed number or word where it has not ({@link TextBallot}). Both become the same
 * {@link BallotEvent}s for the same store; only the way the next screen is shown differs.
 *
 * <p>Idempotent: a repeated press is a no-op in the ballot machine, and a repeated Submit (a
 * redelivered update, a double tap, "gửi" typed twice) finds the ballot counted and shows the
 * same receipt.
 */
final class BallotInput {
    private final VoteRegistry votes;
    private final VoteStore store;
    private final Codes codes;
    private final BallotDelivery delivery;

    BallotInput(VoteRegistry votes, VoteStore store, Codes codes, BallotDelivery delivery) {
        this.votes = votes;
        this.store = store;
        this.codes = codes;
        this.delivery = delivery;
    }

    /** How the person acted: pressed a button under a message, or typed on a text-only platform. */
    private record Source(Account from, String messageId, String pressId) {
        boolean pressed() {
            return pressId != null;
        }
    }

    // ---- buttons ----

    void press(VoteDefinition vote, BallotEvent event, Inbound.Press press, List<Reply> out) {
        Account from = press.from();
        Messages m = UserLanguages.of(from, vote);
        Optional<String> person = store.personOf(vote.id(), from.key());
        if (person.isEmpty()) {
            out.add(new Reply.Answer(from.key(), press.pressId(), m.get("press.notparticipant")));
            return;
        }
        BallotCopies.Copy copy = delivery.copies().check(vote, person.get(), press, m, out);
        if (copy == BallotCopies.Copy.STALE) {
            return;
        }
        Source src = new Source(from, press.messageId(), press.pressId());
        BallotStep step = apply(vote, person.get(), event, src, m, out);
        if (step instanceof BallotStep.Moved && copy == BallotCopies.Copy.UNRECORDED) {
            delivery.copies().adopt(vote, person.get(), press.messageId());
        }
        // A repeated Submit was shown the receipt again (see apply): that copy is the confirmation.
        if (step instanceof BallotStep.Rejected rejected && !repeatedSubmit(rejected, event)) {
            deadCopy(vote, rejected.reason(), press, m, out);
            if (rejected.reason() == BallotStep.Reason.STALE && press.messageId() != null) {
                // The pressed copy shows an older screen than the draft (say an edit from another
                // replica reached the chat after a newer one): show where the ballot stands, or
                // every later press on it would be refused as well.
                screen(vote, rejected.draft(), from, press.messageId(), m, "", out);
            }
        }
    }

    /** A copy pressed after its participant submitted, or after close, becomes neutral and dead. */
    private static void deadCopy(VoteDefinition vote, BallotStep.Reason reason, Inbound.Press press, Messages m,
            List<Reply> out) {
        String key = switch (reason) {
            case ALREADY_VOTED -> "ballot.copy.voted";
            case CLOSED -> "ballot.closed";
            // The copy stays live: the participant may still press on it.
            case STALE, OUT_OF_RANGE, AT_FIRST, NOT_ON_SUMMARY, INCOMPLETE, NOT_OPEN -> null;
        };
        if (key != null && press.messageId() != null) {
            out.add(new Reply.Edit(press.from().key(), press.messageId(), m.get(key, vote.title()), Keyboard.NONE));
        }
    }

    // ---- typed menu ----

    /** The ballot a typed answer is for: the first open vote where this account has one to fill in. */
    record Target(VoteDefinition vote, String personId) {}

    Optional<Target> inProgress(Account from) {
        for (VoteDefinition vote : votes.all()) {
            Optional<String> person = store.personOf(vote.id(), from.key());
            if (person.isPresent() && store.state(vote.id()) == VoteState.OPEN
                    && store.receiptOf(vote.id(), person.get()).isEmpty()) {
                return Optional.of(new Target(vote, person.get()));
            }
        }
        return Optional.empty();
    }

    void typed(Target target, Account from, String text, List<Reply> out) {
        VoteDefinition vote = target.vote();
        Messages m = UserLanguages.of(from, vote);
        Draft draft = store.draft(vote.id(), target.personId(), vote.leaderCount());
        TextBallot.Typed typed = TextBallot.parse(text, draft);
        if (typed instanceof TextBallot.Typed.Event e) {
            apply(vote, target.personId(), e.event(), new Source(from, null, null), m, out);
        } else if (typed instanceof TextBallot.Typed.Show) {
            screen(vote, draft, from, null, m, "", out);
        } else if (typed instanceof TextBallot.Typed.Unknown) {
            screen(vote, draft, from, null, m, m.get("ballot.text.unknown"), out);
        } else {
            throw new IllegalStateException("unhandled typed answer " + typed.getClass());
        }
    }

    // ---- both ----

    /** Applies the event and says what follows; returns the machine's step. */
    private BallotStep apply(VoteDefinition vote, String pid, BallotEvent event, Source src, Messages m,
            List<Reply> out) {
        BallotStep step = store.press(vote.id(), pid, vote.leaderCount(), event);
        if (step instanceof BallotStep.Moved moved) {
            acknowledge(src, "", out);
            screen(vote, moved.draft(), src.from(), src.messageId(), m, "", out);
        } else if (step instanceof BallotStep.ReadyToSubmit) {
            submit(vote, pid, src, m, out);
        } else if (step instanceof BallotStep.Rejected rejected) {
            if (repeatedSubmit(rejected, event)) {
                // A repeated Submit (redelivered, double-tapped, or retried after a lost answer)
                // must show the receipt again: the voter may never have seen the first
                // confirmation. The submit script finds the ballot counted and changes nothing.
                submit(vote, pid, src, m, out);
            } else if (src.pressed()) {
                acknowledge(src, m.get(rejected.reason().messageKey()), out);
            } else if (isFinal(rejected.reason())) {
                // Typed while the vote closed or after voting elsewhere: where the vote stands now.
                delivery.ifOpen(vote, pid, src.from().key(), m, out);
            } else {
                // Typed: say why, with the screen the ballot is on, so the voter knows what to type.
                screen(vote, rejected.draft(), src.from(), null, m, m.get(rejected.reason().messageKey()), out);
            }
        } else {
            throw new IllegalStateException("unhandled ballot step " + step.getClass());
        }
        return step;
    }

    /** The draft's screen; {@code notice} (may be empty) goes first, in the same message when typed. */
    private void screen(VoteDefinition vote, Draft draft, Account to, String messageId, Messages m, String notice,
            List<Reply> out) {
        BallotView.Rendered r = BallotDelivery.render(vote, draft, m, to.can());
        if (!notice.isEmpty()) {
            r = new BallotView.Rendered(notice + "\n\n" + r.text(), r.keyboard());
        }
        delivery.show(to.key(), messageId, r, out);
    }

    private void submit(VoteDefinition vote, String pid, Source src, Messages m, List<Reply> out) {
        String to = src.from().key();
        List<String> leaderIds = vote.leaders().stream().map(l -> l.id()).toList();
        Outcomes.Submit result = store.submit(vote.id(), pid, leaderIds, codes.receipt());
        if (result instanceof Outcomes.Submit.Accepted || result instanceof Outcomes.Submit.AlreadyVoted) {
            delivery.copies().submitted(vote, pid); // no copy stays live
        }
        if (result instanceof Outcomes.Submit.Accepted accepted) {
            acknowledge(src, m.get("ballot.submitted"), out);
            delivery.show(to, src.messageId(), BallotView.confirmation(vote, accepted.receipt(), m), out);
        } else if (result instanceof Outcomes.Submit.AlreadyVoted already) {
            acknowledge(src, m.get("ballot.rejected.already_voted"), out);
            delivery.show(to, src.messageId(), BallotView.confirmation(vote, already.receipt(), m), out);
        } else if (result instanceof Outcomes.Submit.Incomplete) {
            if (src.pressed()) {
                acknowledge(src, m.get("ballot.rejected.incomplete"), out);
            } else {
                screen(vote, store.draft(vote.id(), pid, vote.leaderCount()), src.from(), null, m,
                        m.get("ballot.rejected.incomplete"), out);
            }
        } else if (result instanceof Outcomes.Submit.NotOpen notOpen) {
            boolean closed = notOpen.state() == VoteState.CLOSED;
            acknowledge(src, m.get(closed ? "ballot.rejected.closed" : "ballot.rejected.not_open"), out);
            if (closed) {
                delivery.show(to, src.messageId(), new BallotView.Rendered(m.get("ballot.lostrace", vote.title()),
                        Keyboard.NONE), out);
            } else if (!src.pressed()) {
                out.add(new Reply.Send(to, m.get("ballot.rejected.not_open"), Keyboard.NONE));
            }
        } else {
            throw new IllegalStateException("unhandled submit outcome " + result.getClass());
        }
    }

    private static boolean repeatedSubmit(BallotStep.Rejected rejected, BallotEvent event) {
        return rejected.reason() == BallotStep.Reason.ALREADY_VOTED && event instanceof BallotEvent.Submit;
    }

    private static boolean isFinal(BallotStep.Reason reason) {
        return reason == BallotStep.Reason.ALREADY_VOTED || reason == BallotStep.Reason.NOT_OPEN
                || reason == BallotStep.Reason.CLOSED;
    }

    /** A press is always answered (the platform shows a spinner until it is); typed text needs no answer. */
    private static void acknowledge(Source src, String text, List<Reply> out) {
        if (src.pressed()) {
            out.add(new Reply.Answer(src.from().key(), src.pressId(), text));
        }
    }
}
