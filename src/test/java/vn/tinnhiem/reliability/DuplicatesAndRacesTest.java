package vn.tinnhiem.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.core.chat.Inbound;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.store.StoreOutages;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * Duplicates and races through the flow on Redis (issue 5, item 3): an update delivered
 * twice, double taps, two devices of one participant, and /close racing with submits.
 * Counts stay exact, and a submit that lost the race to /close is told so and not counted.
 */
class DuplicatesAndRacesTest {
    private static final String CLOSED_ANSWER = "Việc bỏ phiếu đã kết thúc";
    private static final String LOST_RACE_EDIT = "đã kết thúc trước khi phiếu của đồng chí được gửi";

    private static ExecutorService threads;
    private VoteStore store;

    @BeforeAll
    static void startThreads() {
        threads = Executors.newFixedThreadPool(101);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        RedisServer.shared().flushAll();
        store = StoreOutages.translated(RedisVoteStore.fromUrl(RedisServer.shared().url(), Duration.ofHours(1)));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private FlowDriver openVote(String id, int participants) {
        FlowDriver bot = new FlowDriver(Votes.reference(id, participants), store);
        for (int i = 1; i <= participants; i++) {
            bot.start(voter(i));
        }
        bot.command(FlowDriver.ORGANISER, "open");
        return bot;
    }

    private static Account voter(int i) {
        return FlowDriver.participant(i, "vi");
    }

    private static String pid(int i) {
        return String.format("p%02d", i);
    }

    @Test
    void samePressDeliveredTwiceMovesTheBallotOnce() {
        FlowDriver bot = openVote("dup", 2);
        Inbound.Press press = bot.pressOf(voter(1), bot.rate(0, Choice.HIGH));
        List<Reply> first = bot.handle(press);
        List<Reply> second = bot.handle(press);
        assertInstanceOf(Reply.Answer.class, second.get(0));
        assertEquals(first, second, "the redelivered press was not answered as the first");
        assertEquals("1:H--", store.draft("dup", "p01", 3).encode());
    }

    @Test
    void sameSubmitDeliveredTwiceCountsOnceAndShowsTheSameReceipt() {
        FlowDriver bot = openVote("dup", 2);
        for (int k = 0; k < 3; k++) {
            bot.press(voter(1), bot.rate(k, Choice.LOW));
        }
        Inbound.Press submit = bot.pressOf(voter(1), bot.submit());
        String receipt = FlowDriver.receiptIn(bot.handle(submit));
        assertNotNull(receipt);
        assertEquals(receipt, FlowDriver.receiptIn(bot.handle(submit)));
        assertEquals(List.of(receipt), store.receipts("dup"));
        assertCountsExact(bot, store.tally("dup", bot.leaderIds()));
        assertEquals(1, store.tally("dup", bot.leaderIds()).counts().get(0).low());
    }

    @Test
    void doubleTapsOnEveryButtonCountOnce() throws Exception {
        int n = 20;
        FlowDriver bot = openVote("taps", n);
        Map<Integer, Set<String>> receipts = new ConcurrentHashMap<>();
        for (int i = 1; i <= n; i++) {
            int who = i;
            for (int k = 0; k < 3; k++) {
                String data = bot.rate(k, Choice.values()[(who + k) % 4]);
                both(() -> bot.press(voter(who), data), () -> bot.press(voter(who), data));
            }
            List<List<Reply>> submits = both(() -> bot.press(voter(who), bot.submit()),
                    () -> bot.press(voter(who), bot.submit()));
            for (List<Reply> r : submits) {
                receipts.computeIfAbsent(who, x -> ConcurrentHashMap.newKeySet()).add(FlowDriver.receiptIn(r));
            }
        }
        for (int i = 1; i <= n; i++) {
            assertEquals(1, receipts.get(i).size(), "participant " + i + " saw two receipts: " + receipts.get(i));
        }
        Tally t = store.tally("taps", bot.leaderIds());
        assertEquals(n, t.returned());
        assertCountsExact(bot, t);
        for (int k = 0; k < 3; k++) {
            int[] expected = new int[4];
            for (int i = 1; i <= n; i++) {
                expected[(i + k) % 4]++;
            }
            LeaderCounts c = t.counts().get(k);
            assertEquals(List.of(expected[0], expected[1], expected[2], expected[3]),
                    List.of(c.high(), c.medium(), c.low(), c.blank()));
        }
    }

    @Test
    void twoDevicesOfOneParticipantSubmittingAtOnceCountOneBallot() throws Exception {
        int n = 30;
        FlowDriver bot = openVote("devices", n);
        int rejected = 0;
        for (int i = 1; i <= n; i++) {
            int who = i;
            // Both devices walk the ballot at once, each with its own choices; one of them wins each row.
            List<List<Reply>> walk = both(() -> walk(bot, who, Choice.HIGH), () -> walk(bot, who, Choice.LOW));
            rejected += (int) walk.stream().flatMap(List::stream)
                    .filter(r -> r instanceof Reply.Answer a && !a.text().isEmpty()).count();
            Draft counted = store.draft("devices", pid(who), 3);
            assertTrue(counted.onSummary() && counted.complete(), "participant " + who + ": " + counted);
            List<List<Reply>> submits = both(() -> bot.press(voter(who), bot.submit()),
                    () -> bot.press(voter(who), bot.submit()));
            String a = FlowDriver.receiptIn(submits.get(0));
            assertNotNull(a, submits.toString());
            assertEquals(a, FlowDriver.receiptIn(submits.get(1)), "the two devices saw different receipts");
        }
        Tally t = store.tally("devices", bot.leaderIds());
        System.out.printf("devices: %d participants on two devices each; %d presses refused as stale%n", n, rejected);
        assertEquals(n, t.returned());
        assertCountsExact(bot, t);
    }

    private List<Reply> walk(FlowDriver bot, int who, Choice choice) {
        List<Reply> all = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            all.addAll(bot.press(voter(who), bot.rate(k, choice)));
        }
        return all;
    }

