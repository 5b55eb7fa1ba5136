package vn.tinnhiem.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one place that connects to Redis: every user of Redis ({@link RedisVoteStore}, the
 * Telegram update offsets, …) gets its client here, for any form of {@code REDIS_URL}
 * ({@link RedisUrl}), and works with the common {@link UnifiedJedis} API:
 * <ul>
 *   <li>one server: a pooled {@link RedisClient};</li>
 *   <li>a cluster: a {@link RedisClusterClient}, which routes each command to the master of
 *       its key's slot and follows the cluster through failovers;</li>
 *   <li>Sentinel: a {@link RedisSentinelClient}, which asks the sentinels for the master and
 *       switches to the new one when they fail over.</li>
 * </ul>
 * It also reaches every node (masters and replicas) one by one, for what must happen on
 * each: history compaction and the durability check ({@link #forEachNode}).
 */
public final class RedisConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisConnection.class);

    /** How a process uses its connection: its name in CLIENT LIST, pool size and timeouts. */
    public record Settings(String clientName, int poolSize, Duration timeout, Duration idleCheck) {
        /** Small and patient enough for a helper connection (update offsets). */
        public static Settings small(String clientName) {
            return new Settings(clientName, 4, Duration.ofSeconds(2), Duration.ofSeconds(30));
        }
    }

    private final RedisUrl url;
    private final UnifiedJedis client;
    private final JedisClientConfig nodeConfig;
    private final boolean ownsClient;

    private RedisConnection(RedisUrl url, UnifiedJedis client, JedisClientConfig nodeConfig, boolean ownsClient) {
        this.url = url;
        this.client = client;
        this.nodeConfig = nodeConfig;
        this.ownsClient = ownsClient;
    }

    /** Connects to {@code REDIS_URL}; errors in the URL are one line, without the password. */
    public static RedisConnection open(String redisUrl, Settings settings) {
        return open(RedisUrl.parse(redisUrl), settings);
    }

    public static RedisConnection open(RedisUrl url, Settings settings) {
        int timeout = (int) settings.timeout().toMillis();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .database(url.database())
                .ssl(url.tls())
                .clientName(settings.clientName())
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout);
        if (url.user() != null) {
            config.user(url.user());
        }
        if (url.password() != null) {
            config.password(url.password());
        }
        JedisClientConfig clientConfig = config.build();
        // The one-node connections (the durability check, the compaction at close, the sentinels)
        // are plain Jedis, which speaks RESP2 only: said so, instead of the warning Jedis logs for
        // every such connection it makes when asked to negotiate (issue 18: 44 lines at start).
        JedisClientConfig nodeConfig = config.autoNegotiateProtocol(false).build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        // Waiting for a free connection is bounded too (the default waits for ever).
        pool.setMaxWait(settings.timeout());
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(settings.idleCheck());
        UnifiedJedis client = switch (url.mode()) {
            case STANDALONE -> RedisClient.builder()
                    .hostAndPort(url.host(), url.port())
                    .clientConfig(clientConfig)
                    .poolConfig(pool)
                    .build();
            case CLUSTER -> RedisClusterClient.builder()
                    .nodes(hostsAndPorts(url))
                    .clientConfig(clientConfig)
                    .poolConfig(pool)
                    // Retries (after MOVED, or a node that stopped answering) end within the
                    // timeout: a press is better refused ("try again") than left hanging.
                    .maxAttempts(3)
                    .maxTotalRetriesDuration(settings.timeout())
                    .build();
            case SENTINEL -> RedisSentinelClient.builder()
                    .masterName(url.masterName())
                    .sentinels(hostsAndPorts(url))
                    .clientConfig(clientConfig)
                    .sentinelClientConfig(DefaultJedisClientConfig.builder()
                            .autoNegotiateProtocol(false)
                            .clientName(settings.clientName())
                            .connectionTimeoutMillis(timeout)
                            .socketTimeoutMillis(timeout)
                            .build())
                    .poolConfig(pool)
                    .build();
        };
        RedisConnection connection = new RedisConnection(url, client, nodeConfig, true);
        if (url.mode() == RedisUrl.Mode.CLUSTER) {
            // Decided from the topology now (logged), and read again as it changes.
            ReplicaWatch watch = new ReplicaWatch(connection::clusterNodesText, System::currentTimeMillis);
            ReplicaWatch.register(client, watch);
            watch.refresh();
        }
        return connection;
    }

    /** A connection on a one-server client the caller made (and closes). */
    public static RedisConnection of(UnifiedJedis client) {
        if (client instanceof RedisClusterClient || client instanceof RedisSentinelClient) {
            throw new IllegalArgumentException("a cluster or sentinel client needs its REDIS_URL: use open");
        }
        return new RedisConnection(null, client, null, false);
    }

    private static Set<HostAndPort> hostsAndPorts(RedisUrl url) {
        Set<HostAndPort> set = new LinkedHashSet<>();
        url.nodes().forEach(n -> set.add(new HostAndPort(n.host(), n.port())));
        return set;
    }

    /**
     * On a cluster, masters that have no replica to confirm writes, said for operators and the
     * organisers ({@code /health}); empty elsewhere, or when every master has one.
     */
    public Optional<String> degradation() {
        ReplicaWatch watch = ReplicaWatch.of(client);
        return watch == null ? Optional.empty() : watch.degradation();
    }

    public UnifiedJedis client() {
        return client;
    }

    public RedisUrl.Mode mode() {
        return url == null ? RedisUrl.Mode.STANDALONE : url.mode();
    }

    /** The URL connected to, password masked; "a Redis client" for a client given by the caller. */
    public String describe() {
        return url == null ? "a Redis client" : url.toString();
    }

    // ---- every node ----

    /** One Redis server, reached directly. */
    public interface Node {
        /** host:port, or a description of the client for a caller's client. */
        String address();

        Object send(ProtocolCommand command, String... args);

        String info(String section);

        Map<String, String> configGet(String pattern);

        /** One section of INFO as field → value. */
        default Map<String, String> infoFields(String section) {
            Map<String, String> fields = new HashMap<>();
            for (String line : info(section).split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
            return fields;
        }
    }

    /**
     * Runs {@code action} on every master and every replica known now, each on a connection of
     * its own: for one server, on the server; for a cluster, on every node of the cluster's
     * topology (CLUSTER NODES, failed nodes left out); for Sentinel, on the master and the
     * replicas the sentinels know (those down left out). A node that cannot be reached is
     * logged and skipped; the others still run. Returns the addresses of the nodes it ran on.
     */
    public List<String> forEachNode(String purpose, Consumer<Node> action) {
        if (url == null || url.mode() == RedisUrl.Mode.STANDALONE) {
            action.accept(new Node() {
                @Override
                public String address() {
                    return url == null ? "the Redis server" : url.nodes().get(0).toString();
                }

                @Override
                public Object send(ProtocolCommand command, String... args) {
                    return client.sendCommand(command, args);
                }

                @Override
                public String info(String section) {
                    return client.info(section);
                }

                @Override
                public Map<String, String> configGet(String pattern) {
                    return client.configGet(pattern);
                }
            });
            return List.of(url == null ? "the Redis server" : url.nodes().get(0).toString());
        }
        List<String> done = new ArrayList<>();
        for (HostAndPort node : nodes()) {
            try (Jedis jedis = new Jedis(node, nodeConfig)) {
                action.accept(new Node() {
                    @Override
                    public String address() {
                        return node.toString();
                    }

                    @Override
                    public Object send(ProtocolCommand command, String... args) {
                        return jedis.sendCommand(command, args);
                    }

                    @Override
                    public String info(String section) {
                        return jedis.info(section);
                    }

                    @Override
                    public Map<String, String> configGet(String pattern) {
                        return jedis.configGet(pattern);
                    }
                });
                done.add(node.toString());
            } catch (JedisException e) {
                log.warn("could not reach Redis node {} for {}: {}", node, purpose, e.getMessage());
            }
        }
        return done;
    }

    /** Every master and replica known now (cluster or Sentinel). */
    List<HostAndPort> nodes() {
        return url.mode() == RedisUrl.Mode.CLUSTER ? clusterNodes() : sentinelNodes();
    }

    /** CLUSTER NODES as the first node that answers sees it (every node knows the whole topology). */
    String clusterNodesText() {
        return clusterNodesAnswer().text();
    }

    /** Which node answered CLUSTER NODES, and what it said. */
    private record NodesAnswer(String candidate, String text) {}

    private NodesAnswer clusterNodesAnswer() {
        RedisClusterClient cluster = (RedisClusterClient) client;
        JedisException last = null;
        List<String> candidates = new ArrayList<>(cluster.getClusterNodes().keySet());
        url.nodes().forEach(n -> candidates.add(n.host() + ":" + n.port()));
        for (String candidate : candidates) {
            try (Jedis jedis = new Jedis(HostAndPort.from(candidate), nodeConfig)) {
                return new NodesAnswer(candidate, jedis.clusterNodes());
            } catch (JedisException e) {
                last = e;
            }
        }
        throw new JedisException("no node of the cluster answered CLUSTER NODES", last);
    }

    private List<HostAndPort> clusterNodes() {
        NodesAnswer answer = clusterNodesAnswer();
        List<HostAndPort> nodes = new ArrayList<>();
        for (String line : answer.text().split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 8) {
                continue;
            }
            String flags = "," + f[2] + ",";
            if (flags.contains(",fail,") || flags.contains(",noaddr,") || flags.contains(",handshake,")) {
                continue;
            }
            String address = f[1].contains("@") ? f[1].substring(0, f[1].indexOf('@')) : f[1];
            HostAndPort node = HostAndPort.from(address);
            if (node.getHost().isEmpty()) {
                // A node that does not know its own address yet reports ":port".
                node = new HostAndPort(HostAndPort.from(answer.candidate()).getHost(), node.getPort());
            }
            nodes.add(node);
        }
        return nodes;
    }

    private List<HostAndPort> sentinelNodes() {
        RedisSentinelClient sentinel = (RedisSentinelClient) client;
        List<HostAndPort> nodes = new ArrayList<>();
        nodes.add(sentinel.getCurrentMaster());
        JedisException last = null;
        for (RedisUrl.Node s : url.nodes()) {
            try (Jedis jedis = new Jedis(new HostAndPort(s.host(), s.port()), DefaultJedisClientConfig.builder()
                    .autoNegotiateProtocol(false)
                    .connectionTimeoutMillis(nodeConfig.getConnectionTimeoutMillis())
                    .socketTimeoutMillis(nodeConfig.getSocketTimeoutMillis()).build())) {
                for (Map<String, String> replica : jedis.sentinelReplicas(url.masterName())) {
                    String flags = replica.getOrDefault("flags", "");
                    if (flags.contains("s_down") || flags.contains("o_down") || flags.contains("disconnected")) {
                        continue;
                    }
                    nodes.add(new HostAndPort(replica.get("ip"), Integer.parseInt(replica.get("port"))));
                }
                return nodes;
            } catch (JedisException e) {
                last = e;
            }
        }
        log.warn("no sentinel of {} answered SENTINEL REPLICAS: only the master is reached ({})",
                url, last == null ? "" : last.getMessage());
        return nodes;
    }

    // ---- pools ----

    /**
     * Closes the idle connections of the pools. Called after a connection failure: when Redis
     * went away, every idle connection is dead too, and each would otherwise fail one press.
     */
    public void dropIdleConnections() {
        if (client instanceof RedisClient standalone && standalone.getPool() != null) {
            standalone.getPool().clear();
        } else if (client instanceof RedisClusterClient cluster) {
            cluster.getClusterNodes().values().forEach(ConnectionPool::clear);
            try {
                cluster.refreshClusterTopology();
            } catch (JedisException stillDown) {
                // The next command tries again.
            }
        }
        // The sentinel client replaces its pool itself when the sentinels announce a new master.
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
