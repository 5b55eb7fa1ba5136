package vn.tinnhiem.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * A real {@code redis-server} for tests and benchmarks, on a free port of 127.0.0.1 (never
 * 6379, so a developer's own Redis is never touched), without persistence unless asked.
 *
 * <p>Most tests share one server per JVM ({@link #shared()}) and call {@link #flushAll()}
 * before each test. A test that needs its own server (for instance to restart it on an
 * append-only file) starts one with {@link #start()} or {@link #startAppendOnly(Path)} and
 * closes it. Every server still running when the JVM exits is stopped by a shutdown hook.
 *
 * <p>If {@code redis-server} is not installed, starting fails: a suite that silently skipped
 * its Redis tests would pass without testing the store the bot runs on.
 */
public final class RedisServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Set<RedisServer> RUNNING = ConcurrentHashMap.newKeySet();
    private static RedisServer shared;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RedisServer::stop),
                "redis-server-stopper"));
    }

    private final Path dir;
    private final boolean ownsDir;
    private final boolean appendOnly;
    private final List<String> options;
    /** A configuration file given before every other option (a sentinel's, which it rewrites), or null. */
    private Path configFile;
    /** A cluster node also listens on port + 10000 (the cluster bus), which must be a port too. */
    private boolean clusterBus;
    private int port;
    private Process process;
    private RedisClient client;
    private Jedis raw;

    private RedisServer(Path dir, boolean ownsDir, boolean appendOnly, List<String> options) {
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.appendOnly = appendOnly;
        this.options = List.copyOf(options);
    }

    /** The JVM's shared server, started on first use. */
    public static synchronized RedisServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** A new server without persistence, in a temporary directory deleted when it stops. */
    public static RedisServer start() {
        return start(List.of());
    }

    /** As {@link #start()}, with more configuration on the command line (see {@link #startAppendOnly(Path, List)}). */
    public static RedisServer start(List<String> options) {
        try {
            RedisServer server = new RedisServer(Files.createTempDirectory("tinnhiem-redis-"), true, false, options);
            server.launchOnFreePort();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new server that keeps an append-only file in {@code dir}, so {@link #restart()} keeps the data. */
    public static RedisServer startAppendOnly(Path dir) {
        return startAppendOnly(dir, List.of());
    }

    /**
     * As {@link #startAppendOnly(Path)}, with more configuration on the command line, e.g.
     * {@code List.of("--appendfsync", "always")} or {@code List.of("--replicaof", "127.0.0.1", "6380")}.
     */
    public static RedisServer startAppendOnly(Path dir, List<String> options) {
        RedisServer server = new RedisServer(dir, false, true, options);
        server.launchOnFreePort();
        return server;
    }

    /**
     * A node of a Redis Cluster ({@code --cluster-enabled yes} among {@code options}), keeping
     * an append-only file in {@code dir}: its port leaves room for the cluster bus port (port +
     * 10000). See {@link RedisCluster}.
     */
    public static RedisServer startClusterNode(Path dir, List<String> options) {
        RedisServer server = new RedisServer(dir, false, true, options);
        server.clusterBus = true;
        server.launchOnFreePort();
        return server;
    }

    /**
     * A process started as {@code redis-server <config> [options]} in {@code dir}, e.g. a
     * sentinel ({@code List.of("--sentinel")}), which needs a configuration file it can
     * rewrite. See {@link RedisSentinels}.
     */
    public static RedisServer startWithConfig(Path dir, Path config, List<String> options) {
        RedisServer server = new RedisServer(dir, false, false, options);
        server.configFile = config;
        server.launchOnFreePort();
        return server;
    }

    /** Whether the process is running (false after {@link #kill()} until {@link #startAgain()}). */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://" + HOST + ":" + port;
    }

    /** A pooled client on this server, made on first use; closed when the server stops. */
    public synchronized RedisClient client() {
        if (client == null) {
            ConnectionPoolConfig pool = new ConnectionPoolConfig();
            pool.setMaxTotal(64);
            pool.setMaxIdle(64);
            // No idle-connection PINGs: tests count the server's round trips, and a local
            // server does not drop idle connections anyway.
            pool.setTestWhileIdle(false);
            pool.setTimeBetweenEvictionRuns(java.time.Duration.ofMillis(-1));
            client = RedisClient.builder().hostAndPort(HOST, port).poolConfig(pool).build();
        }
        return client;
    }

    /**
     * One plain connection for inspecting the server (INFO, SCAN, SCRIPT FLUSH) apart from
     * the pool the store uses. Not thread-safe: use it from the test thread.
     */
    public synchronized Jedis jedis() {
        if (raw != null && raw.isBroken()) {
            // The server closed it (a restart, or a sentinel's CLIENT KILL at a failover).
            raw.close();
            raw = null;
        }
        if (raw == null) {
            raw = new Jedis(HOST, port);
        }
        return raw;
    }

    /** Empties every database and forgets every loaded script: a fresh server for the next test. */
    public void flushAll() {
        jedis().flushAll();
    }

    /** Stops and starts the server on the same port and directory; clients are made anew. */
    public synchronized void restart() {
        stop();
        launch(port);
        if (!awaitPing()) {
            throw new IllegalStateException("redis-server did not come back on port " + port + "; see " + log());
        }
    }

    /**
     * Stops the server as SHUTDOWN would (SIGTERM: the append-only file is flushed) but keeps
     * its port and directory, for {@link #startAgain()}: an outage, as clients see it.
     */
    public synchronized void shutDown() {
        stop();
    }

    /** Kills the server with SIGKILL, as a crash or an OOM killer would; {@link #startAgain()} brings it back. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        stop();
    }

    /**
     * Freezes the process (SIGSTOP): it neither answers nor replicates until {@link #resume()},
     * as a stalled machine or a long pause would.
     */
    public synchronized void pause() {
        signal("-STOP");
    }

    /** Lets a {@link #pause() paused} process run again (SIGCONT). */
    public synchronized void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        if (process == null) {
            throw new IllegalStateException("redis-server is not running on port " + port);
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " failed for redis-server on port " + port);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts the server again on the same port and directory; returns once it answers PING. */
    public synchronized void startAgain() {
        if (process != null) {
            throw new IllegalStateException("redis-server is still running on port " + port);
        }
        launch(port);
        if (!awaitPing()) {
            throw new IllegalStateException("redis-server did not come back on port " + port + "; see " + log());
        }
    }

    /** The directory holding the append-only files and the server's log. */
    public Path dir() {
        return dir;
    }

    /** Stops the server and deletes its temporary directory, if it made one. */
    @Override
    public synchronized void close() {
        stop();
        if (ownsDir) {
            deleteTree(dir);
        }
        synchronized (RedisServer.class) {
            if (shared == this) {
                shared = null;
            }
        }
    }

    // ---- process ----

    private void launchOnFreePort() {
        // The free port may be taken by someone else before redis-server binds it: try again.
        for (int attempt = 1; ; attempt++) {
            launch(freePort(clusterBus));
            if (awaitPing()) {
                return;
            }
            stop();
            if (attempt == 3) {
                throw new IllegalStateException("redis-server did not start; see " + log());
            }
        }
    }

    private void launch(int onPort) {
        String binary = findOnPath("redis-server", System.getenv().getOrDefault("PATH", ""));
        List<String> command = new ArrayList<>(List.of(binary));
        if (configFile != null) {
            command.add(configFile.toAbsolutePath().toString());
        }
        command.addAll(List.of(
                "--port", Integer.toString(onPort),
                "--bind", HOST,
                "--save", "",
                "--appendonly", appendOnly ? "yes" : "no",
                "--dir", dir.toAbsolutePath().toString(),
                "--daemonize", "no"));
        command.addAll(options);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        }
        port = onPort;
        RUNNING.add(this);
    }

    private boolean awaitPing() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Jedis probe = new Jedis(HOST, port)) {
                if ("PONG".equals(probe.ping())) {
                    return true;
                }
            } catch (RuntimeException notYet) {
                // Not listening yet.
            }
            sleep(20);
        }
        return false;
    }

    private synchronized void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (raw != null) {
            raw.close();
            raw = null;
        }
        if (process != null) {
            // SIGTERM: redis-server shuts down cleanly and flushes its append-only file.
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
        RUNNING.remove(this);
    }

    private Path log() {
        return dir.resolve("redis-server.log");
    }

    private static int freePort(boolean withClusterBus) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                int p = socket.getLocalPort();
                if (p != 6379 && (!withClusterBus || p + 10000 <= 65535 && isFree(p + 10000))) {
                    return p;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    static String findOnPath(String name, String path) {
        return findOnPath(name, path, "redis-server");
    }

    /** The executable {@code name} on {@code path}; when missing, the error names the Debian package holding it. */
    static String findOnPath(String name, String path, String debianPackage) {
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(d, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " not found: install it with `apt-get install " + debianPackage + "`");
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }

    /**
     * One section of INFO read on a connection of its own, or an empty map when the server
     * does not answer: for polling a server whose connections may be cut (a failover).
     */
    public Map<String, String> probe(String section) {
        try (Jedis probe = new Jedis(HOST, port)) {
            return info(probe, section);
        } catch (RuntimeException unreachable) {
            return Map.of();
        }
    }

    /** Parses one section of INFO into field → value. */
    public static Map<String, String> info(Jedis jedis, String section) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String line : jedis.info(section).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /** Calls per command so far (INFO commandstats), e.g. "evalsha" → 1234, in name order. */
    public Map<String, Long> commandCalls() {
        Map<String, Long> out = new java.util.TreeMap<>();
        java.util.regex.Pattern calls = java.util.regex.Pattern.compile("calls=(\\d+)");
        try (Jedis j = jedis()) {
            info(j, "commandstats").forEach((k, v) -> {
                java.util.regex.Matcher m = calls.matcher(v);
                if (k.startsWith("cmdstat_") && m.find()) {
                    out.put(k.substring("cmdstat_".length()), Long.parseLong(m.group(1)));
                }
            });
        }
        return out;
    }

    /**
     * Connections set up so far: the HELLO and CLIENT SETNAME a pooled client sends once per new
     * connection. A pool that grows under load pays them once; they are not the cost of the
     * requests that made it grow.
     */
    public long connectionSetups() {
        Map<String, Long> calls = commandCalls();
        return calls.getOrDefault("hello", 0L) + calls.getOrDefault("client|setname", 0L);
    }

    /**
     * What the server has done so far, read with one INFO: requests read from clients (a
     * synchronous client's request is one read, a pipeline's batch usually one: round trips)
     * and commands executed (including those a Lua script runs).
     */
    public Counters counters() {
        Map<String, String> stats = info(jedis(), "stats");
        return new Counters(Long.parseLong(stats.get("total_reads_processed")),
                Long.parseLong(stats.get("total_commands_processed")));
    }

    public record Counters(long roundTrips, long commands) {
        /**
         * What happened since {@code before}, less the INFO of that reading: a request is
         * counted when read (so this reading's INFO is in) and a command once executed (so
         * the earlier INFO is in).
         */
        public Counters since(Counters before) {
            return new Counters(roundTrips - before.roundTrips - 1, commands - before.commands - 1);
        }
    }
}
