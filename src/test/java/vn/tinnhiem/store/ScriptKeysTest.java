package vn.tinnhiem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.util.JedisClusterCRC16;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.testing.RedisServer;

/**
 * Every Lua script touches only keys passed in KEYS, all in one cluster slot: a Redis
 * Cluster runs a script on the node of its declared keys' slot, refuses keys of two slots,
 * and only declared keys let a client (or a proxy) route it. (One named exception:
 * {@link #DERIVED}.) Also, every command the store sends itself keeps its keys in one slot.
 *
 * <p>How: a real Redis runs a whole vote through the store (every script at least once)
 * while MONITOR records each command, including those run inside a script; the keys of each
 * are read with COMMAND GETKEYS, so any command, present or future, is checked.
 */
class ScriptKeysTest {
    private static final String VOTE = "keys-vote";
    private static final List<String> LEADERS = List.of("a", "b");
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String END = "end-of-the-scenario";
    private static final Pattern NOTHING = Pattern.compile("(?!)");
    /**
     * The one exception, by script: {@code ballot.lua} finds the person of the pressing account
     * inside the script (issue 12: one round trip per press), so it cannot be given that
     * person's draft key and builds it from the vote's draft prefix; so does {@code check-in.lua}
     * for the account checking in (one round trip per check-in). The key carries the vote's
     * hash tag, so it is in the slot of the script's KEYS, which a cluster requires (checked
     * above; the store contract passes on a real cluster). Any other key outside KEYS fails.
     */
    private static final Pattern DRAFT_KEY = Pattern.compile("tn:\\{" + VOTE + "\\}:draft:[^:{}]+");
    private static final Map<String, Pattern> DERIVED = Map.of("ballot.lua", DRAFT_KEY, "check-in.lua", DRAFT_KEY);

    @Test
    void everyScriptTouchesOnlyItsKeysAndEveryCommandOneSlot() throws Exception {
        try (RedisServer redis = RedisServer.start(); Jedis monitor = new Jedis("127.0.0.1", redis.port());
             Jedis inspector = new Jedis("127.0.0.1", redis.port())) {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread watcher = new Thread(() -> {
                try {
                    monitor.monitor(new JedisMonitor() {
                        @Override
                        public void onCommand(String command) {
                            lines.add(command);
                        }
                    });
                } catch (RuntimeException closed) {
                    // The server stopped at the end of the test.
                }
            }, "redis-monitor");
            watcher.setDaemon(true);
            watcher.start();
            awaitMonitoring(inspector, lines);

            try (RedisVoteStore store = new RedisVoteStore(redis.client(), Duration.ofHours(1))) {
                runAVote(store, redis);
            }
            inspector.echo(END);

            Map<String, String> digests = scriptDigests();
            List<String> problems = new ArrayList<>();
            Set<String> scriptsRun = new HashSet<>();
            List<String> declared = List.of();
            String script = null;
            for (String line = lines.poll(10, TimeUnit.SECONDS); ; line = lines.poll(10, TimeUnit.SECONDS)) {
                assertTrue(line != null, "MONITOR stopped before the end of the scenario");
                List<String> words = words(line);
                if (words.size() == 2 && words.get(0).equalsIgnoreCase("echo") && words.get(1).equals(END)) {
                    break;
                }
                boolean inScript = line.contains(" lua] ");
                String command = words.get(0).toLowerCase();
                List<String> keys = keysOf(inspector, words);
                if (!inScript && (command.equals("evalsha") || command.equals("eval"))) {
                    int n = Integer.parseInt(words.get(2));
                    declared = words.subList(3, 3 + n);
                    script = command.equals("evalsha") ? words.get(1) : sha1(words.get(1));
                    scriptsRun.add(script);
                    if (declared.isEmpty()) {
                        problems.add("script " + script + " runs without KEYS");
                    }
                    keys = declared;
                }
                if (inScript) {
                    String file = digests.getOrDefault(script, script);
                    for (String key : keys) {
                        if (!declared.isEmpty() && JedisClusterCRC16.getSlot(key) != JedisClusterCRC16.getSlot(declared.get(0))) {
                            problems.add("script " + file + " touches " + key + " (" + command
                                    + ") in another slot than its KEYS " + declared);
                        } else if (!declared.contains(key)
                                && !DERIVED.getOrDefault(file, NOTHING).matcher(key).matches()) {
                            problems.add("script " + file + " touches " + key + " (" + command
                                    + "), not passed in KEYS " + declared);
                        }
                    }
                }
                if (keys.stream().map(JedisClusterCRC16::getSlot).distinct().count() > 1) {
                    problems.add((inScript ? "script " + script + ": " : "") + command + " uses keys of two slots: " + keys);
                }
            }
            assertEquals(List.of(), problems);
            assertEquals(new TreeSet<>(scriptDigests().keySet()), new TreeSet<>(scriptsRun.stream()
                    .filter(scriptDigests()::containsKey).toList()),
                    "the scenario runs every script of src/main/resources/redis: " + scriptDigests());
        }
    }

