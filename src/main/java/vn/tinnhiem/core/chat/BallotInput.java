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
    private final BallotActivity activity;

    BallotInput(VoteRegistry votes, VoteStore store, Codes codes, BallotDelivery delivery, BallotActivity activity) {
        this.votes = votes;
        this.store = store;
        this.codes = codes;
        this.delivery = delivery;
        this.activity = activity;
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
        // One step in the store, one round trip: who pressed, which copy, the guards, the event.
        Outcomes.Press pressed = store.pressBallot(vote.id(), from.key(), press.messageId(), leaderIds(vote), event,
                event instanceof BallotEvent.Submit ? codes.receipt() : null);
        if (pressed instanceof Outcomes.Press.NotParticipant) {
            out.add(new Reply.Answer(from.key(), press.pressId(), m.get("press.notparticipant")));
            return;
        }
        if (pressed instanceof Outcomes.Press.StaleCopy) {
            delivery.copies().refused(vote, press, m, out);
            return;
        }
        Source src = new Source(from, press.messageId(), press.pressId());
        BallotStep step = shown(vote, event, pressed, src, m, out);
        // A repeated Submit was shown the receipt again: that copy is the confirmation.
        if (step instanceof BallotStep.Rejected rejected) {
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
            apply(vote, e.event(), new Source(from, null, null), m, out);
        } else if (typed instanceof TextBallot.Typed.Show) {
            screen(vote, draft, from, null, m, "", out);
        } else if (typed instanceof TextBallot.Typed.NoSuch no) {
            screen(vote, draft, from, null, m, m.get(no.key(), no.given(), no.most()), out);
        } else if (typed instanceof TextBallot.Typed.Unknown) {
            screen(vote, draft, from, null, m, m.get("ballot.text.unknown"), out);
        } else if (typed instanceof TextBallot.Typed.Step) {
            out.add(new Reply.Send(from.key(), TextBallot.step(vote, draft, m, from.can().maxText()).text(),
                    Keyboard.NONE));
        } else if (typed instanceof TextBallot.Typed.Whole) {
            out.add(new Reply.Send(from.key(), TextBallot.whole(vote, m), Keyboard.NONE));
        } else if (typed instanceof TextBallot.Typed.BadRow bad) {
            String why = bad.badDigit() ? m.get("ballot.text.whole.digit")
                    : m.get("ballot.text.whole.count", bad.given(), bad.expected());
            // Said briefly, without the whole ballot again: it is in the chat already.
            out.add(new Reply.Send(from.key(), why, Keyboard.NONE));
        } else {
            throw new IllegalStateException("unhandled typed answer " + typed.getClass());
        }
    }

    // ---- both ----

    /** Applies the event and says what follows. */
    private void apply(VoteDefinition vote, BallotEvent event, Source src, Messages m, List<Reply> out) {
        shown(vote, event, store.pressBallot(vote.id(), src.from().key(), src.messageId(), leaderIds(vote), event,
                event instanceof BallotEvent.Submit ? codes.receipt() : null), src, m, out);
    }

    /**
     * Says what a press that reached the ballot came to; returns the step when the ballot moved or
     * refused the event, null when it was a Submit (shown as its outcome).
     */
    private BallotStep shown(VoteDefinition vote, BallotEvent event, Outcomes.Press pressed, Source src, Messages m,
            List<Reply> out) {
        if (pressed instanceof Outcomes.Press.Submitted submitted) {
            submitted(vote, submitted.personId(), submitted.outcome(), src, m, out);
            return null;
        }
        if (!(pressed instanceof Outcomes.Press.Stepped stepped)) {
            throw new IllegalStateException("unhandled press outcome " + pressed.getClass());
        }
        BallotStep step = stepped.step();
        if (step instanceof BallotStep.Moved moved) {
            if (src.pressed()) {
                activity.moved(src.from().key());
            }
            // A rating is said on the press's answer, so a tap is seen to have counted.
            acknowledge(src, event instanceof BallotEvent.Rate rate ? m.get("ballot.recorded",
                    vote.leaders().get(rate.index()).fullName(), BallotView.choiceLabel(rate.choice(), m)) : "", out);
            screen(vote, moved.draft(), src.from(), src.messageId(), m, "", out);
        } else if (step instanceof BallotStep.Rejected rejected) {
            if (src.pressed()) {
                acknowledge(src, m.get(rejected.reason().messageKey()), out);
            } else if (isFinal(rejected.reason())) {
                // Typed while the vote closed or after voting elsewhere: where the vote stands now.
                delivery.ifOpen(vote, stepped.personId(), src.from().key(), m, out);
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

    /**
     * What a Submit came to. Counted, or counted before (a redelivered update, a double tap, a
     * retry after a lost answer): the receipt, again if need be, since the voter may never have
     * seen the first confirmation; the store left no copy live.
     */
    private void submitted(VoteDefinition vote, String pid, Outcomes.Submit result, Source src, Messages m,
            List<Reply> out) {
        String to = src.from().key();
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

    private static List<String> leaderIds(VoteDefinition vote) {
        return vote.leaders().stream().map(l -> l.id()).toList();
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
