package vn.tinnhiem.zalo;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tinnhiem.CrashPoints;

/**
 * Long polling: {@code getUpdates {"timeout":30}} returns one update, or error 408 when none
 * came in time. There is no offset: what getUpdates returns is consumed, so a crash between
 * receiving an update and handling it loses that one message (the voter's next message
 * recovers: the flow answers any text with where their ballot stands). Failures back off,
 * doubling up to a ceiling.
 */
final class ZaloPoller implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ZaloPoller.class);
    /** Tries at one update before it is given up, so one poisonous update cannot stall a conference. */
    static final int MAX_TRIES_PER_UPDATE = 3;

    private final ZaloApi api;
    private final ZaloUpdateHandler handler;
    private final int timeoutSeconds;
    private final Duration maxBackoff;
    private volatile boolean stopped;
    private volatile Thread thread;
    private int failures;
    /** When getUpdates last answered (an update, or 408: none came), for /health. */
    private volatile long lastPolled = System.nanoTime();
    private final Duration stale;

    ZaloPoller(ZaloApi api, ZaloUpdateHandler handler, Duration longPoll, Duration maxBackoff) {
        this.api = api;
        this.handler = handler;
        this.timeoutSeconds = (int) Math.max(1, longPoll.toSeconds());
        this.maxBackoff = maxBackoff;
        this.stale = Duration.ofSeconds(timeoutSeconds).plus(maxBackoff).plusSeconds(30);
    }

    /** For /health: null while getUpdates answers (within a long poll, the longest back-off and half a minute). */
    String problem() {
        if (stopped) {
            return "stopped";
        }
        long silent = System.nanoTime() - lastPolled;
        return silent > stale.toNanos() ? "no answer to getUpdates for " + (silent / 1_000_000_000L) + " s" : null;
    }

    void start() {
        Thread t = new Thread(this, "zalo-poller");
        thread = t;
        t.start();
    }

    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void run() {
        JsonObject body = JsonParser.parseString("{\"timeout\":" + timeoutSeconds + "}").getAsJsonObject();
        while (!stopped) {
            ZaloApi.Result result = api.call("getUpdates", body, Duration.ofSeconds(timeoutSeconds + 15L));
            if (stopped) {
                return;
            }
            if (result instanceof ZaloApi.Ok ok) {
                lastPolled = System.nanoTime();
                failures = 0;
                if (ok.result() != null && ok.result().isJsonObject()) {
                    process(ok.result().getAsJsonObject());
                }
            } else if (result instanceof ZaloApi.Refused refused && refused.noUpdate()) {
                lastPolled = System.nanoTime();
                failures = 0;
            } else {
                if (failures == 0) {
                    log.warn("Zalo getUpdates failed, backing off: {}", describe(result));
                }
                failures++;
                backOff(failures);
            }
        }
    }

    /** The update is consumed already: handle it, retrying a few times if handling fails. */
    private void process(JsonObject update) {
        CrashPoints.reach(CrashPoints.UPDATE_RECEIVED);
        for (int tries = 1; !stopped; tries++) {
            try {
                handler.handle(update);
                CrashPoints.reach(CrashPoints.UPDATE_PROCESSED);
                return;
            } catch (RuntimeException e) {
                if (tries >= MAX_TRIES_PER_UPDATE) {
                    log.error("A Zalo update failed {} times; giving it up (the sender's next message recovers): {}",
                            tries, api.redact(e.toString()));
                    return;
                }
                log.warn("A Zalo update failed (attempt {}), retrying: {}", tries, api.redact(e.toString()));
                backOff(tries);
            }
        }
    }

    private void backOff(int attempt) {
        long ms = Math.min(maxBackoff.toMillis(), 100L << Math.min(attempt, 10));
        try {
            Thread.sleep(Math.max(ms, 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    private static String describe(ZaloApi.Result r) {
        if (r instanceof ZaloApi.Refused x) {
            String hint = x.code() == 401 || x.code() == 403 || x.code() == 404 ? " (the token was revoked?)"
                    : x.code() == 409 ? " (a webhook is set, or another instance is polling)" : "";
            return x + hint;
        }
        return r.toString();
    }
}
