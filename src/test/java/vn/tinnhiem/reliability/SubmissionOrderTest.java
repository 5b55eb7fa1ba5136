package vn.tinnhiem.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.store.RedisAccountTurns;
import vn.tinnhiem.store.RedisHandledUpdates;
import vn.tinnhiem.store.RedisLanguageNotes;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisServer;

/**
 * Issue 11, item 1 (SPEC 4, "not even by order"): after close, no key, no append-only file
 * (base and increment), no RDB dump and no replica lists participants or receipts in the
 * order they submitted, and no count hash's first fields spell a ballot. 60 participants
 * check in and submit in a shuffled order (a fixed seed; the same order for both, as when
 * the first to arrive votes first); five more stop half-way. Redis runs with {@code appendonly yes}, and a replica follows it.
 *
 * <p>Issue 18, item 3: half of them vote on Telegram and half on Zalo, and each submit goes
 * through what replicas share in Redis as {@code run --replicas} does: the account's turn (with
 * the number of its Telegram update), the Zalo message ids handled, the account's language
 * note. After close none of it follows the order of submissions: no update number, no message
 * id, no time left to live.
 */
class SubmissionOrderTest {
    private static final String VOTE = "order";
    private static final List<String> LEADERS = List.of("director", "deputy1", "deputy2", "deputy3");
    private static final int VOTERS = 60;
    private static final int HALF_WAY = 5;
    /** The shuffle's seed; its Spearman rho against roster order is checked below to be near 0. */
    private static final long SEED = 20261130L;
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    Path dir;
    private RedisServer redis;
    private RedisServer replica;
    private VoteStore store;