    /** A vote from check-in to close, through every script of the store. */
    private static void runAVote(RedisVoteStore store, RedisServer redis) {
        store.issueInvites(VOTE, Map.of("p3", "CODE3"));
        assertEquals(Outcomes.Transition.DONE, store.openVote(VOTE, vn.tinnhiem.testing.Votes.frozen(VOTE, "fp"), T0));
        store.checkIn(VOTE, "p1", "tg:1");
        store.checkIn(VOTE, "p2", "tg:2");
        store.redeemInvite(VOTE, "CODE3", "tg:3");
        store.swapBallotMessage(VOTE, "p1", "100");
        // A /start on the open vote, with a draft to read, and the report of its ballot copy.
        store.press(VOTE, "p4", 2, new BallotEvent.Rate(0, Choice.HIGH));
        assertInstanceOf(Outcomes.Arrival.Welcome.class, store.arrive(VOTE, "tg:4", "p4", 2, true));
        assertInstanceOf(Outcomes.CopyReport.Live.class, store.recordBallotCopy(VOTE, "tg:4", "101"));
        for (String p : List.of("p1", "p2", "p3")) {
            store.press(VOTE, p, 2, new BallotEvent.Rate(0, Choice.HIGH));
            store.press(VOTE, p, 2, new BallotEvent.Rate(1, Choice.LOW));
        }
        // A store without the cached drafts reads p2's draft (the load script) before pressing.
        try (RedisVoteStore other = new RedisVoteStore(redis.client(), Duration.ofHours(1))) {
            assertInstanceOf(BallotStep.class, other.press(VOTE, "p2", 2, new BallotEvent.Submit()));
        }
        assertInstanceOf(Outcomes.Submit.Accepted.class, store.submit(VOTE, "p1", LEADERS, "r1"));
        store.tally(VOTE, LEADERS);
        store.audit(VOTE, new vn.tinnhiem.core.AuditEntry(T0, "note", "x"));
        // p2 and p3 still hold drafts: the close script deletes them.
        assertEquals(Outcomes.Transition.DONE, store.closeVote(VOTE, T0.plusSeconds(60), "digest"));
        store.compactHistory(VOTE);
        // Announcing once, and what replicas share (run --replicas): turns, throttle, pacing.
        assertTrue(store.claimAnnouncement(VOTE, "replica-1", Duration.ofSeconds(60)));
        assertTrue(store.recordAnnounced(VOTE, "replica-1", new vn.tinnhiem.core.AuditEntry(T0, "announced", "x")));
        new RedisGuessCounts(redis.client()).failed("tg:9", Duration.ofMinutes(15));
        new RedisAccountTurns(redis.client()).inTurn("tg:1", 7, () -> "done");
        new vn.tinnhiem.delivery.RedisPacing(redis.client(), "tg",
                new vn.tinnhiem.delivery.RedisPacing.Budget(Duration.ofSeconds(1), 3),
                new vn.tinnhiem.delivery.RedisPacing.Budget(Duration.ofMillis(40), 1)).take("1", true);
    }

    private static void awaitMonitoring(Jedis inspector, BlockingQueue<String> lines) throws InterruptedException {
        String marker = "monitor-ready";
        for (int i = 0; i < 100; i++) {
            inspector.echo(marker);
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(marker)) {
                lines.clear();
                return;
            }
        }
        throw new IllegalStateException("MONITOR did not start");
    }

    /** The keys of one command, as the server sees them (none for a keyless command). */
    private static List<String> keysOf(Jedis inspector, List<String> words) {
        try {
            return inspector.commandGetKeys(words.toArray(String[]::new));
        } catch (RuntimeException keyless) {
            return List.of();
        }
    }

    /** The quoted words of a MONITOR line, unescaped. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        int i = line.indexOf(']') + 1;
        while (i < line.length()) {
            if (line.charAt(i) != '"') {
                i++;
                continue;
            }
            StringBuilder word = new StringBuilder();
            i++;
            while (line.charAt(i) != '"') {
                char c = line.charAt(i);
                if (c == '\\') {
                    char next = line.charAt(i + 1);
                    switch (next) {
                        case 'x' -> {
                            word.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
                            i += 2;
                        }
                        case 'n' -> word.append('\n');
                        case 'r' -> word.append('\r');
                        case 't' -> word.append('\t');
                        default -> word.append(next);
                    }
                    i += 2;
                } else {
                    word.append(c);
                    i++;
                }
            }
            words.add(word.toString());
            i++;
        }
        return words;
    }

    /** SHA-1 of each script under src/main/resources/redis → its file name. */
    private static Map<String, String> scriptDigests() {
        Map<String, String> digests = new HashMap<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/redis"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".lua")).toList()) {
                digests.put(sha1(Files.readString(f, StandardCharsets.UTF_8)), f.getFileName().toString());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return digests;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
