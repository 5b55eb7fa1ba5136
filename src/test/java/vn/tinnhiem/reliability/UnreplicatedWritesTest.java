package vn.tinnhiem.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.StoreUnavailableException;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.store.StoreOutages;
import vn.tinnhiem.testing.RedisCluster;
import vn.tinnhiem.testing.RedisSentinels;
import vn.tinnhiem.testing.RedisServer;

/**
 * Issue 9, item 2: with asynchronous replication a master may confirm a write and die before
 * its replica has it; the promoted replica then never had the write. So on a cluster and
 * behind Sentinel the store confirms a write only once a replica holds it (WAIT), and tells
 * the user to try again otherwise.
 *
 * <p>The replica is frozen (SIGSTOP) and the master drops its link to it, a press is made, the master is killed (SIGKILL), the
 * replica thawed and promoted. Whatever the store confirmed must be on the new master. Without
 * the WAIT, the press is confirmed and lost.
 */
class UnreplicatedWritesTest {
    private static final String VOTE = "unreplicated";
    private static final int N = 3;
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    @Test
    void onAClusterAWriteNoReplicaHasIsNotConfirmed() {
        try (RedisCluster cluster = RedisCluster.start()) {
            String key = "tn:{" + VOTE + "}:state";
            RedisServer master = cluster.masterOf(key);
            RedisServer replica = cluster.replicasOf(master).get(0);
            check(cluster.url(), master, replica, () -> {
                cluster.kill(master);
                replica.resume();
                cluster.awaitPromotion(master, List.of(replica));
            }, () -> cluster.restart(master), true);
        }
    }

    @Test
    void behindSentinelAWriteNoReplicaHasIsNotConfirmed() {
        try (RedisSentinels sentinels = RedisSentinels.start()) {
            RedisServer master = sentinels.master();
            RedisServer replica = sentinels.servers().stream().filter(s -> s != master).findFirst().orElseThrow();
            check(sentinels.url(), master, replica, () -> {
                master.kill();
                replica.resume();
                sentinels.awaitNewMaster(master);
            }, () -> sentinels.restartAsReplica(master), false);
        }
    }

    /**
     * @param aloneTakesWrites a master left with no replica at all takes writes alone (a cluster,
     *                         issue 18: never stall), instead of refusing them (Sentinel)
     */
    private static void check(String url, RedisServer master, RedisServer replica, Runnable failOver,
                              Runnable replicaBack, boolean aloneTakesWrites) {
        try (VoteStore store = StoreOutages.translated(RedisVoteStore.fromUrl(url, Duration.ofHours(1)))) {
            assertEquals(Outcomes.Transition.DONE, store.openVote(VOTE, vn.tinnhiem.testing.Votes.frozen(VOTE, "fp"), T0));
            store.checkIn(VOTE, "p1", "tg:1");
            assertInstanceOf(BallotStep.Moved.class, store.press(VOTE, "p1", N, new BallotEvent.Rate(0, Choice.HIGH)));

            // The replica stops (and cannot reconnect) and the master drops its link to it: from
            // now on the master's writes reach no replica, even through a socket buffer.
            replica.pause();
            master.jedis().sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "replica");
            boolean confirmed;
            try {
                store.press(VOTE, "p1", N, new BallotEvent.Rate(1, Choice.LOW));
                confirmed = true;
            } catch (StoreUnavailableException e) {
                assertTrue(e.getMessage().contains("no replica confirmed the write"), e.getMessage());
                confirmed = false;
            }
            failOver.run();

            try (VoteStore fresh = StoreOutages.translated(RedisVoteStore.fromUrl(url, Duration.ofHours(1)))) {
                Draft draft = retrying(() -> fresh.draft(VOTE, "p1", N));
                assertEquals(Choice.HIGH, draft.choices().get(0), "the first press, confirmed, survived");
                if (confirmed) {
                    assertEquals(Choice.LOW, draft.choices().get(1),
                            "the store confirmed a press that the failover lost: " + draft.encode());
                }
                assertTrue(!confirmed, "a press no replica had was confirmed (and it survived only by luck)");

                // The promoted master has no replica until the killed node comes back. Behind
                // Sentinel: not confirmed. On a cluster: taken on the master alone (ReplicaWatch).
                if (aloneTakesWrites) {
                    assertInstanceOf(BallotStep.Moved.class,
                            retrying(() -> fresh.press(VOTE, "p1", N, new BallotEvent.Rate(1, Choice.MEDIUM))));
                    assertEquals(Choice.MEDIUM, fresh.draft(VOTE, "p1", N).choices().get(1));
                    assertTrue(fresh.degradation().isPresent());
                } else {
                    StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                            () -> fresh.press(VOTE, "p1", N, new BallotEvent.Rate(1, Choice.LOW)));
                    assertTrue(e.getMessage().contains("no replica confirmed the write"), e.getMessage());
                }
                replicaBack.run();
                if (aloneTakesWrites) {
                    // The replica is back: writes go on (and wait for it again).
                    assertInstanceOf(BallotStep.Moved.class,
                            retrying(() -> fresh.press(VOTE, "p1", N, new BallotEvent.Rate(2, Choice.LOW))));
                    assertEquals(Choice.LOW, fresh.draft(VOTE, "p1", N).choices().get(2));
                    return;
                }
                // The voter tries again: the retry is safe whether the refused press was stored or not.
                BallotStep step = retrying(() -> fresh.press(VOTE, "p1", N, new BallotEvent.Rate(1, Choice.LOW)));
                assertInstanceOf(BallotStep.Moved.class, step);
                assertEquals(Choice.LOW, fresh.draft(VOTE, "p1", N).choices().get(1));
            }
        } finally {
            if (replica.isRunning()) {
                replica.resume();
            }
        }
    }

    private static <T> T retrying(Supplier<T> op) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return op.get();
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