    @BeforeEach
    void setUp() {
        // rdbcompression no: the RDB (and the AOF's RDB preamble) stores small keys as they are
        // in memory instead of LZF-compressed, so their order can be read from the raw bytes.
        redis = RedisServer.startAppendOnly(dir, List.of("--rdbcompression", "no"));
        replica = RedisServer.start(List.of("--replicaof", "127.0.0.1", Integer.toString(redis.port())));
        store = RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1));
    }

    @AfterEach
    void tearDown() {
        store.close();
        replica.close();
        redis.close();
    }

    private static String person(int i) {
        return String.format("zqv-%03d", i);
    }

    /** Even participants on Telegram, odd ones on Zalo (20 hexadecimal characters, as Zalo's ids). */
    private static String account(int i) {
        return i % 2 == 0 ? "tg:" + (7_770_000 + i) : "zl:6ede9afa66b88fe6" + String.format("%04d", i);
    }

    @Test
    void afterCloseNothingStoredFollowsTheOrderOfSubmissions() throws Exception {
        Random random = new Random(SEED);
        List<Integer> order = new ArrayList<>(IntStream.rangeClosed(1, VOTERS).boxed().toList());
        Collections.shuffle(order, random);
        // The shuffle must not itself look like roster order, or sorting could not hide it.
        assertTrue(Math.abs(OrderScanner.spearman(order.stream().map(i -> i - 1).toList())) < 0.15,
                "the seed's shuffle is too close to roster order");
        // Worst case: people check in in the order they will vote (the first to arrive votes first).
        List<Integer> arrivals = new ArrayList<>(order);
        IntStream.rangeClosed(VOTERS + 1, VOTERS + HALF_WAY).forEach(arrivals::add);
        for (int i : arrivals) {
            assertEquals(Outcomes.CheckIn.LINKED, store.checkIn(VOTE, person(i), account(i)));
        }
        assertEquals(Outcomes.Transition.DONE, store.openVote(VOTE, vn.tinnhiem.testing.Votes.frozen(VOTE, "fp"), T0));

        List<String> submitted = new ArrayList<>();
        List<String> receipts = new ArrayList<>();
        List<List<Choice>> ballots = new ArrayList<>();
        Choice[] all = Choice.values();
        // What replicas share: the Telegram turns, the Zalo messages handled, the language notes.
        redis.clients.jedis.UnifiedJedis shared = this.redis.client();
        RedisAccountTurns turns = new RedisAccountTurns(shared);
        RedisHandledUpdates handled = new RedisHandledUpdates(shared, RedisHandledUpdates.ZALO);
        RedisLanguageNotes languages = new RedisLanguageNotes(shared);
        long updateId = 500_000_000L;
        long zaloMessage = 0x7a10c0000000L;
        java.util.Map<String, Integer> accountRanks = new java.util.HashMap<>();
        for (int i : order) {
            List<Choice> ballot = IntStream.range(0, LEADERS.size()).mapToObj(k -> all[random.nextInt(4)]).toList();
            String receipt = String.format("rc%08x", random.nextInt() & 0x7fffffff);
            for (int k = 0; k < LEADERS.size(); k++) {
                store.press(VOTE, person(i), LEADERS.size(), new BallotEvent.Rate(k, ballot.get(k)));
            }
            assertInstanceOf(BallotStep.ReadyToSubmit.class,
                    store.press(VOTE, person(i), LEADERS.size(), new BallotEvent.Submit()));
            String who = account(i);
            if (who.startsWith("tg:")) {
                // Update numbers grow across the bot: the next update anyone sends has a higher one.
                assertEquals(new Outcomes.Submit.Accepted(receipt), turns.inTurn(who, updateId++,
                        () -> store.submit(VOTE, person(i), LEADERS, receipt)));
            } else {
                String seen = who + "/" + Long.toHexString(zaloMessage++);
                assertFalse(handled.handled(seen));
                assertEquals(new Outcomes.Submit.Accepted(receipt), store.submit(VOTE, person(i), LEADERS, receipt));
                handled.remember(seen);
                assertTrue(handled.handled(seen));
            }
            languages.remember(who, java.util.Locale.forLanguageTag("vi"));
            updateId += 3; // others' updates in between
            zaloMessage += 7;
            accountRanks.put(who, submitted.size());
            submitted.add(person(i));
            receipts.add(receipt);
            ballots.add(ballot);
        }
        for (int i = VOTERS + 1; i <= VOTERS + HALF_WAY; i++) {
            store.press(VOTE, person(i), LEADERS.size(), new BallotEvent.Rate(0, Choice.LOW));
        }
        Jedis jedis = redis.jedis();

        // While the vote is open the order is there to see (the scans are not blind): the
        // voted hash lists participants as they submitted, and the AOF records the submits.
        OrderScanner whileOpen = new OrderScanner(submitted, receipts, LEADERS, ballots);
        assertFalse(whileOpen.scanRedis(jedis, "open").isEmpty(), "the key scan sees no order before close");
        assertFalse(scanIncrementFiles(whileOpen).isEmpty(), "the AOF scan sees no submit before close");
        List<OrderScanner.Finding> sharedWhileOpen = whileOpen.scanAccountKeys(jedis, "open", accountRanks);
        for (String kind : List.of("tn:turn:{<account>}:last value", "tn:lang:<account> PTTL")) {
            assertTrue(sharedWhileOpen.stream().anyMatch(f -> f.where().endsWith(kind)),
                    "the scan of the replicas' shared state sees no order before close in " + kind + ": "
                            + sharedWhileOpen);
        }
        assertTrue(jedis.keys("tn:handled:zalo:*").size() > 0, "no Zalo message remembered");

        assertEquals(Outcomes.Transition.DONE, store.closeVote(VOTE, T0.plusSeconds(3600), "digest"));
        store.compactHistory(VOTE);

        OrderScanner scanner = new OrderScanner(submitted, receipts, LEADERS, ballots);
        List<OrderScanner.Finding> found = new ArrayList<>(scanner.scanRedis(jedis, "redis"));
        List<Path> aof = SecrecyScanner.appendOnlyFiles(dir);
        assertTrue(aof.stream().anyMatch(f -> f.toString().endsWith(".base.rdb")), "no AOF base file: " + aof);
        assertTrue(aof.stream().anyMatch(f -> f.toString().endsWith(".incr.aof")), "no AOF increment file: " + aof);
        for (Path file : aof) {
            found.addAll(scanner.scanFile(file));
        }
        assertEquals("OK", jedis.save());
        Path dump = dir.resolve("dump.rdb");
        assertTrue(Files.size(dump) > 0);
        found.addAll(scanner.scanFile(dump));
        // The replica, once it has every write of the master.
        long caughtUp = 0;
        for (int attempt = 0; attempt < 10 && caughtUp < 1; attempt++) {
            caughtUp = jedis.waitReplicas(1, 1_000);   // under the client's 2 s read timeout
        }
        assertEquals(1L, caughtUp, "the replica did not catch up");
        found.addAll(scanner.scanRedis(replica.jedis(), "replica"));
        found.addAll(scanner.scanAccountKeys(jedis, "redis", accountRanks));
        found.addAll(scanner.scanAccountKeys(replica.jedis(), "replica", accountRanks));
        assertEquals(java.util.Set.of(), jedis.keys("tn:handled:*"), "Zalo message ids kept after close");
        assertEquals(java.util.Set.of(), jedis.keys("tn:turn:*"), "update numbers kept after close");
        assertEquals(VOTERS, jedis.keys("tn:lang:*").size(), "the language notes are kept");

        System.out.printf("submission order: %d sequences of participants judged after close, |rho| at most %.2f: %s%n",
                scanner.judged.size(), scanner.judged.stream().mapToDouble(j -> Math.abs(j.rho())).max().orElse(0),
                scanner.judged);
        assertEquals(List.of(), found, "something stored follows the order of submissions");
        // The count hash: every field, in the fixed order, whatever the ballots were.
        List<String> fixedOrder = new ArrayList<>();
        for (String leader : LEADERS) {
            for (Choice c : all) {
                fixedOrder.add(leader + ":" + c.code());
            }
        }
        assertEquals(fixedOrder, OrderScanner.inStoredOrder(jedis, "HKEYS", "tn:{" + VOTE + "}:counts"), "count fields' order");
        // Who voted: in sorted order, not the order of submission.
        List<String> voted = OrderScanner.inStoredOrder(jedis, "HKEYS", "tn:{" + VOTE + "}:voted");
        assertEquals(submitted.stream().sorted().toList(), voted, "the voted hash's order");

        // The scans did read who voted in each place, each with every voter.
        for (String where : List.of("redis HKEYS tn:{order}:voted", "redis HVALS tn:{order}:voted",
                "replica HKEYS tn:{order}:voted", "dump.rdb tn:{order}:voted")) {
            assertTrue(scanner.judged.stream().anyMatch(j -> j.where().startsWith(where) && j.length() == VOTERS),
                    "not judged: " + where + " in " + scanner.judgedWhere());
        }
        assertTrue(scanner.judged.stream().anyMatch(j -> j.where().startsWith("appendonly.aof.")
                && j.where().contains(".base.rdb tn:{order}:voted") && j.length() == VOTERS),
                "the AOF base was not read: " + scanner.judgedWhere());
    }

    private List<OrderScanner.Finding> scanIncrementFiles(OrderScanner scanner) {
        List<OrderScanner.Finding> found = new ArrayList<>();
        for (Path file : SecrecyScanner.appendOnlyFiles(dir)) {
            if (file.toString().endsWith(".incr.aof")) {
                found.addAll(scanner.scanFile(file));
            }
        }
        return found;
    }
}
