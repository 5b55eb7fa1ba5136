package vn.tinnhiem.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.RedisServer;

/**
 * Redis unreachable while people vote (issue 5, item 2): every press gets "temporarily
 * unavailable, please try again" in its user's language and nothing else escapes the flow;
 * once Redis is back the same store (same connection pool) works again within seconds, and
 * no press or submit is applied twice.
 */
class RedisOutageTest {
    private static final int N = 12;
    private static final String VI_UNAVAILABLE = "tạm thời không khả dụng";
    private static final String EN_UNAVAILABLE = "temporarily unavailable";

    @TempDir
    Path aof;
    private OpenVoteOnRedis fixture;
    private RedisServer redis;
    private VoteStore store;
    private FlowDriver bot;

    @BeforeEach
    void setUp() {
        fixture = new OpenVoteOnRedis(aof, "outage", N, RedisOutageTest::voter);
        redis = fixture.redis;
        store = fixture.store;
        bot = fixture.bot;
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** Odd participants write in Vietnamese, even ones in English. */
    private static Account voter(int i) {
        return FlowDriver.participant(i, i % 2 == 0 ? "en" : "vi");
    }

    private static List<Choice> choicesOf(int i) {
        Choice[] all = Choice.values();
        return List.of(all[i % 4], all[(i + 1) % 4], all[(i / 2) % 4]);
    }

    @Test
    void tenSecondOutageIsAnsweredTryAgainAndTheStoreRecoversByItselfWithoutDoubleCounting() throws Exception {
        Map<Integer, String> confirmed = new HashMap<>();
        // Before the outage: a third have voted, a third are half-way, a third have not begun.
        for (int i = 1; i <= N / 3; i++) {
            confirmed.put(i, assertReceipt(bot.voteThrough(voter(i), choicesOf(i))));
        }
        for (int i = N / 3 + 1; i <= 2 * N / 3; i++) {
            bot.press(voter(i), bot.rate(0, choicesOf(i).get(0)));
        }

        redis.kill();
        long downAt = System.nanoTime();
        int tried = 0;
        long slowestMillis = 0;
        List<Integer> whoTried = new ArrayList<>();
        while (System.nanoTime() - downAt < Duration.ofSeconds(10).toNanos()) {
            int i = N / 3 + 1 + tried % (2 * N / 3);
            Account who = voter(i);
            String data = bot.rate(cursorGuess(i), choicesOf(i).get(cursorGuess(i)));
            long t0 = System.nanoTime();
            try {
                bot.press(who, data);
                fail("a press succeeded while Redis was down");
            } catch (ChatFlow.Unavailable e) {
                Reply.Answer answer = assertInstanceOf(Reply.Answer.class, e.replies().get(0));
                String expected = "en".equals(who.languageCode()) ? EN_UNAVAILABLE : VI_UNAVAILABLE;
                assertTrue(answer.text().contains(expected), answer.text());
                assertEquals(who.key(), answer.to());
            }
            slowestMillis = Math.max(slowestMillis, (System.nanoTime() - t0) / 1_000_000);
            whoTried.add(i);
            tried++;
            Thread.sleep(100);
        }
        // A submit during the outage, too: the voter is told to try again and is not counted.
        try {
            bot.press(voter(1), bot.submit());
            fail("a submit succeeded while Redis was down");
        } catch (ChatFlow.Unavailable expected) {
            tried++;
        }

        redis.startAgain();
        long upAt = System.nanoTime();
        double downSeconds = (upAt - downAt) / 1e9;
        // The first participant half-way presses again until a press goes through.
        int retries = 0;
        int half = N / 3 + 1;
        while (true) {
            try {
                List<Reply> r = bot.press(voter(half), bot.rate(1, choicesOf(half).get(1)));
                assertInstanceOf(Reply.Edit.class, r.get(1), r.toString());
                break;
            } catch (ChatFlow.Unavailable e) {
                retries++;
                if (System.nanoTime() - upAt > Duration.ofSeconds(5).toNanos()) {
                    fail("the store did not recover within 5 s of Redis returning (" + retries + " failures)");
                }
                Thread.sleep(50);
            }
        }
        double recoverySeconds = (System.nanoTime() - upAt) / 1e9;
        System.out.printf("outage: Redis down %.1f s, %d presses answered try-again (slowest %d ms); "
                + "first press through %.3f s after Redis accepted connections (%d failed first)%n",
                downSeconds, tried, slowestMillis, recoverySeconds, retries);
        assertTrue(slowestMillis < 2_500, "a press hung " + slowestMillis + " ms during the outage");

        // Nobody's draft moved during the outage; the half-way voters resume where they were.
        for (int i = N / 3 + 2; i <= 2 * N / 3; i++) {
            Draft d = store.draft("outage", String.format("p%02d", i), 3);
            assertEquals(1, d.cursor(), "participant " + i + " moved during the outage");
        }
        // Everyone finishes; each repeats their last press once (as after a "try again").
        for (int i = N / 3 + 1; i <= N; i++) {
            List<Choice> c = choicesOf(i);
            for (int k = (i <= 2 * N / 3 ? 1 : 0); k < 3; k++) {
                if (i == half && k == 1) {
                    continue;
                }
                bot.press(voter(i), bot.rate(k, c.get(k)));
                bot.press(voter(i), bot.rate(k, c.get(k)));
            }
            confirmed.put(i, assertReceipt(FlowDriver.receiptIn(bot.press(voter(i), bot.submit()))));
        }
        // The voter whose submit failed during the outage had already voted: told so, shown the
        // same receipt, counted once.
        List<Reply> again = bot.press(voter(1), bot.submit());
        Reply.Answer answer = assertInstanceOf(Reply.Answer.class, again.get(0));
        assertTrue(answer.text().contains("đã gửi phiếu"), answer.text());
        assertEquals(confirmed.get(1), FlowDriver.receiptIn(again));

        assertTallyIs(confirmed);
    }

    @Test
    void pausedRedisAnswersTryAgainWithinTheTimeoutAndTheRetriedSubmitCountsOnce() throws Exception {
        Account who = voter(2);
        List<Choice> c = choicesOf(2);
        for (int k = 0; k < 3; k++) {
            bot.press(who, bot.rate(k, c.get(k)));
        }
        // Redis stops answering for 6 s (as in a long fork, a swap storm or a network partition).
        redis.jedis().clientPause(6_000);
        long t0 = System.nanoTime();
        ChatFlow.Unavailable e = org.junit.jupiter.api.Assertions.assertThrows(ChatFlow.Unavailable.class,
                () -> bot.press(who, bot.submit()));
        long waited = (System.nanoTime() - t0) / 1_000_000;
        Reply.Answer answer = assertInstanceOf(Reply.Answer.class, e.replies().get(0));
        assertTrue(answer.text().contains(EN_UNAVAILABLE), answer.text());
        System.out.printf("pause: a submit to a paused Redis was answered try-again after %d ms%n", waited);
        // The read times out after 2 s; then commons-pool replaces the broken connection in the
        // same thread, and that handshake waits up to 2 s more: at most two timeouts, not minutes.
        assertTrue(waited < 4_500, "the submit waited " + waited + " ms for a paused Redis");

        // After the pause the retry shows a receipt, whether or not the first attempt had
        // reached Redis, and the ballot is counted once.
        Thread.sleep(Math.max(0, 6_200 - (System.nanoTime() - t0) / 1_000_000));
        String receipt = assertReceipt(FlowDriver.receiptIn(bot.press(who, bot.submit())));
        assertEquals(receipt, FlowDriver.receiptIn(bot.press(who, bot.submit())));
        assertTallyIs(Map.of(2, receipt));
    }

    /** Where participant i's ballot stands during the outage (see the set-up of the test). */
    private static int cursorGuess(int i) {
        return i <= 2 * N / 3 ? 1 : 0;
    }

    private void assertTallyIs(Map<Integer, String> confirmed) {
        Tally t = store.tally("outage", bot.leaderIds());
        assertEquals(confirmed.size(), t.returned());
        assertEquals(confirmed.size(), store.voters("outage").size());
        assertEquals(confirmed.values().stream().sorted().toList(), store.receipts("outage"));
        for (int k = 0; k < 3; k++) {
            int[] expected = new int[4];
            for (int i : confirmed.keySet()) {
                expected[choicesOf(i).get(k).ordinal()]++;
            }
            LeaderCounts c = t.counts().get(k);
            assertEquals(List.of(expected[0], expected[1], expected[2], expected[3]),
                    List.of(c.high(), c.medium(), c.low(), c.blank()), "leader " + k);
        }
    }

    private static String assertReceipt(String receipt) {
        assertNotNull(receipt, "no confirmation with a receipt");
        return receipt;
    }
}
