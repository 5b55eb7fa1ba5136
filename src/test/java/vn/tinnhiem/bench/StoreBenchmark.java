package vn.tinnhiem.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.RedisClient;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisServer;

/**
 * Measures {@link RedisVoteStore} against a redis-server of its own:
 * <pre>  mvn -B -q -Pbench test-compile exec:java</pre>
 * Options (system properties): {@code bench.participants} (2000), {@code bench.leaders} (3),
 * {@code bench.threads} (16), {@code bench.tallyBallots} (100000), {@code bench.rounds} (votes
 * of that size run one after another; by default enough for 20,000 submits).
 *
 * <p>Round trips are the server's {@code total_reads_processed} (one per request of a
 * synchronous client); commands are {@code total_commands_processed}, which also counts
 * the commands a Lua script runs. Both include one INFO per reading, taken off.
 */
public final class StoreBenchmark {

    private static final Pattern USEC = Pattern.compile("(?:^|,)usec=(\\d+)");
    private static final Instant AT = Instant.parse("2025-03-01T08:00:00Z");

    private final RedisServer server;
    private final RedisClient client;
    private final int leaders;
    private final int threads;
    private final List<String> leaderIds;
    private final List<String[]> rows = new ArrayList<>();

    private StoreBenchmark(RedisServer server, int leaders, int threads) {
        this.server = server;
        this.client = server.client();
        this.leaders = leaders;
        this.threads = threads;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < leaders; i++) {
            ids.add("leader-" + i);
        }
        this.leaderIds = List.copyOf(ids);
    }

    public static void main(String[] args) throws Exception {
        int participants = Integer.getInteger("bench.participants", 2000);
        int leaders = Integer.getInteger("bench.leaders", 3);
        int threads = Integer.getInteger("bench.threads", 16);
        int tallyBallots = Integer.getInteger("bench.tallyBallots", 100_000);
        int rounds = Integer.getInteger("bench.rounds", Math.max(1, (20_000 + participants - 1) / participants));
        try (RedisServer server = RedisServer.start()) {
            StoreBenchmark bench = new StoreBenchmark(server, leaders, threads);
            String version = RedisServer.info(server.jedis(), "server").get("redis_version");
            System.out.printf(Locale.ROOT, "%nRedisVoteStore benchmark: redis-server %s on 127.0.0.1:%d, "
                    + "%d participants x %d leaders, %d threads, %d cores%n",
                    version, server.port(), participants, leaders, threads, Runtime.getRuntime().availableProcessors());

            bench.fullVotes(Math.min(participants, 500), 1, false);   // warm-up
            server.flushAll();
            bench.fullVotes(participants, rounds, true);
            server.flushAll();
            bench.tallyCost(Math.min(1_000, tallyBallots), tallyBallots);
            bench.print();
        }
    }

    /**
     * {@code rounds} votes of {@code participants} each: check-in, open, every ballot walked
     * and submitted, close. Several rounds so that the timed phases last long enough to
     * mean something. Right after each submit phase the same threads run a burst of INCR,
     * the baseline: interleaved, both see the same load from whatever else runs on the machine.
     */
    private void fullVotes(int participants, int rounds, boolean report) throws Exception {
        long memoryBefore = usedMemory();
        VoteStore store = new RedisVoteStore(client, VoteStore.DEFAULT_DRAFT_TTL);
        int pressesPerBallot = leaders + 1;
        Choice[][] ballots = ballots(participants, 1);
        long[] pressNanos = new long[rounds * participants * pressesPerBallot];
        long[] submitNanos = new long[rounds * participants];
        long pressTotal = 0;
        long submitTotal = 0;
        long pressTrips = 0;
        long pressCommands = 0;
        long submitTrips = 0;
        long submitCommands = 0;
        int incrPerRound = Math.max(participants * 5, 10_000);
        long[] incrNanos = new long[rounds * incrPerRound];
        long incrTotal = 0;
        for (int round = 0; round < rounds; round++) {
            String voteId = "bench-" + round;
            parallel(participants, p -> store.checkIn(voteId, person(p), "tg:" + (100_000 + p)));
            store.openVote(voteId, vn.tinnhiem.testing.Votes.frozen(voteId, "fingerprint"), AT);

            int pressBase = round * participants * pressesPerBallot;
            RedisServer.Counters before = server.counters();
            long start = System.nanoTime();
            parallel(participants, p -> {
                for (int i = 0; i <= leaders; i++) {
                    BallotEvent event = i < leaders ? new BallotEvent.Rate(i, ballots[p][i]) : new BallotEvent.Submit();
                    long t0 = System.nanoTime();
                    BallotStep step = store.press(voteId, person(p), leaders, event);
                    pressNanos[pressBase + p * pressesPerBallot + i] = System.nanoTime() - t0;
                    if (step instanceof BallotStep.Rejected rejected) {
                        throw new IllegalStateException("press refused: " + rejected.reason());
                    }
                }
            });
            pressTotal += System.nanoTime() - start;
            RedisServer.Counters pressCost = server.counters().since(before);
            pressTrips += pressCost.roundTrips();
            pressCommands += pressCost.commands();

            int submitBase = round * participants;
            before = server.counters();
            start = System.nanoTime();
            parallel(participants, p -> {
                long t0 = System.nanoTime();
                Outcomes.Submit s = store.submit(voteId, person(p), leaderIds, receipt(p));
                submitNanos[submitBase + p] = System.nanoTime() - t0;
                if (!(s instanceof Outcomes.Submit.Accepted)) {
                    throw new IllegalStateException("submit refused: " + s.getClass().getSimpleName());
                }
            });
            submitTotal += System.nanoTime() - start;
            RedisServer.Counters submitCost = server.counters().since(before);
            submitTrips += submitCost.roundTrips();
            submitCommands += submitCost.commands();

            int incrBase = round * incrPerRound;
            start = System.nanoTime();
            parallel(incrPerRound, i -> {
                long t0 = System.nanoTime();
                client.incr("bench:baseline");
                incrNanos[incrBase + i] = System.nanoTime() - t0;
            });
            incrTotal += System.nanoTime() - start;

            store.closeVote(voteId, AT.plusSeconds(3600), "digest");
            if (store.tally(voteId, leaderIds).returned() != participants) {
                throw new IllegalStateException("lost ballots");
            }
        }
        long memoryAfter = usedMemory();
        int ballotsCast = rounds * participants;
        double pressSeconds = pressTotal / 1e9;
        double submitSeconds = submitTotal / 1e9;
        double submitsPerSecond = ballotsCast / submitSeconds;
        if (report) {
            row("votes x participants", rounds + " x " + participants + " = " + ballotsCast + " ballots");
            row("button presses", String.format(Locale.ROOT, "%d in %.2f s = %.0f presses/s",
                    pressNanos.length, pressSeconds, pressNanos.length / pressSeconds));
            row("press latency p50 / p99", percentiles(pressNanos));
            row("round trips per press", String.format(Locale.ROOT,
                    "%.3f (target 1: a fresh ballot needs no read, even at its first press)",
                    pressTrips / (double) pressNanos.length));
            row("Redis commands per press (incl. in Lua)",
                    String.format(Locale.ROOT, "%.2f", pressCommands / (double) pressNanos.length));
            row("submits", String.format(Locale.ROOT, "%d in %.2f s = %.0f submits/s",
                    ballotsCast, submitSeconds, submitsPerSecond));
            row("submit latency p50 / p99", percentiles(submitNanos));
            row("round trips per submit", String.format(Locale.ROOT, "%.3f", submitTrips / (double) ballotsCast));
            row("Redis commands per submit (incl. in Lua)",
                    String.format(Locale.ROOT, "%.2f", submitCommands / (double) ballotsCast));
            row("full ballots (walk + submit)", String.format(Locale.ROOT, "%.0f ballots/s",
                    ballotsCast / (pressSeconds + submitSeconds)));
            row("Redis memory per participant after close", String.format(Locale.ROOT,
                    "%.0f bytes used_memory (%+d / %d); %.0f bytes by MEMORY USAGE of one vote's keys",
                    (memoryAfter - memoryBefore) / (double) ballotsCast, memoryAfter - memoryBefore, ballotsCast,
                    keyMemory("bench-0") / (double) participants));
            double incrPerSecond = incrNanos.length / (incrTotal / 1e9);
            row("baseline: single INCR, same threads", String.format(Locale.ROOT, "%d in %.2f s = %.0f ops/s",
                    incrNanos.length, incrTotal / 1e9, incrPerSecond));
            row("INCR latency p50 / p99", percentiles(incrNanos));
            row("submit throughput / INCR baseline", String.format(Locale.ROOT, "%.2f (target >= 0.33)",
                    submitsPerSecond / incrPerSecond));
        }
    }

    /** Bytes held by every key of one vote, as MEMORY USAGE counts them (all elements sampled). */
    private long keyMemory(String voteId) {
        long bytes = 0;
        for (String key : server.jedis().keys("tn:{" + voteId + "}:*")) {
            bytes += server.jedis().memoryUsage(key, 0);
        }
        return bytes;
    }

    /** Tally after {@code small} and after {@code large} ballots: its cost must not grow with turnout. */
    private void tallyCost(int small, int large) throws Exception {
        String voteId = "tally";
        VoteStore store = new RedisVoteStore(client, VoteStore.DEFAULT_DRAFT_TTL);
        store.openVote(voteId, vn.tinnhiem.testing.Votes.frozen(voteId, "fingerprint"), AT);
        Choice[][] ballots = ballots(large, 2);
        int done = 0;
        for (int target : new int[] {small, large}) {
            int from = done;
            long start = System.nanoTime();
            parallel(target - from, i -> {
                int p = from + i;
                for (int l = 0; l < leaders; l++) {
                    store.press(voteId, person(p), leaders, new BallotEvent.Rate(l, ballots[p][l]));
                }
                store.submit(voteId, person(p), leaderIds, receipt(p));
            });
            double fillSeconds = (System.nanoTime() - start) / 1e9;
            done = target;

            for (int i = 0; i < 200; i++) {
                store.tally(voteId, leaderIds);   // warm up
            }
            long[] nanos = new long[1000];
            long serverUsec = commandUsec("hmget", "hlen");
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                store.tally(voteId, leaderIds);
                nanos[i] = System.nanoTime() - t0;
            }
            serverUsec = commandUsec("hmget", "hlen") - serverUsec;
            Arrays.sort(nanos);
            RedisServer.Counters before = server.counters();
            int returned = store.tally(voteId, leaderIds).returned();
            RedisServer.Counters cost = server.counters().since(before);
            if (returned != target) {
                throw new IllegalStateException("tally saw " + returned + " of " + target);
            }
            row(String.format(Locale.ROOT, "tally after %,d ballots", target), String.format(Locale.ROOT,
                    "%d round trip, %d commands; in Redis %.1f µs; client p50 %s, p99 %s (filled in %.1f s)",
                    cost.roundTrips(), cost.commands(), serverUsec / (double) nanos.length,
                    micros(nanos, 0.50), micros(nanos, 0.99), fillSeconds));
        }
    }

    // ---- helpers ----

    private interface Task {
        void run(int index) throws Exception;
    }

    /** Runs {@code task(0..count-1)} on the benchmark's threads, each taking the next index. */
    private void parallel(int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Choice[][] ballots(int participants, long seed) {
        Random random = new Random(seed);
        Choice[] all = Choice.values();
        Choice[][] ballots = new Choice[participants][leaders];
        for (Choice[] b : ballots) {
            for (int i = 0; i < leaders; i++) {
                b[i] = all[random.nextInt(all.length)];
            }
        }
        return ballots;
    }

    /** Microseconds Redis has spent executing these commands, from INFO commandstats. */
    private long commandUsec(String... commands) {
        Map<String, String> stats = RedisServer.info(server.jedis(), "commandstats");
        long usec = 0;
        for (String command : commands) {
            String line = stats.get("cmdstat_" + command);
            Matcher m = line == null ? null : USEC.matcher(line);
            if (m != null && m.find()) {
                usec += Long.parseLong(m.group(1));
            }
        }
        return usec;
    }

    private long usedMemory() {
        return Long.parseLong(RedisServer.info(server.jedis(), "memory").get("used_memory"));
    }

    private static String person(int p) {
        return "person-" + p;
    }

    private static String receipt(int p) {
        return String.format("rc%08x", p * 2654435761L & 0xffffffffL);
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return micros(sorted, 0.50) + " / " + micros(sorted, 0.99);
    }

    /** The {@code q} quantile of sorted latencies, in microseconds. */
    private static String micros(long[] sorted, double q) {
        return String.format(Locale.ROOT, "%.0f µs", sorted[(int) Math.round(q * (sorted.length - 1))] / 1e3);
    }

    private void row(String measure, String value) {
        rows.add(new String[] {measure, value});
    }

    private void print() {
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        String rule = "-".repeat(width + 2) + "+" + "-".repeat(70);
        System.out.println(rule);
        for (String[] r : rows) {
            System.out.printf(Locale.ROOT, " %-" + width + "s | %s%n", r[0], r[1]);
        }
        System.out.println(rule);
    }
}
