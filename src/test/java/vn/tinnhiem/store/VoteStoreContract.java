package vn.tinnhiem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.BallotCopy;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;

/**
 * What every {@link VoteStore} must do. Each implementation has a subclass that says how
 * to make a fresh, empty store.
 */
public abstract class VoteStoreContract {

    protected static final String VOTE = "vote-1";
    protected static final List<String> LEADERS = List.of("director", "deputy-a", "deputy-b");
    protected static final int N = LEADERS.size();
    protected static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    protected VoteStore store;

    /** A store on empty storage, whose drafts live for {@code draftTtl}. */
    protected abstract VoteStore newStore(Duration draftTtl);

    /** Empties shared storage before each test; nothing to do for a store made anew. */
    protected void resetStorage() {}

    @BeforeEach
    final void makeStore() {
        resetStorage();
        store = newStore(VoteStore.DEFAULT_DRAFT_TTL);
    }

    @AfterEach
    final void closeStore() {
        store.close();
    }

    // ---- helpers ----

    protected void open() {
        assertEquals(Outcomes.Transition.DONE, store.openVote(VOTE, vn.tinnhiem.testing.Votes.frozen(VOTE, "fp"), T0));
    }

    protected void close() {
        assertEquals(Outcomes.Transition.DONE, store.closeVote(VOTE, T0.plusSeconds(3600), "digest"));
    }

