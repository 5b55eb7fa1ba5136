package vn.tinnhiem.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Inbound;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.store.StoreOutages;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * Soak (issue 5): 2,000 participants vote through the flow on Redis with {@code appendonly
 * yes} while Redis is killed (SIGKILL) or shut down (SIGTERM) and started again several
 * times, and one press in four is delivered twice. At the end the counts equal exactly the
 * ballots whose submit was confirmed to their voter. Run it with {@code mvn -Psoak test}.
 */
@Tag("soak")
class SoakTest {
    private static final int N = 2_000;
    private static final int WORKERS = 16;
    private static final String VOTE = "soak";
    private static final Duration BUDGET = Duration.ofMinutes(2);

    @TempDir
    Path aof;

    private final AtomicLong inputs = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();

    private static List<Choice> choicesOf(int i) {
        Choice[] all = Choice.values();
        return List.of(all[i % 4], all[(i / 4) % 4], all[(i / 16) % 4]);
    }

    @Test
    void twoThousandVotersThroughOutagesAndDuplicatesCountExactly() throws Exception {
        long started = System.nanoTime();
        // appendfsync always: with everysec a kill -9 may lose writes Redis already confirmed (see OpenVoteOnRedis).
        try (RedisServer redis = RedisServer.startAppendOnly(aof, List.of("--appendfsync", "always"));
             VoteStore store = StoreOutages.translated(RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1)))) {
            FlowDriver bot = new FlowDriver(Votes.reference(VOTE, N), store);
            for (int i = 1; i <= N; i++) {
                bot.flow.handle(new Inbound.Start(FlowDriver.participant(i, i % 2 == 0 ? "en" : "vi"), null));
            }
            bot.flow.handle(new Inbound.Command(FlowDriver.ORGANISER, "open", List.of()));

            ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
            for (int i = 1; i <= N; i++) {
                queue.add(i);
            }
            Map<Integer, String> confirmed = new ConcurrentHashMap<>();
            AtomicBoolean voting = new AtomicBoolean(true);
            List<String> outages = new ArrayList<>();
            double[] downSeconds = {0};

            ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
            Future<?> chaos = pool.submit(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                boolean kill = true;
                while (voting.get()) {
                    sleep(rnd.nextLong(4_000, 8_000));
                    if (!voting.get()) {
                        break;
                    }
                    long t0 = System.nanoTime();
                    if (kill) {
                        redis.kill();
                    } else {
                        redis.shutDown();
                    }
                    sleep(rnd.nextLong(1_000, 5_000));
                    redis.startAgain();
                    double s = (System.nanoTime() - t0) / 1e9;
                    synchronized (outages) {
                        outages.add(String.format("%s %.1f s", kill ? "kill -9" : "SHUTDOWN", s));
                        downSeconds[0] += s;
                    }
                    kill = !kill;
                }
                return null;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                workers.add(pool.submit(() -> {
                    for (Integer i = queue.poll(); i != null; i = queue.poll()) {
                        Account who = FlowDriver.participant(i, i % 2 == 0 ? "en" : "vi");
                        List<Choice> c = choicesOf(i);
                        for (int k = 0; k < 3; k++) {
                            deliver(bot, bot.pressOf(who, bot.rate(k, c.get(k))));
                        }
                        String receipt = FlowDriver.receiptIn(deliver(bot, bot.pressOf(who, bot.submit())));
                        if (receipt != null) {
                            confirmed.put(i, receipt);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            voting.set(false);
            chaos.get();
            pool.shutdown();

            while (true) {
                try {
                    bot.flow.handle(new Inbound.Command(FlowDriver.ORGANISER, "close", List.of("force")));
                    break;
                } catch (ChatFlow.Unavailable e) {
                    sleep(100);
                }
            }
            Tally t = store.tally(VOTE, bot.leaderIds());
            Set<String> voters = store.voters(VOTE);
            Set<String> confirmedIds = new HashSet<>();
            confirmed.keySet().forEach(i -> confirmedIds.add(String.format("p%02d", i)));
            Set<String> lost = new HashSet<>(confirmedIds);
            lost.removeAll(voters);
            int doubleCounted = t.returned() - voters.size();
            Set<String> unconfirmed = new HashSet<>(voters);
            unconfirmed.removeAll(confirmedIds);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("soak: %d participants, %d confirmed, %d outages (%s; %.1f s down in all), "
                    + "%d duplicates injected, %d inputs tried, %d answered try-again, lost = %d, "
                    + "double-counted = %d, counted without confirmation = %d, %.0f s%n",
                    N, confirmed.size(), outages.size(), String.join(", ", outages), downSeconds[0],
                    duplicates.get(), inputs.get(), unavailable.get(), lost.size(), doubleCounted,
                    unconfirmed.size(), seconds);

            assertEquals(N, confirmed.size(), "every participant got a receipt in the end");
            assertEquals(Set.of(), lost, "confirmed ballots lost");
            assertEquals(0, doubleCounted);
            assertEquals(confirmed.values().stream().sorted().toList(), store.receipts(VOTE));
            for (int k = 0; k < 3; k++) {
                int[] expected = new int[4];
                for (int i : confirmed.keySet()) {
                    expected[choicesOf(i).get(k).ordinal()]++;
                }
                LeaderCounts lc = t.counts().get(k);
                assertEquals(List.of(expected[0], expected[1], expected[2], expected[3]),
                        List.of(lc.high(), lc.medium(), lc.low(), lc.blank()), "leader " + k);
            }
            assertTrue(outages.size() >= 3, "too few outages to mean anything: " + outages);
            assertTrue(seconds < 180, "the soak took " + seconds + " s");
        }
    }

    /**
     * Delivers an update as an adapter would: answered "try again" during an outage (the user
     * presses again a moment later), and one time in four delivered a second time.
     */
    private List<Reply> deliver(FlowDriver bot, Inbound.Press press) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        sleep(rnd.nextLong(0, 200));
        while (true) {
            inputs.incrementAndGet();
            try {
                List<Reply> r = bot.flow.handle(press);
                if (rnd.nextInt(4) == 0) {
                    duplicates.incrementAndGet();
                    inputs.incrementAndGet();
                    List<Reply> again = bot.flow.handle(press);
                    if (FlowDriver.receiptIn(r) == null) {
                        r = again;
                    }
                }
                return r;
            } catch (ChatFlow.Unavailable e) {
                unavailable.incrementAndGet();
                sleep(200);
                // Same press again: a user retrying taps the same button of the same message.
                press = new Inbound.Press(press.from(), press.messageId(), press.data(), press.pressId() + "r");
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
