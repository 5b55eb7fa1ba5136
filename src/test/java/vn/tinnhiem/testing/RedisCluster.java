package vn.tinnhiem.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Cluster for tests: 3 masters with one replica each, every node a
 * {@code redis-server --cluster-enabled yes} on free ports of 127.0.0.1 with an append-only
 * file, joined by {@code redis-cli --cluster create … --cluster-replicas 1}. {@link #start()}
 * returns once every node reports {@code cluster_state:ok} and every replica is in sync.
 *
 * <p>{@link #kill(RedisServer)} kills a node with SIGKILL; {@link #awaitPromotion(RedisServer)}
 * waits until the cluster has promoted the dead master's replica. The node timeout is short
 * (1 s) so a failover takes a few seconds.
 *
 * <p>{@link #close()} stops every node and deletes the directory; nodes still running when
 * the JVM exits are stopped by {@link RedisServer}'s shutdown hook. Without {@code redis-server}
 * or {@code redis-cli} installed, starting fails with the package to install.
 */
public final class RedisCluster implements AutoCloseable {
    /** How long a node may be unreachable before the others call it failed. */
    public static final int NODE_TIMEOUT_MILLIS = 1000;
    private static final String HOST = "127.0.0.1";
    private static final long WAIT_SECONDS = 30;

    private final Path dir;
    private final List<RedisServer> nodes = new ArrayList<>();

    private RedisCluster(Path dir) {
        this.dir = dir;
    }

    /** 3 masters and 3 replicas, each node with {@code appendonly yes}. */
    public static RedisCluster start() {
        return start(List.of());
    }

    /** As {@link #start()}, with more configuration for every node (e.g. {@code --appendfsync always}). */
    public static RedisCluster start(List<String> options) {
        String cli = RedisServer.findOnPath("redis-cli", System.getenv().getOrDefault("PATH", ""), "redis-tools");
        RedisCluster cluster;
        try {
            cluster = new RedisCluster(Files.createTempDirectory("tinnhiem-cluster-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            cluster.launch(cli, options);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void launch(String cli, List<String> options) {
        List<String> nodeOptions = new ArrayList<>(List.of(
                "--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS)));
        nodeOptions.addAll(options);
        for (int i = 0; i < 6; i++) {
            Path nodeDir = dir.resolve("node-" + i);
            try {
                Files.createDirectories(nodeDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            nodes.add(RedisServer.startClusterNode(nodeDir, nodeOptions));
        }
        List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
        nodes.forEach(n -> create.add(HOST + ":" + n.port()));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        run(create, dir.resolve("cluster-create.log"));
        await("every node reports cluster_state:ok with 3 masters and 3 replicas in sync", this::settled);
    }

    private static void run(List<String> command, Path log) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,…}: every node, as REDIS_URL. */
    public String url() {
        return "redis-cluster://" + nodes.stream().map(n -> HOST + ":" + n.port()).collect(Collectors.joining(","));
    }

    /** All six nodes, running or not. */
    public List<RedisServer> nodes() {
        return List.copyOf(nodes);
    }

    /** The nodes running now. */
    public List<RedisServer> running() {
        return nodes.stream().filter(RedisServer::isRunning).toList();
    }

    /** The master serving {@code key}'s slot now, as the running nodes see it. */
    public RedisServer masterOf(String key) {
        RedisServer any = running().get(0);
        long slot = redis.clients.jedis.util.JedisClusterCRC16.getSlot(key);
        for (Node n : topology(any)) {
            if (n.master() && n.slots().stream().anyMatch(r -> r[0] <= slot && slot <= r[1])) {
                return byPort(n.port());
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /** The replicas of {@code master} now. */
    public List<RedisServer> replicasOf(RedisServer master) {
        List<Node> all = topology(running().stream().filter(n -> n != master).findFirst().orElseThrow());
        String id = all.stream().filter(n -> n.port() == master.port()).findFirst().orElseThrow().id();
        return all.stream().filter(n -> id.equals(n.masterId())).map(n -> byPort(n.port())).toList();
    }

    /** Empties every master (replicas follow), and waits until every replica has caught up. */
    public void flushAll() {
        for (RedisServer node : running()) {
            if ("master".equals(role(node))) {
                node.jedis().flushAll();
                node.jedis().waitReplicas(1, 5000);
            }
        }
    }

    /** Kills {@code node} with SIGKILL, as a crash would. */
    public void kill(RedisServer node) {
        node.kill();
    }

    /**
     * Waits until a replica of the killed master {@code dead} has taken over its slots and
     * every running node reports {@code cluster_state:ok} again; returns the new master.
     */
    public RedisServer awaitPromotion(RedisServer dead, List<RedisServer> itsReplicas) {
        await("a replica of the node on port " + dead.port() + " is promoted and the cluster is ok", () -> {
            Optional<RedisServer> promoted = itsReplicas.stream().filter(RedisServer::isRunning)
                    .filter(r -> "master".equals(role(r))).findFirst();
            return promoted.isPresent() && running().stream().allMatch(n -> "ok".equals(clusterInfo(n).get("cluster_state")));
        });
        return itsReplicas.stream().filter(r -> "master".equals(role(r))).findFirst().orElseThrow();
    }

    /** Starts a killed node again; it rejoins the cluster (as a replica if it was failed over). */
    public void restart(RedisServer node) {
        node.startAgain();
        await("the node on port " + node.port() + " rejoined", () ->
                running().stream().allMatch(n -> "ok".equals(clusterInfo(n).get("cluster_state"))));
    }

    private boolean settled() {
        for (RedisServer n : nodes) {
            Map<String, String> info = clusterInfo(n);
            if (!"ok".equals(info.get("cluster_state")) || !"6".equals(info.get("cluster_known_nodes"))) {
                return false;
            }
            List<Node> topology = topology(n);
            if (topology.stream().filter(Node::master).count() != 3 || topology.size() != 6) {
                return false;
            }
            Map<String, String> replication = n.probe("replication");
            if ("slave".equals(replication.get("role")) && !"up".equals(replication.get("master_link_status"))) {
                return false;
            }
        }
        return true;
    }

    /** ROLE's first element: master or slave; null when unreachable. */
    private static String role(RedisServer node) {
        return node.probe("replication").get("role");
    }

    private static Map<String, String> clusterInfo(RedisServer node) {
        try (Jedis jedis = new Jedis(HOST, node.port())) {
            return parse(jedis.clusterInfo());
        } catch (RuntimeException unreachable) {
            return Map.of();
        }
    }

    /** One line of CLUSTER NODES. */
    record Node(String id, int port, boolean master, String masterId, List<long[]> slots) {}

    private static List<Node> topology(RedisServer from) {
        List<Node> result = new ArrayList<>();
        String nodes;
        try (Jedis jedis = new Jedis(HOST, from.port())) {
            nodes = jedis.clusterNodes();
        }
        for (String line : nodes.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 8) {
                continue;
            }
            String address = f[1].substring(0, f[1].indexOf('@'));
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            boolean failed = f[2].contains("fail") && !f[2].contains("fail?");
            boolean master = f[2].contains("master") && !failed;
            List<long[]> slots = new ArrayList<>();
            for (int i = 8; i < f.length; i++) {
                if (f[i].startsWith("[")) {
                    continue;   // a slot being migrated
                }
                String[] range = f[i].split("-");
                slots.add(new long[] {Long.parseLong(range[0]), Long.parseLong(range[range.length - 1])});
            }
            result.add(new Node(f[0], port, master, f[3].equals("-") ? null : f[3], slots));
        }
        return result;
    }

    private RedisServer byPort(int port) {
        return nodes.stream().filter(n -> n.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node on port " + port));
    }

    static Map<String, String> parse(String info) {
        return Stream.of(info.split("\r?\n")).filter(l -> l.indexOf(':') > 0 && !l.startsWith("#"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')),
                        l -> l.substring(l.indexOf(':') + 1).trim(), (a, b) -> b));
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + WAIT_SECONDS + " s waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting until " + what, e);
            }
        }
    }

    /** Stops every node and deletes the cluster's directory. */
    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
        deleteTree(dir);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
