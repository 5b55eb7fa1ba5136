package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.sandbox.Sandbox;
import vn.tinnhiem.sandbox.Simulator;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

class SandboxCommandTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void withoutRedisUrlTheSandboxKeepsEverythingInMemory() {
        assertInstanceOf(InMemoryVoteStore.class, SandboxCommand.store(null, errors));
        assertInstanceOf(InMemoryVoteStore.class, SandboxCommand.store(" ", errors));
    }

    @Test
    void malformedRedisUrlStartsNothingAndKeepsThePasswordOutOfTheMessage() {
        assertNull(SandboxCommand.store("redis://:s3cret@localhost:port/0", errors));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("sandbox: cannot use REDIS_URL"), text);
        assertFalse(text.contains("s3cret"), text);
    }

    @Test
    void withRedisUrlARehearsalRunsOnRedis() {
        String voteId = "sb-redis-" + System.nanoTime();
        try (VoteStore store = SandboxCommand.store(RedisServer.shared().url(), errors)) {
            Sandbox sandbox = new Sandbox(Votes.reference(voteId, 3), store, Clock.systemUTC());
            Simulator simulator = new Simulator(sandbox, new Random(5), "vi");
            simulator.checkIn(3);
            sandbox.act("sb:" + Votes.ORGANISER_ID, new Sandbox.Action.Say("/open"), "vi");
            assertEquals(3, simulator.voteAll());
            sandbox.act("sb:" + Votes.ORGANISER_ID, new Sandbox.Action.Say("/close"), "vi");
            assertEquals(VoteState.CLOSED, store.state(voteId));
            assertEquals(3, sandbox.results().orElseThrow().tally().returned());
        }
    }
}
