package vn.tinnhiem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.testing.RedisServer;

class RedisVoteStoreTest extends VoteStoreContract {

    private static final RedisServer server = RedisServer.shared();

    /**
     * Choices as a store could write them: a run of N ballot letters ("HMB", "H--", a draft)
     * or one letter after a colon ("director:H", a count).
     */
    private static final Pattern CHOICES =
            Pattern.compile("(?<![A-Za-z0-9])[HMLB-]{" + N + "}(?![A-Za-z0-9])|:[HMLB](?![A-Za-z0-9])");

    @Override
    protected void resetStorage() {
        server.flushAll();
    }

    @Override
    protected VoteStore newStore(Duration draftTtl) {
        return new RedisVoteStore(server.client(), draftTtl);
    }

    // ---- secrecy ----

    @Test
    void afterAFullVoteNothingStoredPairsAParticipantWithAChoice() {
        open();
        Random random = new Random(7);
        Choice[] all = Choice.values();
        List<String> people = new ArrayList<>();
        for (int p = 0; p < 30; p++) {
            String who = person(p);
            people.add(who);
            store.checkIn(VOTE, who, "tg:" + (1000 + p));
            Choice[] ballot = {all[random.nextInt(4)], all[random.nextInt(4)], all[random.nextInt(4)]};
            if (p < 20) {
                assertInstanceOf(Outcomes.Submit.Accepted.class, vote(who, receipt(p), ballot));
            } else if (p < 25) {
                fill(who, ballot);                          // on the summary, never submitted
            } else {
                store.press(VOTE, who, N, new BallotEvent.Rate(0, ballot[0]));   // half way
            }
        }
        // The drafts still open pair a person with choices: the check must see them.
        assertEquals(10, leaks(people).size(), "the scan must notice a draft");

        close();

        assertEquals(List.of(), leaks(people));
        for (String record : records()) {
            assertTrue(record.startsWith("tn:{" + VOTE + "}:"), "every key carries the vote's hash tag");
            assertFalse(record.contains(":draft"), "no draft key or draft set is left");
        }
    }

    /** Keys of the records that hold a person id together with something that reads as choices. */
    private static List<String> leaks(List<String> people) {
        List<String> keys = new ArrayList<>();
        for (String record : records()) {
            if (people.stream().anyMatch(record::contains) && CHOICES.matcher(record).find()) {
                keys.add(record.substring(0, record.indexOf('\u0001')));
            }
        }
        return keys;
    }

