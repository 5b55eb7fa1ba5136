package vn.tinnhiem.ops;

import io.javalin.Javalin;

/**
 * {@code run --ops-port N}: {@code GET /health} and {@code GET /metrics} on a port of their own,
 * for long-polling mode, where the bot has no webhook server to serve them (in webhook mode the
 * webhook servers serve them too). Plain HTTP on {@code bind}, like the webhook: loopback by
 * default, so only a probe on the same machine (or in the same container) reaches it.
 */
public final class OpsServer implements AutoCloseable {
    private final Javalin app;

    public OpsServer(Telemetry telemetry, String bind, int port) {
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        telemetry.serve(app);
        app.start(bind, port);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
