package vn.tinnhiem.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.RedisServer;

/**
 * Redis restarted in the middle of a vote, with {@code appendonly yes} (issue 5, item 2):
 * SHUTDOWN (SIGTERM, which redis-server handles as SHUTDOWN) and a new redis-server on the
 * same port and directory. The bot keeps its store, and so its connection pool, throughout.
 */
class RedisRestartTest {
    private static final int N = 30;
    private static final String VOTE = "restart";

    @TempDir
    Path aof;
    private OpenVoteOnRedis fixture;
    private RedisServer redis;
    private VoteStore store;
    private FlowDriver bot;

    @BeforeEach
    void setUp() {
        fixture = new OpenVoteOnRedis(aof, VOTE, N, RedisRestartTest::voter);
        redis = fixture.redis;
        store = fixture.store;
        bot = fixture.bot;
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static Account voter(int i) {
        return FlowDriver.participant(i, "vi");
    }

    private static String pid(int i) {
        return String.format("p%02d", i);
    }

    private static List<Choice> choicesOf(int i) {
        Choice[] all = Choice.values();
        return List.of(all[i % 4], all[(i / 4) % 4], all[(i * 7) % 4]);
    }

    @Test
    void confirmedBallotsSurviveARestartAndDraftsResumeWhereTheyWere() throws Exception {
        Map<Integer, String> confirmed = new ConcurrentHashMap<>();
        // Participants 1-10 vote, eight at a time, so the pool holds several connections at the restart.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int who = i;
                done.add(pool.submit(() -> confirmed.put(who, bot.voteThrough(voter(who), choicesOf(who)))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // 11-20 stop half-way: after one, two or all three leaders (the summary).
        for (int i = 11; i <= 20; i++) {
            for (int k = 0; k < 1 + i % 3; k++) {
                bot.press(voter(i), bot.rate(k, choicesOf(i).get(k)));
            }
        }
        Map<Integer, Draft> draftsBefore = new ConcurrentHashMap<>();
        for (int i = 11; i <= 20; i++) {
            draftsBefore.put(i, store.draft(VOTE, pid(i), 3));
        }
        int ballotsBefore = store.tally(VOTE, bot.leaderIds()).returned();

        redis.restart();
        long upAt = System.nanoTime();

        // The next press after the restart goes through, at worst after one "try again".
        int failures = 0;
        List<Reply> first;
        while (true) {
            try {
                first = bot.press(voter(12), bot.rate(1, choicesOf(12).get(1)));
                break;
            } catch (ChatFlow.Unavailable e) {
                failures++;
                assertTrue(failures <= 1, "more than one press failed after the restart");
            }
        }
        double recovery = (System.nanoTime() - upAt) / 1e9;
        assertInstanceOf(Reply.Edit.class, first.get(1), first.toString());

        // The failed press dropped the pool's other dead connections: eight participants at once all get through.
        ExecutorService after = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Reply>>> starts = new ArrayList<>();
            for (int i = 21; i <= 28; i++) {
                int who = i;
                starts.add(after.submit(() -> bot.start(voter(who))));
            }
            for (Future<List<Reply>> f : starts) {
                assertTrue(f.get().stream().anyMatch(r -> r instanceof Reply.Send s && s.text().contains("lấy phiếu 1/3")),
                        "a participant got no ballot after the restart");
            }
        } finally {
            after.shutdown();
        }

        int ballotsAfter = store.tally(VOTE, bot.leaderIds()).returned();
        System.out.printf("restart: ballots before %d, after %d; first press after restart %.3f s, %d failed%n",
                ballotsBefore, ballotsAfter, recovery, failures);
        assertEquals(10, ballotsBefore);
        assertEquals(ballotsBefore, ballotsAfter, "a confirmed ballot was lost in the restart");
        assertEquals(VoteState.OPEN, store.state(VOTE));
        assertEquals(confirmed.values().stream().sorted().toList(), store.receipts(VOTE));
        for (int i = 11; i <= 20; i++) {
            if (i == 12) {
                continue; // pressed above
            }
            assertEquals(draftsBefore.get(i).encode(), store.draft(VOTE, pid(i), 3).encode(),
                    "participant " + i + "'s draft did not survive");
        }
        // /start shows a half-way participant their ballot where they left it.
        List<Reply> resumed = bot.start(voter(15));
        assertTrue(resumed.stream().anyMatch(r -> r instanceof Reply.Send s && s.text().contains("lấy phiếu 2/3")),
                resumed.toString());
        // A confirmed voter is still a voter: the button says so, nothing is counted.
        List<Reply> again = bot.press(voter(3), bot.submit());
        Reply.Answer answer = assertInstanceOf(Reply.Answer.class, again.get(0));
        assertTrue(answer.text().contains("đã gửi phiếu"), answer.text());
        assertEquals(confirmed.get(3), FlowDriver.receiptIn(again));

        // The vote continues: everyone else finishes from where they are.
        for (int i = 11; i <= N; i++) {
            Draft d = store.draft(VOTE, pid(i), 3);
            for (int k = d.cursor(); k < 3; k++) {
                bot.press(voter(i), bot.rate(k, choicesOf(i).get(k)));
            }
            String receipt = FlowDriver.receiptIn(bot.press(voter(i), bot.submit()));
            assertNotNull(receipt, "participant " + i + " got no receipt");
            confirmed.put(i, receipt);
        }
        bot.command(FlowDriver.ORGANISER, "close force");
        assertTallyIs(confirmed.keySet().stream().toList());
        assertEquals(confirmed.values().stream().sorted().toList(), store.receipts(VOTE));
    }

    private void assertTallyIs(List<Integer> voted) {
        Tally t = store.tally(VOTE, bot.leaderIds());
        assertEquals(voted.size(), t.returned());
        assertEquals(voted.size(), store.voters(VOTE).size());
        for (int k = 0; k < 3; k++) {
            int[] expected = new int[4];
            for (int i : voted) {
                expected[choicesOf(i).get(k).ordinal()]++;
            }
            LeaderCounts c = t.counts().get(k);
            assertEquals(List.of(expected[0], expected[1], expected[2], expected[3]),
                    List.of(c.high(), c.medium(), c.low(), c.blank()), "leader " + k);
        }
    }
}
