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
    void changeFromTheSummaryJumpsToThatLeaderAndKeepsLaterChoices() {
        Draft after = moved(draft("3:HML"), new BallotEvent.Change(0));

        assertEquals(0, after.cursor());
        assertEquals(List.of(H, M, L), after.choices());
    }

    @Test
    void changedRowReturnsToTheNextLeaderWithLaterChoicesKept() {
        Draft changing = moved(draft("3:HML"), new BallotEvent.Change(0));
        Draft after = moved(changing, new BallotEvent.Rate(0, L));

        assertEquals(1, after.cursor());
        assertEquals(List.of(L, M, L), after.choices());
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
    }

    @Test
    void changeOutsideTheBallotIsRejected() {
        rejected(draft("3:HML"), new BallotEvent.Change(3), BallotStep.Reason.OUT_OF_RANGE);
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
        for (String text : List.of("0:", "0:---", "1:H--", "2:HB-", "3:HML", "1:-B-")) {
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
}
