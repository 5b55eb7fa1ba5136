package vn.tinnhiem.display;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tinnhiem.core.StoreUnavailableException;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;

/**
 * The hall display: a read-only page for the projector, one per vote, that shows the turnout
 * and, once the vote is closed, the results (see {@link HallView} for what it may show).
 *
 * <p>Anyone who can reach the port and knows the random token in the URL can read it; without
 * the token every path answers 404, so the port does not even say that a vote exists. The token
 * is compared in constant time and never logged. The page polls every two seconds.
 *
 * <pre>
 *   GET /hall/{token}/{vote}            the page
 *   GET /hall/{token}/{vote}/view.json  the {@link HallView}; 503 while the store is unreachable
 *   GET /hall-assets/display.{css,js}   the page's script and style (no data in them)
 * </pre>
 */
public final class DisplayServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DisplayServer.class);
    /** Nulls are sent: the page tells "no results yet" from a field it does not know. */
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 random bytes: a token cannot be guessed within any number of requests a port can take. */
    private static final int TOKEN_BYTES = 32;
    private static final String PAGE = "/display/index.html";

    private final Javalin app;
    private final String host;
    private final String token;
    private final Map<String, VoteDefinition> votes;

    private DisplayServer(Javalin app, String host, String token, Map<String, VoteDefinition> votes) {
        this.app = app;
        this.host = host;
        this.token = token;
        this.votes = votes;
    }

    /** A fresh random token, URL-safe. */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Starts listening on {@code host:port} (port 0 picks a free one).
     *
     * @throws IllegalStateException if the port cannot be bound
     */
    public static DisplayServer start(List<VoteDefinition> definitions, VoteStore store, Clock clock, String host,
            int port, String token) {
        Objects.requireNonNull(token, "token");
        Map<String, VoteDefinition> votes = new LinkedHashMap<>();
        definitions.forEach(v -> votes.put(v.id(), v));
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        String page = resource(PAGE);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/hall-assets";
                files.directory = "/display/assets";
                files.location = Location.CLASSPATH;
            });
        });
        app.before(ctx -> {
            // The token is in the URL: no Referer may carry it away, no cache may keep it.
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cache-Control", "no-store");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                    + "connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'");
        });
        app.get("/hall/{token}/{vote}", ctx -> {
            if (guard(ctx, expected, votes) != null) {
                ctx.contentType("text/html; charset=utf-8").result(page);
            }
        });
        app.get("/hall/{token}/{vote}/view.json", ctx -> {
            VoteDefinition vote = guard(ctx, expected, votes);
            if (vote == null) {
                return;
            }
            Locale lang = ctx.queryParam("lang") == null ? vote.language() : Locale.forLanguageTag(ctx.queryParam("lang"));
            try {
                json(ctx, HallView.of(vote, store, clock.instant(), lang));
            } catch (StoreUnavailableException e) {
                ctx.status(503);
                json(ctx, Map.of("error", "store unavailable"));
            }
        });
        // Javalin's own 404 repeats the path; this one says nothing about what exists.
        app.error(404, ctx -> ctx.contentType("text/plain; charset=utf-8").result("Not found"));
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        log.info("hall display listening on {}:{} for {} vote(s)", host, app.port(), votes.size());
        return new DisplayServer(app, host, token, votes);
    }

    /** The vote named in the path if the token is right; otherwise null after answering 404. */
    private static VoteDefinition guard(Context ctx, byte[] expected, Map<String, VoteDefinition> votes) {
        byte[] given = ctx.pathParam("token").getBytes(StandardCharsets.UTF_8);
        VoteDefinition vote = votes.get(ctx.pathParam("vote"));
        // Constant time over the token; the vote is looked up either way.
        if (!MessageDigest.isEqual(expected, given) || vote == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found");
            return null;
        }
        return vote;
    }

    public int port() {
        return app.port();
    }

    /** The page's address for one vote, token included: print it for the operator only. */
    public String url(String voteId) {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/hall/" + token + "/" + voteId;
    }

    /** One address per vote, in definition order. */
    public List<String> urls() {
        return votes.keySet().stream().map(this::url).toList();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json; charset=utf-8").result(GSON.toJson(value));
    }

    private static String resource(String path) {
        try (InputStream in = DisplayServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
