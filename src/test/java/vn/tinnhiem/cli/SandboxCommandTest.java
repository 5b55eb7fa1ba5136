package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.sandbox.Persona;
import vn.tinnhiem.sandbox.Sandbox;
import vn.tinnhiem.sandbox.Simulator;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/** The sandbox never touches a real vote (issue 11, item 3): in memory unless --redis, then keys of its own. */
class SandboxCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream output = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void withoutRedisUrlTheSandboxKeepsEverythingInMemory() {
        assertInstanceOf(InMemoryVoteStore.class, SandboxCommand.store(false, null, output, errors));
        assertInstanceOf(InMemoryVoteStore.class, SandboxCommand.store(false, " ", output, errors));
    }

    @Test
    void redisUrlIsIgnoredWithoutTheRedisOptionAndTheRealVoteIsNeitherReadNorWritten() {
        RedisServer redis = RedisServer.shared();
        VoteDefinition vote = vote();
        Map<String, String> realInvites = realVoteUnderWay(redis, vote);
        Map<String, String> before = dump(redis.jedis(), "*{" + vote.id() + "}*");

        try (VoteStore store = SandboxCommand.store(false, redis.url(), output, errors)) {
            assertInstanceOf(InMemoryVoteStore.class, store);
            rehearse(vote, store, realInvites);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("REDIS_URL is ignored"), out.toString());
        assertEquals(before, dump(redis.jedis(), "*{" + vote.id() + "}*"), "the rehearsal wrote to Redis");
    }

    @Test
    void withTheRedisOptionARehearsalRunsUnderItsOwnNamespaceAndNeverTouchesTheRealVote() {
        RedisServer redis = RedisServer.shared();
        VoteDefinition vote = vote();
        Map<String, String> realInvites = realVoteUnderWay(redis, vote);
        Map<String, String> realBefore = dump(redis.jedis(), "tn:{" + vote.id() + "}*");
        Map<String, Long> callsBefore = redis.commandCalls();

        try (VoteStore store = SandboxCommand.store(true, redis.url(), output, errors)) {
            rehearse(vote, store, realInvites);
            assertEquals(VoteState.CLOSED, store.state(vote.id()));
        }
        // Issue 18, item 4: closing a rehearsal touches no server-wide state of the shared Redis.
        Map<String, Long> callsAfter = redis.commandCalls();
        for (String serverWide : List.of("slowlog|reset", "bgrewriteaof", "flushall", "flushdb", "config|set")) {
            assertEquals(callsBefore.getOrDefault(serverWide, 0L), callsAfter.getOrDefault(serverWide, 0L), serverWide);
        }
        assertEquals(realBefore, dump(redis.jedis(), "tn:{" + vote.id() + "}*"), "the rehearsal changed the real vote");
        Map<String, String> rehearsal = dump(redis.jedis(), "*{" + vote.id() + "}*");
        rehearsal.keySet().removeAll(realBefore.keySet());
        assertFalse(rehearsal.isEmpty(), "the check can fail: the rehearsal did write to Redis");
        for (String key : rehearsal.keySet()) {
            assertTrue(key.startsWith(RedisVoteStore.SANDBOX_NAMESPACE + ":{" + vote.id() + "}:"), key);
        }
    }

    @Test
    void theRedisOptionWithoutRedisUrlStartsNothing() {
        assertNull(SandboxCommand.store(true, null, output, errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--redis needs REDIS_URL"), err.toString());
    }

    @Test
    void malformedRedisUrlStartsNothingAndKeepsThePasswordOutOfTheMessage() {
        assertNull(SandboxCommand.store(true, "redis://:s3cret@localhost:port/0", output, errors));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("sandbox: cannot use REDIS_URL"), text);
        assertFalse(text.contains("s3cret"), text);
    }

    /** Two participants known by Telegram id, one who checks in with an invite code. */
    private static VoteDefinition vote() {
        return Votes.builder("real-" + System.nanoTime()).participants(2)
                .participant(new Person("p03", "Người 3", List.of())).build();
    }

    /** A real vote on the bot's keys: invite codes issued, one participant checked in, open. */
    private static Map<String, String> realVoteUnderWay(RedisServer redis, VoteDefinition vote) {
        try (RedisVoteStore real = RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1))) {
            Map<String, String> invites = real.issueInvites(vote.id(),
                    Map.of("p03", "REALCODE3REALCOD"));
            real.checkIn(vote.id(), "p01", "tg:" + Votes.participantTelegramId(1));
            real.openVote(vote.id(), vn.tinnhiem.core.FrozenDefinition.of(vote), Instant.now());
            return invites;
        }
    }

    /**
     * A whole rehearsal of the same vote id: what the page would show (state, invite codes) is
     * the rehearsal's own, not the real vote's.
     */
    private static void rehearse(VoteDefinition vote, VoteStore store, Map<String, String> realInvites) {
        Sandbox sandbox = new Sandbox(vote, store, Clock.systemUTC());
        assertEquals(VoteState.DRAFT, sandbox.state(), "the sandbox sees the real vote's state");
        List<String> codes = sandbox.personas().stream().map(Persona::inviteCode).filter(c -> c != null).toList();
        assertEquals(1, codes.size(), "the invite-only participant gets a code");
        assertFalse(realInvites.containsValue(codes.get(0)), "the sandbox shows a real invite code");
        Simulator simulator = new Simulator(sandbox, new Random(5), "vi");
        assertEquals(3, simulator.checkIn(3));
        sandbox.act("sb:" + Votes.ORGANISER_ID, new Sandbox.Action.Say("/open"), "vi");
        assertEquals(3, simulator.voteAll());
        sandbox.act("sb:" + Votes.ORGANISER_ID, new Sandbox.Action.Say("/close force"), "vi");
        assertEquals(3, sandbox.results().orElseThrow().tally().returned());
        assertNotEquals(List.of(), sandbox.receipts());
    }

    /** Every key matching {@code pattern} with a dump of its value. */
    private static Map<String, String> dump(Jedis jedis, String pattern) {
        Map<String, String> out = new HashMap<>();
        for (String key : new TreeSet<>(jedis.keys(pattern))) {
            byte[] value = jedis.dump(key);
            out.put(key, value == null ? "" : java.util.HexFormat.of().formatHex(value));
        }
        return out;
    }
}
