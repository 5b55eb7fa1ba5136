package vn.tinnhiem.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The ballot walk-through as an explicit state machine. States are {@link Draft}s: "rating
 * leader k" for cursor k, "summary" for cursor n. Transitions:
 * <pre>
 *   rating k --Rate(k, c)--> rating k+1 (or summary after the last leader)
 *   rating k --Back(k)-----> rating k-1          (k &gt; 0)
 *   summary  --Back(n)-----> rating n-1
 *   summary  --Change(i)---> rating i            (choices kept)
 *   summary  --Submit------> ready to submit     (all rows chosen)
 * </pre>
 * Anything else is rejected with a reason and leaves the draft as it was. Repeating the
 * last Rate (a double tap, or an update delivered twice) is accepted and changes nothing.
 */
public final class BallotMachine {
    private BallotMachine() {}

    public static BallotStep apply(Draft draft, BallotEvent event) {
        int n = draft.size();
        if (event instanceof BallotEvent.Rate rate) {
            int k = rate.index();
            if (k < 0 || k >= n) {
                return reject(BallotStep.Reason.OUT_OF_RANGE, draft);
            }
            if (draft.cursor() == k + 1 && draft.choice(k) == rate.choice()) {
                return new BallotStep.Moved(draft);
            }
            if (draft.cursor() != k) {
                return reject(BallotStep.Reason.STALE, draft);
            }
            List<Choice> choices = new ArrayList<>(draft.choices());
            choices.set(k, rate.choice());
            return new BallotStep.Moved(draft.with(k + 1, choices));
        }
        if (event instanceof BallotEvent.Back back) {
            int k = back.index();
            if (k < 0 || k > n) {
                return reject(BallotStep.Reason.OUT_OF_RANGE, draft);
            }
            if (draft.cursor() != k) {
                return reject(BallotStep.Reason.STALE, draft);
            }
            if (k == 0) {
                return reject(BallotStep.Reason.AT_FIRST, draft);
            }
            return new BallotStep.Moved(draft.with(k - 1, draft.choices()));
        }
        if (event instanceof BallotEvent.Change change) {
            int k = change.index();
            if (k < 0 || k >= n) {
                return reject(BallotStep.Reason.OUT_OF_RANGE, draft);
            }
            if (!draft.onSummary()) {
                return reject(BallotStep.Reason.NOT_ON_SUMMARY, draft);
            }
            return new BallotStep.Moved(draft.with(k, draft.choices()));
        }
        if (event instanceof BallotEvent.Submit) {
            if (!draft.onSummary()) {
                return reject(BallotStep.Reason.NOT_ON_SUMMARY, draft);
            }
            if (!draft.complete()) {
                return reject(BallotStep.Reason.INCOMPLETE, draft);
            }
            return new BallotStep.ReadyToSubmit(draft);
        }
        throw new IllegalArgumentException("unknown event " + event.getClass());
    }

    private static BallotStep reject(BallotStep.Reason reason, Draft draft) {
        return new BallotStep.Rejected(reason, draft);
    }
}
