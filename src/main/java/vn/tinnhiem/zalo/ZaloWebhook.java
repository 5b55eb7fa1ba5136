package vn.tinnhiem.zalo;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tinnhiem.ops.Telemetry;

/**
 * Webhook mode: Zalo POSTs each update to {@code path}. A request without the right
 * {@code X-Bot-Api-Secret-Token} (compared in constant time) gets 401 and is not looked at.
 * The answer is 200 only after the update has been handled; on failure 500 asks Zalo to
 * deliver it again, and a message handled already is not handled twice.
 */
final class ZaloWebhook implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ZaloWebhook.class);
    static final String SECRET_HEADER = "X-Bot-Api-Secret-Token";
    private static final int MAX_BODY = 1 << 20;

    private final Javalin app;
    private final byte[] secret;
    private final ZaloUpdateHandler handler;
    private volatile boolean running;

    /** Serves {@code GET /health} and {@code GET /metrics} from {@code telemetry} too. */
    ZaloWebhook(String path, String bind, int port, String secret, ZaloUpdateHandler handler, Telemetry telemetry) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.handler = handler;
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_BODY;
        });
        app.post(path, this::receive);
        telemetry.serve(app);
        app.start(bind, port);
        running = true;
    }

    int port() {
        return app.port();
    }

    /** For /health: null while it listens. */
    String problem() {
        return running ? null : "stopped";
    }

    private void receive(Context ctx) {
        String given = ctx.header(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            ctx.status(401).result("unauthorized");
            return;
        }
        JsonElement update;
        try {
            update = JsonParser.parseString(ctx.body());
        } catch (RuntimeException e) {
            ctx.status(400).result("bad update");
            return;
        }
        if (!update.isJsonObject()) {
            ctx.status(400).result("bad update");
            return;
        }
        com.google.gson.JsonObject body = update.getAsJsonObject();
        if (body.has("ok") && body.has("result") && body.get("result").isJsonObject()) {
            body = body.getAsJsonObject("result"); // the getUpdates envelope, should Zalo use it here too
        }
        try {
            handler.handle(body);
            ctx.status(200).result("ok");
        } catch (RuntimeException e) {
            log.warn("A Zalo update failed; Zalo will deliver it again: {}", e.toString());
            ctx.status(500).result("retry");
        }
    }

    @Override
    public void close() {
        running = false;
        app.stop();
    }
}
