package vn.tinnhiem.zalo;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tinnhiem.CrashPoints;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.delivery.MonthlyCount;
import vn.tinnhiem.delivery.SharedPacing;
import vn.tinnhiem.delivery.TextSplit;
import vn.tinnhiem.ops.Telemetry;
import vn.tinnhiem.ops.UpdateSpan;

/**
 * Everything the bot says on Zalo goes through here: each reply becomes {@code sendMessage}
 * calls of at most {@link ZaloPlatform#MAX_TEXT} characters, paced by {@link ZaloPacing}.
 * Every chat has its own queue, served in order with one call in flight, so a chat's messages
 * arrive in the order the flow wrote them; chats take turns, so a broadcast never starves
 * someone working through their ballot. A 429, a 5xx or a network failure is retried after a
 * doubling back-off (or the retry_after Zalo gives), a 429 without counting as a failed attempt
 * (up to {@value #MAX_429}); any other refusal is final and logged
 * once with the method and chat, never the text or the token.
 *
 * <p>Zalo has no buttons, edits, toasts or files, and the flow knows it: it never sends those
 * to a Zalo account. Should one come anyway, its text is still sent (nothing is dropped) and
 * the mismatch is logged.
 *
 * <p>When the bot runs as replicas, each call also takes from budgets every replica shares
 * ({@link SharedPacing}: the chat's and the overall one, as Zalo's pacing has no broadcasts
 * apart); a call that must wait for them waits in its lane.
 */