    /** Rates every leader in order, leaving the draft on the summary. */
    protected void fill(String person, Choice... choices) {
        for (int i = 0; i < choices.length; i++) {
            assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, person, N, new BallotEvent.Rate(i, choices[i])));
        }
    }

    /** Walks the whole ballot, confirms the summary and submits. */
    protected Outcomes.Submit vote(String person, String receipt, Choice... choices) {
        fill(person, choices);
        assertInstanceOf(BallotStep.ReadyToSubmit.class, store.press(VOTE, person, N, new BallotEvent.Submit()));
        return store.submit(VOTE, person, LEADERS, receipt);
    }

    protected static String person(int i) {
        return String.format("person-%04d", i);
    }

    /** Receipts are lowercase letters and digits, as the bot makes them. */
    protected static String receipt(int i) {
        return String.format("rc%06x", i * 7919 + 11);
    }

    private static Choice[] ballot(Choice a, Choice b, Choice c) {
        return new Choice[] {a, b, c};
    }

    // ---- submit ----

    @Test
    void submittedBallotIsCountedAndMarksTheVoter() {
        open();
        assertEquals(new Outcomes.Submit.Accepted("rc1"), vote("p1", "rc1", Choice.HIGH, Choice.MEDIUM, Choice.LOW));
        assertTrue(store.hasVoted(VOTE, "p1"));
        assertEquals(Set.of("p1"), store.voters(VOTE));
        Tally tally = store.tally(VOTE, LEADERS);
        assertEquals(1, tally.returned());
        assertEquals(List.of(new LeaderCounts(1, 0, 0, 0), new LeaderCounts(0, 1, 0, 0), new LeaderCounts(0, 0, 1, 0)),
                tally.counts());
        assertEquals(Draft.empty(N), store.draft(VOTE, "p1", N), "the draft is deleted at submit");
    }

    @Test
    void secondSubmitIsRejected() {
        open();
        vote("p1", "rc1", Choice.HIGH, Choice.HIGH, Choice.HIGH);
        assertEquals(new Outcomes.Submit.AlreadyVoted("rc1"), store.submit(VOTE, "p1", LEADERS, "rc2"));
        assertEquals(1, store.tally(VOTE, LEADERS).returned());
        assertEquals(new LeaderCounts(1, 0, 0, 0), store.tally(VOTE, LEADERS).counts().get(0));
        assertEquals(List.of("rc1"), store.receipts(VOTE));
    }

    @Test
    void submitAfterCloseIsRejected() {
        open();
        fill("p1", Choice.HIGH, Choice.LOW, Choice.LOW);
        close();
        assertEquals(new Outcomes.Submit.NotOpen(VoteState.CLOSED), store.submit(VOTE, "p1", LEADERS, "rc1"));
        assertFalse(store.hasVoted(VOTE, "p1"));
        assertEquals(0, store.tally(VOTE, LEADERS).returned());
        assertEquals(List.of(), store.receipts(VOTE));
    }

    @Test
    void submitBeforeOpenIsRejected() {
        assertEquals(VoteState.DRAFT, store.state(VOTE));
        assertEquals(new Outcomes.Submit.NotOpen(VoteState.DRAFT), store.submit(VOTE, "p1", LEADERS, "rc1"));
        assertFalse(store.hasVoted(VOTE, "p1"));
    }

    @Test
    void incompleteBallotIsRejectedAndChangesNothing() {
        open();
        store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH));
        Draft before = store.draft(VOTE, "p1", N);

        assertEquals(new Outcomes.Submit.Incomplete(), store.submit(VOTE, "p1", LEADERS, "rc1"));

        assertEquals(before, store.draft(VOTE, "p1", N));
        assertFalse(store.hasVoted(VOTE, "p1"));
        Tally tally = store.tally(VOTE, LEADERS);
        assertEquals(0, tally.returned());
        assertEquals(List.of(LeaderCounts.ZERO, LeaderCounts.ZERO, LeaderCounts.ZERO), tally.counts());
        assertEquals(new Outcomes.Submit.Incomplete(), store.submit(VOTE, "nobody", LEADERS, "rc2"));
    }

    @Test
    void blankRowCountsAsInvalidForThatLeaderOnly() {
        open();
        vote("p1", "rc1", Choice.HIGH, Choice.BLANK, Choice.LOW);
        vote("p2", "rc2", Choice.HIGH, Choice.MEDIUM, Choice.BLANK);

        List<LeaderCounts> counts = store.tally(VOTE, LEADERS).counts();
        assertEquals(new LeaderCounts(2, 0, 0, 0), counts.get(0));
        assertEquals(new LeaderCounts(0, 1, 0, 1), counts.get(1));
        assertEquals(1, counts.get(1).valid());
        assertEquals(new LeaderCounts(0, 0, 1, 1), counts.get(2));
    }

    @Test
    void fiftyThreadsSubmittingForFiveHundredParticipantsGiveExactCounts() throws Exception {
        open();
        int participants = 500;
        Random random = new Random(20250301);
        Choice[] all = Choice.values();
        Map<String, Choice[]> ballots = new HashMap<>();
        LeaderCounts[] expected = {LeaderCounts.ZERO, LeaderCounts.ZERO, LeaderCounts.ZERO};
        for (int p = 0; p < participants; p++) {
            Choice[] b = ballot(all[random.nextInt(4)], all[random.nextInt(4)], all[random.nextInt(4)]);
            ballots.put(person(p), b);
            for (int i = 0; i < N; i++) {
                expected[i] = expected[i].plus(b[i]);
            }
        }

        List<Callable<Outcomes.Submit>> tasks = new ArrayList<>();
        for (int p = 0; p < participants; p++) {
            String who = person(p);
            String receipt = receipt(p);
            tasks.add(() -> {
                assertEquals(Outcomes.CheckIn.LINKED, store.checkIn(VOTE, who, "tg:" + who));
                return vote(who, receipt, ballots.get(who));
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            for (Future<Outcomes.Submit> f : pool.invokeAll(tasks)) {
                assertInstanceOf(Outcomes.Submit.Accepted.class, f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        Tally tally = store.tally(VOTE, LEADERS);
        assertEquals(participants, tally.issued());
        assertEquals(participants, tally.returned());
        assertEquals(List.of(expected), tally.counts());
        assertEquals(participants, store.voters(VOTE).size());
        assertEquals(participants, store.receipts(VOTE).size());
    }

    @Test
    void oneParticipantSubmittingFromTenThreadsAtOnceCountsOnce() throws Exception {
        open();
        fill("p1", Choice.LOW, Choice.LOW, Choice.MEDIUM);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Outcomes.Submit>> results = new ArrayList<>();
        try {
            for (int t = 0; t < 10; t++) {
                String receipt = receipt(t);
                results.add(pool.submit(() -> {
                    go.await();
                    return store.submit(VOTE, "p1", LEADERS, receipt);
                }));
            }
            go.countDown();
            List<Outcomes.Submit.Accepted> accepted = new ArrayList<>();
            List<Outcomes.Submit.AlreadyVoted> refused = new ArrayList<>();
            for (Future<Outcomes.Submit> f : results) {
                Outcomes.Submit s = f.get(30, TimeUnit.SECONDS);
                if (s instanceof Outcomes.Submit.Accepted a) {
                    accepted.add(a);
                } else {
                    refused.add(assertInstanceOf(Outcomes.Submit.AlreadyVoted.class, s));
                }
            }
            assertEquals(1, accepted.size());
            String receipt = accepted.get(0).receipt();
            refused.forEach(r -> assertEquals(receipt, r.receipt(), "a refusal shows the counted ballot's receipt"));
        } finally {
            pool.shutdownNow();
        }
        Tally tally = store.tally(VOTE, LEADERS);
        assertEquals(1, tally.returned());
        assertEquals(new LeaderCounts(0, 0, 1, 0), tally.counts().get(0));
        assertEquals(new LeaderCounts(0, 1, 0, 0), tally.counts().get(2));
        assertEquals(1, store.receipts(VOTE).size());
    }

    @Test
    void receiptsCountEqualsReturned() {
        open();
        Set<String> given = new HashSet<>();
        for (int p = 0; p < 20; p++) {
            Outcomes.Submit s = vote(person(p), receipt(p), Choice.HIGH, Choice.BLANK, Choice.MEDIUM);
            given.add(assertInstanceOf(Outcomes.Submit.Accepted.class, s).receipt());
        }
        List<String> receipts = store.receipts(VOTE);
        assertEquals(store.tally(VOTE, LEADERS).returned(), receipts.size());
        assertEquals(given, Set.copyOf(receipts));
        assertEquals(receipts.stream().sorted().toList(), receipts, "published sorted, not in voting order");
    }

    @Test
    void tallyCountsCheckedInParticipantsAsIssued() {
        store.checkIn(VOTE, "p1", "tg:1");
        store.checkIn(VOTE, "p2", "tg:2");
        store.checkIn(VOTE, "p3", "tg:3");
        open();
        vote("p1", "rc1", Choice.HIGH, Choice.HIGH, Choice.HIGH);
        Tally tally = store.tally(VOTE, LEADERS);
        assertEquals(3, tally.issued());
        assertEquals(1, tally.returned());
    }

    // ---- press ----

    @Test
    void pressRejectionsLeaveTheDraftUnchanged() {
        open();
        store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH));
        Draft before = store.draft(VOTE, "p1", N);
        assertEquals(1, before.cursor());

        List<BallotEvent> refused = List.of(
                new BallotEvent.Rate(2, Choice.LOW),   // a button of another leader's message
                new BallotEvent.Rate(7, Choice.LOW),   // not a leader at all
                new BallotEvent.Back(0),
                new BallotEvent.Change(0),
                new BallotEvent.Submit());
        List<BallotStep.Reason> reasons = List.of(BallotStep.Reason.STALE, BallotStep.Reason.OUT_OF_RANGE,
                BallotStep.Reason.STALE, BallotStep.Reason.NOT_ON_SUMMARY, BallotStep.Reason.NOT_ON_SUMMARY);
        for (int i = 0; i < refused.size(); i++) {
            BallotStep step = store.press(VOTE, "p1", N, refused.get(i));
            BallotStep.Rejected rejected = assertInstanceOf(BallotStep.Rejected.class, step);
            assertEquals(reasons.get(i), rejected.reason());
            assertEquals(before, rejected.draft(), "a refusal shows the draft as it is");
            assertEquals(before, store.draft(VOTE, "p1", N));
        }
    }

    @Test
    void repeatedRateIsAcceptedAndChangesNothing() {
        open();
        store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.MEDIUM));
        Draft before = store.draft(VOTE, "p1", N);
        BallotStep again = store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.MEDIUM));
        assertEquals(new BallotStep.Moved(before), again);
        assertEquals(before, store.draft(VOTE, "p1", N));
    }

    @Test
    void walkThroughBackAndChangeKeepLaterChoices() {
        open();
        fill("p1", Choice.HIGH, Choice.MEDIUM, Choice.LOW);
        assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, "p1", N, new BallotEvent.Change(1)));
        assertTrue(store.draft(VOTE, "p1", N).editing(), "the row being changed is stored as such");
        assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, "p1", N, new BallotEvent.Rate(1, Choice.BLANK)));
        assertTrue(store.draft(VOTE, "p1", N).onSummary(), "a changed row returns to the review");
        assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, "p1", N, new BallotEvent.Back(N)));
        assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, "p1", N, new BallotEvent.Back(2)));
        Draft d = store.draft(VOTE, "p1", N);
        assertEquals(1, d.cursor());
        assertFalse(d.editing());
        assertEquals(List.of(Choice.HIGH, Choice.BLANK, Choice.LOW), d.choices());
    }

    @Test
    void aLongBallotsReviewPageAndRowBeingChangedAreStored() {
        open();
        int n = 44;
        for (int k = 0; k < n; k++) {
            store.press(VOTE, "p2", n, new BallotEvent.Rate(k, Choice.HIGH));
        }
        assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, "p2", n, new BallotEvent.Page(3)));
        assertEquals(3, store.draft(VOTE, "p2", n).page());
        assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, "p2", n, new BallotEvent.Change(40)));
        Draft changing = store.draft(VOTE, "p2", n);
        assertEquals(40, changing.cursor());
        assertTrue(changing.editing());
        assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, "p2", n, new BallotEvent.Rate(40, Choice.LOW)));
        Draft back = store.draft(VOTE, "p2", n);
        assertTrue(back.onSummary());
        assertEquals(4, back.page(), "the page holding row 41");
        assertEquals(Choice.LOW, back.choice(40));
        assertInstanceOf(BallotStep.Rejected.class, store.press(VOTE, "p2", n, new BallotEvent.Page(5)));
        assertEquals(back, store.draft(VOTE, "p2", n));
    }

    @Test
    void concurrentPressesOfOneParticipantApplyOnce() throws Exception {
        open();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<BallotStep>> results = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.LOW));
                }));
            }
            go.countDown();
            for (Future<BallotStep> f : results) {
                assertInstanceOf(BallotStep.Moved.class, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        Draft d = store.draft(VOTE, "p1", N);
        assertEquals(1, d.cursor());
        assertEquals(1, d.version(), "eight taps, one change");
    }

    @Test
    void pressBeforeOpenIsRejectedWithNotOpen() {
        BallotStep step = store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH));
        assertEquals(BallotStep.Reason.NOT_OPEN, assertInstanceOf(BallotStep.Rejected.class, step).reason());
        assertEquals(Draft.empty(N), store.draft(VOTE, "p1", N));
    }

    @Test
    void pressOnAClosedVoteIsRejectedWithClosed() {
        open();
        store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH));
        close();
        BallotStep step = store.press(VOTE, "p1", N, new BallotEvent.Rate(1, Choice.MEDIUM));
        BallotStep.Rejected rejected = assertInstanceOf(BallotStep.Rejected.class, step);
        assertEquals(BallotStep.Reason.CLOSED, rejected.reason());
        assertEquals(Draft.empty(N), rejected.draft());
        assertEquals(Draft.empty(N), store.draft(VOTE, "p1", N));
    }

    @Test
    void pressAfterSubmitIsRejectedWithAlreadyVoted() {
        open();
        vote("p1", "rc1", Choice.HIGH, Choice.HIGH, Choice.HIGH);
        BallotStep step = store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.LOW));
        assertEquals(BallotStep.Reason.ALREADY_VOTED, assertInstanceOf(BallotStep.Rejected.class, step).reason());
        assertEquals(Draft.empty(N), store.draft(VOTE, "p1", N));
    }

    @Test
    void draftsAreDeletedAtClose() {
        open();
        store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH));
        fill("p2", Choice.LOW, Choice.LOW, Choice.LOW);
        vote("p3", "rc3", Choice.MEDIUM, Choice.MEDIUM, Choice.MEDIUM);
        close();
        for (String p : List.of("p1", "p2", "p3")) {
            assertEquals(Draft.empty(N), store.draft(VOTE, p, N));
        }
        assertEquals(1, store.tally(VOTE, LEADERS).returned(), "closing counts nothing more");
    }

    @Test
    void draftExpiresAfterItsTtl() throws InterruptedException {
        store.close();
        store = newStore(Duration.ofMillis(150));
        open();
        store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH));
        store.press(VOTE, "p1", N, new BallotEvent.Rate(1, Choice.HIGH));
        assertEquals(2, store.draft(VOTE, "p1", N).cursor());

        Thread.sleep(400);

        assertEquals(Draft.empty(N), store.draft(VOTE, "p1", N));
        // The participant starts again from the first leader.
        BallotStep step = store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.LOW));
        Draft d = assertInstanceOf(BallotStep.Moved.class, step).draft();
        assertEquals(1, d.cursor());
        assertEquals(Choice.LOW, d.choice(0));
        assertEquals(new Outcomes.Submit.Incomplete(), store.submit(VOTE, "p1", LEADERS, "rc1"));
    }

    // ---- check-in ----

    @Test
    void checkInIsOneToOneBothWays() {
        assertEquals(Outcomes.CheckIn.LINKED, store.checkIn(VOTE, "p1", "tg:1"));
        assertEquals(Outcomes.CheckIn.ALREADY_LINKED, store.checkIn(VOTE, "p1", "tg:1"));
        assertEquals(Outcomes.CheckIn.ENTRY_TAKEN, store.checkIn(VOTE, "p1", "tg:2"));
        assertEquals(Outcomes.CheckIn.ACCOUNT_TAKEN, store.checkIn(VOTE, "p2", "tg:1"));

        assertEquals(Optional.of("p1"), store.personOf(VOTE, "tg:1"));
        assertEquals(Optional.of("tg:1"), store.accountOf(VOTE, "p1"));
        assertEquals(Optional.empty(), store.personOf(VOTE, "tg:2"));
        assertEquals(Optional.empty(), store.accountOf(VOTE, "p2"));
        assertEquals(Map.of("p1", "tg:1"), store.checkedIn(VOTE));
    }

    @Test
    void checkInsOfDifferentVotesAreApart() {
        assertEquals(Outcomes.CheckIn.LINKED, store.checkIn(VOTE, "p1", "tg:1"));
        assertEquals(Outcomes.CheckIn.LINKED, store.checkIn("vote-2", "p9", "tg:1"));
        assertEquals(Map.of("p9", "tg:1"), store.checkedIn("vote-2"));
    }

    @Test
    void inviteCodesAreSingleUse() {
        assertEquals(Map.of("p1", "code-1", "p2", "code-2"),
                store.issueInvites(VOTE, Map.of("p1", "code-1", "p2", "code-2")));
        assertEquals(Map.of("p1", "code-1", "p2", "code-2"),
                store.issueInvites(VOTE, Map.of("p1", "code-9")), "a person keeps their first code");

        assertEquals(Outcomes.CheckIn.LINKED, store.redeemInvite(VOTE, "code-1", "tg:1"));
        assertEquals(Optional.of("p1"), store.personOf(VOTE, "tg:1"));
        assertEquals(Outcomes.CheckIn.UNKNOWN_CODE, store.redeemInvite(VOTE, "code-1", "tg:5"));
        assertEquals(Outcomes.CheckIn.UNKNOWN_CODE, store.redeemInvite(VOTE, "no-such-code", "tg:5"));

        // A refused redemption does not burn the code: its owner can still use it.
        assertEquals(Outcomes.CheckIn.ACCOUNT_TAKEN, store.redeemInvite(VOTE, "code-2", "tg:1"));
        assertEquals(Map.of("p2", "code-2"), store.issueInvites(VOTE, Map.of()));
        assertEquals(Outcomes.CheckIn.LINKED, store.redeemInvite(VOTE, "code-2", "tg:2"));
        assertEquals(Map.of(), store.issueInvites(VOTE, Map.of()));
        assertEquals(Map.of("p1", "tg:1", "p2", "tg:2"), store.checkedIn(VOTE));
    }

    @Test
    void aStaffCodeIsClaimedOnceForItsOwnPersonAndChecksNobodyIn() {
        store.issueInvites(VOTE, Map.of("org2", "staff-1", "p1", "code-1"));
        assertFalse(store.claimStaff(VOTE, "code-1", "org2", "zl:abc"), "another person's code");
        assertFalse(store.claimStaff(VOTE, "no-such-code", "org2", "zl:abc"));
        assertTrue(store.claimStaff(VOTE, "staff-1", "org2", "zl:abc"));
        assertFalse(store.claimStaff(VOTE, "staff-1", "org2", "zl:other"), "single use");
        assertEquals(Map.of("org2", "zl:abc"), store.staffAccounts(VOTE));
        assertEquals(Map.of(), store.checkedIn(VOTE), "staff do not check in");
        assertEquals(Optional.empty(), store.invitee(VOTE, "staff-1"));
        assertEquals(Optional.of("p1"), store.invitee(VOTE, "code-1"), "other codes untouched");
    }

    @Test
    void anUnusedCodeNamesItsEntryUntilItIsRedeemed() {
        store.issueInvites(VOTE, Map.of("p1", "code-1"));
        assertEquals(Optional.of("p1"), store.invitee(VOTE, "code-1"));
        assertEquals(Optional.empty(), store.invitee(VOTE, "code-2"));
        assertEquals(Optional.of("p1"), store.invitee(VOTE, "code-1"), "looking burns nothing");
        assertEquals(Outcomes.CheckIn.LINKED, store.redeemInvite(VOTE, "code-1", "tg:1"));
        assertEquals(Optional.empty(), store.invitee(VOTE, "code-1"));
    }

    @Test
    void inviteCodeAlreadyHeldByAnotherPersonIsNotGivenTwice() {
        store.issueInvites(VOTE, Map.of("p1", "code-1"));
        assertEquals(Map.of("p1", "code-1"), store.issueInvites(VOTE, Map.of("p2", "code-1")));
    }

    // ---- the vote's life and audit ----

    @Test
    void auditLogIsAppendOnlyAndOrdered() {
        store.audit(VOTE, new AuditEntry(T0.minusSeconds(60), "created", "14 summoned"));
        assertEquals(Outcomes.Transition.DONE, store.openVote(VOTE, vn.tinnhiem.testing.Votes.frozen(VOTE, "abc123"), T0));
        assertEquals(Outcomes.Transition.ALREADY, store.openVote(VOTE, vn.tinnhiem.testing.Votes.frozen(VOTE, "abc123"), T0));
        store.audit(VOTE, new AuditEntry(T0.plusSeconds(60), "reminded", "3 not voted"));
        assertEquals(Outcomes.Transition.DONE, store.closeVote(VOTE, T0.plusSeconds(120), "sha256=results"));
        assertEquals(Outcomes.Transition.ALREADY, store.closeVote(VOTE, T0.plusSeconds(180), "again"));
        assertEquals(Outcomes.Transition.WRONG_STATE, store.openVote(VOTE, vn.tinnhiem.testing.Votes.frozen(VOTE, "abc123"), T0.plusSeconds(240)));

        assertEquals(List.of(
                new AuditEntry(T0.minusSeconds(60), "created", "14 summoned"),
                new AuditEntry(T0, "opened", "sha256=abc123"),
                new AuditEntry(T0.plusSeconds(60), "reminded", "3 not voted"),
                new AuditEntry(T0.plusSeconds(120), "closed", "sha256=results")), store.auditLog(VOTE));
        assertEquals(VoteState.CLOSED, store.state(VOTE));
    }

    @Test
    void openKeepsTheFrozenDefinitionAndNothingLaterReplacesIt() {
        assertEquals(java.util.Optional.empty(), store.frozen(VOTE));
        vn.tinnhiem.core.FrozenDefinition frozen = vn.tinnhiem.testing.Votes.frozen(VOTE, "abc123")
                .with("committeeKey", "a later field\twith a tab");
        assertEquals(Outcomes.Transition.DONE, store.openVote(VOTE, frozen, T0));
        assertEquals(java.util.Optional.of(frozen), store.frozen(VOTE));
        // Opened again with another definition: ALREADY, and the copy stays the one voted on.
        assertEquals(Outcomes.Transition.ALREADY, store.openVote(VOTE, vn.tinnhiem.testing.Votes.frozen(VOTE, "other"),
                T0.plusSeconds(1)));
        store.closeVote(VOTE, T0.plusSeconds(2), "x");
        assertEquals(Outcomes.Transition.WRONG_STATE, store.openVote(VOTE, vn.tinnhiem.testing.Votes.frozen(VOTE,
                "other"), T0.plusSeconds(3)));
        assertEquals(java.util.Optional.of(frozen), store.frozen(VOTE));
    }

    @Test
    void closingAVoteThatNeverOpenedIsRefused() {
        assertEquals(Outcomes.Transition.WRONG_STATE, store.closeVote(VOTE, T0, "x"));
        assertEquals(VoteState.DRAFT, store.state(VOTE));
        assertEquals(List.of(), store.auditLog(VOTE));
    }

    @Test
    void staffAccountsAreRememberedApartFromCheckIns() {
        store.rememberStaff(VOTE, "org1", "tg:1");
        store.rememberStaff(VOTE, "org1", "tg:2");
        store.rememberStaff(VOTE, "sup1", "tg:3");
        assertEquals(Map.of("org1", "tg:2", "sup1", "tg:3"), store.staffAccounts(VOTE));
        assertTrue(store.checkedIn(VOTE).isEmpty(), "staff are not participants");
        assertEquals(0, store.tally(VOTE, LEADERS).issued());
    }

    @Test
    void theReceiptOfAVoterCanBeShownAgainAndNothingElse() {
        open();
        assertEquals(Optional.empty(), store.receiptOf(VOTE, "p1"));
        fill("p1", Choice.HIGH, Choice.BLANK, Choice.LOW);
        assertInstanceOf(Outcomes.Submit.Accepted.class, store.submit(VOTE, "p1", LEADERS, "RC-1"));
        assertEquals(Optional.of("RC-1"), store.receiptOf(VOTE, "p1"));
        assertEquals(Optional.empty(), store.receiptOf(VOTE, "p2"));
    }

    @Test
    void theLiveBallotCopyIsSwappedAndEachSwapReturnsTheCopyItReplaced() {
        assertEquals(Optional.empty(), store.swapBallotMessage(VOTE, "p1", "10"));
        assertEquals(Optional.of("10"), store.ballotMessage(VOTE, "p1"));
        assertEquals(Optional.of("10"), store.swapBallotMessage(VOTE, "p1", "11"));
        store.swapBallotMessage(VOTE, "p2", "12");
        assertEquals(Map.of("p1", "11", "p2", "12"), store.ballotMessages(VOTE));
        assertEquals(Optional.of("11"), store.swapBallotMessage(VOTE, "p1", null));
        assertEquals(Optional.empty(), store.ballotMessage(VOTE, "p1"));
        assertEquals(Optional.empty(), store.swapBallotMessage(VOTE, "p1", null));
        assertEquals(Map.of("p2", "12"), store.ballotMessages(VOTE));
        assertTrue(store.checkedIn(VOTE).isEmpty(), "a ballot copy is not a check-in");
    }

    @Test
    void concurrentSwapsHandEveryReplacedCopyToExactlyOneCaller() throws Exception {
        int threads = 8;
        int perThread = 200;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.Set<String> replaced = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger duplicates = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    store.swapBallotMessage(VOTE, "p1", Integer.toString(base + i)).ifPresent(old -> {
                        if (!replaced.add(old)) {
                            duplicates.incrementAndGet();
                        }
                    });
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(0, duplicates.get(), "a copy was handed back twice");
        // Every copy but the last one recorded was replaced exactly once.
        assertEquals(threads * perThread - 1, replaced.size());
        assertTrue(!replaced.contains(store.ballotMessage(VOTE, "p1").orElseThrow()));
    }

    // ---- a check-in, and the report of its ballot copy, in one step each ----

    private Outcomes.Arrival arrive(String account, String person, boolean freshCopy) {
        return store.arrive(VOTE, account, person, N, freshCopy);
    }

    private static Outcomes.Arrival.Welcome welcome(String person, Outcomes.CheckIn link, VoteState state,
            String receipt, Draft draft, String replaced) {
        return new Outcomes.Arrival.Welcome(person, link, state, receipt, draft, replaced);
    }

    @Test
    void aStartLinksTheMatchedEntryOrFindsTheLinkedOneAndSaysWhereTheVoteStands() {
        assertEquals(new Outcomes.Arrival.Stranger(), arrive("tg:9", null, true));
        assertEquals(welcome("p1", Outcomes.CheckIn.LINKED, VoteState.DRAFT, null, null, null),
                arrive("tg:1", "p1", true));
        assertEquals(Optional.of("p1"), store.personOf(VOTE, "tg:1"));
        assertEquals(Optional.of("tg:1"), store.accountOf(VOTE, "p1"));
        // Linked already: found by the account, whatever entry it matches now; nothing linked.
        assertEquals(welcome("p1", null, VoteState.DRAFT, null, null, null), arrive("tg:1", null, true));
        assertEquals(welcome("p1", null, VoteState.DRAFT, null, null, null), arrive("tg:1", "p2", true));
        assertEquals(Optional.empty(), store.accountOf(VOTE, "p2"));
        // Another account on a taken entry: refused, nothing changed.
        assertEquals(new Outcomes.Arrival.Refused(Outcomes.CheckIn.ENTRY_TAKEN), arrive("tg:2", "p1", true));
        assertEquals(Optional.empty(), store.personOf(VOTE, "tg:2"));
        // An entry linked to this account, the reverse link lost: as checkIn, ALREADY_LINKED.
        assertEquals(Outcomes.CheckIn.LINKED, store.checkIn(VOTE, "p3", "tg:3"));
        assertEquals(welcome("p3", null, VoteState.DRAFT, null, null, null), arrive("tg:3", "p3", false));
        assertEquals(Map.of(), store.ballotMessages(VOTE), "no copy reserved before the vote opens");
    }

    @Test
    void aStartOnAnOpenVoteReturnsTheDraftAndReservesAFreshCopyRetiringTheLiveOne() {
        open();
        assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH)));
        Draft draft = store.draft(VOTE, "p1", N);
        store.swapBallotMessage(VOTE, "p1", "100");
        assertEquals(welcome("p1", Outcomes.CheckIn.LINKED, VoteState.OPEN, null, draft, "100"),
                arrive("tg:1", "p1", true));
        assertEquals(Optional.of("~100"), store.ballotMessage(VOTE, "p1"));
        assertEquals(welcome("p1", null, VoteState.OPEN, null, draft, "~100"), arrive("tg:1", null, true));
        assertEquals(Optional.of("~100"), store.ballotMessage(VOTE, "p1"));
        // Without a fresh copy (a platform that does not edit) the record is left alone.
        assertEquals(welcome("p1", null, VoteState.OPEN, null, draft, null), arrive("tg:1", null, false));
        assertEquals(Optional.of("~100"), store.ballotMessage(VOTE, "p1"));
        // At most KEEP_RETIRED retired ids are kept, as BallotCopy.reserve keeps them.
        store.swapBallotMessage(VOTE, "p1", "~1 2 3 4 5 6 7 8 9");
        arrive("tg:1", null, true);
        assertEquals(Optional.of(BallotCopy.reserve("~1 2 3 4 5 6 7 8 9")), store.ballotMessage(VOTE, "p1"));
        assertEquals(Optional.of("~1 2 3 4 5 6 7 8"), store.ballotMessage(VOTE, "p1"));
        // No draft stored: an empty one.
        assertEquals(welcome("p2", Outcomes.CheckIn.LINKED, VoteState.OPEN, null, Draft.empty(N), null),
                arrive("tg:2", "p2", true));
        assertEquals(Optional.of("~"), store.ballotMessage(VOTE, "p2"));
    }

    @Test
    void aStartAfterVotingReturnsTheReceiptAndAfterCloseTheStateOnly() {
        open();
        assertInstanceOf(Outcomes.Submit.Accepted.class, vote("p1", "RC-1", Choice.HIGH, Choice.LOW, Choice.BLANK));
        assertEquals(welcome("p1", Outcomes.CheckIn.LINKED, VoteState.OPEN, "RC-1", null, null),
                arrive("tg:1", "p1", true));
        assertEquals(Optional.empty(), store.ballotMessage(VOTE, "p1"), "no copy reserved for a voter");
        fill("p2", Choice.HIGH);
        close();
        assertEquals(welcome("p2", Outcomes.CheckIn.LINKED, VoteState.CLOSED, null, null, null),
                arrive("tg:2", "p2", true));
        assertEquals(welcome("p1", null, VoteState.CLOSED, null, null, null), arrive("tg:1", null, true));
        assertEquals(Map.of(), store.ballotMessages(VOTE));
    }

    @Test
    void aReportedCopyBecomesLiveUnlessItsParticipantVotedOrTheVoteIsNotOpen() {
        assertEquals(new Outcomes.CopyReport.NotParticipant(), store.recordBallotCopy(VOTE, "tg:1", "100"));
        assertEquals(Outcomes.CheckIn.LINKED, store.checkIn(VOTE, "p1", "tg:1"));
        assertEquals(new Outcomes.CopyReport.NotOpen(VoteState.DRAFT), store.recordBallotCopy(VOTE, "tg:1", "100"));
        assertEquals(Map.of(), store.ballotMessages(VOTE));
        open();
        store.swapBallotMessage(VOTE, "p1", "~7");
        assertEquals(new Outcomes.CopyReport.Live("~7"), store.recordBallotCopy(VOTE, "tg:1", "100"));
        assertEquals(new Outcomes.CopyReport.Live("100"), store.recordBallotCopy(VOTE, "tg:1", "101"));
        assertEquals(Optional.of("101"), store.ballotMessage(VOTE, "p1"));
        assertEquals(Outcomes.CheckIn.LINKED, store.checkIn(VOTE, "p2", "tg:2"));
        assertEquals(new Outcomes.CopyReport.Live(null), store.recordBallotCopy(VOTE, "tg:2", "200"));
        assertInstanceOf(Outcomes.Submit.Accepted.class, vote("p2", "RC-2", Choice.HIGH, Choice.LOW, Choice.BLANK));
        store.swapBallotMessage(VOTE, "p2", null);
        assertEquals(new Outcomes.CopyReport.Voted(), store.recordBallotCopy(VOTE, "tg:2", "201"));
        assertEquals(Optional.empty(), store.ballotMessage(VOTE, "p2"));
        close();
        assertEquals(new Outcomes.CopyReport.NotOpen(VoteState.CLOSED), store.recordBallotCopy(VOTE, "tg:1", "102"));
        assertEquals(Optional.of("101"), store.ballotMessage(VOTE, "p1"));
    }

    // ---- a press on a ballot copy, by account, in one step ----

    private Outcomes.Press pressOn(String account, String messageId, BallotEvent event, String receipt) {
        return store.pressBallot(VOTE, account, messageId, LEADERS, event, receipt);
    }

    @Test
    void aPressFromAnAccountLinkedToNobodyChangesNothing() {
        open();
        assertEquals(new Outcomes.Press.NotParticipant(), pressOn("tg:9", "5", new BallotEvent.Rate(0, Choice.HIGH), null));
        assertEquals(new Outcomes.Press.NotParticipant(), pressOn("tg:9", null, new BallotEvent.Submit(), "rc1"));
        assertTrue(store.ballotMessages(VOTE).isEmpty());
        assertTrue(store.voters(VOTE).isEmpty());
    }

    @Test
    void aPressWalksTheBallotOfTheLinkedEntryAndItsSubmitCountsIt() {
        open();
        store.checkIn(VOTE, "p1", "tg:1");
        store.swapBallotMessage(VOTE, "p1", "7");
        Choice[] ballot = {Choice.HIGH, Choice.BLANK, Choice.LOW};
        for (int i = 0; i < N; i++) {
            Outcomes.Press p = pressOn("tg:1", "7", new BallotEvent.Rate(i, ballot[i]), null);
            assertEquals("p1", ((Outcomes.Press.Stepped) p).personId());
            assertInstanceOf(BallotStep.Moved.class, ((Outcomes.Press.Stepped) p).step());
        }
        assertEquals("3:HBL", store.draft(VOTE, "p1", N).encode());
        assertEquals(new Outcomes.Press.Submitted("p1", new Outcomes.Submit.Accepted("rc1")),
                pressOn("tg:1", "7", new BallotEvent.Submit(), "rc1"));
        assertEquals(Optional.empty(), store.ballotMessage(VOTE, "p1"), "no copy stays live after Submit");
        assertEquals(new LeaderCounts(1, 0, 0, 0), store.tally(VOTE, LEADERS).counts().get(0));
        assertEquals(new LeaderCounts(0, 0, 0, 1), store.tally(VOTE, LEADERS).counts().get(1));
        // A repeated Submit (redelivered, double tap) shows the same receipt and counts nothing.
        assertEquals(new Outcomes.Press.Submitted("p1", new Outcomes.Submit.AlreadyVoted("rc1")),
                pressOn("tg:1", "7", new BallotEvent.Submit(), "rc2"));
        assertEquals(List.of("rc1"), store.receipts(VOTE));
        // Any other press after voting is refused as such.
        Outcomes.Press late = pressOn("tg:1", "7", new BallotEvent.Rate(0, Choice.LOW), null);
        assertEquals(BallotStep.Reason.ALREADY_VOTED,
                ((BallotStep.Rejected) ((Outcomes.Press.Stepped) late).step()).reason());
        assertEquals(new LeaderCounts(1, 0, 0, 0), store.tally(VOTE, LEADERS).counts().get(0));
    }

    @Test
    void aPressOnACopyThatIsNotTheLiveOneChangesNothing() {
        open();
        store.checkIn(VOTE, "p1", "tg:1");
        store.swapBallotMessage(VOTE, "p1", "7");
        assertEquals(new Outcomes.Press.StaleCopy("p1"), pressOn("tg:1", "6", new BallotEvent.Rate(0, Choice.HIGH), null));
        // Retired copies stay refused while the fresh copy's report is on its way.
        store.swapBallotMessage(VOTE, "p1", "~7 6");
        assertEquals(new Outcomes.Press.StaleCopy("p1"), pressOn("tg:1", "7", new BallotEvent.Rate(0, Choice.HIGH), null));
        assertEquals(new Outcomes.Press.StaleCopy("p1"), pressOn("tg:1", "6", new BallotEvent.Submit(), "rc1"));
        assertEquals(0, store.draft(VOTE, "p1", N).cursor());
        assertEquals(Optional.of("~7 6"), store.ballotMessage(VOTE, "p1"));
        close();
        assertEquals(new Outcomes.Press.StaleCopy("p1"), pressOn("tg:1", "6", new BallotEvent.Rate(0, Choice.HIGH), null),
                "a stale copy is answered as stale even after close");
    }

    @Test
    void aCopyNobodyRecordedIsAdoptedByItsFirstPressThatMovesTheBallot() {
        open();
        store.checkIn(VOTE, "p1", "tg:1");
        store.swapBallotMessage(VOTE, "p1", "~5");  // copy 5 retired, the fresh copy's report lost
        Outcomes.Press refused = pressOn("tg:1", "9", new BallotEvent.Back(0), null);
        assertEquals(BallotStep.Reason.AT_FIRST, ((BallotStep.Rejected) ((Outcomes.Press.Stepped) refused).step()).reason());
        assertEquals(Optional.of("~5"), store.ballotMessage(VOTE, "p1"), "a refused press adopts nothing");
        assertInstanceOf(BallotStep.Moved.class,
                ((Outcomes.Press.Stepped) pressOn("tg:1", "9", new BallotEvent.Rate(0, Choice.LOW), null)).step());
        assertEquals(Optional.of("9"), store.ballotMessage(VOTE, "p1"));
        assertEquals(new Outcomes.Press.StaleCopy("p1"), pressOn("tg:1", "5", new BallotEvent.Rate(1, Choice.LOW), null));
        // With no record at all (none was ever written), the first moving press adopts too.
        store.checkIn(VOTE, "p2", "tg:2");
        pressOn("tg:2", "3", new BallotEvent.Rate(0, Choice.HIGH), null);
        assertEquals(Optional.of("3"), store.ballotMessage(VOTE, "p2"));
        // A platform without message ids records nothing.
        store.checkIn(VOTE, "p3", "zl:3");
        pressOn("zl:3", null, new BallotEvent.Rate(0, Choice.HIGH), null);
        assertEquals(Optional.empty(), store.ballotMessage(VOTE, "p3"));
    }

    @Test
    void aPressOnAVoteThatIsNotOpenIsRefusedWithTheState() {
        store.checkIn(VOTE, "p1", "tg:1");
        Outcomes.Press early = pressOn("tg:1", null, new BallotEvent.Rate(0, Choice.HIGH), null);
        assertEquals(BallotStep.Reason.NOT_OPEN, ((BallotStep.Rejected) ((Outcomes.Press.Stepped) early).step()).reason());
        open();
        fill("p1", Choice.HIGH, Choice.HIGH, Choice.HIGH);
        close();
        Outcomes.Press late = pressOn("tg:1", null, new BallotEvent.Submit(), "rc1");
        assertEquals(BallotStep.Reason.CLOSED, ((BallotStep.Rejected) ((Outcomes.Press.Stepped) late).step()).reason());
        assertTrue(store.voters(VOTE).isEmpty());
    }

    @Test
    void aSubmitAwayFromTheSummaryOrIncompleteIsRefusedAndCountsNothing() {
        open();
        store.checkIn(VOTE, "p1", "tg:1");
        pressOn("tg:1", null, new BallotEvent.Rate(0, Choice.HIGH), null);
        Outcomes.Press early = pressOn("tg:1", null, new BallotEvent.Submit(), "rc1");
        assertEquals(BallotStep.Reason.NOT_ON_SUMMARY,
                ((BallotStep.Rejected) ((Outcomes.Press.Stepped) early).step()).reason());
        assertTrue(store.voters(VOTE).isEmpty());
    }

    @Test
    void concurrentSubmitsOfOneParticipantByAccountCountOnce() throws Exception {
        open();
        store.checkIn(VOTE, "p1", "tg:1");
        fill("p1", Choice.LOW, Choice.MEDIUM, Choice.HIGH);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Outcomes.Press>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String receipt = "rc" + i;
            results.add(pool.submit(() -> pressOn("tg:1", null, new BallotEvent.Submit(), receipt)));
        }
        Set<String> receipts = new HashSet<>();
        int accepted = 0;
        for (Future<Outcomes.Press> f : results) {
            Outcomes.Submit outcome = ((Outcomes.Press.Submitted) f.get(20, TimeUnit.SECONDS)).outcome();
            if (outcome instanceof Outcomes.Submit.Accepted a) {
                accepted++;
                receipts.add(a.receipt());
            } else {
                receipts.add(((Outcomes.Submit.AlreadyVoted) outcome).receipt());
            }
        }
        pool.shutdown();
        assertEquals(1, accepted);
        assertEquals(1, receipts.size(), "every Submit shows the one receipt");
        assertEquals(1, store.tally(VOTE, LEADERS).returned());
    }
}
