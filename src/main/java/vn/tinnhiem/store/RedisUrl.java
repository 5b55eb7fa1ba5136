package vn.tinnhiem.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where Redis is, as given by {@code REDIS_URL}: {@code redis://[user:password@]host[:port][/db]},
 * or {@code rediss://...} for TLS. The port defaults to 6379 and the database to 0; a
 * password alone is written {@code redis://:password@host}. User and password may be
 * percent-encoded.
 *
 * <p>{@link #toString()} masks the password, so a URL can be logged.
 */
public record RedisUrl(String host, int port, String user, String password, int database, boolean tls) {

    public static final int DEFAULT_PORT = 6379;

    public RedisUrl {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("REDIS_URL has no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("REDIS_URL port out of range: " + port);
        }
        if (database < 0) {
            throw new IllegalArgumentException("REDIS_URL database must not be negative");
        }
    }

    /** Parses a URL; the message of any error never contains the password. */
    public static RedisUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("REDIS_URL is empty");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            // The input may hold a password: report the position only.
            throw new IllegalArgumentException("REDIS_URL is not a valid URL (at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme();
        boolean tls;
        if ("redis".equalsIgnoreCase(scheme)) {
            tls = false;
        } else if ("rediss".equalsIgnoreCase(scheme)) {
            tls = true;
        } else {
            throw new IllegalArgumentException("REDIS_URL must start with redis:// or rediss://");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("REDIS_URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();

        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                // redis://secret@host: Redis before ACLs had a password only, and that is the usual meaning.
                password = decode(userInfo);
            } else {
                user = colon == 0 ? null : decode(userInfo.substring(0, colon));
                String pass = userInfo.substring(colon + 1);
                password = pass.isEmpty() ? null : decode(pass);
            }
        }

        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            String db = path.substring(1);
            if (!db.matches("\\d{1,5}")) {
                throw new IllegalArgumentException("REDIS_URL database must be a number, not '" + db + "'");
            }
            database = Integer.parseInt(db);
        }
        return new RedisUrl(host, port, user, password, database, tls);
    }

    private static String decode(String s) {
        // '+' is literal in a URL's user info, unlike in a query string.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String auth = user == null && password == null ? ""
                : (user == null ? "" : user) + (password == null ? "" : ":***") + "@";
        return (tls ? "rediss://" : "redis://") + auth
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }
}
