package vn.tinnhiem.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The ballot walk-through as an explicit state machine over {@link Draft}s. States: "rating
 * leader k" (walking in order), "changing leader k" (opened from the review), "review page p"
 * (cursor n). Transitions:
 * <pre>
 *   rating k    --Rate(k, c)--&gt; rating k+1, or review page 0 after the last leader
 *   rating k    --Back(k)-----&gt; rating k-1                     (k &gt; 0)
 *   rating k    --Review(k)---&gt; review page of k
 *   changing k  --Rate(k, c)--&gt; review page of k
 *   changing k  --Back(k)-----&gt; review page of k                (row unchanged)
 *   changing k  --Review(k)---&gt; review page of k                (row unchanged)
 *   review p    --Page(q)-----&gt; review page q
 *   review p    --Change(i)---&gt; changing i                      (choices kept)
 *   review p    --Back(n)-----&gt; rating the first row not chosen, or rating n-1 when all are
 *   review p    --Finish------&gt; confirming p                    (all rows chosen)
 *   confirming p --Submit-----&gt; ready to submit
 *   confirming p --Page(q)----&gt; review page q                    ("Xem lại")
 *   review p    --Submit------&gt; ready to submit when typed (a word, without buttons);
 *                                 from a button: confirming p (never counts)
 *   any screen  --RateAll(cs)-&gt; review page 0 with every row as cs (one per leader)
 * </pre>
 * Anything else is rejected with a reason and leaves the draft as it was. Repeating the
 * last event (a double tap, or an update delivered twice) is accepted and changes nothing
 * when the draft is already where that event led: Rate, Change, Review and Page.
 */
public final class BallotMachine {
    private BallotMachine() {}

    public static BallotStep apply(Draft draft, BallotEvent event) {
        if (event instanceof BallotEvent.Rate rate) {
            return rate(draft, rate.index(), rate.choice());
        }
        if (event instanceof BallotEvent.Back back) {
            return back(draft, back.index());
        }
        if (event instanceof BallotEvent.Change change) {
            return change(draft, change.index());
        }
        if (event instanceof BallotEvent.Review review) {
            return review(draft, review.index());
        }
        if (event instanceof BallotEvent.Page page) {
            return page(draft, page.page());
        }
        if (event instanceof BallotEvent.RateAll all) {
            return rateAll(draft, all.choices());
        }
        if (event instanceof BallotEvent.Finish || event instanceof BallotEvent.Submit) {
            if (!draft.onSummary()) {
                return reject(BallotStep.Reason.NOT_ON_SUMMARY, draft);
            }
            if (!draft.complete()) {
                return reject(BallotStep.Reason.INCOMPLETE, draft);
            }
            boolean confirmed = event instanceof BallotEvent.Submit submit
                    && (draft.confirming() || !submit.needsConfirmation());
            if (confirmed) {
                return new BallotStep.ReadyToSubmit(draft);
            }
            // Finish, or a button's Submit that did not come from the confirmation screen: ask.
            return new BallotStep.Moved(draft.confirming() ? draft : draft.confirmingNow());
        }
        throw new IllegalArgumentException("unknown event " + event.getClass());
    }

    private static BallotStep rateAll(Draft draft, List<Choice> choices) {
        if (choices.size() != draft.size()) {
            return reject(BallotStep.Reason.OUT_OF_RANGE, draft);
        }
        if (draft.onSummary() && draft.page() == 0 && draft.choices().equals(choices)) {
            return new BallotStep.Moved(draft); // the same answer again: where it led already
        }
        return new BallotStep.Moved(draft.reviewAt(0, choices));
    }

    private static BallotStep rate(Draft draft, int k, Choice choice) {
        int n = draft.size();
        if (k < 0 || k >= n) {
            return reject(BallotStep.Reason.OUT_OF_RANGE, draft);
        }
        if (draft.choice(k) == choice && ratedAlready(draft, k)) {
            return new BallotStep.Moved(draft);
        }
        if (draft.cursor() != k) {
            return reject(BallotStep.Reason.STALE, draft);
        }
        List<Choice> choices = new ArrayList<>(draft.choices());
        choices.set(k, choice);
        if (draft.editing()) {
            return new BallotStep.Moved(draft.reviewAt(Draft.pageOf(k), choices));
        }
        return new BallotStep.Moved(k + 1 < n ? draft.with(k + 1, choices) : draft.reviewAt(0, choices));
    }

    /** The draft is where rating leader k led, walking (the next leader, or the review's start) or changing. */
    private static boolean ratedAlready(Draft draft, int k) {
        if (draft.onSummary()) {
            return draft.page() == Draft.pageOf(k) || (k == draft.size() - 1 && draft.page() == 0);
        }
        return draft.cursor() == k + 1 && !draft.editing();
    }

    private static BallotStep back(Draft draft, int k) {
        int n = draft.size();
        if (k < 0 || k > n) {
            return reject(BallotStep.Reason.OUT_OF_RANGE, draft);
        }
        if (draft.cursor() != k) {
            return reject(BallotStep.Reason.STALE, draft);
        }
        if (draft.onSummary()) {
            int next = draft.firstUnchosen();
            return new BallotStep.Moved(draft.with(next < 0 ? n - 1 : next, draft.choices()));
        }
        if (draft.editing()) {
            return new BallotStep.Moved(draft.reviewAt(Draft.pageOf(k), draft.choices()));
        }
        if (k == 0) {
            return reject(BallotStep.Reason.AT_FIRST, draft);
        }
        return new BallotStep.Moved(draft.with(k - 1, draft.choices()));
    }

    private static BallotStep change(Draft draft, int k) {
        if (k < 0 || k >= draft.size()) {
            return reject(BallotStep.Reason.OUT_OF_RANGE, draft);
        }
        if (draft.editing() && draft.cursor() == k) {
            return new BallotStep.Moved(draft);
        }
        if (!draft.onSummary()) {
            return reject(BallotStep.Reason.NOT_ON_SUMMARY, draft);
        }
        return new BallotStep.Moved(draft.editingAt(k));
    }

    private static BallotStep review(Draft draft, int k) {
        if (k < 0 || k >= draft.size()) {
            return reject(BallotStep.Reason.OUT_OF_RANGE, draft);
        }
        if (draft.onSummary() && draft.page() == Draft.pageOf(k)) {
            return new BallotStep.Moved(draft);
        }
        if (draft.cursor() != k) {
            return reject(BallotStep.Reason.STALE, draft);
        }
        return new BallotStep.Moved(draft.reviewAt(Draft.pageOf(k), draft.choices()));
    }

    private static BallotStep page(Draft draft, int p) {
        if (p < 0 || p >= Draft.pages(draft.size())) {
            return reject(BallotStep.Reason.OUT_OF_RANGE, draft);
        }
        if (!draft.onSummary()) {
            return reject(BallotStep.Reason.NOT_ON_SUMMARY, draft);
        }
        if (draft.page() == p && !draft.confirming()) {
            return new BallotStep.Moved(draft);
        }
        return new BallotStep.Moved(draft.reviewAt(p, draft.choices()));
    }

    private static BallotStep reject(BallotStep.Reason reason, Draft draft) {
        return new BallotStep.Rejected(reason, draft);
    }
}
