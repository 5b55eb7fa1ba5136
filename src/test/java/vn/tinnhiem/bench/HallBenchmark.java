package vn.tinnhiem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.telegram.BotProcess;
import vn.tinnhiem.telegram.FakeBotApi;
import vn.tinnhiem.telegram.Updates;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.VoteFiles;
import vn.tinnhiem.testing.Votes;

/**
 * The whole bot, end to end (issue 12, item 4): {@code tinnhiem run} as its own JVM with
 * Telegram's pacing, its own redis-server, and the in-repo fake Bot API enforcing Telegram's
 * per-chat limit and the bulk budget for chats whose user has not acted in the last 10 s.
 * <pre>  mvn -B -q -Pbench test-compile exec:java -Dbench.main=vn.tinnhiem.bench.HallBenchmark \
 *      -Dbench.scenario=hall</pre>
 * Scenarios ({@code bench.scenario}):
 * <ul>
 *   <li>{@code hall}: 500 voters × 44 leaders (the National Assembly's 2023 ballot), 200 voting at
 *       once;</li>
 *   <li>{@code crowd}: 10,000 voters × 5 leaders, 2,000 at once;</li>
 *   <li>{@code open}: 10,000 checked-in participants, then /open (the ballots are a broadcast).</li>
 * </ul>
 * Overrides: {@code bench.voters}, {@code bench.leaders}, {@code bench.concurrent},
 * {@code bench.thinkMillis} (800: a human's pace between seeing the screen and the next tap),
 * {@code bench.latencyMillis} (0: the network round trip of each Bot API call, e.g. 100 for a
 * bot in Vietnam talking to Telegram's servers),
 * {@code bench.warmUp} (voters who vote first, not measured, so that the bot's code is compiled:
 * as many as vote at once, at most 1,000; 0 for none), {@code bench.jvmArgs} (more options for the bot's JVM, e.g. a profiler agent), {@code bench.heap} (the bot's -Xmx, 512m), {@code bench.gc} (e.g. Serial; the JVM's choice otherwise), {@code bench.jfr} (true: a flight recording of the
 * bot, profile settings, dumped next to its log before it is killed).
 *
 * <p>In the voting scenarios each voter checks in after /open (the ballot is a reply), rates
 * every leader in turn on the leader screens (k of n) and submits from the review (its first
 * page, where the last leader's choice leads), each tap {@code thinkMillis} (±25%) after the screen showed the
 * previous one; a tap with no new screen after 10 s is made again. It prints presses/s, the
 * latency of the press's answer (answerCallbackQuery) and of the screen (the press to the edit
 * that shows the new state), 429s, messages sent and edited, the bot's CPU time and heap,
 * and Redis's commands and round trips (requests read) per press.
 */
public final class HallBenchmark {
    private static final String VOTE = "bench";
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Pattern RATE = Pattern.compile("r:[a-z0-9-]+:(\\d+):[HMLB]");
    private static final Pattern RECEIPT = Pattern.compile("[2-9A-Z]{5}-[2-9A-Z]{5}");
    /**
     * Participants on the roster besides the voters, who check in before the measured run and
     * never vote: what their check-ins cost in Redis is what each voter's check-in costs, so the
     * round trips of presses and submits can be told apart from those of check-ins.
     */
    private static final int CALIBRATION = 100;

    private final FakeBotApi api;
    private final int leaders;
    private final long thinkNanos;
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    private final Random random = new Random(12);
    private final Map<Long, Voter> byChat = new ConcurrentHashMap<>();
    private final Map<String, Long> pressedAt = new ConcurrentHashMap<>();
    private final List<Long> answerLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Long> screenLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger presses = new AtomicInteger();
    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger repeats = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile long firstPress;
    private volatile long lastScreen;

    private final class Voter {
        final Updates.TgUser user;
        final Choice[] choices;
        int ballot = -1;
        int shown = -1;
        int expected = -1;
        long pressAt;
        boolean finished;
        Runnable onDone;

