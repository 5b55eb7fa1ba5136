package vn.tinnhiem.telegram;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import vn.tinnhiem.CrashPoints;
import vn.tinnhiem.core.chat.Reply;

/**
 * Everything the bot says goes through here, paced to Telegram's limits ({@link Pacing}).
 *
 * <ul>
 *   <li>Answers to button presses jump the queue and are not paced: Telegram shows a spinner
 *       until the press is answered.</li>
 *   <li>Every chat has its own queue, served in order, one call in flight at a time, so a
 *       chat's messages arrive in the order the flow wrote them. Chats take turns, so a
 *       broadcast (open, remind, results) never starves someone pressing through a ballot.</li>
 *   <li>On 429 the chat waits {@code retry_after} and the call is retried; a network failure
 *       is retried with a doubling back-off. Telegram refusing a call (400, 403) is final,
 *       except that "message is not modified" counts as done, and an edit of a message that
 *       can no longer be edited is sent as a new message.</li>
 *   <li>Each failure is logged once with the method and chat, never the text.</li>
 *   <li>A message sent with an inline keyboard is reported with the id Telegram gave it
 *       ({@link #reportSent}), so the flow knows which message is a participant's live ballot;
 *       what the report answers (the older copy retired) is queued like any reply.</li>
 * </ul>
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final BotApi api;
    private final Pacing pacing;
    private final ReplyRenderer renderer = new ReplyRenderer();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Job> answers = new ArrayDeque<>();
    /** Chat id → lane; insertion order is the turn order (a served lane moves to the end). */
    private final LinkedHashMap<Long, Lane> lanes = new LinkedHashMap<>();
    private final TokenBucket global;
    private final List<Thread> workers = new ArrayList<>();
    private int inFlight;
    private boolean closed;
    private volatile BiFunction<Reply.Send, String, List<Reply>> sentReport = (send, id) -> List.of();

    private static final class Job {
        final Outgoing out;
        int attempts;
        long notBefore;

        Job(Outgoing out) {
            this.out = out;
        }
    }

    private static final class Lane {
        final Deque<Job> jobs = new ArrayDeque<>();
        final TokenBucket bucket;
        boolean busy;
        long pausedUntil;

        Lane(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }

    public Outbox(BotApi api, Pacing pacing, int threads) {
        this.api = api;
        this.pacing = pacing;
        this.global = new TokenBucket(pacing.globalInterval().toNanos(), pacing.globalBurst(), System.nanoTime());
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "tg-outbox-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /**
     * Tells {@code report} the message id of every message sent with an inline keyboard (e.g.
     * {@code ChatFlow::delivered}); the replies it returns are queued.
     */
    public void reportSent(BiFunction<Reply.Send, String, List<Reply>> report) {
        this.sentReport = java.util.Objects.requireNonNull(report, "report");
    }

    /** Queues the flow's replies, answers first; returns at once. */
    public void deliver(List<Reply> replies) {
        List<Outgoing> calls = new ArrayList<>();
        for (Reply r : replies) {
            calls.addAll(renderer.render(r));
        }
        enqueue(calls);
    }

    void enqueue(List<Outgoing> calls) {
        if (calls.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (Outgoing o : calls) {
                Job job = new Job(o);
                if (o.kind() == Outgoing.Kind.ANSWER) {
                    answers.addLast(job);
                } else {
                    lane(o.chatId()).jobs.addLast(job);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Lane lane(long chatId) {
        return lanes.computeIfAbsent(chatId, id -> new Lane(new TokenBucket(
                (id < 0 ? pacing.groupInterval() : pacing.chatInterval()).toNanos(),
                id < 0 ? 1 : pacing.chatBurst(), System.nanoTime())));
    }

    /** Waits until everything queued so far has been sent or given up; false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (inFlight > 0 || !answers.isEmpty() || lanes.values().stream().anyMatch(l -> !l.jobs.isEmpty())) {
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
                log.error("Sending {} failed unexpectedly: {}", job.out.describe(), api.redact(e.toString()));
            } finally {
                finished(job, retry);
            }
        }
    }

    /** The next job that may go now, waiting until there is one; null once closed. */
    private Job next() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                Job answer = answers.peekFirst();
                if (answer != null) {
                    if (answer.notBefore <= now) {
                        answers.removeFirst();
                        inFlight++;
                        return answer;
                    }
                    wait = answer.notBefore - now;
                }
                long globalWait = global.nanosUntilToken(now);
                Iterator<Map.Entry<Long, Lane>> it = lanes.entrySet().iterator();
                Long chosen = null;
                while (it.hasNext()) {
                    Map.Entry<Long, Lane> e = it.next();
                    Lane lane = e.getValue();
                    if (lane.busy) {
                        continue;
                    }
                    if (lane.jobs.isEmpty()) {
                        if (lane.bucket.full(now)) {
                            it.remove(); // forgets nothing a fresh lane would not know
                        }
                        continue;
                    }
                    long ready = Math.max(Math.max(lane.pausedUntil, lane.jobs.peekFirst().notBefore) - now,
                            Math.max(lane.bucket.nanosUntilToken(now), globalWait));
                    if (ready <= 0 && chosen == null) {
                        chosen = e.getKey();
                    } else if (ready > 0) {
                        wait = Math.min(wait, ready);
                    }
                }
                if (chosen != null) {
                    Lane lane = lanes.remove(chosen);
                    lanes.put(chosen, lane); // to the back of the turn order
                    lane.busy = true;
                    lane.bucket.take(now);
                    global.take(now);
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
        lock.lock();
        try {
            inFlight--;
            if (job.out.kind() == Outgoing.Kind.ANSWER) {
                if (retry) {
                    answers.addFirst(job);
                }
            } else {
                Lane lane = lane(job.out.chatId());
                lane.busy = false;
                if (retry) {
                    lane.jobs.addFirst(job);
                    lane.pausedUntil = Math.max(lane.pausedUntil, job.notBefore);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Makes the call; true if it should be retried (job.notBefore set). */
    private boolean send(Job job) {
        job.attempts++;
        CrashPoints.reach(CrashPoints.REPLY_BEFORE_SEND);
        BotApi.Result<?> result = api.call(job.out.method());
        if (result instanceof BotApi.Ok<?> ok) {
            if (job.out.shown() != null && ok.value() instanceof Message message) {
                reportSent(job.out, message.getMessageId());
            }
            return false;
        }
        if (result instanceof BotApi.Refused<?> refused) {
            if (refused.notModified()) {
                return false;
            }
            if (refused.code() == 429) {
                long seconds = refused.retryAfter() == null ? 1 : Math.max(1, refused.retryAfter());
                if (job.attempts < pacing.maxAttempts() && seconds <= pacing.maxRetryAfter().toSeconds()) {
                    log.info("Telegram asked to slow down on {}: retrying after {} s", job.out.describe(), seconds);
                    job.notBefore = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                    return true;
                }
            }
            if (job.out.kind() == Outgoing.Kind.EDIT && job.out.fallback() != null && refused.code() == 400) {
                log.info("Telegram refused {} ({}): sending it as a new message", job.out.describe(),
                        refused.description());
                enqueueFirst(job.out.fallback());
                return false;
            }
            log.warn("Telegram refused {} after {} attempt(s): [{}] {}", job.out.describe(), job.attempts,
                    refused.code(), refused.description());
            return false;
        }
        BotApi.Failed<?> failed = (BotApi.Failed<?>) result;
        if (job.attempts < pacing.maxAttempts()) {
            job.notBefore = System.nanoTime() + pacing.networkBackoff().toNanos() * (1L << (job.attempts - 1));
            if (job.attempts == 1) {
                log.info("No answer from Telegram for {}, retrying: {}", job.out.describe(), failed.reason());
            }
            return true;
        }
        log.warn("Gave up on {} after {} attempts without an answer from Telegram: {}", job.out.describe(),
                job.attempts, failed.reason());
        return false;
    }

    /**
     * A failed report loses nothing that counts: the copy stays unrecorded until its first press
     * records it (see the flow's ballot copies). Logged without the text.
     */
    private void reportSent(Outgoing out, Integer messageId) {
        try {
            deliver(sentReport.apply(out.shown(), Integer.toString(messageId)));
        } catch (RuntimeException e) {
            log.warn("Could not record message {} sent by {}: {}", messageId, out.describe(), e.toString());
        }
    }

    private void enqueueFirst(Outgoing o) {
        lock.lock();
        try {
            lane(o.chatId()).jobs.addFirst(new Job(o));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
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
        for (Thread t : workers) {
            t.interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
