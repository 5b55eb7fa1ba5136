package vn.tinnhiem.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Sentinel set-up for tests: one master and one replica (each a
 * {@code redis-server} with an append-only file) watched by three sentinels
 * ({@code redis-server <conf> --sentinel}, quorum 2), all on free ports of 127.0.0.1, with
 * short timeouts (down after 1 s, failover timeout 3 s) so a failover takes a few seconds.
 * {@link #start()} returns once every sentinel knows the master, the replica and the two
 * other sentinels, and the replica is in sync.
 *
 * <p>{@link #killMaster()} kills the master with SIGKILL; {@link #awaitNewMaster(RedisServer)}
 * waits until every running sentinel names another master. {@link #close()} stops every
 * process and deletes the directory.
 */
public final class RedisSentinels implements AutoCloseable {
    public static final String MASTER_NAME = "tinnhiem";
    public static final int DOWN_AFTER_MILLIS = 1000;
    private static final String HOST = "127.0.0.1";

    private final Path dir;
    private final List<RedisServer> servers = new ArrayList<>();
    private final List<RedisServer> sentinels = new ArrayList<>();

    private RedisSentinels(Path dir) {
        this.dir = dir;
    }

    /** One master, one replica, three sentinels; the data nodes run with {@code appendonly yes}. */
    public static RedisSentinels start() {
        return start(List.of());
    }

    /** As {@link #start()}, with more configuration for the master and the replica. */
    public static RedisSentinels start(List<String> options) {
        RedisServer.findOnPath("redis-server", System.getenv().getOrDefault("PATH", ""), "redis-server");
        RedisSentinels set;
        try {
            set = new RedisSentinels(Files.createTempDirectory("tinnhiem-sentinel-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            set.launch(options);
            return set;
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    private void launch(List<String> options) {
        RedisServer master = RedisServer.startAppendOnly(mkdir("master"), options);
        servers.add(master);
        List<String> replicaOptions = new ArrayList<>(options);
        replicaOptions.addAll(List.of("--replicaof", HOST, Integer.toString(master.port())));
        servers.add(RedisServer.startAppendOnly(mkdir("replica"), replicaOptions));
        for (int i = 0; i < 3; i++) {
            Path sentinelDir = mkdir("sentinel-" + i);
            Path conf = sentinelDir.resolve("sentinel.conf");
            try {
                Files.writeString(conf, String.join("\n",
                        "sentinel monitor " + MASTER_NAME + " " + HOST + " " + master.port() + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MILLIS,
                        "sentinel failover-timeout " + MASTER_NAME + " 3000",
                        "sentinel parallel-syncs " + MASTER_NAME + " 1", ""), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sentinels.add(RedisServer.startWithConfig(sentinelDir, conf, List.of("--sentinel")));
        }
        RedisCluster.await("every sentinel knows the master, its replica and two other sentinels", () -> {
            if (!"up".equals(servers.get(1).probe("replication").get("master_link_status"))) {
                return false;
            }
            for (RedisServer s : sentinels) {
                Map<String, String> m = masterAsSeenBy(s);
                if (!Integer.toString(master.port()).equals(m.get("port"))
                        || !"1".equals(m.get("num-slaves")) || !"2".equals(m.get("num-other-sentinels"))) {
                    return false;
                }
            }
            return true;
        });
    }

    private Path mkdir(String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code redis-sentinel://127.0.0.1:s1,127.0.0.1:s2,127.0.0.1:s3/0#tinnhiem}, as REDIS_URL. */
    public String url() {
        return "redis-sentinel://" + sentinels.stream().map(s -> HOST + ":" + s.port()).collect(Collectors.joining(","))
                + "/0#" + MASTER_NAME;
    }

    /** The master and the replica (the roles change at a failover). */
    public List<RedisServer> servers() {
        return List.copyOf(servers);
    }

    public List<RedisServer> sentinels() {
        return List.copyOf(sentinels);
    }

    /** The data node the first running sentinel names as master now. */
    public RedisServer master() {
        int port = Integer.parseInt(masterAsSeenBy(sentinels.stream().filter(RedisServer::isRunning)
                .findFirst().orElseThrow()).get("port"));
        return servers.stream().filter(s -> s.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("the sentinels name an unknown master on port " + port));
    }

    /** Empties the master (the replica follows). */
    public void flushAll() {
        RedisServer master = master();
        master.jedis().flushAll();
        master.jedis().waitReplicas(1, 5000);
    }

    /** Kills the current master with SIGKILL, as a crash would; returns it. */
    public RedisServer killMaster() {
        RedisServer master = master();
        master.kill();
        return master;
    }

    /** Waits until every running sentinel names a master other than {@code old}, which is running; returns it. */
    public RedisServer awaitNewMaster(RedisServer old) {
        RedisCluster.await("the sentinels promote a new master in place of port " + old.port(), () -> {
            for (RedisServer s : sentinels) {
                if (!s.isRunning()) {
                    continue;
                }
                String port = masterAsSeenBy(s).get("port");
                if (port == null || port.equals(Integer.toString(old.port()))) {
                    return false;
                }
            }
            RedisServer now = master();
            return now.isRunning() && "master".equals(now.probe("replication").get("role"));
        });
        return master();
    }

    /**
     * Starts a killed former master again as a replica of the new master and waits until it
     * is in sync: the set has a replica again. The sentinels would reconfigure it themselves,
     * but only after their next INFO round on it (up to 10 s, more on a busy machine: a CI run
     * waited 30 s in vain); the REPLICAOF an operator would send makes the wait short.
     */
    public void restartAsReplica(RedisServer old) {
        RedisServer now = master();
        if (now.port() == old.port()) {
            throw new IllegalStateException("the sentinels still name port " + old.port() + " as master");
        }
        old.startAgain();
        try (Jedis jedis = new Jedis(HOST, old.port())) {
            jedis.replicaof(HOST, now.port());
        }
        RedisCluster.await("the node on port " + old.port() + " is back as a replica in sync", () -> {
            Map<String, String> replication = old.probe("replication");
            return "slave".equals(replication.get("role")) && "up".equals(replication.get("master_link_status"));
        });
    }

    private static Map<String, String> masterAsSeenBy(RedisServer sentinel) {
        try (Jedis jedis = new Jedis(HOST, sentinel.port())) {
            return jedis.sentinelMaster(MASTER_NAME);
        } catch (RuntimeException unreachable) {
            return Map.of();
        }
    }

    /** Stops the sentinels first (so they do not fail over a master being stopped), then the data nodes. */
    @Override
    public void close() {
        sentinels.forEach(RedisServer::close);
        servers.forEach(RedisServer::close);
        RedisCluster.deleteTree(dir);
    }
}
