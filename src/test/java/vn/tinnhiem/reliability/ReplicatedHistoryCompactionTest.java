package vn.tinnhiem.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Slowlog;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisCluster;
import vn.tinnhiem.testing.RedisSentinels;
import vn.tinnhiem.testing.RedisServer;

/**
 * Issue 9, item 2: history compaction (SLOWLOG RESET, AOF rewrite; see SECURITY.md) runs on
 * every master and every replica, not only on the node the client happens to talk to. A
 * replica's append-only file records the same submits in the same order as its master's, and
 * any node's slow log can hold press arguments.
 *
 * <p>Every node logs every command ({@code slowlog-log-slower-than 0}) and keeps an
 * append-only file. A vote of 30 runs; before close, the AOF of the vote's master and of its
 * replica show the submission order (the scan is not blind). After {@code compactHistory}:
 * every node rewrote its AOF, no node's AOF follows the submission order, and no node's slow
 * log holds a command from before the compaction.
 */
class ReplicatedHistoryCompactionTest {
    private static final String VOTE = "compact";
    private static final List<String> LEADERS = List.of("director", "deputy1", "deputy2");
    private static final int VOTERS = 30;
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final List<String> NODE_OPTIONS = List.of("--rdbcompression", "no",
            "--slowlog-log-slower-than", "0", "--slowlog-max-len", "100000");

    @Test
    void onAClusterEveryNodeIsCompacted() {
        try (RedisCluster cluster = RedisCluster.start(NODE_OPTIONS)) {
            String key = "tn:{" + VOTE + "}:state";
            RedisServer master = cluster.masterOf(key);
            RedisServer replica = cluster.replicasOf(master).get(0);
            voteCloseAndCompact(cluster.url(), cluster.nodes(), List.of(master, replica));
        }
    }

    @Test
    void behindSentinelTheMasterAndTheReplicaAreCompacted() {
        try (RedisSentinels sentinels = RedisSentinels.start(NODE_OPTIONS)) {
            voteCloseAndCompact(sentinels.url(), sentinels.servers(), sentinels.servers());
        }
    }

    /**
     * @param nodes      every data node
     * @param voteNodes  the nodes holding the vote (its master and replica), whose history must be seen first
     */
    private static void voteCloseAndCompact(String url, List<RedisServer> nodes, List<RedisServer> voteNodes) {
        Random random = new Random(20261130L);
        List<Integer> order = new ArrayList<>(IntStream.rangeClosed(1, VOTERS).boxed().toList());
        Collections.shuffle(order, random);
        List<String> submitted = new ArrayList<>();
        List<String> receipts = new ArrayList<>();
        List<List<Choice>> ballots = new ArrayList<>();
        Map<Integer, Long> rewritesBefore = new HashMap<>();
        try (RedisVoteStore store = RedisVoteStore.fromUrl(url, Duration.ofHours(1))) {
            for (int i : order) {
                store.checkIn(VOTE, person(i), "tg:" + (5_550_000 + i));
            }
            assertEquals(Outcomes.Transition.DONE, store.openVote(VOTE, vn.tinnhiem.testing.Votes.frozen(VOTE, "fp"), T0));
            Choice[] all = Choice.values();
            for (int i : order) {
                List<Choice> ballot = IntStream.range(0, LEADERS.size()).mapToObj(k -> all[random.nextInt(4)]).toList();
                String receipt = String.format("rc%08x", random.nextInt() & 0x7fffffff);
                for (int k = 0; k < LEADERS.size(); k++) {
                    store.press(VOTE, person(i), LEADERS.size(), new BallotEvent.Rate(k, ballot.get(k)));
                }
                assertEquals(new Outcomes.Submit.Accepted(receipt), store.submit(VOTE, person(i), LEADERS, receipt));
                submitted.add(person(i));
                receipts.add(receipt);
                ballots.add(ballot);
            }
            // Each write was confirmed by the replica (WAIT), so its AOF gets the submits too; but a
            // node with appendfsync everysec postpones its AOF write for up to 2 s while a background
            // fsync is still running (a loaded disk), so the scan waits for them to arrive.
            OrderScanner whileOpen = new OrderScanner(submitted, receipts, LEADERS, ballots);
            for (RedisServer node : voteNodes) {
                assertTrue(seenWithin(Duration.ofSeconds(15), () -> !scan(whileOpen, node.dir()).isEmpty()),
                        "before close, the AOF scan of node " + node.port() + " sees no submit");
                assertTrue(slowLogMentions(node, person(order.get(0))),
                        "before close, node " + node.port() + "'s slow log holds no press");
            }
            for (RedisServer node : nodes) {
                node.jedis().echo("before-compaction");
                rewritesBefore.put(node.port(), rewrites(node));
            }

            assertEquals(Outcomes.Transition.DONE, store.closeVote(VOTE, T0.plusSeconds(3600), "digest"));
            store.compactHistory(VOTE);
        }

        OrderScanner scanner = new OrderScanner(submitted, receipts, LEADERS, ballots);
        List<OrderScanner.Finding> found = new ArrayList<>();
        for (RedisServer node : nodes) {
            assertTrue(rewrites(node) > rewritesBefore.get(node.port()), "node " + node.port() + " rewrote its AOF");
            found.addAll(scan(scanner, node.dir()));
            assertFalse(slowLogMentions(node, "before-compaction"), "node " + node.port() + "'s slow log was reset");
            assertFalse(slowLogMentions(node, person(order.get(0))), "node " + node.port() + "'s slow log holds a press");
        }
        assertEquals(List.of(), found, "an append-only file follows the order of submissions");
    }

    /** Whether {@code condition} holds now or within {@code limit}, polled every 50 ms. */
    private static boolean seenWithin(Duration limit, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static long rewrites(RedisServer node) {
        return Long.parseLong(RedisServer.info(node.jedis(), "persistence").get("aof_rewrites"));
    }

    private static List<OrderScanner.Finding> scan(OrderScanner scanner, Path dir) {
        List<OrderScanner.Finding> found = new ArrayList<>();
        for (Path file : SecrecyScanner.appendOnlyFiles(dir)) {
            found.addAll(scanner.scanFile(file));
        }
        return found;
    }

    private static boolean slowLogMentions(RedisServer node, String text) {
        Jedis jedis = node.jedis();
        for (Slowlog entry : jedis.slowlogGet(100_000)) {
            if (entry.getArgs().stream().anyMatch(a -> a.contains(text))) {
                return true;
            }
        }
        return false;
    }

    private static String person(int i) {
        return String.format("zqc-%03d", i);
    }
}