        Voter(long id) {
            this.user = Updates.user(id);
            this.choices = new Choice[leaders];
            for (int k = 0; k < leaders; k++) {
                int r = random.nextInt(20);
                choices[k] = r < 9 ? Choice.HIGH : r < 14 ? Choice.MEDIUM : r < 18 ? Choice.LOW : Choice.BLANK;
            }
        }

        /** A screen arrived in the voter's chat: the ballot (message id, position) or the confirmation. */
        synchronized void screen(int messageId, int position, boolean confirmation, long at) {
            if (finished) {
                return;
            }
            if (confirmation && messageId == ballot) {
                screenLatencies.add(at - pressAt);
                lastScreen = at;
                finished = true;
                done.incrementAndGet();
                onDone.run();
                return;
            }
            if (position < 0) {
                return;
            }
            if (ballot != messageId) {
                ballot = messageId; // a (new) copy of the ballot
            } else if (position != expected) {
                return; // an edit that does not show the tap's effect yet
            } else {
                screenLatencies.add(at - pressAt);
                lastScreen = at;
            }
            shown = position;
            expected = -1;
            long think = thinkNanos * 3 / 4 + (long) (random.nextDouble() * thinkNanos / 2);
            clock.schedule(this::tap, think, TimeUnit.NANOSECONDS);
        }

        synchronized void tap() {
            if (finished) {
                return;
            }
            int k = shown;
            // The review's «Gửi phiếu», then the confirmation screen's «Xác nhận gửi phiếu».
            String data = k < leaders ? CallbackData.rate(VOTE, k, choices[k])
                    : k == leaders ? CallbackData.finish(VOTE) : CallbackData.submit(VOTE);
            ObjectNode press = Updates.press(user, ballot, data);
            long now = System.nanoTime();
            if (firstPress == 0) {
                firstPress = now;
            }
            if (expected >= 0) {
                repeats.incrementAndGet();
            }
            expected = k + 1;
            if (k == leaders + 1) {
                submits.incrementAndGet();
            }
            pressAt = now;
            pressedAt.put(Updates.pressId(press), now);
            presses.incrementAndGet();
            api.push(press);
            clock.schedule(() -> {
                synchronized (this) {
                    if (!finished && expected == k + 1 && pressAt == now) {
                        tap(); // no new screen for 10 s: tap again, as people do
                    }
                }
            }, 10, TimeUnit.SECONDS);
        }
    }

    private HallBenchmark(FakeBotApi api, int leaders, long thinkNanos) {
        this.api = api;
        this.leaders = leaders;
        this.thinkNanos = thinkNanos;
    }

