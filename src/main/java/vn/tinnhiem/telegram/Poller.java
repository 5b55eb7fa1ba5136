package vn.tinnhiem.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;
import vn.tinnhiem.CrashPoints;

/**
 * Our own getUpdates loop. TelegramBots' long-polling consumer confirms a batch before the
 * bot has processed it, so a crash loses the batch; here a batch is handled on a few workers,
 * each account's updates in order and different accounts in parallel, and the offset is saved
 * once the whole batch is handled (one Redis round trip per batch, not per update), so a crash
 * at any point redelivers at most the batch being processed, which the flow handles
 * idempotently (every update is). Exactly once, as far as anyone can tell from outside.
 */
public final class Poller implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    /** What the bot reacts to; everything else Telegram does not even send. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");
    /** Attempts at one update before it is skipped, so one poisonous update cannot stall a conference. */
    static final int MAX_TRIES_PER_UPDATE = 5;
    /**
     * Threads that handle a batch's accounts in parallel. A handler spends most of its time
     * waiting for Redis and on the flow's CPU work; a few per core keep both busy.
     */
    static final int WORKERS = 4;

    private final BotApi api;
    private final UpdateOffsets offsets;
    private final UpdateHandler handler;
    private final int longPollSeconds;
    private final Duration maxBackoff;
    private volatile boolean stopped;
    private volatile Thread thread;
    private final ExecutorService workers;
    /** Failed attempts per update id not yet confirmed. */
    private final Map<Long, Integer> tries = new ConcurrentHashMap<>();
    private long next;
    private int failures;
    /** Offset saves failed in a row: the batch comes again, each time after a longer pause. */
    private int unsaved;
    /** When getUpdates last answered, for /health. */
    private volatile long lastPolled = System.nanoTime();

    public Poller(BotApi api, UpdateOffsets offsets, UpdateHandler handler, Duration longPoll, Duration maxBackoff) {
        this(api, offsets, handler, longPoll, maxBackoff, WORKERS);
    }

    /** @param workers threads handling a batch's accounts in parallel */
    public Poller(BotApi api, UpdateOffsets offsets, UpdateHandler handler, Duration longPoll, Duration maxBackoff,
            int workers) {
        this.api = api;
        this.offsets = offsets;
        this.handler = handler;
        this.longPollSeconds = (int) Math.max(0, longPoll.toSeconds());
        this.maxBackoff = maxBackoff;
        AtomicInteger seq = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "tg-update-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
        try {
            poll();
        } finally {
            workers.shutdown();
        }
    }

    private void poll() {
        if (!loadOffset()) {
            return;
        }
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
     * Reads the saved offset, trying again after a doubling pause while the store cannot say
     * (Redis down as the bot starts): without it the poller would end and no update would ever
     * be handled. False if stopped meanwhile.
     */
    private boolean loadOffset() {
        while (!stopped) {
            try {
                next = offsets.load();
                failures = 0;
                return true;
            } catch (RuntimeException e) {
                if (failures++ == 0) {
                    log.warn("Cannot read the update offset, trying again: {}", api.redact(e.toString()));
                }
                backOff();
            }
        }
        return false;
    }

    /**
     * Handles a batch, then saves the offset once for the whole batch; false if it stopped
     * early and the rest must come again. The batch is split into lanes, one per account, in
     * the order Telegram sent them; the lanes run in parallel on the workers, each lane's
     * updates one after the other. A lane stops at an update that fails (to be retried) or when
     * the poller stops. The offset saved is then the lowest update not handled, so an update is
     * never confirmed to Telegram before it is handled; updates of other lanes past it come
     * again, and the flow handles them idempotently (every update is). Whatever was handled
     * before a stop is saved too, so the next getUpdates (which confirms it to Telegram) never
     * runs ahead of the store.
     */
    private boolean process(List<Update> updates) {
        Map<String, List<Update>> lanes = new LinkedHashMap<>();
        long end = next;
        for (Update u : updates) {
            long id = u.getUpdateId() == null ? -1 : u.getUpdateId();
            if (id < end) {
                continue; // already processed, or earlier in this batch: a redelivery
            }
            end = id + 1;
            String account = handler.accountOf(u).orElse("");
            lanes.computeIfAbsent(account, a -> new ArrayList<>()).add(u);
        }
        if (lanes.isEmpty()) {
            return true;
        }
        List<Future<Long>> running = new ArrayList<>(lanes.size());
        for (List<Update> lane : lanes.values()) {
            running.add(workers.submit(() -> lane(lane)));
        }
        long handled = end;
        for (Future<Long> f : running) {
            long stoppedAt = await(f);
            if (stoppedAt >= 0) {
                handled = Math.min(handled, stoppedAt);
            }
        }
        boolean complete = handled == end;
        if (handled == next) {
            return complete;
        }
        try {
            offsets.save(handled);
            unsaved = 0;
            next = handled;
            tries.keySet().removeIf(id -> id < next);
        } catch (RuntimeException e) {
            // As if we had crashed here: the batch comes again and is handled idempotently.
            // Not at once, though: while Redis is down every update of the batch would tell its
            // sender "try again" every 100 ms. The pause doubles like any failure's.
            if (unsaved++ == 0) {
                log.warn("Could not save the update offset, updates below {} will come again: {}", handled,
                        api.redact(e.toString()));
            }
            return false;
        }
        return complete;
    }

    /** Handles one account's updates in order; returns the id of the first one left unhandled, or -1. */
    private long lane(List<Update> lane) {
        for (Update u : lane) {
            long id = u.getUpdateId() == null ? -1 : u.getUpdateId();
            if (stopped) {
                return id;
            }
            CrashPoints.reach(CrashPoints.UPDATE_RECEIVED);
            try {
                handler.handle(u);
            } catch (RuntimeException e) {
                int tried = tries.merge(id, 1, Integer::sum);
                if (tried < MAX_TRIES_PER_UPDATE) {
                    log.warn("Update {} failed (attempt {}), will retry: {}", id, tried, api.redact(e.toString()));
                    return id;
                }
                log.error("Update {} failed {} times; skipping it: {}", id, tried, api.redact(e.toString()));
            }
            // Handled, offset not saved: a crash from here on redelivers this update and the rest
            // of its batch, which the flow handles idempotently.
            CrashPoints.reach(CrashPoints.UPDATE_PROCESSED);
        }
        return -1;
    }

    /** A lane's result; a stop asked for meanwhile still waits for the lane, which ends at its next update. */
    private long await(Future<Long> lane) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return lane.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    stopped = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("an update lane failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void backOff() {
        int retries = tries.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        long ms = Math.min(maxBackoff.toMillis(), 100L << Math.min(Math.max(Math.max(failures, retries), unsaved), 10));
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
