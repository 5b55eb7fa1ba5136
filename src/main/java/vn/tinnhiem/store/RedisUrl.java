package vn.tinnhiem.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where Redis is, as given by {@code REDIS_URL}. Three deployments:
 * <ul>
 *   <li>one server: {@code redis://[user:password@]host[:port][/db]}, or {@code rediss://...}
 *       for TLS; the port defaults to 6379 and the database to 0;</li>
 *   <li>a Redis Cluster: {@code redis-cluster://[user:password@]host:port[,host:port…]}, or
 *       {@code rediss-cluster://...} for TLS; any nodes of the cluster (the client discovers
 *       the others); always database 0, the only one a cluster has;</li>
 *   <li>a master watched by Redis Sentinel:
 *       {@code redis-sentinel://[password@]host:port[,host:port…]/db#masterName}, the hosts being
 *       the sentinels (port 26379 by default); the password is the master's and its replicas'.</li>
 * </ul>
 * A password alone is written {@code :password@} or {@code password@}. User and password may
 * be percent-encoded.
 *
 * <p>{@link #toString()} masks the password, and no error message contains it, so a URL
 * can be logged.
 */
public record RedisUrl(Mode mode, List<Node> nodes, String user, String password, int database, boolean tls,
                       String masterName) {

    public static final int DEFAULT_PORT = 6379;
    public static final int DEFAULT_SENTINEL_PORT = 26379;

    /** Which kind of deployment the URL names. */
    public enum Mode {
        STANDALONE, CLUSTER, SENTINEL;

        /** Whether writes are copied to replicas that may take over (and so must be waited for). */
        public boolean replicated() {
            return this != STANDALONE;
        }
    }

    /** One host and port: the server, a node of the cluster, or a sentinel. */
    public record Node(String host, int port) {
        public Node {
            Objects.requireNonNull(host, "host");
            if (host.isEmpty()) {
                throw new IllegalArgumentException("REDIS_URL has no host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("REDIS_URL port out of range: " + port);
            }
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public RedisUrl {
        Objects.requireNonNull(mode, "mode");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("REDIS_URL has no host");
        }
        if (mode == Mode.STANDALONE && nodes.size() > 1) {
            throw new IllegalArgumentException("REDIS_URL names one server only; a list of hosts needs "
                    + "redis-cluster:// or redis-sentinel://");
        }
        if (database < 0) {
            throw new IllegalArgumentException("REDIS_URL database must not be negative");
        }
        if (mode == Mode.CLUSTER && database != 0) {
            throw new IllegalArgumentException("REDIS_URL names database " + database
                    + ", but a Redis Cluster has database 0 only");
        }
        if (mode == Mode.SENTINEL && (masterName == null || masterName.isEmpty())) {
            throw new IllegalArgumentException("REDIS_URL needs the master's name after '#', "
                    + "as in redis-sentinel://host:26379/0#mymaster");
        }
        if (mode != Mode.SENTINEL && masterName != null) {
            throw new IllegalArgumentException("REDIS_URL names a sentinel master ('#…'), which only "
                    + "redis-sentinel:// takes");
        }
        if (mode == Mode.SENTINEL && tls) {
            throw new IllegalArgumentException("REDIS_URL: Sentinel over TLS is not supported");
        }
    }

    /** One server. */
    public RedisUrl(String host, int port, String user, String password, int database, boolean tls) {
        this(Mode.STANDALONE, List.of(new Node(host, port)), user, password, database, tls, null);
    }

    /** The host of the first node (the only one of a single server). */
    public String host() {
        return nodes.get(0).host();
    }

    /** The port of the first node (the only one of a single server). */
    public int port() {
        return nodes.get(0).port();
    }

    /** Parses a URL; the message of any error never contains the password. */
    public static RedisUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("REDIS_URL is empty");
        }
        String trimmed = text.trim();
        int sep = trimmed.indexOf("://");
        String scheme = sep < 0 ? "" : trimmed.substring(0, sep).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "redis" -> parseServer(trimmed, false);
            case "rediss" -> parseServer(trimmed, true);
            case "redis-cluster" -> parseList(Mode.CLUSTER, trimmed, sep + 3, false);
            case "rediss-cluster" -> parseList(Mode.CLUSTER, trimmed, sep + 3, true);
            case "redis-sentinel" -> parseList(Mode.SENTINEL, trimmed, sep + 3, false);
            default -> throw new IllegalArgumentException("REDIS_URL must start with redis://, rediss://, "
                    + "redis-cluster://, rediss-cluster:// or redis-sentinel://");
        };
    }

    private static RedisUrl parseServer(String text, boolean tls) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // The input may hold a password: report the position only.
            throw new IllegalArgumentException("REDIS_URL is not a valid URL (at index " + e.getIndex() + ")");
        }
        String host = uri.getHost();
        if (host == null) {
            String authority = uri.getRawAuthority();
            if (authority != null && authority.contains(",")) {
                throw new IllegalArgumentException("REDIS_URL names one server only; a list of hosts needs "
                        + "redis-cluster:// or redis-sentinel://");
            }
            throw new IllegalArgumentException("REDIS_URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String[] credentials = credentials(uri.getRawUserInfo());
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("REDIS_URL names a sentinel master ('#…'), which only "
                    + "redis-sentinel:// takes");
        }
        return new RedisUrl(host, port, credentials[0], credentials[1], database(uri.getPath()), tls);
    }

    /** {@code [userinfo@]host:port[,host:port…][/db][#master]}, after the scheme. */
    private static RedisUrl parseList(Mode mode, String text, int start, boolean tls) {
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                // As for a malformed URL: the position only, never the text (it may hold a password).
                throw new IllegalArgumentException("REDIS_URL is not a valid URL (at index " + i + ")");
            }
        }
        String rest = text.substring(start);
        String masterName = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            masterName = URLDecoder.decode(rest.substring(hash + 1), StandardCharsets.UTF_8);
            rest = rest.substring(0, hash);
        }
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? null : rest.substring(0, at);
        rest = rest.substring(at + 1);
        int slash = rest.indexOf('/');
        String path = slash < 0 ? "" : rest.substring(slash);
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int defaultPort = mode == Mode.SENTINEL ? DEFAULT_SENTINEL_PORT : DEFAULT_PORT;
        List<Node> nodes = new ArrayList<>();
        if (!hosts.isEmpty()) {
            for (String entry : hosts.split(",", -1)) {
                nodes.add(node(entry, defaultPort));
            }
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("REDIS_URL has no host");
        }
        String[] credentials = credentials(userInfo);
        return new RedisUrl(mode, nodes, credentials[0], credentials[1], database(path), tls, masterName);
    }

    private static Node node(String entry, int defaultPort) {
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("REDIS_URL has an empty entry in its list of hosts");
        }
        String host;
        String port;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("REDIS_URL has an IPv6 address without its closing ']'");
            }
            host = entry.substring(1, close);
            String after = entry.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new IllegalArgumentException("REDIS_URL has '" + after + "' after an IPv6 address");
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = entry.indexOf(':');
            host = colon < 0 ? entry : entry.substring(0, colon);
            port = colon < 0 ? null : entry.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("REDIS_URL has no host");
        }
        if (port == null) {
            return new Node(host, defaultPort);
        }
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("REDIS_URL port must be a number, not '" + port + "'");
        }
        return new Node(host, Integer.parseInt(port));
    }

    /** {user, password}, either null. */
    private static String[] credentials(String userInfo) {
        if (userInfo == null || userInfo.isEmpty()) {
            return new String[2];
        }
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            // redis://secret@host: Redis before ACLs had a password only, and that is the usual meaning.
            return new String[] {null, decode(userInfo)};
        }
        String pass = userInfo.substring(colon + 1);
        return new String[] {colon == 0 ? null : decode(userInfo.substring(0, colon)), pass.isEmpty() ? null : decode(pass)};
    }

    private static int database(String path) {
        if (path == null || path.length() <= 1) {
            return 0;
        }
        String db = path.substring(1);
        if (!db.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("REDIS_URL database must be a number, not '" + db + "'");
        }
        return Integer.parseInt(db);
    }

    private static String decode(String s) {
        // '+' is literal in a URL's user info, unlike in a query string.
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            // URLDecoder's message quotes the text: say where the problem is without it.
            throw new IllegalArgumentException("REDIS_URL has a malformed %-escape in its user or password");
        }
    }

    @Override
    public String toString() {
        String auth = user == null && password == null ? ""
                : (user == null ? "" : user) + (password == null ? "" : ":***") + "@";
        String scheme = switch (mode) {
            case STANDALONE -> tls ? "rediss://" : "redis://";
            case CLUSTER -> tls ? "rediss-cluster://" : "redis-cluster://";
            case SENTINEL -> "redis-sentinel://";
        };
        String hosts = nodes.stream().map(Node::toString).collect(Collectors.joining(","));
        return switch (mode) {
            case STANDALONE -> scheme + auth + hosts + "/" + database;
            case CLUSTER -> scheme + auth + hosts;
            case SENTINEL -> scheme + auth + hosts + "/" + database + "#" + masterName;
        };
    }
}
