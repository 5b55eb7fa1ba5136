package vn.tinnhiem.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.JedisClusterCRC16;
import vn.tinnhiem.core.StoreUnavailableException;

/**
 * A Lua script kept as a resource under {@code /redis/}, run with EVALSHA so only its
 * 40-character digest travels on each call. Redis forgets scripts on restart, failover or
 * SCRIPT FLUSH; the first NOSCRIPT reloads it and runs the call again, once.
 *
 * <p><b>Replicated deployments.</b> On a cluster or behind Sentinel, replication is
 * asynchronous: a master that dies before its replica received a write takes the write with
 * it, and the replica promoted in its place never had it. So a script that writes is sent
 * with {@code WAIT 1 <ms>} in the same pipeline (one round trip), and its reply counts only
 * once a replica has the write; otherwise the call fails with
 * {@link StoreUnavailableException} and the user is asked to try again. Every script is
 * idempotent under a retry (a compare-and-set, a guard on "already voted", "already linked"…),
 * so trying again is safe whether the write survived or not. One server (no replica) runs
 * the script alone, as before; so does a cluster master that has no replica ({@link ReplicaWatch}),
 * rather than refuse every write.
 */
public final class LuaScript {
    private static final Logger log = LoggerFactory.getLogger(LuaScript.class);

    /** Replicas that must hold a write before it counts (cluster and Sentinel). */
    static final int REPLICAS = 1;
    /** How long a write waits for a replica; a healthy replica answers in about a millisecond. */
    static final long WAIT_MILLIS = 1000;
    /** MOVED replies followed before giving up (a slot moved by a failover: one is enough). */
    private static final int MAX_REDIRECTS = 2;

    private final String name;
    private final String source;
    private final String sha;
    private final boolean writes;