    public static void main(String[] args) throws Exception {
        String scenario = System.getProperty("bench.scenario", "hall");
        int voters = Integer.getInteger("bench.voters", scenario.equals("hall") ? 500 : 10_000);
        int leaders = Integer.getInteger("bench.leaders", scenario.equals("hall") ? 44 : 5);
        int concurrent = Integer.getInteger("bench.concurrent", scenario.equals("hall") ? 200 : 2_000);
        long think = TimeUnit.MILLISECONDS.toNanos(Integer.getInteger("bench.thinkMillis", 800));
        String heap = System.getProperty("bench.heap", "512m");
        Path dir = Files.createTempDirectory("tinnhiem-hall-bench-");
        try (RedisServer redis = RedisServer.start(); FakeBotApi api = new FakeBotApi()) {
            api.enforce(FakeBotApi.Limits.TELEGRAM);
            int latency = Integer.getInteger("bench.latencyMillis", 0);
            api.latency(Duration.ofMillis(latency));
            api.keepCalls(false);
            Path config = Files.createDirectories(dir.resolve("config"));
            int warmUp = Integer.getInteger("bench.warmUp", scenario.equals("open") ? 0 : Math.min(concurrent, 1_000));
            writeVote(config.resolve("bench.json"), voters + CALIBRATION + warmUp, leaders);
            System.out.printf(Locale.ROOT, "%nHall benchmark '%s': %d voters x %d leaders, %d at once, think %d ms, "
                    + "Bot API round trip %d ms; %d cores, load average %s%n", scenario, voters, leaders, concurrent,
                    think / 1_000_000, latency, Runtime.getRuntime().availableProcessors(), loadAverage());
            // The JVM's own choice of collector, as the jar and the Docker image run it (G1 on 2 cores).
            List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-Xlog:gc:file=" + dir.resolve("gc.log")));
            String extra = System.getProperty("bench.jvmArgs", "");
            if (!extra.isBlank()) {
                jvm.addAll(List.of(extra.strip().split("\\s+"))); // e.g. a profiler agent
            }
            String gc = System.getProperty("bench.gc");
            if (gc != null) {
                jvm.add("-XX:+Use" + gc + "GC");
            }
            // The jar's logging (a line per update), not the tests' quieter one found first on this classpath.
            java.net.URL logging = HallBenchmark.class.getClassLoader().getResource("logback.xml");
            if (logging != null && logging.getProtocol().equals("file")) {
                jvm.add("-Dlogback.configurationFile=" + Path.of(logging.toURI()));
            }
            boolean jfr = Boolean.getBoolean("bench.jfr");
            if (jfr) {
                jvm.add("-XX:StartFlightRecording=settings=" + System.getProperty("bench.jfrSettings", "default"));
            }
            BotProcess bot = BotProcess.startForBenchmark(jvm, api.url(), redis.url(), config, dir.resolve("bot.log"));
            try {
                api.await("the bot to poll", a -> a.count("getupdates") > 0, Duration.ofSeconds(60));
                HallBenchmark bench = new HallBenchmark(api, leaders, think);
                if (scenario.equals("open")) {
                    bench.open(voters, redis, bot);
                } else {
                    bench.vote(voters, concurrent, warmUp, redis, bot);
                }
            } finally {
                if (jfr) {
                    dumpRecording(bot, dir.resolve("bot.jfr"));
                }
                bot.kill();
                System.out.println("bot log: " + dir.resolve("bot.log"));
            }
        }
        System.exit(0);
    }

