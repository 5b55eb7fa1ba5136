package vn.tinnhiem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 4: which cluster masters have no live replica, read from CLUSTER NODES (format:
 * id address flags master-id ping-sent pong-recv epoch link slots...).
 */
class ReplicaWatchTest {
    private static final long NOW = 1_800_000_000_000L;

    private static String nodes(String replicaFlags, long replicaPong) {
        return String.join("\n",
                "m1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460",
                "m2 127.0.0.1:7001@17001 master - 0 " + NOW + " 2 connected 5461-10922",
                "m3 127.0.0.1:7002@17002 master - 0 " + NOW + " 3 connected 10923-16383",
                "r1 127.0.0.1:7003@17003 slave m1 0 " + NOW + " 1 connected",
                "r2 127.0.0.1:7004@17004 slave m2 0 " + NOW + " 2 connected",
                "r3 127.0.0.1:7005@17005 " + replicaFlags + " m3 0 " + replicaPong + " 3 connected",
                "old 127.0.0.1:7006@17006 master,fail - 0 " + (NOW - 60_000) + " 4 disconnected");
    }

    @Test
    void aReplicaPausedOrJustFailedStillCountsOneGoneForTenSecondsDoesNot() {
        AtomicReference<String> topology = new AtomicReference<>(nodes("slave", NOW));
        AtomicLong clock = new AtomicLong(NOW);
        ReplicaWatch watch = new ReplicaWatch(topology::get, clock::get);
        assertEquals(List.of(), watch.refresh());
        assertFalse(watch.alone(12000));

        topology.set(nodes("slave,fail?", NOW - 3_000));
        assertEquals(List.of(), watch.refresh(), "suspected only");
        topology.set(nodes("slave,fail", NOW - 5_000));
        assertEquals(List.of(), watch.refresh(), "failed for 5 s: it may come back, and a failover could promote it");

        topology.set(nodes("slave,fail", NOW - 10_000));
        assertEquals(List.of(new ReplicaWatch.Alone("127.0.0.1:7002", "10923-16383")), watch.refresh());
        assertTrue(watch.alone(12000));
        assertFalse(watch.alone(0));
        assertTrue(watch.degradation().orElseThrow().contains("127.0.0.1:7002 (slots 10923-16383)"));

        // Read again only after FRESH, then the replica is back.
        topology.set(nodes("slave", NOW));
        assertTrue(watch.alone(12000), "the last view, until it is stale");
        clock.addAndGet(ReplicaWatch.FRESH.toMillis());
        assertFalse(watch.alone(12000));
        assertTrue(watch.degradation().isEmpty());
    }

    @Test
    void aMasterWithNoReplicaAtAllIsAloneAndAnUnreadableTopologyKeepsTheLastView() {
        String noReplicas = String.join("\n",
                "m1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-8191",
                "m2 127.0.0.1:7001@17001 master - 0 " + NOW + " 2 connected 8192-16383");
        AtomicReference<String> topology = new AtomicReference<>(noReplicas);
        ReplicaWatch watch = new ReplicaWatch(() -> {
            String t = topology.get();
            if (t == null) {
                throw new IllegalStateException("no node answered");
            }
            return t;
        }, () -> NOW);
        assertEquals(2, watch.refresh().size());
        topology.set(null);
        assertEquals(2, watch.refresh().size());
        assertTrue(watch.alone(0) && watch.alone(16383));
    }
}
