package vn.tinnhiem.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RulebookTest {
    // ---- verdict bands: more than 1/2 LOW, 2/3 or more LOW ----

    @Test
    void exactlyTwoThirdsIsTheUpperBand() {
        assertEquals(Verdict.TWO_THIRDS_LOW, Rulebook.verdict(2, 3));
        assertEquals(Verdict.TWO_THIRDS_LOW, Rulebook.verdict(4, 6));
    }

    @Test
    void fourteenVotersNeedTenLowForTwoThirds() {
        // 9/14 = 64,29%: 3·9 = 27 < 28 = 2·14, so only more than half.
        assertEquals(Verdict.OVER_HALF_LOW, Rulebook.verdict(9, 14));
        assertEquals(Verdict.TWO_THIRDS_LOW, Rulebook.verdict(10, 14));
    }

    @Test
    void exactlyHalfIsNoAction() {
        assertEquals(Verdict.NO_ACTION, Rulebook.verdict(7, 14));
        assertEquals(Verdict.OVER_HALF_LOW, Rulebook.verdict(8, 14));
    }

    @Test
    void nobodyVotingMeansNoAction() {
        assertEquals(Verdict.NO_ACTION, Rulebook.verdict(0, 0));
    }

    @Test
    void impossibleCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Rulebook.verdict(5, 4));
        assertThrows(IllegalArgumentException.class, () -> Rulebook.verdict(-1, 4));
    }

    @Test
    void verdictAgreesWithThresholdsComputedSeparatelyForEveryNUpTo300() {
        for (int n = 0; n <= 300; n++) {
            BigInteger bn = BigInteger.valueOf(n);
            // Smallest LOW count that is at least 2/3 of n: ceil(2n/3).
            BigInteger[] qr = bn.multiply(BigInteger.TWO).divideAndRemainder(BigInteger.valueOf(3));
            int twoThirds = qr[0].intValue() + (qr[1].signum() > 0 ? 1 : 0);
            // Smallest LOW count that is more than half of n: floor(n/2) + 1.
            int overHalf = bn.shiftRight(1).intValue() + 1;
            for (int low = 0; low <= n; low++) {
                Verdict expected = n == 0 ? Verdict.NO_ACTION
                        : low >= twoThirds ? Verdict.TWO_THIRDS_LOW
                        : low >= overHalf ? Verdict.OVER_HALF_LOW
                        : Verdict.NO_ACTION;
                assertEquals(expected, Rulebook.verdict(low, n), "low=" + low + " n=" + n);
            }
        }
    }

    // ---- denominators ----

    @Test
    void qd96CountsOfTheBallotsReturned() {
        assertEquals(12, Rulebook.QD96_2023.denominator(14, 12));
    }

    @Test
    void nq85CountsOfTheNumberSummoned() {
        assertEquals(14, Rulebook.NQ85_2014.denominator(14, 12));
    }

    @Test
    void nq96CountsOfTheBallotsCast() {
        assertEquals(481, Rulebook.NQ96_2023.denominator(494, 481));
    }

    @Test
    void rulebooksAreFoundByTheirConfigId() {
        assertEquals(Optional.of(Rulebook.QD96_2023), Rulebook.byId("qd96-2023"));
        assertEquals(Optional.of(Rulebook.NQ85_2014), Rulebook.byId("nq85-2014"));
        assertEquals(Optional.of(Rulebook.NQ96_2023), Rulebook.byId("nq96-2023"));
        assertEquals(Optional.empty(), Rulebook.byId("QD96-2023"));
    }

    // ---- results ----

    @Test
    void resultsCountValidAndInvalidRowsPerLeader() {
        Tally tally = new Tally(13, 12, List.of(
                new LeaderCounts(5, 3, 2, 2),
                new LeaderCounts(1, 2, 9, 0),
                new LeaderCounts(0, 0, 0, 12)));

        Results r = Results.of(vote(Rulebook.QD96_2023), tally);

        assertEquals(10, r.leaders().get(0).valid());
        assertEquals(2, r.leaders().get(0).invalid());
        assertEquals(12, r.leaders().get(1).valid());
        assertEquals(0, r.leaders().get(1).invalid());
        assertEquals(0, r.leaders().get(2).valid());
        assertEquals(12, r.leaders().get(2).invalid());
        assertEquals(13, r.leaders().get(0).issued());
        assertEquals(12, r.leaders().get(0).returned());
        assertEquals("41,67%", r.leaders().get(0).percent(Choice.HIGH).vietnamese());
    }

    @Test
    void theSameMarksGiveAHarsherVerdictUnderQd96ThanUnderNq85WhenNotAllReturn() {
        Tally tally = new Tally(14, 12, List.of(new LeaderCounts(1, 2, 9, 0),
                LeaderCounts.ZERO, LeaderCounts.ZERO));

        LeaderResult qd96 = Results.of(vote(Rulebook.QD96_2023), tally).leaders().get(0);
        LeaderResult nq85 = Results.of(vote(Rulebook.NQ85_2014), tally).leaders().get(0);

        assertEquals(12, qd96.denominator());
        assertEquals("75,00%", qd96.percent(Choice.LOW).vietnamese());
        assertEquals(Verdict.TWO_THIRDS_LOW, qd96.verdict());
        assertEquals(14, nq85.denominator());
        assertEquals("64,29%", nq85.percent(Choice.LOW).vietnamese());
        assertEquals(Verdict.OVER_HALF_LOW, nq85.verdict());
    }

    @Test
    void tallyForAnotherNumberOfLeadersIsRejected() {
        Tally tally = new Tally(14, 12, List.of(LeaderCounts.ZERO));

        assertThrows(IllegalArgumentException.class, () -> Results.of(vote(Rulebook.QD96_2023), tally));
    }

    static VoteDefinition vote(Rulebook rulebook) {
        List<Person> roster = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            roster.add(new Person(String.format("p%02d", i), "Người " + i, List.of()));
        }
        return new VoteDefinition("v", "Lấy phiếu", "Cục", rulebook, null,
                List.of(new Leader("director", "Trần Văn Thắng", "Cục trưởng"),
                        new Leader("deputy-1", "Nguyễn Thị Thu Hương", "Phó Cục trưởng"),
                        new Leader("deputy-2", "Lê Hoàng Minh", "Phó Cục trưởng")),
                roster, List.of(), List.of(), null, false);
    }
}