    /** Voting: /open with nobody checked in, then voters come in waves of {@code concurrent}. */
    private void vote(int voters, int concurrent, int warmUp, RedisServer redis, BotProcess bot) throws Exception {
        Updates.TgUser organiser = Updates.user(Votes.ORGANISER_ID);
        // Nobody is checked in yet: below quorum, /open asks the organiser to confirm.
        api.push(Updates.command(organiser, "open"));
        api.await("the quorum question", a -> a.latestWithButtons(organiser.id()) != null, Duration.ofSeconds(30));
        FakeBotApi.Shown question = api.latestWithButtons(organiser.id());
        int before = api.count("sendmessage") + api.count("editmessagetext");
        api.push(Updates.press(organiser, question.messageId(), CallbackData.forceOpen(VOTE)));
        api.await("the vote to open", a -> a.count("sendmessage") + a.count("editmessagetext") > before,
                Duration.ofSeconds(30));
        Thread.sleep(500);
        double perCheckIn = calibrate(voters, redis);
        api.listen(this::seen);
        if (warmUp > 0) {
            // A bot that has been running a while: its hot code compiled (the JIT took a third of
            // the bot's CPU in the first minute), as it is by the time a hall is voting.
            long t0 = System.nanoTime();
            run(voters + CALIBRATION + 1, warmUp, Math.min(concurrent, warmUp), bot);
            System.out.printf(Locale.ROOT, "warm-up: %d voters (not measured) in %.1f s, %d presses%n", done.get(),
                    (System.nanoTime() - t0) / 1e9, presses.get());
            answerLatencies.clear();
            screenLatencies.clear();
            presses.set(0);
            submits.set(0);
            repeats.set(0);
            done.set(0);
            firstPress = 0;
            Thread.sleep(1_000);
        }
        long[] redisBefore = redisCounters(redis);
        Map<String, Long> statsBefore = redis.commandCalls();
        Duration cpuBefore = cpu(bot);
        double[] othersBefore = others(redis);
        long start = System.nanoTime();
        int checkIns = run(1, voters, concurrent, bot);
        long end = System.nanoTime();
        long[] redisAfter = redisCounters(redis);
        Duration cpu = cpu(bot).minus(cpuBefore);
        double seconds = (lastScreen - firstPress) / 1e9;
        System.out.printf(Locale.ROOT, "voters done: %d of %d in %.1f s (%d check-ins)%n", done.get(), voters,
                (end - start) / 1e9, checkIns);
        System.out.printf(Locale.ROOT, "presses: %d (%d repeated after 10 s without a new screen), %.1f presses/s%n",
                presses.get(), repeats.get(), presses.get() / seconds);
        System.out.printf(Locale.ROOT, "answer latency: p50 %s, p99 %s (%d answers)%n",
                ms(answerLatencies, 50), ms(answerLatencies, 99), answerLatencies.size());
        System.out.printf(Locale.ROOT, "screen latency: p50 %s, p95 %s, p99 %s (%d screens)%n",
                ms(screenLatencies, 50), ms(screenLatencies, 95), ms(screenLatencies, 99), screenLatencies.size());
        common(bot, cpu, redisBefore, redisAfter, presses.get(), voters);
        printOthers(othersBefore, others(redis), cpu, presses.get());
        long reads = redisAfter[1] - redisBefore[1] - 1;
        System.out.printf(Locale.ROOT, "Redis round trips per press, check-ins apart: %.3f (%d presses, of which %d "
                + "submits; a check-in costs %.2f, measured on %d check-ins before the run)%n",
                (reads - perCheckIn * voters) / presses.get(), presses.get(), submits.get(), perCheckIn, CALIBRATION);
        System.out.println("Redis commands by name (the bot's, check-ins included):"
                + perPress(statsBefore, redis.commandCalls(), presses.get()));
        checkResults(redis);
    }

