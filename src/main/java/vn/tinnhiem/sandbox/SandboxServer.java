package vn.tinnhiem.sandbox;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tinnhiem.export.ResultsExport;

/**
 * The sandbox's web server: one page (resources under {@code /sandbox}) and a small JSON API
 * over a {@link Sandbox}. Localhost only: it has no authentication, it is for rehearsals.
 * It listens on 127.0.0.1 and answers only requests addressed to it by a local name (a Host
 * of localhost, 127.0.0.1 or [::1] with its port), so a page on another site cannot read it
 * through DNS rebinding; a request that changes anything must also come from the page itself
 * (a same-origin {@code Origin}) with a JSON body, which a cross-site form or a
 * {@code text/plain} fetch without preflight cannot send. See {@link #refusal}.
 *
 * <pre>
 *   GET  /api/text?lang=vi            the page's own text, from the message bundles
 *   GET  /api/state?lang=vi&since=N   every chat; just {"version":N} if nothing changed since N
 *   POST /api/action                  {"person":"sb:…","lang":"vi","type":"say|contact|press",
 *                                      "text":"/start","messageId":"3","data":"r:v1:0:H"}
 *                                     → {"version":N,"toasts":[…]}
 *   POST /api/simulate                {"lang":"vi"} → {"checkedIn":n,"voted":n,"message":"…"}
 *   GET  /api/results?lang=vi         the results table once the vote is closed, else 409
 *   GET  /api/export/{json|csv|xlsx|png|pdf|docx}?lang=vi
 *                                     the results as a file to download (ket-qua-VOTE.EXT)
 *                                     once the vote is closed, else 409
 * </pre>
 */