    /** Every key with each of its values, one record per string, field, element or member. */
    private static List<String> records() {
        Jedis jedis = server.jedis();
        List<String> records = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(500));
            for (String key : page.getResult()) {
                String k = key + '\u0001';
                switch (jedis.type(key)) {
                    case "string" -> records.add(k + jedis.get(key));
                    case "hash" -> jedis.hgetAll(key).forEach((f, v) -> records.add(k + f + '\u0001' + v));
                    case "list" -> jedis.lrange(key, 0, -1).forEach(e -> records.add(k + e));
                    case "set" -> jedis.smembers(key).forEach(m -> records.add(k + m));
                    case "zset" -> {
                        for (Tuple t : jedis.zrangeWithScores(key, 0, -1)) {
                            records.add(k + t.getElement() + '\u0001' + t.getScore());
                        }
                    }
                    default -> records.add(k + "<" + jedis.type(key) + ">");
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return records;
    }

    // ---- round trips ----

    /** Round trips the store made during {@code action}, read from the server's own counter. */
    private static long roundTrips(Runnable action) {
        return measure(action).roundTrips();
    }

    private static RedisServer.Counters measure(Runnable action) {
        RedisServer.Counters before = server.counters();
        action.run();
        return server.counters().since(before);
    }

    @Test
    void pressCostsOneRoundTripInTheSteadyState() {
        open();
        assertEquals(1, roundTrips(() -> store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH))),
                "the first press of a fresh ballot needs no read");
        assertEquals(1, roundTrips(() -> store.press(VOTE, "p1", N, new BallotEvent.Rate(1, Choice.MEDIUM))));
        assertEquals(1, roundTrips(() -> store.press(VOTE, "p1", N, new BallotEvent.Rate(2, Choice.LOW))));
        assertEquals(1, roundTrips(() -> store.press(VOTE, "p1", N, new BallotEvent.Submit())));
    }

    @Test
    void aStoreThatLostItsCacheResumesTheStoredDraftWithOneExtraRoundTrip() {
        open();
        store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH));
        store.press(VOTE, "p1", N, new BallotEvent.Rate(1, Choice.MEDIUM));
        try (VoteStore restarted = newStore(VoteStore.DEFAULT_DRAFT_TTL)) {
            // The guess (an empty ballot) is refused by the machine: one read, then the write.
            assertEquals(2, roundTrips(() -> assertInstanceOf(BallotStep.Moved.class,
                    restarted.press(VOTE, "p1", N, new BallotEvent.Rate(2, Choice.LOW)))));
            assertEquals("3:HML", restarted.draft(VOTE, "p1", N).encode());
        }
        try (VoteStore restarted = newStore(VoteStore.DEFAULT_DRAFT_TTL)) {
            // The guess is accepted but the compare-and-set sees the stored draft: it retries on it.
            assertInstanceOf(BallotStep.Rejected.class,
                    restarted.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.LOW)));
            assertEquals("3:HML", restarted.draft(VOTE, "p1", N).encode());
        }
    }

    @Test
    void aRefusalIsConfirmedByRedisInTheSameRoundTrip() {
        open();
        store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH));
        assertEquals(1, roundTrips(() -> assertEquals(BallotStep.Reason.STALE, ((BallotStep.Rejected)
                store.press(VOTE, "p1", N, new BallotEvent.Rate(2, Choice.LOW))).reason())));
    }

    /**
     * Issue 9, "no cache can refuse a valid press": another process (a replica, or this bot
     * before a restart of the other) moved the draft, so this store's cached copy is stale.
     * A press valid on the stored draft but refused on the cached one must go through.
     */
    @Test
    void aCacheAnotherProcessMadeStaleNeverRefusesAValidPress() {
        open();
        store.checkIn(VOTE, "p1", "tg:1");
        store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH));   // cached here: on row 1
        store.pressBallot(VOTE, "tg:1", null, LEADERS, new BallotEvent.Rate(0, Choice.HIGH), null);
        try (VoteStore other = newStore(VoteStore.DEFAULT_DRAFT_TTL)) {
            other.press(VOTE, "p1", N, new BallotEvent.Rate(1, Choice.MEDIUM));
            other.press(VOTE, "p1", N, new BallotEvent.Rate(2, Choice.LOW));
            other.pressBallot(VOTE, "tg:1", null, LEADERS, new BallotEvent.Rate(1, Choice.MEDIUM), null);
        }
        // On the cached draft (row 1) a Back from the summary is stale; on the stored one it is valid.
        assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, "p1", N, new BallotEvent.Back(N)));
        assertEquals("2:HML", store.draft(VOTE, "p1", N).encode());
        // The same by account, which the bot uses: the Submit from the summary is counted.
        store.press(VOTE, "p1", N, new BallotEvent.Rate(2, Choice.LOW));
        try (VoteStore other = newStore(VoteStore.DEFAULT_DRAFT_TTL)) {
            other.press(VOTE, "p1", N, new BallotEvent.Back(N));
            other.press(VOTE, "p1", N, new BallotEvent.Rate(2, Choice.BLANK));
        }
        assertEquals(new Outcomes.Press.Stepped("p1", new BallotStep.Moved(store.draft(VOTE, "p1", N))),
                store.pressBallot(VOTE, "tg:1", null, LEADERS, new BallotEvent.Rate(2, Choice.BLANK), null));
        assertEquals(new Outcomes.Press.Submitted("p1", new Outcomes.Submit.Accepted("rc1")),
                store.pressBallot(VOTE, "tg:1", null, LEADERS, new BallotEvent.Submit(), "rc1"));
        assertEquals(List.of("rc1"), store.receipts(VOTE));
    }

    @Test
    void aPressOnABallotCopyCostsOneRoundTripWithItsPersonLookupAndCopyCheck() {
        open();
        store.checkIn(VOTE, "p1", "tg:1");
        store.swapBallotMessage(VOTE, "p1", "~");   // a copy on its way, its report lost
        assertEquals(1, roundTrips(() -> assertInstanceOf(Outcomes.Press.Stepped.class,
                store.pressBallot(VOTE, "tg:1", "41", LEADERS, new BallotEvent.Rate(0, Choice.HIGH), null))),
                "the first press of a fresh ballot needs no read");
        assertEquals("41", store.ballotMessage(VOTE, "p1").orElseThrow(), "adopted in the same round trip");
        assertEquals(1, roundTrips(() -> assertInstanceOf(Outcomes.Press.StaleCopy.class,
                store.pressBallot(VOTE, "tg:1", "40", LEADERS, new BallotEvent.Rate(1, Choice.HIGH), null))));
        assertEquals(1, roundTrips(() -> store.pressBallot(VOTE, "tg:1", "41", LEADERS,
                new BallotEvent.Rate(1, Choice.MEDIUM), null)));
        assertEquals(1, roundTrips(() -> store.pressBallot(VOTE, "tg:1", "41", LEADERS,
                new BallotEvent.Rate(2, Choice.LOW), null)));
        assertEquals(1, roundTrips(() -> assertEquals(new Outcomes.Press.Submitted("p1",
                new Outcomes.Submit.Accepted("rc1")),
                store.pressBallot(VOTE, "tg:1", "41", LEADERS, new BallotEvent.Submit(), "rc1"))),
                "the submit is counted in the press's round trip");
        assertEquals(1, roundTrips(() -> assertEquals(new Outcomes.Press.Submitted("p1",
                new Outcomes.Submit.AlreadyVoted("rc1")),
                store.pressBallot(VOTE, "tg:1", null, LEADERS, new BallotEvent.Submit(), "rc2"))));
        assertEquals(1, roundTrips(() -> assertEquals(new Outcomes.Press.NotParticipant(),
                store.pressBallot(VOTE, "tg:2", "41", LEADERS, new BallotEvent.Rate(0, Choice.HIGH), null))));
    }

    @Test
    void submitCostsOneRoundTrip() {
        open();
        fill("p1", Choice.HIGH, Choice.BLANK, Choice.LOW);
        assertEquals(1, roundTrips(() -> assertInstanceOf(Outcomes.Submit.Accepted.class,
                store.submit(VOTE, "p1", LEADERS, "rc1"))));
    }

    @Test
    void tallyCostsOneRoundTripOfThreeCommandsWhateverTheTurnout() {
        open();
        for (int p = 0; p < 40; p++) {
            store.checkIn(VOTE, person(p), "tg:" + p);
            vote(person(p), receipt(p), Choice.HIGH, Choice.MEDIUM, Choice.LOW);
        }
        RedisServer.Counters cost = measure(() -> store.tally(VOTE, LEADERS));
        assertEquals(1, cost.roundTrips());
        assertEquals(3, cost.commands(), "HMGET, HLEN, HLEN");
    }

    // ---- scripts ----

    @Test
    void pressAndSubmitStillWorkAfterRedisForgetsTheScripts() {
        open();
        store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH));
        server.jedis().scriptFlush();
        assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, "p1", N, new BallotEvent.Rate(1, Choice.HIGH)));
        assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, "p1", N, new BallotEvent.Rate(2, Choice.BLANK)));
        server.jedis().scriptFlush();
        assertEquals(new Outcomes.Submit.Accepted("rc1"), store.submit(VOTE, "p1", LEADERS, "rc1"));
        server.jedis().scriptFlush();
        assertEquals(Outcomes.Transition.DONE, store.closeVote(VOTE, T0, "digest"));
    }

    @Test
    void closeChangesNothingWhenADraftIsNotAmongItsKeysAndTheStoreRetries() throws Exception {
        open();
        store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH));
        String p = "tn:{" + VOTE + "}:";
        String source;
        try (var in = RedisVoteStore.class.getResourceAsStream("/redis/close.lua")) {
            source = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // As if p1 pressed between the store's read of the drafts set and the script.
        Object reply = server.jedis().eval(source,
                List.of(p + "state", p + "drafts", p + "audit", p + "voted", p + "links", p + "accounts"),
                List.of("line", p + "draft:"));
        assertEquals("RETRY", reply);
        assertEquals(vn.tinnhiem.core.VoteState.OPEN, store.state(VOTE));
        assertTrue(server.jedis().exists(p + "draft:p1"));

        close();
        assertFalse(server.jedis().exists(p + "draft:p1"));
        assertFalse(server.jedis().exists(p + "drafts"));
    }

    // ---- connecting ----

    @Test
    void storeFromRedisUrlUsesTheDatabaseItNames() {
        try (VoteStore fromUrl = RedisVoteStore.fromUrl(server.url() + "/3", VoteStore.DEFAULT_DRAFT_TTL);
             Jedis db3 = new Jedis("127.0.0.1", server.port())) {
            assertEquals(Outcomes.Transition.DONE, fromUrl.openVote(VOTE, vn.tinnhiem.testing.Votes.frozen(VOTE, "fp"), T0));
            db3.select(3);
            assertEquals("OPEN", db3.get("tn:{" + VOTE + "}:state"));
            assertNull(server.jedis().get("tn:{" + VOTE + "}:state"), "database 0 is untouched");
        }
    }

    @Test
    void voteIdWithABraceIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> store.state("vote}x"));
        assertEquals(Map.of(), store.checkedIn(VOTE));
    }
}