    @Test
    void closeRacingWithAHundredSubmitsCountsExactlyAndTellsEveryLoser() throws Exception {
        int n = 100;
        int rounds = 4;
        int lostTotal = 0;
        List<String> figures = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String id = "race-" + round;
            FlowDriver bot = openVote(id, n);
            for (int i = 1; i <= n; i++) {
                for (int k = 0; k < 3; k++) {
                    bot.press(voter(i), bot.rate(k, Choice.values()[(i * (k + 1)) % 4]));
                }
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Reply>>> submits = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                int who = i;
                submits.add(threads.submit(() -> {
                    go.await();
                    return bot.press(voter(who), bot.submit());
                }));
            }
            // /close lands somewhere in the middle of the submits.
            long delayMicros = ThreadLocalRandom.current().nextLong(200, 3_000);
            Future<List<Reply>> close = threads.submit(() -> {
                go.await();
                Thread.sleep(delayMicros / 1000, (int) (delayMicros % 1000) * 1000);
                return bot.command(FlowDriver.ORGANISER, "close force");
            });
            go.countDown();
            close.get();

            Set<String> shown = new HashSet<>();
            Set<String> won = new HashSet<>();
            int lost = 0;
            for (int i = 1; i <= n; i++) {
                List<Reply> r = submits.get(i - 1).get();
                String receipt = FlowDriver.receiptIn(r);
                if (receipt != null) {
                    shown.add(receipt);
                    won.add(pid(i));
                    continue;
                }
                lost++;
                String answer = ((Reply.Answer) r.get(0)).text();
                boolean toldByEdit = r.stream().anyMatch(x -> x instanceof Reply.Edit e && e.text().contains(LOST_RACE_EDIT));
                if (!toldByEdit && !answer.contains(CLOSED_ANSWER)) {
                    fail("participant " + i + " lost the race to /close and was not told so: " + r);
                }
            }
            Tally t = store.tally(id, bot.leaderIds());
            assertEquals(won.size(), t.returned(), "round " + round);
            assertEquals(won, store.voters(id), "round " + round + ": a loser was counted or a winner lost");
            assertEquals(shown, new HashSet<>(store.receipts(id)), "round " + round);
            assertEquals(t.returned(), store.receipts(id).size());
            assertCountsExact(bot, t);
            lostTotal += lost;
            figures.add(won.size() + "/" + lost);
        }
        System.out.printf("races: %d rounds of /close against %d submits; counted/lost per round %s; %d lost in all%n",
                rounds, n, figures, lostTotal);
    }

    /** Every leader's counts (including blank rows) add up to the ballots returned. */
    private static void assertCountsExact(FlowDriver bot, Tally t) {
        for (LeaderCounts c : t.counts()) {
            assertEquals(t.returned(), c.high() + c.medium() + c.low() + c.blank(), "counts " + c);
        }
    }

    /** Runs two calls at the same moment on two threads. */
    private static <T> List<T> both(Callable<T> a, Callable<T> b) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Future<T> fa = threads.submit(() -> {
            go.await();
            return a.call();
        });
        Future<T> fb = threads.submit(() -> {
            go.await();
            return b.call();
        });
        go.countDown();
        return List.of(fa.get(), fb.get());
    }
}
