package vn.tinnhiem.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Which masters of a Redis Cluster have a replica to confirm writes (issue 18, item 4). A write
 * waits for a replica ({@code WAIT 1}) so that a failover cannot lose it; a master with no
 * replica can confirm nothing that way, and waiting for one would refuse every write and stall
 * the vote. So a master with no live replica takes writes alone: each is durable on its disk
 * with {@code appendfsync always}, though a failover of that master could not keep it (it has no
 * replica to fail over to anyway). The store says so at start, {@code /health} reports it as
 * degraded and the organisers are told; once a replica is back, writes wait for it again.
 *
 * <p>A replica counts as live unless the cluster flags it failed and it has not answered for
 * {@link #GONE_AFTER}: a replica paused for a moment still counts (a write it misses is refused,
 * as one a failover could lose), one that died does not. Read from CLUSTER NODES, at most every
 * {@link #FRESH} (and at once when a write found no replica).
 */
final class ReplicaWatch {
    private static final Logger log = LoggerFactory.getLogger(ReplicaWatch.class);
    /** The watch of each cluster client, for {@link LuaScript} (which is given the client only). */
    private static final Map<UnifiedJedis, ReplicaWatch> WATCHES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    static void register(UnifiedJedis client, ReplicaWatch watch) {
        WATCHES.put(client, watch);
    }

    /** The watch of a cluster client, or null (one server, Sentinel). */
    static ReplicaWatch of(UnifiedJedis client) {
        return WATCHES.get(client);
    }

    static final Duration GONE_AFTER = Duration.ofSeconds(10);
    static final Duration FRESH = Duration.ofSeconds(2);
    private static final int SLOTS = 16384;

    /** A master serving slots, with no live replica. */
    record Alone(String address, String slots) {}

    private final Supplier<String> clusterNodes;
    private final LongSupplier clock;
    private BitSet aloneSlots = new BitSet(SLOTS);
    private List<Alone> alone = List.of();
    private long readAt = Long.MIN_VALUE;

    ReplicaWatch(Supplier<String> clusterNodes, LongSupplier clockMillis) {
        this.clusterNodes = clusterNodes;
        this.clock = clockMillis;
    }

    /** Whether the master serving {@code slot} has no live replica, as last read (read again when stale). */
    synchronized boolean alone(int slot) {
        if (clock.getAsLong() - readAt >= FRESH.toMillis()) {
            refresh();
        }
        return aloneSlots.get(slot);
    }

    /** Reads the topology now; returns the masters with no live replica. */
    synchronized List<Alone> refresh() {
        String text;
        try {
            text = clusterNodes.get();
        } catch (RuntimeException e) {
            // No node answered: keep the last view (writes still fail or wait as they did).
            readAt = clock.getAsLong();
            return alone;
        }
        parse(text, clock.getAsLong());
        readAt = clock.getAsLong();
        return alone;
    }

    /** "masters without a replica: 10.0.0.1:7000 (slots 0-5460)", when some master has none. */
    synchronized Optional<String> degradation() {
        if (clock.getAsLong() - readAt >= FRESH.toMillis()) {
            refresh();
        }
        if (alone.isEmpty()) {
            return Optional.empty();
        }
        List<String> named = new ArrayList<>();
        alone.forEach(a -> named.add(a.address() + " (slots " + a.slots() + ")"));
        return Optional.of("Redis Cluster masters without a replica: " + String.join(", ", named)
                + "; their writes are confirmed by the master alone");
    }

    private void parse(String text, long now) {
        record Master(String id, String address, String slots, List<int[]> ranges) {}
        List<Master> masters = new ArrayList<>();
        Map<String, Integer> liveReplicas = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 8) {
                continue;
            }
            String flags = "," + f[2] + ",";
            boolean failed = flags.contains(",fail,");
            String address = f[1].contains("@") ? f[1].substring(0, f[1].indexOf('@')) : f[1];
            if (flags.contains(",master,") && !failed && f.length > 8) {
                List<int[]> ranges = new ArrayList<>();
                List<String> shown = new ArrayList<>();
                for (int i = 8; i < f.length; i++) {
                    if (f[i].startsWith("[")) {
                        continue; // a slot being migrated
                    }
                    String[] r = f[i].split("-");
                    int from = Integer.parseInt(r[0]);
                    int to = r.length > 1 ? Integer.parseInt(r[1]) : from;
                    ranges.add(new int[] {from, to});
                    shown.add(f[i]);
                }
                masters.add(new Master(f[0], address, String.join(",", shown), ranges));
            } else if (flags.contains(",slave,")) {
                long pong = Long.parseLong(f[5]);
                boolean gone = failed && now - pong >= GONE_AFTER.toMillis();
                if (!gone) {
                    liveReplicas.merge(f[3], 1, Integer::sum);
                }
            }
        }
        BitSet slots = new BitSet(SLOTS);
        List<Alone> found = new ArrayList<>();
        for (Master m : masters) {
            if (liveReplicas.getOrDefault(m.id(), 0) == 0) {
                m.ranges().forEach(r -> slots.set(r[0], r[1] + 1));
                found.add(new Alone(m.address(), m.slots()));
            }
        }
        aloneSlots = slots;
        if (!found.equals(alone)) {
            if (found.isEmpty()) {
                log.info("Redis Cluster: every master has a replica again; each write waits for one to confirm it");
            } else {
                log.warn("Redis Cluster: {} without a replica ({}): writes there are confirmed by the master alone, "
                        + "durable on its disk with appendfsync always but not kept by a failover; give each master a "
                        + "replica (CLUSTER REPLICATE on a new node)", found.size() == 1 ? "a master" : "masters",
                        String.join(", ", found.stream().map(a -> a.address() + " slots " + a.slots()).toList()));
            }
        }
        alone = List.copyOf(found);
    }
}
