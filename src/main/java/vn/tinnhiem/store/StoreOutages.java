package vn.tinnhiem.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.NoSuchElementException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import vn.tinnhiem.core.StoreUnavailableException;
import vn.tinnhiem.core.VoteStore;

/**
 * Turns Redis connection failures into the port's {@link StoreUnavailableException}, so the
 * chat flow can tell users to try again without knowing Jedis. A failed call changed
 * nothing, or changed everything: each state change is one Lua script, which Redis runs whole.
 *
 * <p>A connection failure also drops the pool's idle connections (see
 * {@link RedisVoteStore#dropIdleConnections}): when Redis went away they are all dead.
 */
public final class StoreOutages {
    private static final List<String> FAILOVER_ERRORS = List.of("CLUSTERDOWN", "TRYAGAIN", "READONLY", "MASTERDOWN");

    private StoreOutages() {}

    public static VoteStore translated(VoteStore store) {
        return (VoteStore) Proxy.newProxyInstance(VoteStore.class.getClassLoader(),
                new Class<?>[] {VoteStore.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof JedisConnectionException && store instanceof RedisVoteStore redis) {
                            redis.dropIdleConnections();
                        }
                        throw translate(e.getCause());
                    }
                });
    }

    /** The same for another port kept in Redis (e.g. {@link RedisGuessCounts}). */
    public static <T> T translated(Class<T> port, T impl) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(impl, args);
                    } catch (InvocationTargetException e) {
                        throw translate(e.getCause());
                    }
                }));
    }

    static Throwable translate(Throwable t) {
        if (t instanceof JedisConnectionException) {
            return new StoreUnavailableException("Redis unreachable: " + t.getMessage(), t);
        }
        // Every pooled connection busy for the whole wait (RedisVoteStore.TIMEOUT): overloaded, try again.
        if (t instanceof JedisException && t.getCause() instanceof NoSuchElementException) {
            return new StoreUnavailableException("no Redis connection free", t);
        }
        // LOADING: Redis is back but still reading its append-only file after a restart.
        if (t instanceof JedisDataException && t.getMessage() != null && t.getMessage().startsWith("LOADING")) {
            return new StoreUnavailableException("Redis is loading its data", t);
        }
        // A failover in progress: the cluster has a slot without a master (CLUSTERDOWN, TRYAGAIN),
        // the client still writes to the old master, now a replica (READONLY), or a replica
        // lost its master (MASTERDOWN).
        if (t instanceof JedisDataException && t.getMessage() != null
                && FAILOVER_ERRORS.stream().anyMatch(t.getMessage()::startsWith)) {
            return new StoreUnavailableException("Redis is failing over: " + t.getMessage(), t);
        }
        // A slot still redirected after the store refreshed its view of the cluster (mid-failover).
        if (t instanceof JedisRedirectionException) {
            return new StoreUnavailableException("Redis Cluster is moving a slot: " + t.getMessage(), t);
        }
        // The cluster client tried every attempt within its time budget (a node down, not yet replaced).
        if (t instanceof JedisClusterOperationException && t.getMessage() != null
                && t.getMessage().startsWith("No more cluster attempts left")) {
            return new StoreUnavailableException("Redis Cluster unreachable: " + t.getMessage(), t);
        }
        return t;
    }
}