public final class SandboxServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxServer.class);
    private static final Gson GSON = new Gson();

    private final Sandbox sandbox;
    private final Javalin app;
    private final ScheduledExecutorService ticker;

    private SandboxServer(Sandbox sandbox, Javalin app, ScheduledExecutorService ticker) {
        this.sandbox = sandbox;
        this.app = app;
        this.ticker = ticker;
    }

    /** Starts on localhost; port 0 picks a free one. */
    public static SandboxServer start(Sandbox sandbox, int port) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/sandbox";
                files.location = Location.CLASSPATH;
            });
        });
        app.before(ctx -> {
            String why = refusal(ctx.method().name(), ctx.header("Host"), ctx.header("Origin"),
                    ctx.header("Content-Type"), ctx.req().getLocalPort());
            if (why != null) {
                ctx.skipRemainingHandlers();
                ctx.status(why.startsWith("content type") ? 415 : 403);
                json(ctx, Map.of("error", why));
            }
        });
        app.get("/api/text", ctx -> json(ctx, PageModel.text(PageModel.lang(ctx.queryParam("lang")))));
        app.get("/api/state", ctx -> state(sandbox, ctx));
        app.post("/api/action", ctx -> action(sandbox, ctx));
        app.post("/api/simulate", ctx -> simulate(sandbox, ctx));
        app.get("/api/results", ctx -> results(sandbox, ctx));
        app.get("/api/export/{format}", ctx -> export(sandbox, ctx));
        app.exception(BadRequest.class, (e, ctx) -> {
            ctx.status(400);
            json(ctx, Map.of("error", e.getMessage()));
        });
        app.start("127.0.0.1", port);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-deadline");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                sandbox.tick();
            } catch (RuntimeException e) {
                log.error("deadline check failed for vote {}", sandbox.vote().id(), e);
            }
        }, 5, 5, TimeUnit.SECONDS);
        return new SandboxServer(sandbox, app, ticker);
    }

    private static final List<String> LOCAL_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

    /**
     * Why a request must be refused, or null if it may go on: a Host that is not a local name
     * with the server's port (DNS rebinding); for anything but GET and HEAD, an Origin that is
     * not {@code http://} + that Host, or a body that is not declared JSON.
     */
    static String refusal(String method, String host, String origin, String contentType, int port) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        boolean local = LOCAL_HOSTS.stream().anyMatch(name -> h.equals(name + ":" + port) || port == 80 && h.equals(name));
        if (!local) {
            return "host not allowed: the sandbox answers only at localhost:" + port;
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            return null;
        }
        if (origin == null || !origin.toLowerCase(Locale.ROOT).equals("http://" + h)) {
            return "origin not allowed: only the sandbox's own page may change it";
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        if (!type.equals("application/json")) {
            return "content type must be application/json";
        }
        return null;
    }

    public int port() {
        return app.port();
    }

    public String url() {
        return "http://localhost:" + port() + "/";
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        app.stop();
    }

    private static void state(Sandbox sandbox, Context ctx) {
        String since = ctx.queryParam("since");
        if (since != null && since.equals(Long.toString(sandbox.version()))) {
            json(ctx, Map.of("version", sandbox.version()));
            return;
        }
        json(ctx, PageModel.state(sandbox, PageModel.lang(ctx.queryParam("lang"))));
    }

    private static void action(Sandbox sandbox, Context ctx) {
        JsonObject body = body(ctx);
        String person = field(body, "person");
        String lang = PageModel.lang(optional(body, "lang"));
        if (sandbox.persona(person).isEmpty()) {
            throw new BadRequest("no such person");
        }
        Sandbox.Action action = switch (field(body, "type")) {
            case "say" -> new Sandbox.Action.Say(field(body, "text"));
            case "contact" -> new Sandbox.Action.ShareContact();
            case "press" -> new Sandbox.Action.Press(field(body, "messageId"), field(body, "data"));
            default -> throw new BadRequest("type must be say, contact or press");
        };
        if (action instanceof Sandbox.Action.Say say && say.text().isBlank()) {
            throw new BadRequest("empty text");
        }
        Sandbox.Outcome outcome = sandbox.act(person, action, lang);
        json(ctx, Map.of("version", sandbox.version(), "toasts", outcome.toasts()));
    }

    private static void simulate(Sandbox sandbox, Context ctx) {
        String lang = PageModel.lang(optional(body(ctx), "lang"));
        Simulator.Report report = new Simulator(sandbox, new SecureRandom(), lang).run(Integer.MAX_VALUE);
        var m = PageModel.messages(lang);
        String message = switch (sandbox.state()) {
            case DRAFT -> m.get("sandbox.simulate.draft", report.checkedIn());
            case OPEN -> m.get("sandbox.simulate.open", report.checkedIn(), report.voted());
            case CLOSED -> m.get("sandbox.simulate.closed");
        };
        json(ctx, Map.of("checkedIn", report.checkedIn(), "voted", report.voted(), "message", message,
                "version", sandbox.version()));
    }

    private static void results(Sandbox sandbox, Context ctx) {
        var results = sandbox.results();
        if (results.isEmpty()) {
            ctx.status(409);
            json(ctx, Map.of("error", "the vote is not closed"));
            return;
        }
        json(ctx, PageModel.results(results.get(), sandbox.receipts(), PageModel.lang(ctx.queryParam("lang"))));
    }

    private static void export(Sandbox sandbox, Context ctx) {
        var format = ResultsExport.Format.byExtension(ctx.pathParam("format"));
        if (format.isEmpty()) {
            ctx.status(404);
            json(ctx, Map.of("error", "format must be json, csv, xlsx, png, pdf or docx"));
            return;
        }
        var results = sandbox.results();
        if (results.isEmpty()) {
            ctx.status(409);
            json(ctx, Map.of("error", "the vote is not closed"));
            return;
        }
        ResultsExport export = new ResultsExport(results.get(), sandbox.receipts(),
                sandbox.store().auditLog(sandbox.vote().id()),
                Locale.forLanguageTag(PageModel.lang(ctx.queryParam("lang"))), Instant.now());
        ctx.header("Content-Disposition", "attachment; filename=\"" + export.fileName(format.get()) + "\"");
        ctx.contentType(format.get().contentType()).result(export.render(format.get()));
    }

    private static JsonObject body(Context ctx) {
        try {
            JsonObject o = GSON.fromJson(ctx.body(), JsonObject.class);
            if (o == null) {
                throw new BadRequest("expected a JSON object");
            }
            return o;
        } catch (JsonParseException | ClassCastException e) {
            throw new BadRequest("expected a JSON object");
        }
    }

    private static String field(JsonObject body, String name) {
        String v = optional(body, name);
        if (v == null) {
            throw new BadRequest("missing " + name);
        }
        return v;
    }

    private static String optional(JsonObject body, String name) {
        var e = body.get(name);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json; charset=utf-8").result(GSON.toJson(value));
    }

    /** A request the page (or a hand-written client) got wrong: 400 with the reason. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