    /**
     * Participants {@code first} to {@code first + count - 1} check in and vote, {@code concurrent}
     * at a time (one starts as another finishes); returns the check-ins made.
     */
    private int run(int first, int count, int concurrent, BotProcess bot) throws InterruptedException {
        int doneBefore = done.get();
        AtomicInteger next = new AtomicInteger();
        Runnable[] startNext = new Runnable[1];
        startNext[0] = () -> {
            int i = next.incrementAndGet();
            if (i <= count) {
                Voter v = new Voter(Votes.participantTelegramId(first + i - 1));
                v.onDone = () -> clock.execute(startNext[0]);
                byChat.put(v.user.id(), v);
                api.push(Updates.start(v.user, null));
            }
        };
        for (int i = 0; i < Math.min(concurrent, count); i++) {
            startNext[0].run();
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        long lastReport = System.nanoTime();
        while (done.get() - doneBefore < count && System.nanoTime() < deadline && bot.handle().isAlive()) {
            Thread.sleep(200);
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "  ... %d of %d voters done, %d presses, %d 429s%n",
                        done.get() - doneBefore, count, presses.get(), api.tooManyRequests());
            }
        }
        return Math.min(next.get(), count);
    }

    /**
     * The {@link #CALIBRATION} participants past the voters check in, all at once, after /open
     * (so each gets the ballot as a reply and the bot records the copy it sent, as for voters);
     * returns the Redis round trips per check-in.
     */
    private double calibrate(int voters, RedisServer redis) throws Exception {
        long[] before = redisCounters(redis);
        List<Long> chats = new ArrayList<>();
        for (int i = voters + 1; i <= voters + CALIBRATION; i++) {
            chats.add(Votes.participantTelegramId(i));
            api.push(Updates.start(Updates.user(Votes.participantTelegramId(i)), null));
        }
        api.await("the calibration ballots", a -> chats.stream().allMatch(c -> a.latestWithButtons(c) != null),
                Duration.ofMinutes(2));
        // The bot records each ballot's message id once Telegram has answered: wait until Redis is quiet.
        long last = -1;
        int polls = 0;
        while (true) {
            Thread.sleep(300);
            long now = redis.counters().roundTrips() - ++polls; // less these readings' own INFOs
            if (now == last) {
                return (now - before[1] - 1) / (double) CALIBRATION;
            }
            last = now;
        }
    }

    /** The counts in Redis against what the voters chose. */
    private void checkResults(RedisServer redis) {
        Map<String, String> counts;
        try (Jedis j = redis.jedis()) {
            counts = j.hgetAll("tn:{" + VOTE + "}:counts");
        }
        int[][] expected = new int[leaders][4];
        int finished = 0;
        for (Voter v : byChat.values()) {
            if (v.finished) {
                finished++;
                for (int k = 0; k < leaders; k++) {
                    expected[k][v.choices[k].ordinal()]++;
                }
            }
        }
        int wrong = 0;
        for (int k = 0; k < leaders; k++) {
            for (Choice c : Choice.values()) {
                String got = counts.getOrDefault("l" + k + ":" + c.code(), "0");
                if (Integer.parseInt(got) != expected[k][c.ordinal()]) {
                    wrong++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "results: %s (%d ballots confirmed, every leader's counts compared)%n",
                wrong == 0 ? "exact" : wrong + " counts WRONG", finished);
    }

    /** /open to every participant, checked in beforehand and quiet for more than 10 s. */
    private void open(int voters, RedisServer redis, BotProcess bot) throws Exception {
        // People check in over time, not all in one second: in waves of 500.
        for (int from = 1; from <= voters; from += 500) {
            int to = Math.min(voters, from + 499);
            for (int i = from; i <= to; i++) {
                api.push(Updates.start(Updates.user(Votes.participantTelegramId(i)), null));
            }
            api.await("check-ins up to " + to + " answered", a -> a.count("sendmessage") >= to, Duration.ofMinutes(10));
        }
        int checkInRefusals = api.tooManyRequests();
        System.out.println("checked in; waiting 11 s so that nobody counts as having just acted");
        Thread.sleep(11_000);
        int sentBefore = api.count("sendmessage");
        AtomicInteger ballots = new AtomicInteger();
        long[] last = new long[1];
        api.listen(c -> {
            if (c.method().equals("sendmessage") && c.params().path("reply_markup").has("inline_keyboard")
                    && c.params().path("chat_id").asLong() != Votes.ORGANISER_ID) {
                ballots.incrementAndGet();
                last[0] = c.atNanos();
            }
        });
        long[] redisBefore = redisCounters(redis);
        Duration cpuBefore = cpu(bot);
        double[] othersBefore = others(redis);
        long start = System.nanoTime();
        api.push(Updates.command(Updates.user(Votes.ORGANISER_ID), "open"));
        long deadline = start + TimeUnit.MINUTES.toNanos(20);
        while (ballots.get() < voters && System.nanoTime() < deadline && bot.handle().isAlive()) {
            Thread.sleep(200);
        }
        double seconds = (last[0] - start) / 1e9;
        System.out.printf(Locale.ROOT, "/open: %d ballots of %d in %.1f s = %.2f messages/s (%.1f%% of 30/s)%n",
                ballots.get(), voters, seconds, ballots.get() / seconds, 100 * ballots.get() / seconds / 30);
        System.out.printf(Locale.ROOT, "429s during check-in: %d; since /open: %d%n", checkInRefusals,
                api.tooManyRequests() - checkInRefusals);
        Duration cpu = cpu(bot).minus(cpuBefore);
        common(bot, cpu, redisBefore, redisCounters(redis), 0, voters);
        printOthers(othersBefore, others(redis), cpu, 0);
        System.out.printf(Locale.ROOT, "messages sent since /open: %d%n", api.count("sendmessage") - sentBefore);
    }

    private void common(BotProcess bot, Duration cpu, long[] redisBefore, long[] redisAfter, int pressCount,
            int voters) {
        System.out.printf(Locale.ROOT, "429s: %d; messages sent: %d, edited: %d, answers: %d%n", api.tooManyRequests(),
                api.count("sendmessage"), api.count("editmessagetext"), api.count("answercallbackquery"));
        System.out.printf(Locale.ROOT, "bot CPU time: %.1f s; bot heap: %s%n", cpu.toMillis() / 1000.0, heap(bot));
        long commands = redisAfter[0] - redisBefore[0] - 1;
        long reads = redisAfter[1] - redisBefore[1] - 1;
        if (pressCount > 0) {
            System.out.printf(Locale.ROOT, "Redis: %d commands, %d round trips for %d presses and %d check-ins: "
                    + "%.2f round trips per press (check-ins included), %.2f per update%n", commands, reads,
                    pressCount, voters, reads / (double) pressCount, reads / (double) (pressCount + voters));
        } else {
            System.out.printf(Locale.ROOT, "Redis: %d commands, %d round trips%n", commands, reads);
        }
    }

    /** What the fake carried out: answers, and the screens in voters' chats. */
    private void seen(FakeBotApi.Call c) {
        switch (c.method()) {
            case "answercallbackquery" -> {
                Long at = pressedAt.remove(c.param("callback_query_id"));
                if (at != null) {
                    answerLatencies.add(c.atNanos() - at);
                }
            }
            case "sendmessage", "editmessagetext" -> {
                Voter v = byChat.get(c.params().path("chat_id").asLong());
                if (v == null) {
                    return;
                }
                int id = c.method().equals("sendmessage") ? -1 : c.params().path("message_id").asInt();
                int position = position(markup(c.params()));
                boolean confirmation = id >= 0 && RECEIPT.matcher(c.param("text")).find() && position < 0;
                if (id < 0) {
                    if (position < 0) {
                        return;
                    }
                    // A new message: its id is the fake's, known once it answered; ask the chat.
                    FakeBotApi.Shown latest = api.latestWithButtons(v.user.id());
                    if (latest == null) {
                        return;
                    }
                    id = latest.messageId();
                }
                int messageId = id;
                clock.execute(() -> v.screen(messageId, position, confirmation, c.atNanos()));
            }
            default -> { }
        }
    }

    private int position(JsonNode markup) {
        int position = -1;
        if (markup == null) {
            return position;
        }
        for (JsonNode row : markup.path("inline_keyboard")) {
            for (JsonNode b : row) {
                String data = b.path("callback_data").asText();
                Matcher m = RATE.matcher(data);
                if (m.matches()) {
                    return Integer.parseInt(m.group(1));
                }
                if (data.equals(CallbackData.finish(VOTE))) {
                    position = leaders;
                }
                if (data.equals(CallbackData.submit(VOTE))) {
                    position = leaders + 1;
                }
            }
        }
        return position;
    }

    private static JsonNode markup(JsonNode params) {
        JsonNode m = params.get("reply_markup");
        if (m != null && m.isTextual()) {
            try {
                return MAPPER.readTree(m.asText());
            } catch (Exception e) {
                return null;
            }
        }
        return m == null || m.isNull() ? null : m;
    }

    private static String ms(List<Long> nanos, int percentile) {
        long[] sorted;
        synchronized (nanos) {
            sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        }
        if (sorted.length == 0) {
            return "n/a";
        }
        Arrays.sort(sorted);
        int i = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return String.format(Locale.ROOT, "%.0f ms", sorted[Math.max(0, i)] / 1e6);
    }

    /**
     * CPU seconds used so far by this JVM (the fake Bot API and the simulated voters) and by
     * redis-server: on one machine they take their share of its cores from the bot.
     */
    private static double[] others(RedisServer redis) {
        double harness = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis() / 1000.0;
        double server = 0;
        try (Jedis j = redis.jedis()) {
            Map<String, String> info = RedisServer.info(j, "cpu");
            server = Double.parseDouble(info.getOrDefault("used_cpu_sys", "0"))
                    + Double.parseDouble(info.getOrDefault("used_cpu_user", "0"));
        }
        return new double[] {harness, server};
    }

    private static void printOthers(double[] before, double[] after, Duration bot, int pressCount) {
        System.out.printf(Locale.ROOT, "CPU on this machine: bot %.1f s, fake Bot API and voters %.1f s, redis-server "
                + "%.1f s%s%n", bot.toMillis() / 1000.0, after[0] - before[0], after[1] - before[1],
                pressCount == 0 ? "" : String.format(Locale.ROOT, "; the bot's per press (check-ins included): %.2f ms",
                        bot.toMillis() / (double) pressCount));
    }

    private static Duration cpu(BotProcess bot) {
        return bot.handle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Heap in use (jcmd GC.heap_info, young + old generation), and the process's resident size. */
    private static String heap(BotProcess bot) {
        long pid = bot.handle().pid();
        String used = "?";
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(20, TimeUnit.SECONDS);
            long kb = 0;
            Matcher m = Pattern.compile("(?m)^ *(?:def new generation|tenured generation|garbage-first heap)\\s+total \\d+K, used (\\d+)K")
                    .matcher(out);
            while (m.find()) {
                kb += Long.parseLong(m.group(1));
            }
            used = kb > 0 ? kb / 1024 + " MB used" : "? (" + out.strip().lines().findFirst().orElse("") + ")";
        } catch (Exception e) {
            used = "? (" + e + ")";
        }
        String rss = "?";
        try {
            rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS"))
                    .map(l -> l.replaceAll("\\s+", " ").substring(6).strip()).findFirst().orElse("?");
        } catch (Exception e) {
            // not Linux: the heap figure stands alone
        }
        return used + ", resident " + rss;
    }

    /** The bot's flight recording so far (-Dbench.jfr=true), for {@code jfr print} or JDK Mission Control. */
    private static void dumpRecording(BotProcess bot, Path file) {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(bot.handle().pid()), "JFR.dump", "filename=" + file).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
            System.out.println("bot flight recording: " + file);
        } catch (Exception e) {
            System.out.println("no flight recording: " + e);
        }
    }

    private static String perPress(Map<String, Long> before, Map<String, Long> after, int presses) {
        StringBuilder b = new StringBuilder();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d > 0 && !k.equals("info")) {
                b.append(String.format(Locale.ROOT, " %s %d (%.2f/press)", k, d, d / (double) presses));
            }
        });
        return b.toString();
    }

    /** total_commands_processed (Lua's commands included) and total_reads_processed (round trips). */
    private static long[] redisCounters(RedisServer redis) {
        try (Jedis j = redis.jedis()) {
            Map<String, String> stats = RedisServer.info(j, "stats");
            return new long[] {Long.parseLong(stats.get("total_commands_processed")),
                    Long.parseLong(stats.get("total_reads_processed"))};
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "?";
        }
    }

    private static void writeVote(Path file, int voters, int leaders) throws Exception {
        ObjectNode v = MAPPER.createObjectNode().put("id", VOTE).put("title", "Lấy phiếu tín nhiệm (bench)")
                .put("unit", "Hội đồng nhân dân tỉnh Thử nghiệm").put("rulebook", "qd96-2023").put("language", "vi")
                .put("announceToParticipants", false);
        ArrayNode ls = v.putArray("leaders");
        for (int k = 0; k < leaders; k++) {
            // Names and positions of a real provincial council's length, so messages are of a real size.
            ls.addObject().put("id", "l" + k).put("fullName", "Nguyễn Thị Phương Thảo " + (k + 1))
                    .put("position", "Phó Trưởng ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh");
        }
        VoteFiles.addPeople(v, voters, "p%05d");
        Files.writeString(file, v.toPrettyString());
    }
}
