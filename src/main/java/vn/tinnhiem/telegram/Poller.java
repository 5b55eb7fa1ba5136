package vn.tinnhiem.telegram;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;
import vn.tinnhiem.CrashPoints;

/**
 * Our own getUpdates loop. TelegramBots' long-polling consumer confirms a batch before the
 * bot has processed it, so a crash loses the batch; here updates are processed in order and
 * the offset is saved once per batch, after the last one (one Redis round trip per batch, not
 * per update), so a crash at any point redelivers at most the batch being processed, which the
 * flow handles idempotently (every update is). Exactly once, as far as anyone can
 * tell from outside.
 */
public final class Poller implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    /** What the bot reacts to; everything else Telegram does not even send. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");
    /** Attempts at one update before it is skipped, so one poisonous update cannot stall a conference. */
    static final int MAX_TRIES_PER_UPDATE = 5;

    private final BotApi api;
    private final UpdateOffsets offsets;
    private final UpdateHandler handler;
    private final int longPollSeconds;
    private final Duration maxBackoff;
    private volatile boolean stopped;
    private volatile Thread thread;
    private long next;
    private int failures;
    private int triesOfCurrent;
    private long current = -1;
    /** When getUpdates last answered, for /health. */
    private volatile long lastPolled = System.nanoTime();

    public Poller(BotApi api, UpdateOffsets offsets, UpdateHandler handler, Duration longPoll, Duration maxBackoff) {
        this.api = api;
        this.offsets = offsets;
        this.handler = handler;
        this.longPollSeconds = (int) Math.max(0, longPoll.toSeconds());
        this.maxBackoff = maxBackoff;
    }

    public Thread start() {
        Thread t = new Thread(this, "tg-poller");
        t.setDaemon(false);
        thread = t;
        t.start();
        return t;
    }

    /**
     * For /health: null while getUpdates answers, or has answered within a long poll plus the
     * longest back-off plus half a minute; else what is wrong.
     */
    public String problem() {
        if (stopped) {
            return "stopped";
        }
        long silent = System.nanoTime() - lastPolled;
        Duration stale = Duration.ofSeconds(longPollSeconds).plus(maxBackoff).plusSeconds(30);
        return silent > stale.toNanos() ? "no answer to getUpdates for " + (silent / 1_000_000_000L) + " s" : null;
    }

    public void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void run() {
        next = offsets.load();
        while (!stopped) {
            BotApi.Result<java.util.ArrayList<Update>> result =
                    api.call(new LenientGetUpdates(next, longPollSeconds, ALLOWED_UPDATES));
            if (stopped) {
                return;
            }
            if (result instanceof BotApi.Ok<java.util.ArrayList<Update>> ok) {
                lastPolled = System.nanoTime();
                failures = 0;
                if (!process(ok.value())) {
                    backOff();
                }
            } else {
                if (failures == 0) {
                    log.warn("getUpdates failed, backing off: {}", describe(result));
                }
                failures++;
                backOff();
            }
        }
    }

    /**
     * Processes a batch in order, then saves the offset once for the whole batch; false if it
     * stopped early and the rest must come again. Whatever was handled before a stop is saved
     * too, so the next getUpdates (which confirms it to Telegram) never runs ahead of the store.
     */
    private boolean process(List<Update> updates) {
        long handled = next;
        boolean complete = true;
        for (Update u : updates) {
            if (stopped) {
                break;
            }
            long id = u.getUpdateId() == null ? -1 : u.getUpdateId();
            if (id < handled) {
                continue; // already processed: a redelivery
            }
            if (id != current) {
                current = id;
                triesOfCurrent = 0;
            }
            CrashPoints.reach(CrashPoints.UPDATE_RECEIVED);
            try {
                handler.handle(u);
            } catch (RuntimeException e) {
                triesOfCurrent++;
                if (triesOfCurrent < MAX_TRIES_PER_UPDATE) {
                    log.warn("Update {} failed (attempt {}), will retry: {}", id, triesOfCurrent,
                            api.redact(e.toString()));
                    complete = false;
                    break;
                }
                log.error("Update {} failed {} times; skipping it: {}", id, triesOfCurrent, api.redact(e.toString()));
            }
            // Handled, offset not saved: a crash from here on redelivers this update and every
            // earlier one of the batch, which the flow handles idempotently.
            CrashPoints.reach(CrashPoints.UPDATE_PROCESSED);
            handled = id + 1;
        }
        if (handled == next) {
            return complete;
        }
        try {
            offsets.save(handled);
            next = handled;
        } catch (RuntimeException e) {
            // As if we had crashed here: the batch comes again and is handled idempotently.
            log.warn("Could not save the update offset, updates below {} will come again: {}", handled,
                    api.redact(e.toString()));
            return false;
        }
        return complete;
    }

    private void backOff() {
        long ms = Math.min(maxBackoff.toMillis(), 100L << Math.min(Math.max(failures, triesOfCurrent), 10));
        try {
            Thread.sleep(Math.max(ms, 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    private static String describe(BotApi.Result<?> r) {
        if (r instanceof BotApi.Refused<?> x) {
            String hint = x.code() == 409 ? " (a webhook is set or another instance is polling)"
                    : x.code() == 401 || x.code() == 404 ? " (the token was revoked?)" : "";
            return "[" + x.code() + "] " + x.description() + hint;
        }
        return ((BotApi.Failed<?>) r).reason();
    }
}
