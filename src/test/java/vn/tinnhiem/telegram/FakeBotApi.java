package vn.tinnhiem.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A Bot API server for tests, on a free port: serves {@code /bot<token>/<method>} (method
 * names case-insensitive; the library sends them lowercase), records every call, queues
 * updates for getUpdates with Telegram's offset semantics (an update stays until a later
 * getUpdates asks for a higher offset, so unconfirmed updates come again), assigns message
 * ids, keeps each message's text and keyboard as a client would show them, answers "message
 * is not modified" like Telegram, and can be told to refuse calls (e.g. 429 with retry_after).
 * File uploads (sendDocument, sendPhoto: multipart/form-data) are kept as {@link Upload}s.
 * Message ids are counted per chat, as in Telegram's private chats.
 *
 * <p>Optionally ({@link #enforce}) it enforces Telegram's limits the way the Bot FAQ describes
 * them: per chat about one message a second with a short burst, and a bulk budget (about 30
 * a second) for messages to chats whose user has not acted in the last 10 s; a call over a
 * limit gets 429 with retry_after. It can answer a share of calls 5xx ({@link #failRandomly}),
 * before or after applying them (a message delivered although its answer was lost).
 *
 * <p>After {@code setWebhook} it delivers updates the way Telegram does ({@link #webhook}):
 * each is POSTed to the URL with the secret header and, per chat, the next update is sent only
 * once the previous one was answered 2xx; updates of different chats go in parallel, at most
 * {@code max_connections} at once (default 40). An answer other than 2xx, or none within
 * {@link #WEBHOOK_TIMEOUT}, makes it deliver the same update again after a short pause. While a
 * webhook is set, getUpdates is refused with 409, as Telegram does; {@code deleteWebhook} goes
 * back to getUpdates.
 */
public final class FakeBotApi implements AutoCloseable {
    public static final String TOKEN = "123456789:AAtest-token_abcdefghijklmnopqrstuv";
    public static final long BOT_ID = 123456789L;
    public static final String BOT_USERNAME = "tinnhiem_test_bot";
    static final ObjectMapper JSON = new ObjectMapper();

    /** One call as the server saw it. */
    public record Call(String method, JsonNode params, long atNanos) {
        public String param(String name) {
            JsonNode n = params.get(name);
            return n == null || n.isNull() ? null : n.asText();
        }
    }

    /** A message in a chat as the user's app shows it now. */
    public record Shown(long chatId, int messageId, String text, JsonNode markup, int version) {
        /** The inline buttons: label → callback data, row by row. */
        public List<String[]> buttons() {
            List<String[]> out = new ArrayList<>();
            if (markup != null && markup.has("inline_keyboard")) {
                for (JsonNode row : markup.get("inline_keyboard")) {
                    for (JsonNode b : row) {
                        out.add(new String[] {b.path("text").asText(), b.path("callback_data").asText()});
                    }
                }
            }
            return out;
        }
    }

    /** A file a chat received: the name the client gave it, its bytes, and how ("document" or "photo"). */
    public record Upload(long chatId, String fileName, byte[] content, String caption, String kind) {
        @Override
        public String toString() {
            return "Upload[chat " + chatId + ", " + kind + " " + fileName + ", " + content.length + " bytes]";
        }
    }

    private record Refusal(int code, String description, Integer retryAfter) {}

    /** Messages refused as Telegram refuses what it cannot take (see {@link #malformed}). */
    private int malformedCalls;

    /** How many messages were refused for breaking Telegram's limits on text, buttons or button data. */
    public synchronized int malformed() {
        return malformedCalls;
    }

    /**
     * Limits the fake enforces: per chat {@code chatBurst} messages, then one per
     * {@code chatInterval}; to chats whose user has not acted for {@code activeWindow},
     * {@code bulkBurst} messages, then one per {@code bulkInterval} overall.
     */
    public record Limits(int chatBurst, Duration chatInterval, int bulkBurst, Duration bulkInterval,
            Duration activeWindow) {
        /** Telegram's, as documented: ~1/s per chat (bursts of 4), ~30/s bulk, "acted" = the last 10 s. */
        public static final Limits TELEGRAM = new Limits(4, Duration.ofSeconds(1), 5, Duration.ofNanos(1_000_000_000L / 30),
                Duration.ofSeconds(10));
    }

    /** A token bucket in nanoseconds; guarded by the server's lock. */
    private static final class Bucket {
        final long interval;
        final int capacity;
        double tokens;
        long last;

        Bucket(long interval, int capacity, long now) {
            this.interval = interval;
            this.capacity = capacity;
            this.tokens = capacity;
            this.last = now;
        }

        /** 0 if a token was taken; else the nanoseconds until one will be there. */
        long take(long now) {
            tokens = Math.min(capacity, tokens + (double) (now - last) / interval);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * interval);
        }
    }

    private static final java.util.Set<String> CHAT_METHODS = java.util.Set.of("sendmessage", "editmessagetext",
            "senddocument", "sendphoto");

    /** How long the fake waits for the webhook's answer before it counts the delivery failed. */
    static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);
    /** Pause before delivering an update again after a failed delivery. */
    static final Duration WEBHOOK_RETRY = Duration.ofMillis(300);

    /** The webhook as setWebhook left it. */
    public record Webhook(String url, String secret, int maxConnections, List<String> allowedUpdates) {}

    private Webhook webhook;
    private final java.util.Set<Long> deliveringTo = new java.util.HashSet<>();
    private final Map<Long, Long> redeliverAt = new HashMap<>();
    private int webhookInFlight;
    private int webhookDeliveries;
    private int webhookFailures;
    private Thread webhookDispatcher;
    private final java.net.http.HttpClient webhookClient = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).executor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-telegram-webhook");
                t.setDaemon(true);
                return t;
            })).build();

    private final Javalin app;
    private final List<Call> calls = new ArrayList<>();
    private final List<ObjectNode> pending = new ArrayList<>();
    private final Map<String, Deque<Refusal>> refusals = new HashMap<>();
    private final Map<Long, List<Shown>> chats = new HashMap<>();
    private final List<Upload> uploads = new ArrayList<>();
    private int nextUpdateId = 1000;
    private final Map<Long, Integer> nextMessageId = new HashMap<>();
    private boolean closed;
    private Limits limits;
    private final Map<Long, Bucket> chatBuckets = new HashMap<>();
    private Bucket bulkBucket;
    private final Map<Long, Long> actedAt = new HashMap<>();
    private final Map<String, Integer> methodCounts = new HashMap<>();
    private int tooManyRequests;
    private int failures;
    private double failShare;
    private int failCode;
    private boolean failAfterApplying;
    private java.util.Random failRandom;
    private final Map<String, int[]> lostAnswers = new HashMap<>();
    private boolean keepCalls = true;
    private java.util.function.Consumer<Call> listener;
    private volatile long latencyNanos;

    public FakeBotApi() {
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        app.post("/{bot}/{method}", this::serve);
        app.get("/{bot}/{method}", this::serve);
        app.start("127.0.0.1", 0);
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    // ---- what tests do ----

    /** From now on, calls over {@code limits} get 429 with retry_after (see the class comment). */
    public synchronized void enforce(Limits limits) {
        this.limits = limits;
        this.bulkBucket = new Bucket(limits.bulkInterval().toNanos(), limits.bulkBurst(), System.nanoTime());
    }

    /**
     * From now on a share of chat calls (sends and edits) is answered {@code code} (e.g. 502),
     * chosen by {@code seed}; {@code afterApplying}: the message is sent or edited all the same,
     * as when Telegram's answer is lost on the way back.
     */
    public synchronized void failRandomly(double share, int code, boolean afterApplying, long seed) {
        this.failShare = share;
        this.failCode = code;
        this.failAfterApplying = afterApplying;
        this.failRandom = new java.util.Random(seed);
    }

    /**
     * The next {@code times} calls of {@code method} to {@code chatId} are applied (the message
     * is sent or edited) but answered {@code code}: the answer was lost on the way back.
     */
    public synchronized void loseAnswersNext(String method, long chatId, int times, int code) {
        lostAnswers.put(method.toLowerCase(Locale.ROOT) + "/" + chatId, new int[] {times, code, 0});
    }

    /** As {@link #loseAnswersNext}, for messages with an inline keyboard only (a ballot, not the note before it). */
    public synchronized void loseAnswersNextWithButtons(String method, long chatId, int times, int code) {
        lostAnswers.put(method.toLowerCase(Locale.ROOT) + "/" + chatId, new int[] {times, code, 1});
    }

    /** For long benchmarks: stop keeping every call (counts are still kept); {@link #calls} stays empty. */
    public synchronized void keepCalls(boolean keep) {
        this.keepCalls = keep;
    }

    /** Told of every call (not getUpdates) the server carried out and answered ok, under its lock (keep it short). */
    public synchronized void listen(java.util.function.Consumer<Call> listener) {
        this.listener = listener;
    }

    /** Calls of {@code method} seen so far, refused ones included. */
    public synchronized int count(String method) {
        return methodCounts.getOrDefault(method.toLowerCase(Locale.ROOT), 0);
    }

    /** 429s the enforced limits gave so far. */
    public synchronized int tooManyRequests() {
        return tooManyRequests;
    }

    /** The webhook setWebhook set, or null (getUpdates). */
    public synchronized Webhook webhook() {
        return webhook;
    }

    /** Updates from {@code chat} not yet confirmed (getUpdates) or delivered (webhook), as "id kind". */
    public synchronized List<String> pendingFrom(long chat) {
        List<String> out = new ArrayList<>();
        for (ObjectNode u : pending) {
            if (actor(u) == chat) {
                out.add(u.path("update_id").asText() + (deliveringTo.contains(chat) ? " (being delivered)" : ""));
            }
        }
        return out;
    }

    /** Webhook deliveries answered 2xx so far. */
    public synchronized int webhookDeliveries() {
        return webhookDeliveries;
    }

    /** Webhook deliveries that got no 2xx answer in time (and were delivered again) so far. */
    public synchronized int webhookFailures() {
        return webhookFailures;
    }

    /** 5xx answers given by {@link #failRandomly} so far. */
    public synchronized int failures() {
        return failures;
    }

    /** Queues an update for getUpdates, giving it the next update_id; returns the id. */
    public synchronized int push(ObjectNode update) {
        actedAt.put(actor(update), System.nanoTime());
        int id = nextUpdateId++;
        update.put("update_id", id);
        pending.add(update);
        notifyAll();
        return id;
    }

    private static long actor(JsonNode update) {
        for (String kind : List.of("message", "callback_query", "edited_message")) {
            JsonNode from = update.path(kind).path("from");
            if (from.has("id")) {
                return from.get("id").asLong();
            }
        }
        return 0;
    }

    /** Queues an update again with the id it already has, as Telegram does when it redelivers. */
    public synchronized void pushAgain(ObjectNode update) {
        pending.add(update.deepCopy());
        notifyAll();
    }

    /** The next {@code times} calls of {@code method} are refused with this error. */
    public synchronized void refuseNext(String method, int times, int code, String description, Integer retryAfter) {
        Deque<Refusal> q = refusals.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            q.add(new Refusal(code, description, retryAfter));
        }
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
    }

    /** Texts sent (sendMessage) to a chat, in order. */
    public synchronized List<String> sentTo(long chatId) {
        return calls.stream().filter(c -> c.method().equals("sendmessage") && chatId == c.params().path("chat_id").asLong())
                .map(c -> c.param("text")).toList();
    }

    /** Files sent (sendDocument) to a chat, in order. */
    public synchronized List<Upload> uploadsTo(long chatId) {
        return uploads.stream().filter(u -> u.chatId() == chatId).toList();
    }

    /** The messages in a chat as shown now. */
    public synchronized List<Shown> chat(long chatId) {
        return List.copyOf(chats.getOrDefault(chatId, List.of()));
    }

    /** The latest message in a chat that has inline buttons. */
    public synchronized Shown latestWithButtons(long chatId) {
        List<Shown> c = chats.getOrDefault(chatId, List.of());
        for (int i = c.size() - 1; i >= 0; i--) {
            if (!c.get(i).buttons().isEmpty()) {
                return c.get(i);
            }
        }
        return null;
    }

    public synchronized Shown message(long chatId, int messageId) {
        return chats.getOrDefault(chatId, List.of()).stream().filter(s -> s.messageId() == messageId).findFirst()
                .orElse(null);
    }

    /** The answer given to callback query {@code id}, or null if none yet. */
    public synchronized Call answerTo(String callbackId) {
        return calls.stream().filter(c -> c.method().equals("answercallbackquery")
                && callbackId.equals(c.param("callback_query_id"))).findFirst().orElse(null);
    }

    /** Waits until {@code condition} holds (checked after every call); fails the test on timeout. */
    public synchronized void await(String what, Predicate<FakeBotApi> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    // ---- the server ----

    /**
     * From now on every call takes {@code roundTrip} longer, half on the way in and half on the
     * way out, as over a network: the Bot API is tens to hundreds of milliseconds away from a
     * bot in Vietnam, not a loopback call away.
     */
    public void latency(Duration roundTrip) {
        latencyNanos = roundTrip.toNanos();
    }

    private void serve(Context ctx) throws Exception {
        long half = latencyNanos / 2;
        if (half > 0) {
            Thread.sleep(half / 1_000_000, (int) (half % 1_000_000));
        }
        serveNow(ctx);
        if (half > 0) {
            Thread.sleep(half / 1_000_000, (int) (half % 1_000_000));
        }
    }

    private void serveNow(Context ctx) throws Exception {
        String bot = ctx.pathParam("bot");
        String method = ctx.pathParam("method").toLowerCase(Locale.ROOT);
        if (!bot.equals("bot" + TOKEN)) {
            error(ctx, new Refusal(401, "Unauthorized", null));
            return;
        }
        JsonNode params = params(ctx);
        if (method.equals("getupdates")) {
            Refusal refusal;
            synchronized (this) {
                refusal = record(method, params);
                if (refusal == null && webhook != null) {
                    refusal = new Refusal(409, "Conflict: can't use getUpdates method while webhook is active; "
                            + "use deleteWebhook to delete the webhook first", null);
                }
            }
            if (refusal != null) {
                error(ctx, refusal);
            } else {
                ok(ctx, updates(params)); // waits outside the lock (updates() releases it)
            }
            return;
        }
        // A call and its effect are one step: a test that sees the call sees the chat it changed.
        synchronized (this) {
            Refusal refusal = record(method, params);
            if (refusal == null) {
                refusal = overLimit(method, params);
            }
            if (refusal != null) {
                error(ctx, refusal);
                return;
            }
            int[] lost = lostAnswers.get(method + "/" + params.path("chat_id").asLong());
            if (lost != null && lost[0] > 0 && (lost[2] == 0 || params.path("reply_markup").has("inline_keyboard"))) {
                lost[0]--;
                failures++;
                apply(ctx, method, params);
                error(ctx, new Refusal(lost[1], "Bad Gateway", null));
                return;
            }
            if (CHAT_METHODS.contains(method) && failRandom != null && failRandom.nextDouble() < failShare) {
                failures++;
                if (failAfterApplying) {
                    apply(ctx, method, params);
                }
                error(ctx, new Refusal(failCode, "Bad Gateway", null));
                return;
            }
            apply(ctx, method, params);
            if (listener != null && ctx.statusCode() < 300) {
                listener.accept(new Call(method, params, System.nanoTime()));
            }
        }
    }

    /** Records a call; the refusal it gets, if one was queued for its method. */
    private Refusal record(String method, JsonNode params) {
        Call call = new Call(method, params, System.nanoTime());
        if (keepCalls) {
            calls.add(call);
        }
        methodCounts.merge(method, 1, Integer::sum);
        notifyAll();
        Deque<Refusal> q = refusals.get(method);
        return q == null ? null : q.poll();
    }

    /** 429 if the call breaks the enforced limits; null if it may go. */
    private Refusal overLimit(String method, JsonNode params) {
        if (limits == null || !CHAT_METHODS.contains(method)) {
            return null; // answerCallbackQuery has no limit
        }
        long now = System.nanoTime();
        long chat = params.path("chat_id").asLong();
        long wait = chatBuckets.computeIfAbsent(chat, c -> new Bucket(limits.chatInterval().toNanos(),
                limits.chatBurst(), now)).take(now);
        Long acted = actedAt.get(chat);
        if (wait == 0 && (acted == null || now - acted > limits.activeWindow().toNanos())) {
            wait = bulkBucket.take(now);
        }
        if (wait == 0) {
            return null;
        }
        tooManyRequests++;
        int seconds = (int) Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
        return new Refusal(429, "Too Many Requests: retry after " + seconds, seconds);
    }

    /**
     * Telegram's refusal of a message it cannot take: a text over 4096 UTF-16 code units (how
     * Telegram counts characters), button data over 64 bytes, more than 100 buttons.
     */
    private Refusal malformed(String method, JsonNode params) {
        if (!method.equals("sendmessage") && !method.equals("editmessagetext")) {
            return null;
        }
        String text = params.path("text").asText("");
        if (text.isEmpty()) {
            return new Refusal(400, "Bad Request: message text is empty", null);
        }
        if (text.length() > MAX_TEXT) {
            return new Refusal(400, "Bad Request: message is too long", null);
        }
        JsonNode markup = markup(params);
        int buttons = 0;
        if (markup != null) {
            for (JsonNode row : markup.path("inline_keyboard")) {
                for (JsonNode b : row) {
                    buttons++;
                    int bytes = b.path("callback_data").asText("").getBytes(java.nio.charset.StandardCharsets.UTF_8)
                            .length;
                    if (b.has("callback_data") && (bytes < 1 || bytes > MAX_BUTTON_DATA)) {
                        return new Refusal(400, "Bad Request: BUTTON_DATA_INVALID", null);
                    }
                }
            }
        }
        return buttons > MAX_BUTTONS ? new Refusal(400, "Bad Request: reply markup is too long", null) : null;
    }

    /** Telegram's limits on a message: text (UTF-16 code units), button data (bytes), buttons. */
    static final int MAX_TEXT = 4096;
    static final int MAX_BUTTON_DATA = 64;
    static final int MAX_BUTTONS = 100;

    private void apply(Context ctx, String method, JsonNode params) throws Exception {
        Refusal bad = malformed(method, params);
        if (bad != null) {
            synchronized (this) {
                malformedCalls++;
            }
            error(ctx, bad);
            return;
        }
        switch (method) {
            case "getme" -> ok(ctx, JSON.createObjectNode().put("id", BOT_ID).put("is_bot", true)
                    .put("first_name", "Tín nhiệm").put("username", BOT_USERNAME));
            case "sendmessage" -> ok(ctx, send(params));
            case "editmessagetext" -> edit(ctx, params);
            case "senddocument" -> upload(ctx, params, "document");
            case "sendphoto" -> upload(ctx, params, "photo");
            case "setwebhook" -> {
                setWebhook(params);
                ctx.contentType("application/json").result("{\"ok\":true,\"result\":true}");
            }
            case "deletewebhook" -> {
                webhook = null;
                ctx.contentType("application/json").result("{\"ok\":true,\"result\":true}");
            }
            case "answercallbackquery", "setmycommands" ->
                    ctx.contentType("application/json").result("{\"ok\":true,\"result\":true}");
            default -> error(ctx, new Refusal(404, "Not Found: method not found", null));
        }
    }

    // ---- webhook delivery ----

    private void setWebhook(JsonNode p) {
        String url = p.path("url").asText("");
        if (url.isEmpty()) {
            webhook = null;
            return;
        }
        List<String> allowed = new ArrayList<>();
        JsonNode a = p.get("allowed_updates");
        if (a != null && a.isTextual()) {
            try {
                a = JSON.readTree(a.asText());
            } catch (Exception e) {
                a = null;
            }
        }
        if (a != null && a.isArray()) {
            a.forEach(x -> allowed.add(x.asText()));
        }
        webhook = new Webhook(url, p.path("secret_token").asText(null), p.path("max_connections").asInt(40),
                List.copyOf(allowed));
        if (webhookDispatcher == null) {
            webhookDispatcher = new Thread(this::dispatchWebhook, "fake-telegram-dispatcher");
            webhookDispatcher.setDaemon(true);
            webhookDispatcher.start();
        }
        notifyAll();
    }

    /** Sends pending updates to the webhook: per chat one at a time, in order; chats in parallel. */
    private void dispatchWebhook() {
        synchronized (this) {
            while (!closed) {
                long now = System.nanoTime();
                long wait = 1000;
                java.util.Set<Long> blocked = new java.util.HashSet<>(deliveringTo);
                if (webhook != null) {
                    for (ObjectNode u : pending) {
                        if (webhookInFlight >= webhook.maxConnections()) {
                            break;
                        }
                        long chat = actor(u);
                        if (!blocked.add(chat)) {
                            continue; // an earlier update of this chat is on its way or waits
                        }
                        Long at = redeliverAt.get(chat);
                        if (at != null && at - now > 0) {
                            wait = Math.min(wait, Math.max(1, (at - now) / 1_000_000));
                            continue;
                        }
                        deliveringTo.add(chat);
                        webhookInFlight++;
                        deliver(webhook, u, chat);
                    }
                }
                try {
                    wait(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void deliver(Webhook w, ObjectNode update, long chat) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(w.url()))
                .timeout(WEBHOOK_TIMEOUT).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(update.toString()));
        if (w.secret() != null) {
            request.header(WebhookServer.SECRET_HEADER, w.secret());
        }
        webhookClient.sendAsync(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    boolean ok = failure == null && response.statusCode() / 100 == 2;
                    synchronized (this) {
                        webhookInFlight--;
                        deliveringTo.remove(chat);
                        if (ok) {
                            webhookDeliveries++;
                            redeliverAt.remove(chat);
                            pending.remove(update);
                        } else {
                            webhookFailures++;
                            redeliverAt.put(chat, System.nanoTime() + WEBHOOK_RETRY.toNanos());
                        }
                        notifyAll();
                    }
                    return null;
                });
    }

    private static JsonNode params(Context ctx) throws Exception {
        String type = Objects.requireNonNullElse(ctx.contentType(), "");
        if (type.startsWith("application/json")) {
            String body = ctx.body();
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }
        ObjectNode n = JSON.createObjectNode();
        ctx.formParamMap().forEach((k, v) -> n.put(k, v.isEmpty() ? null : v.get(0)));
        return n;
    }

    private ArrayNode updates(JsonNode params) throws InterruptedException {
        long offset = params.path("offset").asLong(0);
        int limit = params.path("limit").asInt(100);
        long timeoutMs = params.path("timeout").asLong(0) * 1000;
        ArrayNode out = JSON.createArrayNode();
        synchronized (this) {
            if (offset > 0) {
                pending.removeIf(u -> u.get("update_id").asLong() < offset); // confirmed: forgotten
            }
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (pending.isEmpty() && !closed && System.currentTimeMillis() < deadline) {
                wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
            for (ObjectNode u : pending.subList(0, Math.min(limit, pending.size()))) {
                out.add(u.deepCopy());
            }
        }
        return out;
    }

    private synchronized ObjectNode send(JsonNode p) {
        long chat = p.path("chat_id").asLong();
        int id = nextId(chat);
        JsonNode markup = markup(p);
        chats.computeIfAbsent(chat, k -> new ArrayList<>()).add(new Shown(chat, id, p.path("text").asText(),
                markup, 0));
        notifyAll();
        return message(chat, id, p.path("text").asText());
    }

    /** sendDocument or sendPhoto: {@code kind} is the field that carries the file. */
    private void upload(Context ctx, JsonNode p, String kind) throws java.io.IOException {
        // The client sends the file as its own part and document=attach://<part name>.
        String field = p.path(kind).asText("");
        io.javalin.http.UploadedFile file = ctx.uploadedFile(field.startsWith("attach://")
                ? field.substring("attach://".length()) : kind);
        if (file == null) {
            error(ctx, new Refusal(400, "Bad Request: there is no " + kind + " in the request", null));
            return;
        }
        long chat = p.path("chat_id").asLong();
        byte[] content;
        try (java.io.InputStream in = file.content()) {
            content = in.readAllBytes();
        }
        int id;
        synchronized (this) {
            id = nextId(chat);
            uploads.add(new Upload(chat, file.filename(), content, p.path("caption").asText(null), kind));
            chats.computeIfAbsent(chat, k -> new ArrayList<>()).add(new Shown(chat, id, "", null, 0));
            notifyAll();
        }
        ObjectNode m = message(chat, id, "");
        m.remove("text");
        if (kind.equals("photo")) {
            m.putArray("photo").addObject().put("file_id", "photo" + id).put("file_unique_id", "u" + id)
                    .put("width", 1000).put("height", 430).put("file_size", content.length);
        } else {
            m.putObject("document").put("file_id", "doc" + id).put("file_unique_id", "u" + id)
                    .put("file_name", file.filename()).put("file_size", content.length);
        }
        ok(ctx, m);
    }

    private synchronized int nextId(long chat) {
        return nextMessageId.merge(chat, 1, Integer::sum);
    }

    private void edit(Context ctx, JsonNode p) {
        long chat = p.path("chat_id").asLong();
        int id = p.path("message_id").asInt();
        String text = p.path("text").asText();
        JsonNode markup = markup(p);
        synchronized (this) {
            List<Shown> c = chats.getOrDefault(chat, new ArrayList<>());
            for (int i = 0; i < c.size(); i++) {
                Shown s = c.get(i);
                if (s.messageId() == id) {
                    if (s.text().equals(text) && Objects.equals(s.markup(), markup)) {
                        error(ctx, new Refusal(400, "Bad Request: message is not modified: specified new message "
                                + "content and reply markup are exactly the same as a current content and reply "
                                + "markup of the message", null));
                        return;
                    }
                    c.set(i, new Shown(chat, id, text, markup, s.version() + 1));
                    notifyAll();
                    ok(ctx, message(chat, id, text));
                    return;
                }
            }
        }
        error(ctx, new Refusal(400, "Bad Request: message to edit not found", null));
    }

    private static JsonNode markup(JsonNode p) {
        JsonNode m = p.get("reply_markup");
        if (m != null && m.isTextual()) { // multipart forms carry it as a JSON string
            try {
                return JSON.readTree(m.asText());
            } catch (Exception e) {
                return null;
            }
        }
        return m == null || m.isNull() ? null : m;
    }

    private static ObjectNode message(long chat, int id, String text) {
        ObjectNode m = JSON.createObjectNode().put("message_id", id).put("date", System.currentTimeMillis() / 1000)
                .put("text", text);
        m.putObject("chat").put("id", chat).put("type", "private");
        m.putObject("from").put("id", BOT_ID).put("is_bot", true).put("first_name", "Tín nhiệm")
                .put("username", BOT_USERNAME);
        return m;
    }

    private static void ok(Context ctx, JsonNode result) {
        ObjectNode r = JSON.createObjectNode().put("ok", true);
        r.set("result", result);
        ctx.contentType("application/json").result(r.toString());
    }

    private static void error(Context ctx, Refusal f) {
        ObjectNode r = JSON.createObjectNode().put("ok", false).put("error_code", f.code())
                .put("description", f.description());
        if (f.retryAfter() != null) {
            r.putObject("parameters").put("retry_after", f.retryAfter());
        }
        ctx.status(f.code()).contentType("application/json").result(r.toString());
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        app.stop();
    }
}
