package vn.tinnhiem.telegram;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import vn.tinnhiem.CrashPoints;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.delivery.SharedPacing;
import vn.tinnhiem.ops.Telemetry;
import vn.tinnhiem.ops.UpdateSpan;

/**
 * Everything the bot says goes through here, paced to Telegram's limits ({@link Pacing}).
 *
 * <ul>
 *   <li>Answers to button presses jump the queue and are not paced: Telegram shows a spinner
 *       until the press is answered.</li>
 *   <li>Two kinds of traffic. A <em>reply</em> is what the bot says in the chat of the user whose
 *       update it is handling ({@link #deliver(List, String)}); it is limited per chat only. Everything
 *       else is a <em>broadcast</em> (ballots at /open, reminders, results, messages to other
 *       chats, the deadline ticker's output) and also draws on the shared bulk budget. Lanes
 *       whose next message is a reply are served before any broadcast, so a broadcast of
 *       thousands never delays a reply. When a user acts in a chat that has broadcasts waiting,
 *       those become replies too: they are ahead of the reply in the chat's order, and the user
 *       is no longer someone who did not just act.</li>
 *   <li>Every chat has its own lane, served in order, one call in flight at a time, so a
 *       chat's messages arrive in the order the flow wrote them, about one per second with a
 *       short burst. Lanes take turns.</li>
 *   <li>An edit of a message that already has an edit waiting replaces the waiting one, in
 *       its place (latest wins): a fast tapper sees the newest state one edit later.</li>
 *   <li>On 429 the call is retried after {@code retry_after}, however many times it takes (up to
 *       {@value #MAX_429}): being told to wait is not a failed attempt. Telegram's answer does not say
 *       whether the limit was the chat's or the bot's, so: a 429 on an answer (no chat), or
 *       429s for {@value #GLOBAL_429_CHATS} different chats within a second, pause every
 *       lane; otherwise only the chat's lane waits.</li>
 *   <li>A 5xx answer (500, 502, 503, 504) or no answer at all is transient: retried with a
 *       doubling back-off with jitter, up to {@link Pacing#maxAttempts()} tries. Telegram
 *       refusing a call (400, 403) is final, except that "message is not modified" counts as
 *       done, and an edit of a message that can no longer be edited is sent as a new
 *       message.</li>
 *   <li>Each failure is logged once with the method and chat, never the text.</li>
 *   <li>A message sent with an inline keyboard is reported with the id Telegram gave it
 *       ({@link #reportSent}), so the flow knows which message is a participant's live ballot;
 *       what the report answers (the older copy retired) is queued like the send was.</li>
 *   <li>A send that got a 5xx or no answer may have been delivered all the same. If such a
 *       send carried a ballot and a retry then succeeds as message N, the messages of that
 *       chat between the last one we know and N may be copies nobody recorded. Each is reported
 *       to the flow before N, so reporting N retires them (an edit to the neutral line, no
 *       buttons); an id that was not such a copy just refuses the edit. A copy still missed
 *       (the chat's previous message id unknown, e.g. after a restart) is refused and retired
 *       at its first press by the flow's ballot copies.</li>
 *   <li>When the bot runs as replicas, each call to a chat also takes from budgets every
 *       replica shares ({@link SharedPacing}: the chat's, and the bulk budget for a
 *       broadcast); a call that must wait for them waits in its lane like for a token.</li>
 * </ul>
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** 429s for this many chats within a second mean the bot as a whole is over the limit. */
    static final int GLOBAL_429_CHATS = 3;
    /**
     * Calls in flight at once (workers), across all chats; each chat still has one at a time.
     * A call to Telegram takes a network round trip, tens to hundreds of milliseconds from
     * Vietnam, and a worker waits for it: with a handful of workers the bot could make only a
     * few dozen calls a second however fast it is, and a hall's answers and screens would queue
     * behind each other. Each press costs two calls (its answer and the edit). In the hall
     * benchmark's crowd at 100 ms a call ({@code -Dbench.latencyMillis=100}), 64 workers made at
     * most 640 calls a second: replies fell more than 10 s behind, Telegram counted them as bulk
     * and answered 429 thousands of times; with 256 there was no 429 and the long poll became the
     * limit. Idle workers wait without cost.
     */
    public static final int CONCURRENCY = 256;
    /**
     * 429s after which a call is given up: each honours its retry_after (at least a second), so
     * only a bot flooded for minutes gets here.
     */
    static final int MAX_429 = 100;
    /** At most this many possible lost copies are retired after an ambiguous ballot send. */
    static final int MAX_GHOSTS = 10;
    private static final String PLATFORM = "telegram";

    private final BotApi api;
    private final Pacing pacing;
    private final SharedPacing shared;
    private final ReplyRenderer renderer = new ReplyRenderer();
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Workers wait on two conditions so that a change wakes two threads, not all of them: at most
     * one worker (the leader) waits with a timeout, for the next timer, a paused bot or the bulk
     * budget; the others wait for work without one. Waking every worker on every change would
     * cost dozens of context switches per message with {@link #CONCURRENCY} workers.
     */
    private final Condition leader = lock.newCondition();
    private final Condition followers = lock.newCondition();
    /** Signalled when a call finishes or the outbox closes, for {@link #awaitIdle}. */
    private final Condition idle = lock.newCondition();
    private boolean leaderWaiting;
    private final Deque<Job> answers = new ArrayDeque<>();
    private final Map<Long, Lane> lanes = new HashMap<>();
    /** Lanes whose next job is a reply and may go now (stale entries skipped, see {@link Lane#where}). */
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    /** Lanes whose next job is a broadcast and may go as soon as the bulk budget allows. */
    private final ArrayDeque<Lane> bulk = new ArrayDeque<>();
    /** Lanes waiting for their chat's token, a retry_after or a back-off. */
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** The last message id Telegram gave the bot in each chat, to find copies a lost answer hid. */
    private final Map<Long, Integer> lastMessage = new HashMap<>();
    private final Deque<long[]> recent429 = new ArrayDeque<>();
    private final TokenBucket global;
    private final List<Thread> workers = new ArrayList<>();
    private final Stats stats = new Stats();
    private long globalPausedUntil;
    private int inFlight;
    private boolean closed;
    private volatile BiFunction<Reply.Send, String, List<Reply>> sentReport = (send, id) -> List.of();
    private volatile Telemetry telemetry = Telemetry.NONE;

    /** Counters for logs and benchmarks. */
    public static final class Stats {
        final AtomicLong coalesced = new AtomicLong();
        final AtomicLong retried = new AtomicLong();
        final AtomicLong tooManyRequests = new AtomicLong();

        /** Edits dropped because a newer edit of the same message replaced them while waiting. */
        public long coalesced() {
            return coalesced.get();
        }

        /** Calls made again after a 5xx, a network failure or a 429. */
        public long retried() {
            return retried.get();
        }

        public long tooManyRequests() {
            return tooManyRequests.get();
        }
    }

    private enum Where { NONE, READY, BULK, TIMER }

    private static final class Job {
        Outgoing out;
        boolean reply;
        int attempts;
        /** Tries that got 429 (not counted in {@code attempts}). */
        int limited;
        /** Tries that got a 5xx or no answer: each may have been delivered anyway. */
        int ambiguous;
        long notBefore;
        /** The updates whose answer or new screen this call carries (telemetry); usually none or one. */
        List<UpdateSpan> spans = List.of();
        /** Telegram took it (or it changed nothing, being shown already). */
        boolean delivered;

        Job(Outgoing out, boolean reply) {
            this.out = out;
            this.reply = reply;
        }

        void join(List<UpdateSpan> more) {
            if (!more.isEmpty()) {
                List<UpdateSpan> all = new ArrayList<>(spans);
                all.addAll(more);
                spans = all;
            }
        }
    }

    private static final class Lane {
        final long chat;
        final Deque<Job> jobs = new ArrayDeque<>();
        final TokenBucket bucket;
        boolean busy;
        long pausedUntil;
        Where where = Where.NONE;
        long wakeAt;

        Lane(long chat, TokenBucket bucket) {
            this.chat = chat;
            this.bucket = bucket;
        }
    }

    private record Timer(long at, Lane lane) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            return Long.compare(at, o.at);
        }
    }

    public Outbox(BotApi api, Pacing pacing, int threads) {
        this(api, pacing, threads, SharedPacing.NONE);
    }

    /** @param shared budgets shared with other replicas ({@link SharedPacing#NONE} for one process) */
    public Outbox(BotApi api, Pacing pacing, int threads, SharedPacing shared) {
        this.api = api;
        this.pacing = pacing;
        this.shared = shared;
        this.global = new TokenBucket(pacing.globalInterval().toNanos(), pacing.globalBurst(), System.nanoTime());
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "tg-outbox-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    public Stats stats() {
        return stats;
    }

    /** Reports 429s, retries, the queue's length and each update's answer and screen latency to {@code t}. */
    public void observe(Telemetry t) {
        telemetry = Objects.requireNonNull(t, "telemetry");
        t.outbox(PLATFORM, this::queued);
    }

    /** Messages (and press answers) waiting to be sent, not counting those in flight. */
    public int queued() {
        lock.lock();
        try {
            int n = answers.size();
            for (Lane lane : lanes.values()) {
                n += lane.jobs.size();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells {@code report} the message id of every message sent with an inline keyboard (e.g.
     * {@code ChatFlow::delivered}); the replies it returns are queued.
     */
    public void reportSent(BiFunction<Reply.Send, String, List<Reply>> report) {
        this.sentReport = Objects.requireNonNull(report, "report");
    }

    /** Queues broadcasts (nobody just acted), answers first; returns at once. */
    public void deliver(List<Reply> replies) {
        deliver(replies, null);
    }

    /**
     * Queues what the flow said while handling an update from account {@code actor} (e.g.
     * "tg:12345"): what goes to the actor's own chat is a reply, the rest broadcasts.
     */
    public void deliver(List<Reply> replies, String actor) {
        List<Outgoing> calls = new ArrayList<>();
        List<Boolean> kinds = new ArrayList<>();
        for (Reply r : replies) {
            boolean reply = actor != null && actor.equals(r.to());
            for (Outgoing o : renderer.render(r)) {
                calls.add(o);
                kinds.add(reply);
            }
        }
        // The update being handled on this thread, if these are its replies: they time its answer and screen.
        UpdateSpan span = actor == null ? null : UpdateSpan.current();
        enqueue(calls, kinds, Set.of(), span != null && span.isActor(actor) ? span : null);
    }

    private void enqueue(List<Outgoing> calls, List<Boolean> replyKinds, Set<Integer> withoutFallback) {
        enqueue(calls, replyKinds, withoutFallback, null);
    }

    private void enqueue(List<Outgoing> calls, List<Boolean> replyKinds, Set<Integer> withoutFallback,
            UpdateSpan span) {
        if (calls.isEmpty()) {
            return;
        }
        if (span != null) {
            int screens = 0;
            for (int i = 0; i < calls.size(); i++) {
                screens += replyKinds.get(i) && calls.get(i).kind() != Outgoing.Kind.ANSWER ? 1 : 0;
            }
            span.expectScreen(screens);
        }
        lock.lock();
        try {
            long now = System.nanoTime();
            for (int i = 0; i < calls.size(); i++) {
                Outgoing o = calls.get(i);
                if (o.kind() == Outgoing.Kind.EDIT && withoutFallback.contains(o.editedMessage())) {
                    o = o.withoutFallback();
                }
                Job job = new Job(o, replyKinds.get(i));
                if (span != null && replyKinds.get(i)) {
                    job.spans = List.of(span);
                }
                if (o.kind() == Outgoing.Kind.ANSWER) {
                    answers.addLast(job);
                } else {
                    add(lane(o.chatId()), job, now);
                }
            }
            wake();
        } finally {
            lock.unlock();
        }
    }

    private void add(Lane lane, Job job, long now) {
        if (job.reply) {
            lane.jobs.forEach(j -> j.reply = true);
        }
        Integer edited = job.out.editedMessage();
        boolean coalesced = false;
        if (edited != null) {
            for (Job waiting : lane.jobs) {
                if (edited.equals(waiting.out.editedMessage())) {
                    waiting.out = job.out; // latest wins, in the waiting one's place
                    waiting.reply |= job.reply;
                    waiting.join(job.spans); // it shows the newer update's effect too
                    stats.coalesced.incrementAndGet();
                    coalesced = true;
                    break;
                }
            }
        }
        if (!coalesced) {
            lane.jobs.addLast(job);
        }
        if (!lane.busy && lane.where != Where.READY) {
            schedule(lane, now);
        }
    }

    private Lane lane(long chatId) {
        return lanes.computeIfAbsent(chatId, id -> new Lane(id, new TokenBucket(
                (id < 0 ? pacing.groupInterval() : pacing.chatInterval()).toNanos(),
                id < 0 ? 1 : pacing.chatBurst(), System.nanoTime())));
    }

    /** Puts an idle lane where it belongs: ready, waiting for the bulk budget, or on a timer. */
    private void schedule(Lane lane, long now) {
        lane.where = Where.NONE;
        if (lane.busy) {
            return; // finished() schedules it again
        }
        if (lane.jobs.isEmpty()) {
            long full = Math.max(lane.bucket.nanosUntilFull(now), lane.pausedUntil - now);
            if (full <= 0) {
                lanes.remove(lane.chat); // forgets nothing a fresh lane would not know
            } else {
                timer(lane, now + full);
            }
            return;
        }
        Job head = lane.jobs.peekFirst();
        long at = Math.max(Math.max(lane.pausedUntil, head.notBefore), now + lane.bucket.nanosUntilToken(now));
        if (at > now) {
            timer(lane, at);
        } else if (head.reply) {
            lane.where = Where.READY;
            ready.addLast(lane);
        } else {
            lane.where = Where.BULK;
            bulk.addLast(lane);
        }
    }

    private void timer(Lane lane, long at) {
        lane.where = Where.TIMER;
        lane.wakeAt = at;
        timers.add(new Timer(at, lane));
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
                idle.awaitNanos(left);
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
                        passOn();
                        return answer;
                    }
                    wait = answer.notBefore - now;
                }
                for (Timer t = timers.peek(); t != null && t.at() <= now; t = timers.peek()) {
                    timers.poll();
                    if (t.lane().where == Where.TIMER && t.lane().wakeAt == t.at()) {
                        schedule(t.lane(), now);
                    }
                }
                if (now < globalPausedUntil) {
                    wait = Math.min(wait, globalPausedUntil - now);
                } else {
                    Lane lane = firstValid(ready, Where.READY);
                    if (lane != null) {
                        ready.removeFirst();
                        Job job = take(lane, now);
                        passOn();
                        return job;
                    }
                    if (firstValid(bulk, Where.BULK) != null) {
                        long globalWait = global.nanosUntilToken(now);
                        if (globalWait <= 0) {
                            global.take(now);
                            Job job = take(bulk.removeFirst(), now);
                            passOn();
                            return job;
                        }
                        wait = Math.min(wait, globalWait);
                    }
                }
                Timer t = timers.peek();
                if (t != null) {
                    wait = Math.min(wait, t.at() - now);
                }
                if (wait == Long.MAX_VALUE || leaderWaiting) {
                    followers.await();
                } else {
                    leaderWaiting = true;
                    try {
                        leader.awaitNanos(Math.max(wait, 1));
                    } finally {
                        leaderWaiting = false;
                    }
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A worker took a call: another one looks at what is left (more work ready now, or the
     * timers this worker may have been the one waiting for).
     */
    private void passOn() {
        followers.signal();
    }

    /** Something changed: the leader recomputes its wait, a follower takes work if there is any. */
    private void wake() {
        if (leaderWaiting) {
            leader.signal();
        }
        followers.signal();
    }

    /** The first lane in {@code queue} still waiting there (skipping stale entries), left in place. */
    private static Lane firstValid(ArrayDeque<Lane> queue, Where where) {
        while (!queue.isEmpty()) {
            Lane l = queue.peekFirst();
            if (l.where == where && !l.busy && !l.jobs.isEmpty()) {
                return l;
            }
            queue.removeFirst();
        }
        return null;
    }

    private Job take(Lane lane, long now) {
        lane.where = Where.NONE;
        lane.busy = true;
        lane.bucket.take(now);
        inFlight++;
        return lane.jobs.removeFirst();
    }

    private void finished(Job job, boolean retry) {
        if (!retry) {
            for (UpdateSpan span : job.spans) {
                if (job.out.kind() == Outgoing.Kind.ANSWER) {
                    if (job.delivered) {
                        span.answered();
                    }
                } else {
                    span.screenSent(job.delivered);
                }
            }
        }
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
                }
                schedule(lane, System.nanoTime());
            }
            wake();
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Makes the call; true if it should be retried (job.notBefore set). */
    private boolean send(Job job) {
        if (job.out.kind() != Outgoing.Kind.ANSWER) {
            long wait = shared.take(Long.toString(job.out.chatId()), !job.reply);
            if (wait > 0) {
                job.notBefore = System.nanoTime() + wait; // not an attempt: nothing was sent
                return true;
            }
        }
        job.attempts++;
        if (job.attempts > 1) {
            stats.retried.incrementAndGet();
        }
        CrashPoints.reach(CrashPoints.REPLY_BEFORE_SEND);
        BotApi.Result<?> result = api.call(job.out.method());
        if (result instanceof BotApi.Ok<?> ok) {
            job.delivered = true;
            if (ok.value() instanceof Message message && message.getMessageId() != null) {
                delivered(job, message.getMessageId());
            }
            return false;
        }
        if (result instanceof BotApi.Refused<?> refused) {
            if (refused.notModified()) {
                job.delivered = true; // the message shows it already
                return false;
            }
            if (refused.code() == 429) {
                stats.tooManyRequests.incrementAndGet();
                telemetry.tooManyRequests(PLATFORM);
                // "Not now" is not a failed attempt: a reply or a ballot must not be dropped because
                // the bot was told to wait a few times in a rush (at /open, or when a hall checks in).
                job.attempts--;
                job.limited++;
                long seconds = refused.retryAfter() == null ? 1 : Math.max(1, refused.retryAfter());
                if (job.limited <= MAX_429 && seconds <= pacing.maxRetryAfter().toSeconds()) {
                    slowDown(job, seconds);
                    return true;
                }
            }
            if (transient5xx(refused.code())) {
                return transientFailure(job, "[" + refused.code() + "] " + refused.description(), false);
            }
            if (job.out.kind() == Outgoing.Kind.EDIT && job.out.fallback() != null && refused.code() == 400) {
                log.info("Telegram refused {} ({}): sending it as a new message", job.out.describe(),
                        refused.description());
                enqueueFirst(job.out.fallback(), job.reply, job.spans);
                job.spans = List.of(); // the new message carries them
                return false;
            }
            log.warn("Telegram refused {} after {} attempt(s): [{}] {}", job.out.describe(), job.attempts,
                    refused.code(), refused.description());
            return false;
        }
        return transientFailure(job, ((BotApi.Failed<?>) result).reason(), true);
    }

    static boolean transient5xx(int code) {
        return code == 500 || code == 502 || code == 503 || code == 504;
    }

    /** 429: the chat waits, or everyone does when the limit looks like the bot's own (see the class comment). */
    private void slowDown(Job job, long seconds) {
        long now = System.nanoTime();
        long until = now + TimeUnit.SECONDS.toNanos(seconds);
        boolean everyone;
        lock.lock();
        try {
            recent429.addLast(new long[] {now, job.out.chatId()});
            while (!recent429.isEmpty() && now - recent429.peekFirst()[0] > TimeUnit.SECONDS.toNanos(1)) {
                recent429.removeFirst();
            }
            everyone = job.out.kind() == Outgoing.Kind.ANSWER
                    || recent429.stream().map(e -> e[1]).distinct().count() >= GLOBAL_429_CHATS;
            if (everyone) {
                globalPausedUntil = Math.max(globalPausedUntil, until);
            } else {
                lane(job.out.chatId()).pausedUntil = Math.max(lane(job.out.chatId()).pausedUntil, until);
            }
        } finally {
            lock.unlock();
        }
        job.notBefore = until;
        log.info("Telegram asked to slow down on {}: retrying after {} s{}", job.out.describe(), seconds,
                everyone ? " (every chat waits)" : "");
    }

    /** A 5xx or no answer: back off and retry, or give up after the last attempt. */
    private boolean transientFailure(Job job, String reason, boolean network) {
        if (job.out.kind() == Outgoing.Kind.SEND) {
            job.ambiguous++;
        }
        if (job.attempts < pacing.maxAttempts()) {
            long full = pacing.networkBackoff().toNanos() << Math.min(job.attempts - 1, 20);
            long jittered = full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
            job.notBefore = System.nanoTime() + jittered;
            telemetry.retried(PLATFORM, network);
            if (job.attempts == 1) {
                log.info("No good answer from Telegram for {}, retrying: {}", job.out.describe(), reason);
            }
            return true;
        }
        log.warn("Gave up on {} after {} attempts without a good answer from Telegram: {}", job.out.describe(),
                job.attempts, reason);
        return false;
    }

    /**
     * Telegram accepted a message as {@code messageId}. A ballot is reported to the flow, after
     * any copies a lost answer may have left (see the class comment). A failed report loses
     * nothing that counts: the copy stays unrecorded until its first press records it. Logged
     * without the text.
     */
    private void delivered(Job job, int messageId) {
        Integer previous;
        lock.lock();
        try {
            previous = job.out.kind() == Outgoing.Kind.EDIT ? null : lastMessage.put(job.out.chatId(), messageId);
        } finally {
            lock.unlock();
        }
        Reply.Send shown = job.out.shown();
        if (shown == null) {
            return;
        }
        Set<Integer> ghosts = new LinkedHashSet<>();
        if (job.ambiguous > 0 && previous != null) {
            for (int id = Math.max(previous + 1, messageId - MAX_GHOSTS); id < messageId; id++) {
                ghosts.add(id);
            }
        } else if (job.ambiguous > 0) {
            log.info("{} may have left an unrecorded ballot copy; its first press will retire it",
                    job.out.describe());
        }
        try {
            List<Reply> replies = new ArrayList<>();
            for (int ghost : ghosts) {
                replies.addAll(sentReport.apply(shown, Integer.toString(ghost)));
            }
            replies.addAll(sentReport.apply(shown, Integer.toString(messageId)));
            List<Outgoing> calls = new ArrayList<>();
            List<Boolean> kinds = new ArrayList<>();
            for (Reply r : replies) {
                for (Outgoing o : renderer.render(r)) {
                    calls.add(o);
                    kinds.add(job.reply);
                }
            }
            enqueue(calls, kinds, ghosts);
        } catch (RuntimeException e) {
            log.warn("Could not record message {} sent by {}: {}", messageId, job.out.describe(), e.toString());
        }
    }

    private void enqueueFirst(Outgoing o, boolean reply, List<UpdateSpan> spans) {
        lock.lock();
        try {
            Lane lane = lane(o.chatId());
            Job job = new Job(o, reply || lane.jobs.stream().anyMatch(j -> j.reply));
            job.spans = spans;
            lane.jobs.addFirst(job);
            if (!lane.busy) {
                schedule(lane, System.nanoTime());
            }
            wake();
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
            leader.signalAll();
            followers.signalAll();
            idle.signalAll();
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
