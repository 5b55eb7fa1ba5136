package vn.tinnhiem.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.FrozenDefinition;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.StoreUnavailableException;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.ops.Observability;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.store.StoreOutages;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.LogCapture;
import vn.tinnhiem.testing.RedisCluster;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * Issue 18, item 4: a Redis Cluster master without a replica. On main, after a failover that
 * left the vote's master without one, every write was refused ("no replica confirmed the
 * write") until an operator attached a node: the vote stalled. Now the store takes writes on
 * the master alone (durable there with appendfsync always), says so in the log, in
 * {@code /health} ("degraded") and to the organisers, and waits for a replica again once one is
 * back.
 */
class ClusterWithoutReplicaTest {
    private static final int N = 3;
    private static final Duration SETTLE = Duration.ofSeconds(30);

    /** Retries {@code write} while the cluster settles after a failover; fails if it never goes through. */
    private static <T> T eventually(String what, Supplier<T> write) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            try {
                return write.get();
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(what + " still refused " + SETTLE.toSeconds() + " s after the failover", e);
                }
            }
            Thread.onSpinWait();
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + SETTLE.toSeconds() + " s: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
    }

    @Test
    void afterAFailoverLeavesTheVotesMasterAloneBallotsAreStillTakenAndTheOrganisersTold() {
        VoteDefinition vote = Votes.reference("alone", 4);
        List<String> leaders = vote.leaders().stream().map(l -> l.id()).toList();
        try (RedisCluster cluster = RedisCluster.start(List.of("--appendfsync", "always"));
                LogCapture logs = LogCapture.start(Level.INFO);
                VoteStore store = StoreOutages.translated(RedisVoteStore.fromUrl(cluster.url(), Duration.ofHours(1)));
                Observability ops = new Observability(java.util.Set.of(vote.id()), () -> store.state(vote.id()))) {
            ops.degradedWhen(store::degradation);
            ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                    List.of(TelegramPlatform.PLATFORM));
            for (int i = 1; i <= 4; i++) {
                store.checkIn(vote.id(), "p0" + i, "tg:" + Votes.participantTelegramId(i));
            }
            assertEquals(Outcomes.Transition.DONE, store.openVote(vote.id(), FrozenDefinition.of(vote), Instant.now()));
            assertEquals(Optional.empty(), store.degradation(), "every master has a replica at start");
            assertTrue(flow.tick().isEmpty());
            store.press(vote.id(), "p01", N, new BallotEvent.Rate(0, Choice.HIGH));

            // The vote's master dies and is not brought back: its replica is promoted, alone.
            RedisServer master = cluster.masterOf("tn:{" + vote.id() + "}:state");
            List<RedisServer> replicas = cluster.replicasOf(master);
            cluster.kill(master);
            RedisServer promoted = cluster.awaitPromotion(master, replicas);

            // Never stalls: ballots are taken and counted on the master alone.
            for (int p = 2; p <= 4; p++) {
                String person = "p0" + p;
                for (int k = 0; k < N; k++) {
                    int leader = k;
                    BallotStep step = eventually("a press", () -> store.press(vote.id(), person, N,
                            new BallotEvent.Rate(leader, Choice.LOW)));
                    assertInstanceOf(BallotStep.Moved.class, step);
                }
                assertInstanceOf(BallotStep.ReadyToSubmit.class, eventually("the review", () ->
                        store.press(vote.id(), person, N, new BallotEvent.Submit())));
                assertInstanceOf(Outcomes.Submit.Accepted.class,
                        eventually("a submit", () -> store.submit(vote.id(), person, leaders, "RC" + person)));
            }
            assertEquals(3, store.tally(vote.id(), leaders).returned());
            String degraded = store.degradation().orElseThrow();
            assertTrue(degraded.contains(":" + promoted.port()), degraded);
            assertTrue(ops.health().json().contains("\"status\":\"degraded\""), ops.health().json());
            assertTrue(ops.health().healthy(), "degraded is not down: the bot works");
            assertTrue(logs.text().contains("without a replica"), "said in the log");
            List<Reply> told = flow.tick();
            String alert = Messages.of(vote.language()).get("replication.degraded", vote.title());
            assertTrue(told.stream().anyMatch(r -> r instanceof Reply.Send s && s.to().equals("tg:" + Votes.ORGANISER_ID)
                    && s.text().equals(alert)), told.toString());
            assertTrue(flow.tick().isEmpty(), "told once");

            // A replica is back (the old master rejoins as the new one's replica): writes wait for it again.
            cluster.restart(master);
            await("the store sees the replica back", () -> store.degradation().isEmpty());
            List<Reply> back = flow.tick();
            assertTrue(back.stream().anyMatch(r -> r instanceof Reply.Send s
                    && s.text().equals(Messages.of(vote.language()).get("replication.restored", vote.title()))), back.toString());
            assertTrue(ops.health().json().contains("\"status\":\"up\""), ops.health().json());
            master.pause();
            try {
                assertThrows(StoreUnavailableException.class, () -> store.press(vote.id(), "p01", N,
                        new BallotEvent.Rate(1, Choice.MEDIUM)), "a write no replica has is refused again");
            } finally {
                master.resume();
            }
        }
    }
}
