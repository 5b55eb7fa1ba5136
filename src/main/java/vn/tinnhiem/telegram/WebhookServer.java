package vn.tinnhiem.telegram;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;
import vn.tinnhiem.ops.Telemetry;

/**
 * Webhook mode: Telegram POSTs each update to {@code path}. A request without the right
 * {@code X-Telegram-Bot-Api-Secret-Token} gets 401 and is not looked at. The answer is 200
 * only after the update is processed; on failure 500 makes Telegram deliver it again, and
 * the flow handles a repeat idempotently.
 */
public final class WebhookServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** Updates are small; anything bigger is not from Telegram. */
    private static final int MAX_BODY = 1 << 20;

    private final Javalin app;
    private final byte[] secret;
    private final UpdateHandler handler;
    private volatile boolean running;

    /** Listens on {@code bind} (a local address, e.g. 127.0.0.1 or 0.0.0.0) and {@code port}; 0 picks one. */
    public WebhookServer(String path, String bind, int port, String secret, UpdateHandler handler) {
        this(path, bind, port, secret, handler, Telemetry.NONE);
    }

    /** Serves {@code GET /health} and {@code GET /metrics} from {@code telemetry} too. */
    public WebhookServer(String path, String bind, int port, String secret, UpdateHandler handler,
            Telemetry telemetry) {
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

    public int port() {
        return app.port();
    }

    /** For /health: null while it listens. */
    public String problem() {
        return running ? null : "stopped";
    }

    private void receive(Context ctx) {
        String given = ctx.header(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            ctx.status(401).result("unauthorized");
            return;
        }
        Update update;
        try {
            update = LenientGetUpdates.read(LenientGetUpdates.JSON.readTree(ctx.body()));
        } catch (Exception e) {
            ctx.status(400).result("bad update");
            return;
        }
        try {
            handler.handle(update);
            ctx.status(200).result("ok");
        } catch (RuntimeException e) {
            log.warn("Update {} failed; Telegram will deliver it again: {}", update.getUpdateId(), e.toString());
            ctx.status(500).result("retry");
        }
    }

    @Override
    public void close() {
        running = false;
        app.stop();
    }
}