public final class ZaloOutbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ZaloOutbox.class);
    /** 429s after which a message is given up (each waits its retry_after or a back-off). */
    static final int MAX_429 = 100;
    /**
     * Calls in flight at once, across chats (each chat has one at a time). Zalo's servers are a
     * network round trip away; two workers made at most two calls per round trip.
     */
    public static final int CONCURRENCY = 16;

    private final ZaloApi api;
    private final ZaloPacing pacing;
    private final SharedPacing shared;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Chat id → lane; insertion order is the turn order (a served lane moves to the end). */
    private final LinkedHashMap<String, Lane> lanes = new LinkedHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private long globalNext;
    private int inFlight;
    private boolean closed;
    private volatile Telemetry telemetry = Telemetry.NONE;
    private static final String PLATFORM = "zalo";
    /** Messages sent this month, against the bot's monthly quota. */
    private volatile MonthlyCount sent = MonthlyCount.inMemory(java.time.Clock.systemUTC());
    /** Told the chat id of each message given up because Zalo's quota is used up. */
    private volatile java.util.function.Consumer<String> quotaExceeded = chat -> {};

    /** One sendMessage call to make. */
    static final class Job {
        final String chatId;
        final JsonObject body;
        int attempts;
        /** 429s so far; up to {@link #MAX_429} are not counted in {@code attempts}. */
        int limited;
        long notBefore;
        /** The update whose effect this message shows its sender (telemetry), or null. */
        UpdateSpan span;
        boolean delivered;

        Job(String chatId, JsonObject body) {
            this.chatId = chatId;
            this.body = body;
        }

        JsonObject body() {
            return body;
        }
    }

    private static final class Lane {
        final Deque<Job> jobs = new ArrayDeque<>();
        boolean busy;
        long next;
    }

    public ZaloOutbox(ZaloApi api, ZaloPacing pacing, int threads) {
        this(api, pacing, threads, SharedPacing.NONE);
    }

    /** @param shared budgets shared with other replicas ({@link SharedPacing#NONE} for one process) */
    public ZaloOutbox(ZaloApi api, ZaloPacing pacing, int threads, SharedPacing shared) {
        this.api = api;
        this.pacing = pacing;
        this.shared = shared;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "zalo-outbox-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Reports 429s, retries, the queue's length and each update's screen latency to {@code t}. */
    public void observe(Telemetry t) {
        telemetry = java.util.Objects.requireNonNull(t, "telemetry");
        t.outbox(PLATFORM, this::queued);
    }

    /** Counts every message Zalo took in {@code count} (this month's, shared in Redis when there is one). */
    public void countIn(MonthlyCount count) {
        sent = java.util.Objects.requireNonNull(count, "count");
    }

    /** Messages sent this month as counted. */
    public MonthlyCount sent() {
        return sent;
    }

    /** {@code listener} gets the chat of each message given up on a 429 (Zalo's quota used up). */
    public void onQuotaExceeded(java.util.function.Consumer<String> listener) {
        quotaExceeded = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** Messages waiting to be sent, not counting those in flight. */
    public int queued() {
        lock.lock();
        try {
            return lanes.values().stream().mapToInt(l -> l.jobs.size()).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Queues the replies (all for Zalo accounts); returns at once. */
    public void deliver(List<Reply> replies) {
        List<Job> jobs = new ArrayList<>();
        // The update being handled on this thread: what goes back to its sender times its screen.
        UpdateSpan span = UpdateSpan.current();
        for (Reply r : replies) {
            List<Job> rendered = render(r);
            if (span != null && span.isActor(r.to())) {
                rendered.forEach(j -> j.span = span);
                span.expectScreen(rendered.size());
            }
            jobs.addAll(rendered);
        }
        lock.lock();
        try {
            for (Job j : jobs) {
                lanes.computeIfAbsent(j.chatId, id -> new Lane()).jobs.addLast(j);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    static List<Job> render(Reply reply) {
        String chat = chatId(reply.to());
        String text;
        if (reply instanceof Reply.Send s) {
            if (s.keyboard() instanceof Keyboard.Inline) {
                log.warn("Buttons for a Zalo chat; sending the text only");
            }
            text = s.text();
        } else if (reply instanceof Reply.Edit e) {
            log.warn("An edit for a Zalo chat, which cannot edit; sending it as a new message");
            text = e.text();
        } else if (reply instanceof Reply.Answer a) {
            text = a.text();
        } else if (reply instanceof Reply.Document d) {
            log.warn("A file for a Zalo chat, which takes none; sending its name");
            text = "📎 " + d.fileName();
        } else if (reply instanceof Reply.Photo p) {
            log.warn("A photo for a Zalo chat, which takes photos by URL only; sending its caption");
            text = p.caption();
        } else {
            throw new IllegalArgumentException("unhandled reply " + reply.getClass());
        }
        List<Job> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String part : TextSplit.split(text, ZaloPlatform.MAX_TEXT)) {
            JsonObject body = new JsonObject();
            body.addProperty("chat_id", chat);
            body.addProperty("text", part);
            out.add(new Job(chat, body));
        }
        return out;
    }

    /** "zl:123" → "123"; anything else is a reply routed to the wrong adapter. */
    static String chatId(String accountKey) {
        if (!ZaloPlatform.PLATFORM.owns(accountKey)) {
            throw new IllegalArgumentException("not a Zalo chat: a reply routed to the wrong adapter");
        }
        return accountKey.substring(ZaloPlatform.PLATFORM.prefix().length() + 1);
    }

    /** Waits until everything queued so far has been sent or given up; false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (inFlight > 0 || lanes.values().stream().anyMatch(l -> !l.jobs.isEmpty())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (true) {
            Job job;
            try {
                job = next();
            } catch (InterruptedException e) {
                return;
            }
            if (job == null) {
                return;
            }
            boolean retry = false;
            try {
                retry = send(job);
            } catch (RuntimeException e) {
                log.error("Sending to a Zalo chat failed unexpectedly: {}", api.redact(e.toString()));
            } finally {
                finished(job, retry);
            }
        }
    }

    private Job next() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                String chosen = null;
                Iterator<Map.Entry<String, Lane>> it = lanes.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, Lane> e = it.next();
                    Lane lane = e.getValue();
                    if (lane.busy) {
                        continue;
                    }
                    if (lane.jobs.isEmpty()) {
                        if (lane.next <= now) {
                            it.remove();
                        }
                        continue;
                    }
                    long ready = Math.max(Math.max(lane.next, lane.jobs.peekFirst().notBefore), globalNext) - now;
                    if (ready <= 0) {
                        chosen = e.getKey();
                        break;
                    }
                    wait = Math.min(wait, ready);
                }
                if (chosen != null) {
                    Lane lane = lanes.remove(chosen);
                    lanes.put(chosen, lane); // to the back of the turn order
                    lane.busy = true;
                    lane.next = now + pacing.chatInterval().toNanos();
                    globalNext = now + pacing.globalInterval().toNanos();
                    inFlight++;
                    return lane.jobs.removeFirst();
                }
                if (wait == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(wait);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void finished(Job job, boolean retry) {
        if (!retry && job.span != null) {
            job.span.screenSent(job.delivered);
        }
        lock.lock();
        try {
            inFlight--;
            Lane lane = lanes.computeIfAbsent(job.chatId, id -> new Lane());
            lane.busy = false;
            if (retry) {
                lane.jobs.addFirst(job);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Makes the call; true if it should be retried (job.notBefore set). */
    private boolean send(Job job) {
        long sharedWait = shared.take(job.chatId, true);
        if (sharedWait > 0) {
            job.notBefore = System.nanoTime() + sharedWait; // not an attempt: nothing was sent
            return true;
        }
        job.attempts++;
        CrashPoints.reach(CrashPoints.REPLY_BEFORE_SEND);
        ZaloApi.Result result = api.call("sendMessage", job.body, Duration.ofSeconds(20));
        if (result instanceof ZaloApi.Ok) {
            job.delivered = true;
            sent.add(1);
            return false;
        }
        if (result instanceof ZaloApi.Refused refused && refused.code() == 429 && refused.retryAfter() == null) {
            return quotaRefused(job, refused);
        }
        boolean transient_;
        Integer retryAfter = null;
        if (result instanceof ZaloApi.Refused refused) {
            transient_ = refused.code() == 429 || refused.code() >= 500;
            retryAfter = refused.retryAfter();
        } else if (result instanceof ZaloApi.Failed) {
            transient_ = true;
        } else {
            throw new IllegalStateException("unhandled result " + result.getClass());
        }
        if (result instanceof ZaloApi.Refused refused && refused.code() == 429) {
            telemetry.tooManyRequests(PLATFORM);
            // Being told to wait is not a failed attempt (as on Telegram, see Outbox#MAX_429).
            if (++job.limited <= MAX_429) {
                job.attempts--;
            }
        } else if (transient_ && job.attempts < pacing.maxAttempts()) {
            telemetry.retried(PLATFORM, result instanceof ZaloApi.Failed);
        }
        if (transient_ && job.attempts < pacing.maxAttempts()) {
            long wait = retryAfter != null ? Duration.ofSeconds(Math.max(1, retryAfter)).toNanos()
                    : Math.min(pacing.maxBackoff().toNanos(), pacing.backoff().toNanos()
                            << Math.max(0, Math.min(Math.max(job.attempts, job.limited) - 1, 20)));
            job.notBefore = System.nanoTime() + wait;
            if (job.attempts == 1) {
                log.info("Zalo did not take a message to a chat ({}); retrying with back-off", result);
            }
            return true;
        }
        log.warn("Gave up on a message to a Zalo chat after {} attempt(s): {}", job.attempts, result);
        return false;
    }

    /**
     * A 429 without retry_after: the Zalo Bot Platform's only 429 is "Quota exceeded - Vượt quá
     * giới hạn sử dụng API cho phép" (bot.zaloplatforms.com/docs, error codes), and public client
     * projects report it with no retry-after once the month's messages are used up. Waiting it
     * out for an hour would hold the chat's lane for nothing: it is retried with the doubling
     * back-off (a short burst limit passes by then) and given up once the back-off reaches its
     * cap, and the listener is told, so the organisers learn who could not be reached.
     */
    private boolean quotaRefused(Job job, ZaloApi.Refused refused) {
        telemetry.tooManyRequests(PLATFORM);
        job.attempts--; // being refused for the quota is not a failed attempt of ours
        long wait = pacing.backoff().toNanos() << Math.min(job.limited++, 20);
        if (wait <= pacing.maxBackoff().toNanos()) {
            job.notBefore = System.nanoTime() + wait;
            return true;
        }
        log.warn("Gave up on a message to Zalo chat {} after {} refusals: {} (the bot's monthly quota?)", job.chatId,
                job.limited, refused);
        quotaExceeded.accept(job.chatId);
        return false;
    }

    /** Sends what is queued for up to {@code grace}, then stops the workers. */
    public void close(Duration grace) {
        try {
            awaitIdle(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        workers.forEach(Thread::interrupt);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
