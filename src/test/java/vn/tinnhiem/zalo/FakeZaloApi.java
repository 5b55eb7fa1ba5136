package vn.tinnhiem.zalo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Zalo Bot Platform server for tests, on a free port: serves {@code POST /bot<token>/<method>}
 * with Zalo's semantics. getUpdates returns ONE update and consumes it (there is no offset), or
 * waits up to its {@code timeout} and answers {@code ok:false, error_code 408}. setWebhook keeps
 * the URL and secret; {@link #deliver} then POSTs an update to it with the
 * {@code X-Bot-Api-Secret-Token} header, as Zalo does. sendMessage, sendPhoto and
 * sendChatAction are recorded per chat; calls can be refused (429, 500, ...).
 */
public final class FakeZaloApi implements AutoCloseable {
    public static final String TOKEN = "2093847561:zAloTestTokenAbCdEfGhIjKlMnOpQrStUv";
    public static final String BOT_NAME = "tinnhiem_zalo_bot";

    /** One call as the server saw it; {@code refused} if the server said no (the message was not sent). */
    public record Call(String method, JsonObject params, boolean refused) {
        public String param(String name) {
            JsonElement e = params.get(name);
            return e == null || e.isJsonNull() ? null : e.getAsString();
        }
    }

    private record Refusal(int code, String description) {}

    private final Javalin app;
    private final List<Call> calls = new ArrayList<>();
    private final Deque<JsonObject> pending = new ArrayDeque<>();
    private final Map<String, Deque<Refusal>> refusals = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private long nextMessageId = 1;
    private String webhookUrl;
    private String webhookSecret;
    /** getUpdates waits at most this long however long the bot asks for, so tests stay quick. */
    private final Duration maxLongPoll;

    public FakeZaloApi() {
        this(Duration.ofSeconds(2));
    }

    public FakeZaloApi(Duration maxLongPoll) {
        this.maxLongPoll = maxLongPoll;
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        app.post("/{bot}/{method}", this::serve);
        app.start("127.0.0.1", 0);
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    // ---- building updates ----

    /** A private text message from user {@code userId}, as Zalo sends it. */
    public synchronized JsonObject text(String userId, String displayName, String text) {
        return message("message.text.received", userId, displayName, "PRIVATE", text);
    }

    public synchronized JsonObject message(String event, String userId, String displayName, String chatType,
            String text) {
        JsonObject from = new JsonObject();
        from.addProperty("id", userId);
        from.addProperty("display_name", displayName);
        from.addProperty("is_bot", false);
        JsonObject chat = new JsonObject();
        chat.addProperty("id", userId);
        chat.addProperty("chat_type", chatType);
        JsonObject message = new JsonObject();
        message.addProperty("message_id", "in" + (nextMessageId++));
        message.add("from", from);
        message.add("chat", chat);
        message.addProperty("date", System.currentTimeMillis());
        if (text != null) {
            message.addProperty("text", text);
        }
        JsonObject update = new JsonObject();
        update.addProperty("event_name", event);
        update.add("message", message);
        return update;
    }

    // ---- what tests do ----

    /** Queues an update for getUpdates. */
    public synchronized void push(JsonObject update) {
        pending.addLast(update);
        notifyAll();
    }

    public synchronized int pendingUpdates() {
        return pending.size();
    }

    /** POSTs an update to the registered webhook with the secret header (or another one); returns the status. */
    public int deliver(JsonObject update, String secretHeader) throws Exception {
        String url;
        synchronized (this) {
            url = webhookUrl;
        }
        if (url == null) {
            throw new IllegalStateException("no webhook set");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(update.toString()));
        if (secretHeader != null) {
            b.header(ZaloWebhook.SECRET_HEADER, secretHeader);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    public synchronized String webhookSecret() {
        return webhookSecret;
    }

    /** The next {@code times} calls of {@code method} are refused with this error. */
    public synchronized void refuseNext(String method, int times, int code, String description) {
        Deque<Refusal> q = refusals.computeIfAbsent(method, k -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            q.add(new Refusal(code, description));
        }
    }

    public synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Texts sent to a chat (sendMessage, not refused), in order. */
    public synchronized List<String> sentTo(String chatId) {
        return calls.stream().filter(c -> c.method().equals("sendMessage") && !c.refused()
                        && chatId.equals(c.param("chat_id")))
                .map(c -> c.param("text")).toList();
    }

    public synchronized List<Call> all() {
        return List.copyOf(calls);
    }

    /** Waits until {@code condition} holds (checked after every call); fails the test on timeout. */
    public synchronized void await(String what, Predicate<FakeZaloApi> condition, Duration timeout) {
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

    private void serve(Context ctx) throws InterruptedException {
        String method = ctx.pathParam("method");
        if (!ctx.pathParam("bot").equals("bot" + TOKEN)) {
            error(ctx, 401, "Unauthorized");
            return;
        }
        JsonObject params;
        try {
            JsonElement e = JsonParser.parseString(ctx.body().isEmpty() ? "{}" : ctx.body());
            params = e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
        } catch (RuntimeException e) {
            error(ctx, 400, "Bad Request: body is not JSON");
            return;
        }
        synchronized (this) {
            Deque<Refusal> q = refusals.get(method);
            Refusal r = q == null ? null : q.pollFirst();
            calls.add(new Call(method, params, r != null));
            notifyAll();
            if (r != null) {
                error(ctx, r.code(), r.description());
                return;
            }
            switch (method) {
                case "getMe" -> {
                    JsonObject me = new JsonObject();
                    me.addProperty("id", "1234567890");
                    me.addProperty("account_name", BOT_NAME);
                    me.addProperty("display_name", "Tín nhiệm");
                    ok(ctx, me);
                }
                case "getUpdates" -> getUpdates(ctx, params);
                case "setWebhook" -> {
                    webhookUrl = params.has("url") ? params.get("url").getAsString() : null;
                    webhookSecret = params.has("secret_token") ? params.get("secret_token").getAsString() : null;
                    ok(ctx, new JsonObject());
                }
                case "deleteWebhook" -> {
                    webhookUrl = null;
                    webhookSecret = null;
                    ok(ctx, new JsonObject());
                }
                case "getWebhookInfo" -> {
                    JsonObject info = new JsonObject();
                    info.addProperty("url", webhookUrl == null ? "" : webhookUrl);
                    ok(ctx, info);
                }
                case "sendMessage", "sendPhoto", "sendChatAction" -> {
                    if (!params.has("chat_id")) {
                        error(ctx, 400, "Bad Request: chat_id is required");
                        return;
                    }
                    if (method.equals("sendMessage") && (!params.has("text")
                            || params.get("text").getAsString().length() > 2000)) {
                        error(ctx, 400, "Bad Request: text is empty or too long");
                        return;
                    }
                    JsonObject sent = new JsonObject();
                    sent.addProperty("message_id", "out" + (nextMessageId++));
                    sent.addProperty("date", System.currentTimeMillis());
                    ok(ctx, sent);
                }
                default -> error(ctx, 404, "Not Found: method " + method);
            }
        }
    }

    /** Called holding the lock; waits on it (releasing it) for an update, up to the timeout. */
    private void getUpdates(Context ctx, JsonObject params) throws InterruptedException {
        long seconds = params.has("timeout") ? params.get("timeout").getAsLong() : 0;
        long deadline = System.nanoTime() + Math.min(Duration.ofSeconds(seconds).toNanos(), maxLongPoll.toNanos());
        while (pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                error(ctx, 408, "Request timeout");
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        ok(ctx, pending.removeFirst()); // consumed: nothing gives it back
    }

    private static void ok(Context ctx, JsonElement result) {
        JsonObject body = new JsonObject();
        body.addProperty("ok", true);
        body.add("result", result);
        ctx.status(200).contentType("application/json").result(body.toString());
    }

    private static void error(Context ctx, int code, String description) {
        JsonObject body = new JsonObject();
        body.addProperty("ok", false);
        body.addProperty("error_code", code);
        body.addProperty("description", description);
        ctx.status(code == 408 ? 200 : code).contentType("application/json").result(body.toString());
    }

    @Override
    public void close() {
        app.stop();
    }
}
