package vn.tinnhiem.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BallotMachineTest {
    private static final Choice H = Choice.HIGH;
    private static final Choice M = Choice.MEDIUM;
    private static final Choice L = Choice.LOW;
    private static final Choice B = Choice.BLANK;

    // ---- transitions ----

    @Test
    void rateRecordsTheChoiceAndShowsTheNextLeader() {
        Draft after = moved(Draft.empty(3), new BallotEvent.Rate(0, H));

        assertEquals(1, after.cursor());
        assertEquals(Arrays.asList(H, null, null), after.choices());
        assertEquals(1, after.version());
    }

    @Test
    void rateAllChoosesEveryRowAndShowsTheReviewFromAnyScreen() {
        for (String from : List.of("0:---", "1:H--", "3:HML", "1e:HML")) {
            Draft after = moved(draft(from), new BallotEvent.RateAll(List.of(L, B, H)));
            assertEquals("3:LBH", after.encode(), "from " + from);
        }
        Draft review = draft("3:LBH");
        assertSame(review, moved(review, new BallotEvent.RateAll(List.of(L, B, H))), "the same answer again: no change");
        BallotStep wrong = BallotMachine.apply(draft("0:---"), new BallotEvent.RateAll(List.of(L, B)));
        assertEquals(BallotStep.Reason.OUT_OF_RANGE, ((BallotStep.Rejected) wrong).reason(), "a row per leader or nothing");
    }

    @Test
    void ratingTheLastLeaderShowsTheSummary() {
        Draft after = moved(draft("2:HM-"), new BallotEvent.Rate(2, L));

        assertTrue(after.onSummary());
        assertTrue(after.complete());
    }

    @Test
    void leavingARowBlankMovesOnLikeAnyChoice() {
        Draft after = moved(draft("1:H--"), new BallotEvent.Rate(1, B));

        assertEquals(2, after.cursor());
        assertEquals(B, after.choice(1));
    }

    @Test
    void backShowsThePreviousLeaderAndKeepsChoices() {
        Draft after = moved(draft("2:HM-"), new BallotEvent.Back(2));

        assertEquals(1, after.cursor());
        assertEquals(Arrays.asList(H, M, null), after.choices());
    }

    @Test
    void backFromTheSummaryShowsTheLastLeader() {
        Draft after = moved(draft("3:HML"), new BallotEvent.Back(3));

        assertEquals(2, after.cursor());
        assertEquals(List.of(H, M, L), after.choices());
    }

    @Test
    void changeFromTheReviewOpensThatLeaderForEditingAndKeepsEveryChoice() {
        Draft after = moved(draft("3:HML"), new BallotEvent.Change(0));

        assertEquals(0, after.cursor());
        assertTrue(after.editing());
        assertEquals(List.of(H, M, L), after.choices());
    }

    @Test
    void aChangedRowReturnsToTheReviewPageHoldingIt() {
        Draft review = draft("20/1:" + "H".repeat(20));
        Draft changing = moved(review, new BallotEvent.Change(2));
        Draft after = moved(changing, new BallotEvent.Rate(2, L));

        assertTrue(after.onSummary());
        assertFalse(after.editing());
        assertEquals(0, after.page(), "row 3 is on the first page");
        assertEquals(L, after.choice(2));
        assertEquals(19, after.choices().stream().filter(c -> c == H).count(), "the other rows are kept");

        Draft row15 = moved(moved(after, new BallotEvent.Change(14)), new BallotEvent.Rate(14, B));
        assertEquals(1, row15.page(), "row 15 is on the second page");
    }

    @Test
    void backFromAChangedRowReturnsToTheReviewWithTheRowUnchanged() {
        Draft changing = moved(draft("12/1:" + "HHHHHHHHHHHM"), new BallotEvent.Change(11));

        Draft after = moved(changing, new BallotEvent.Back(11));

        assertTrue(after.onSummary());
        assertEquals(1, after.page());
        assertEquals(M, after.choice(11));
        Draft first = moved(moved(after, new BallotEvent.Change(0)), new BallotEvent.Back(0));
        assertEquals(0, first.page(), "back from the first leader's edit is the review, not 'at first'");
    }

    @Test
    void reviewFromALeaderShowsThePageHoldingThatRow() {
        Draft walking = draft("23:" + "H".repeat(23) + "-".repeat(21));

        Draft after = moved(walking, new BallotEvent.Review(23));

        assertTrue(after.onSummary());
        assertEquals(2, after.page());
        assertEquals(walking.choices(), after.choices());
    }

    @Test
    void reviewFromAChangedRowReturnsToTheReviewUnchanged() {
        Draft changing = moved(draft("3:HML"), new BallotEvent.Change(1));

        Draft after = moved(changing, new BallotEvent.Review(1));

        assertTrue(after.onSummary());
        assertEquals(List.of(H, M, L), after.choices());
    }

    @Test
    void pageShowsAnotherPageOfTheReview() {
        Draft review = draft("44:" + "H".repeat(44));

        Draft last = moved(review, new BallotEvent.Page(4));
        Draft first = moved(last, new BallotEvent.Page(0));

        assertEquals(4, last.page());
        assertEquals(0, first.page());
        assertTrue(first.onSummary() && last.onSummary());
        assertEquals(review.version() + 2, first.version());
    }

    @Test
    void backFromAnIncompleteReviewGoesOnAtTheFirstRowNotChosen() {
        Draft after = moved(draft("5:HH-L-"), new BallotEvent.Back(5));

        assertEquals(2, after.cursor());
        assertFalse(after.editing());
        assertEquals(Arrays.asList(H, H, null, L, null), after.choices());
    }

    @Test
    void walkingOnAfterBackFromTheReviewRatesInOrder() {
        Draft walking = moved(draft("3:H-L"), new BallotEvent.Back(3));
        Draft after = moved(walking, new BallotEvent.Rate(1, M));

        assertEquals(2, after.cursor(), "walking, not changing: the next leader follows");
        assertFalse(after.editing());
    }

    @Test
    void reachingTheReviewAfterTheLastLeaderShowsItsFirstPage() {
        Draft after = moved(draft("43:" + "H".repeat(43) + "-"), new BallotEvent.Rate(43, M));

        assertTrue(after.onSummary());
        assertEquals(0, after.page());
    }

    @Test
    void submitOnACompleteSummaryIsReadyToSubmitWithTheSameDraft() {
        Draft summary = draft("3:HBL");

        BallotStep step = BallotMachine.apply(summary, new BallotEvent.Submit());

        assertSame(summary, assertInstanceOf(BallotStep.ReadyToSubmit.class, step).draft());
    }

    @Test
    void repeatedRateIsANoOp() {
        Draft once = moved(Draft.empty(3), new BallotEvent.Rate(0, H));

        BallotStep again = BallotMachine.apply(once, new BallotEvent.Rate(0, H));

        assertSame(once, assertInstanceOf(BallotStep.Moved.class, again).draft());
    }

    @Test
    void repeatedRateOfTheLastLeaderOrOfAChangedRowIsANoOp() {
        Draft summary = moved(draft("2:HM-"), new BallotEvent.Rate(2, L));
        assertSame(summary, moved(summary, new BallotEvent.Rate(2, L)));

        Draft changed = moved(moved(draft("20/1:" + "H".repeat(20)), new BallotEvent.Change(4)),
                new BallotEvent.Rate(4, B));
        assertSame(changed, moved(changed, new BallotEvent.Rate(4, B)));
    }

    @Test
    void repeatedChangeReviewAndPageAreNoOps() {
        Draft changing = moved(draft("3:HML"), new BallotEvent.Change(1));
        assertSame(changing, moved(changing, new BallotEvent.Change(1)));

        Draft review = moved(draft("23:" + "H".repeat(23) + "-".repeat(21)), new BallotEvent.Review(23));
        assertSame(review, moved(review, new BallotEvent.Review(23)));

        Draft page = moved(review, new BallotEvent.Page(3));
        assertSame(page, moved(page, new BallotEvent.Page(3)));
    }

    // ---- rejections leave the draft exactly as it was ----

    @Test
    void rateOnAStaleMessageIsRejected() {
        rejected(draft("2:HM-"), new BallotEvent.Rate(0, L), BallotStep.Reason.STALE);
        rejected(draft("0:---"), new BallotEvent.Rate(1, L), BallotStep.Reason.STALE);
    }

    @Test
    void repeatWithAnotherChoiceIsStaleNotAChange() {
        rejected(draft("1:H--"), new BallotEvent.Rate(0, L), BallotStep.Reason.STALE);
    }

    @Test
    void rateOutsideTheBallotIsRejected() {
        rejected(draft("0:---"), new BallotEvent.Rate(-1, H), BallotStep.Reason.OUT_OF_RANGE);
        rejected(draft("3:HML"), new BallotEvent.Rate(3, H), BallotStep.Reason.OUT_OF_RANGE);
    }

    @Test
    void backOnTheFirstLeaderIsRejected() {
        rejected(draft("0:---"), new BallotEvent.Back(0), BallotStep.Reason.AT_FIRST);
    }

    @Test
    void backOnAStaleMessageIsRejected() {
        rejected(draft("2:HM-"), new BallotEvent.Back(1), BallotStep.Reason.STALE);
    }

    @Test
    void backOutsideTheBallotIsRejected() {
        rejected(draft("2:HM-"), new BallotEvent.Back(4), BallotStep.Reason.OUT_OF_RANGE);
        rejected(draft("2:HM-"), new BallotEvent.Back(-1), BallotStep.Reason.OUT_OF_RANGE);
    }

    @Test
    void changeAwayFromTheSummaryIsRejected() {
        rejected(draft("1:H--"), new BallotEvent.Change(0), BallotStep.Reason.NOT_ON_SUMMARY);
        rejected(draft("0e:HML"), new BallotEvent.Change(1), BallotStep.Reason.NOT_ON_SUMMARY);
    }

    @Test
    void changeOutsideTheBallotIsRejected() {
        rejected(draft("3:HML"), new BallotEvent.Change(3), BallotStep.Reason.OUT_OF_RANGE);
        rejected(draft("3:HML"), new BallotEvent.Change(-1), BallotStep.Reason.OUT_OF_RANGE);
    }

    @Test
    void aRateOnAnotherLeaderWhileChangingARowIsStale() {
        rejected(draft("1e:HML"), new BallotEvent.Rate(2, H), BallotStep.Reason.STALE);
        rejected(draft("1e:HML"), new BallotEvent.Rate(0, L), BallotStep.Reason.STALE);
    }

    @Test
    void backOnAStaleMessageWhileChangingOrOnTheReviewIsRejected() {
        rejected(draft("1e:HML"), new BallotEvent.Back(2), BallotStep.Reason.STALE);
        rejected(draft("3:HML"), new BallotEvent.Back(2), BallotStep.Reason.STALE);
    }

    @Test
    void reviewFromAnotherLeaderThanShownIsStale() {
        rejected(draft("2:HM-"), new BallotEvent.Review(1), BallotStep.Reason.STALE);
        rejected(draft("1e:HML"), new BallotEvent.Review(0), BallotStep.Reason.STALE);
        // On the review already, but another page than the one that leader's press opens.
        rejected(draft("44/2:" + "H".repeat(44)), new BallotEvent.Review(3), BallotStep.Reason.STALE);
    }

    @Test
    void reviewOutsideTheBallotIsRejected() {
        rejected(draft("2:HM-"), new BallotEvent.Review(3), BallotStep.Reason.OUT_OF_RANGE);
        rejected(draft("2:HM-"), new BallotEvent.Review(-1), BallotStep.Reason.OUT_OF_RANGE);
    }

    @Test
    void pageAwayFromTheReviewIsRejected() {
        rejected(draft("11:HHHHHHHHHHH-"), new BallotEvent.Page(1), BallotStep.Reason.NOT_ON_SUMMARY);
        rejected(draft("3e:HHHHHHHHHHHH"), new BallotEvent.Page(0), BallotStep.Reason.NOT_ON_SUMMARY);
    }

    @Test
    void aPageTheReviewDoesNotHaveIsRejected() {
        rejected(draft("12:HHHHHHHHHHHH"), new BallotEvent.Page(2), BallotStep.Reason.OUT_OF_RANGE);
        rejected(draft("12:HHHHHHHHHHHH"), new BallotEvent.Page(-1), BallotStep.Reason.OUT_OF_RANGE);
        rejected(draft("3:HML"), new BallotEvent.Page(1), BallotStep.Reason.OUT_OF_RANGE);
    }

    @Test
    void submitWhileChangingARowIsRejected() {
        rejected(draft("1e:HML"), new BallotEvent.Submit(), BallotStep.Reason.NOT_ON_SUMMARY);
    }

    @Test
    void submitAwayFromTheSummaryIsRejected() {
        rejected(draft("2:HM-"), new BallotEvent.Submit(), BallotStep.Reason.NOT_ON_SUMMARY);
        rejected(draft("0:HML"), new BallotEvent.Submit(), BallotStep.Reason.NOT_ON_SUMMARY);
    }

    @Test
    void submitWithARowNotChosenIsRejected() {
        rejected(draft("3:H-L"), new BallotEvent.Submit(), BallotStep.Reason.INCOMPLETE);
    }

    @Test
    void rejectionReasonsMapToMessageKeys() {
        assertEquals("ballot.rejected.not_on_summary", BallotStep.Reason.NOT_ON_SUMMARY.messageKey());
    }

    // ---- the draft itself ----

    @Test
    void draftEncodingRoundTrips() {
        for (String text : List.of("0:", "0:---", "1:H--", "2:HB-", "3:HML", "1:-B-", "0e:HML", "2e:HB-",
                "12/1:HHHHHHHHHHH-", "100/9:" + "L".repeat(100))) {
            Draft d = Draft.decode(text, 7);
            assertEquals(text, d.encode());
            assertEquals(d, Draft.decode(d.encode(), d.version()));
            assertEquals(7, d.version());
        }
    }

    @Test
    void malformedDraftTextIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Draft.decode("HML", 0));
        assertThrows(IllegalArgumentException.class, () -> Draft.decode("4:HML", 0));
        assertThrows(IllegalArgumentException.class, () -> Draft.decode("1:HXL", 0));
        assertThrows(IllegalArgumentException.class, () -> Draft.decode("3e:HML", 0), "editing the review");
        assertThrows(IllegalArgumentException.class, () -> Draft.decode("3/1:HML", 0), "a page it does not have");
        assertThrows(IllegalArgumentException.class, () -> Draft.decode("1/1:HHHHHHHHHHHH", 0), "a page off the review");
        assertThrows(IllegalArgumentException.class, () -> Draft.decode("01:HML", 0));
        assertThrows(IllegalArgumentException.class, () -> Draft.decode("1x:HML", 0));
    }

    @Test
    void reviewPagesHoldTenRows() {
        assertEquals(1, Draft.pages(3));
        assertEquals(1, Draft.pages(10));
        assertEquals(2, Draft.pages(11));
        assertEquals(5, Draft.pages(44));
        assertEquals(10, Draft.pages(100));
        assertEquals(0, Draft.pageOf(9));
        assertEquals(1, Draft.pageOf(10));
        assertEquals(9, Draft.pageOf(99));
    }

    @Test
    void draftToStringNeverShowsChoices() {
        Draft d = draft("3:HML");

        String text = d.toString();

        assertFalse(text.contains("HML"), text);
        for (Choice c : Choice.values()) {
            assertFalse(text.contains(c.name()), text);
        }
        assertFalse(text.contains("[H") || text.contains(" H") || text.contains(" L"), text);
    }

    @Test
    void draftChoicesCannotBeChangedFromOutside() {
        Draft d = draft("1:H--");

        assertThrows(UnsupportedOperationException.class, () -> d.choices().set(1, L));
    }

    // ---- helpers ----

    private static Draft draft(String encoded) {
        return Draft.decode(encoded, 0);
    }

    private static Draft moved(Draft draft, BallotEvent event) {
        BallotStep step = BallotMachine.apply(draft, event);
        return assertInstanceOf(BallotStep.Moved.class, step, () -> event + " on " + draft.encode()).draft();
    }

    private static void rejected(Draft draft, BallotEvent event, BallotStep.Reason reason) {
        String before = draft.encode();
        long version = draft.version();

        BallotStep step = BallotMachine.apply(draft, event);

        BallotStep.Rejected rejected = assertInstanceOf(BallotStep.Rejected.class, step,
                () -> event + " on " + before);
        assertEquals(reason, rejected.reason());
        assertSame(draft, rejected.draft());
        assertEquals(before, rejected.draft().encode());
        assertEquals(version, rejected.draft().version());
    }

    // ---- the two-step send (issue 22): «Gửi phiếu», then «Xác nhận gửi phiếu» ----

    @Test
    void aButtonsSubmitFromTheReviewOnlyAsksForTheConfirmation() {
        Draft review = new Draft(3, java.util.List.of(Choice.HIGH, Choice.MEDIUM, Choice.LOW), 5);

        BallotStep asked = BallotMachine.apply(review, new BallotEvent.Submit(true));
        BallotStep finished = BallotMachine.apply(review, new BallotEvent.Finish());

        org.junit.jupiter.api.Assertions.assertTrue(((BallotStep.Moved) asked).draft().confirming());
        org.junit.jupiter.api.Assertions.assertTrue(((BallotStep.Moved) finished).draft().confirming());
        Draft confirming = ((BallotStep.Moved) finished).draft();
        org.junit.jupiter.api.Assertions.assertEquals(confirming,
                ((BallotStep.Moved) BallotMachine.apply(confirming, new BallotEvent.Finish())).draft(),
                "a second «Gửi phiếu» changes nothing and sends nothing");
        org.junit.jupiter.api.Assertions.assertInstanceOf(BallotStep.ReadyToSubmit.class,
                BallotMachine.apply(confirming, new BallotEvent.Submit(true)));
        Draft back = ((BallotStep.Moved) BallotMachine.apply(confirming, new BallotEvent.Page(0))).draft();
        org.junit.jupiter.api.Assertions.assertFalse(back.confirming(), "«Xem lại» leaves the confirmation");
        org.junit.jupiter.api.Assertions.assertTrue(back.onSummary());
    }

    @Test
    void aTypedWordStillSendsFromTheReview() {
        Draft review = new Draft(3, java.util.List.of(Choice.HIGH, Choice.MEDIUM, Choice.LOW), 5);
        org.junit.jupiter.api.Assertions.assertInstanceOf(BallotStep.ReadyToSubmit.class,
                BallotMachine.apply(review, new BallotEvent.Submit()));
    }

    @Test
    void theConfirmationIsKeptInTheDraftsCode() {
        Draft confirming = ((BallotStep.Moved) BallotMachine.apply(
                new Draft(3, java.util.List.of(Choice.HIGH, Choice.MEDIUM, Choice.BLANK), 5),
                new BallotEvent.Finish())).draft();
        org.junit.jupiter.api.Assertions.assertEquals("3c:HMB", confirming.encode());
        org.junit.jupiter.api.Assertions.assertEquals(confirming, Draft.decode("3c:HMB", confirming.version()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Draft.decode("3c:HM-", 1), "an incomplete ballot cannot be confirming");
    }
}