    private LuaScript(String name, String source, boolean writes) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
        this.writes = writes;
    }

    /** A script that writes: on a replicated deployment it waits for a replica. */
    public static LuaScript resource(String name) {
        return resource(name, true);
    }

    /** A script that only reads: never waits for a replica. */
    static LuaScript readOnlyResource(String name) {
        return resource(name, false);
    }

    /**
     * A script whose writes need not survive a failover, so it never waits for a replica:
     * pacing budgets and per-account turns, which a new master may start afresh.
     */
    public static LuaScript unreplicatedResource(String name) {
        return resource(name, false);
    }

    private static LuaScript resource(String name, boolean writes) {
        String path = "/redis/" + name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + path);
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), writes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script resource " + path, e);
        }
    }

    /** SCRIPT LOAD, so the first EVALSHA already hits. */
    public void load(UnifiedJedis redis) {
        String loaded = redis.scriptLoad(source);
        if (!sha.equals(loaded)) {
            throw new IllegalStateException("Redis digests script " + name + " as " + loaded + ", expected " + sha);
        }
    }

    /** SCRIPT LOAD on one node (each master of a cluster needs its own copy). */
    void load(RedisConnection.Node node) {
        String loaded = RedisConnection.text(node.send(Protocol.Command.SCRIPT, "LOAD", source));
        if (!sha.equals(loaded)) {
            throw new IllegalStateException("Redis digests script " + name + " as " + loaded + ", expected " + sha);
        }
    }

    public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        if (writes && redis instanceof RedisClusterClient cluster) {
            return runOnCluster(cluster, keys, args);
        }
        if (writes && redis instanceof RedisSentinelClient sentinel) {
            return runAndWait(sentinel.pipelined(), keys, args);
        }
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            // Arguments are not logged: they may hold a draft.
            log.info("Redis lost script {}; loading it again", name);
            if (keys.isEmpty()) {
                load(redis);
            } else {
                // On a cluster, to the node that will run it: the one serving the keys' slot.
                redis.scriptLoad(source, keys.get(0));
            }
            return redis.evalsha(sha, keys, args);
        }
    }

    /**
     * On the master of the keys' slot, through one of its pooled connections (WAIT counts
     * the writes of the connection it is sent on). A MOVED reply (the slot has a new master
     * since a failover) refreshes the client's view of the cluster and tries again; nothing ran.
     */
    private Object runOnCluster(RedisClusterClient cluster, List<String> keys, List<String> args) {
        int slot = slotOf(keys);
        ReplicaWatch watch = ReplicaWatch.of(cluster);
        for (int redirect = 0; ; redirect++) {
            try {
                Pipeline pipeline = new Pipeline(cluster.getConnectionFromSlot(slot), true);
                if (watch != null && watch.alone(slot)) {
                    // No replica to wait for: the master alone (ReplicaWatch), rather than refusing every write.
                    return runAlone(pipeline, keys, args);
                }
                return runAndWait(pipeline, keys, args, watch == null ? null : () -> {
                    watch.refresh();
                    return watch.alone(slot);
                });
            } catch (JedisMovedDataException moved) {
                cluster.refreshClusterTopology();
                if (redirect == MAX_REDIRECTS) {
                    throw moved;
                }
            } catch (JedisConnectionException down) {
                // Perhaps failed over already: the next call goes to the new master.
                try {
                    cluster.refreshClusterTopology();
                } catch (RuntimeException stillDown) {
                    down.addSuppressed(stillDown);
                }
                throw down;
            }
        }
    }

    /** The one slot of {@code keys}; a script given keys of two slots would be refused by the cluster. */
    static int slotOf(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a script run on a cluster needs its keys in KEYS");
        }
        int slot = JedisClusterCRC16.getSlot(keys.get(0));
        for (String key : keys) {
            if (JedisClusterCRC16.getSlot(key) != slot) {
                throw new IllegalArgumentException("script keys span two cluster slots: " + keys.get(0) + ", " + key);
            }
        }
        return slot;
    }

    /** EVALSHA and WAIT in one pipeline; closes the pipeline (and so returns its connection). */
    private Object runAndWait(Pipeline pipeline, List<String> keys, List<String> args) {
        return runAndWait(pipeline, keys, args, null);
    }

    /** EVALSHA alone, on a master that has no replica; closes the pipeline. */
    private Object runAlone(Pipeline pipeline, List<String> keys, List<String> args) {
        try (Pipeline p = pipeline) {
            Response<Object> reply = p.evalsha(sha, keys, args);
            p.sync();
            try {
                return reply.get();
            } catch (JedisNoScriptException e) {
                log.info("Redis lost script {}; loading it again", name);
                p.scriptLoad(source, keys.get(0));
                Response<Object> again = p.evalsha(sha, keys, args);
                p.sync();
                return again.get();
            }
        }
    }

    /**
     * As above; when no replica confirmed the write and {@code aloneNow} (the topology read again)
     * says the master has none left, the write counts, as on a master without replica.
     */
    private Object runAndWait(Pipeline pipeline, List<String> keys, List<String> args,
            java.util.function.BooleanSupplier aloneNow) {
        Response<Object> reply;
        Response<Long> replicas;
        try (Pipeline p = pipeline) {
            reply = p.evalsha(sha, keys, args);
            replicas = p.waitReplicas(REPLICAS, WAIT_MILLIS);
            p.sync();
            Object result;
            try {
                result = reply.get();
            } catch (JedisNoScriptException e) {
                // This master never loaded the script (a promoted replica): load it and run again.
                log.info("Redis lost script {}; loading it again", name);
                p.scriptLoad(source, keys.get(0));
                Response<Object> again = p.evalsha(sha, keys, args);
                replicas = p.waitReplicas(REPLICAS, WAIT_MILLIS);
                p.sync();
                result = again.get();
            }
            if (replicas.get() < REPLICAS && aloneNow != null && aloneNow.getAsBoolean()) {
                return result;
            }
            if (replicas.get() < REPLICAS) {
                throw new StoreUnavailableException("no replica confirmed the write of script " + name
                        + " within " + WAIT_MILLIS + " ms; not confirmed to the user", null);
            }
            return result;
        }
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JVM", e);
        }
    }
}
