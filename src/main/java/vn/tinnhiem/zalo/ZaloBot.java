package vn.tinnhiem.zalo;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.delivery.MonthlyCount;
import vn.tinnhiem.delivery.ReplyRouter;
import vn.tinnhiem.delivery.Sharing;
import vn.tinnhiem.ops.Telemetry;

/**
 * The Zalo bot at run time: checks the token (getMe), then receives updates by long polling
 * (default) or webhook, runs the flow's deadlines every few seconds, and sends through the
 * paced {@link ZaloOutbox}. Its outbox joins the process's {@link ReplyRouter}, so a Telegram
 * organiser's /open reaches Zalo participants and the other way round.
 */
public final class ZaloBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ZaloBot.class);
    public static final String DEFAULT_API_URL = "https://bot-api.zaloplatforms.com";

    /**
     * Webhook mode: Zalo POSTs to {@code url}; we listen on {@code bind}:{@code port} at the URL's
     * path (plain HTTP: loopback unless an HTTPS proxy elsewhere must reach it).
     */
    public record Webhook(String url, int port, String secret, String bind) {}

    /**
     * @param apiUrl   ZALO_API_URL, default {@link #DEFAULT_API_URL}
     * @param longPoll getUpdates timeout (30 s in production)
     * @param tick     how often deadlines are checked
     * @param webhook  null for long polling
     */
    public record Settings(String token, String apiUrl, Duration longPoll, Duration tick, ZaloPacing pacing,
            Duration maxBackoff, Webhook webhook) {
        public Settings {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(apiUrl, "apiUrl");
        }

        public static Settings production(String token, String apiUrl, Webhook webhook) {
            return new Settings(token, apiUrl, Duration.ofSeconds(30), Duration.ofSeconds(5), ZaloPacing.PRODUCTION,
                    Duration.ofSeconds(30), webhook);
        }
    }

    /**
     * The bot's monthly message quota and how its messages are counted: {@code counter} makes
     * the count for the bot's id (getMe), in Redis when there is one.
     *
     * @param monthly the plan's messages a month (ZALO_MONTHLY_QUOTA; the free plan's 3,000)
     */
    public record Quota(java.util.function.Function<String, MonthlyCount> counter, long monthly) {
        /** The free plan's quota as public client projects report it: 3,000 messages a month. */
        public static final long FREE_PLAN = 3_000;
        /** The free plan's users per bot, as reported: 50. */
        public static final int FREE_PLAN_USERS = 50;

        /** Counted in this process. */
        public static Quota inMemory(long monthly) {
            return new Quota(bot -> MonthlyCount.inMemory(java.time.Clock.systemUTC()), monthly);
        }
    }

    /** A start-up failure, with a one-line message fit for an operator (never the token). */
    public static final class StartupException extends Exception {
        public StartupException(String message) {
            super(message);
        }
    }

    private final ZaloOutbox outbox;
    private final String name;
    private final ScheduledExecutorService ticker;
    private final ZaloPoller poller;
    private final ZaloWebhook webhook;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ZaloBot(ZaloOutbox outbox, String name, ScheduledExecutorService ticker, ZaloPoller poller,
            ZaloWebhook webhook) {
        this.outbox = outbox;
        this.name = name;
        this.ticker = ticker;
        this.poller = poller;
        this.webhook = webhook;
    }

    /** Zalo alone. */
    public static ZaloBot start(Settings s, ChatFlow flow) throws StartupException {
        return start(s, flow, new ReplyRouter(List.of(ZaloPlatform.PLATFORM), Duration.ZERO));
    }

    public static ZaloBot start(Settings s, ChatFlow flow, ReplyRouter router) throws StartupException {
        return start(s, flow, router, Telemetry.NONE);
    }

    /** As above, reporting each update, the outbox and how updates arrive to {@code telemetry}. */
    public static ZaloBot start(Settings s, ChatFlow flow, ReplyRouter router, Telemetry telemetry)
            throws StartupException {
        return start(s, flow, router, telemetry, Sharing.oneProcess());
    }

    /**
     * As above, sharing with other replicas what {@code sharing} says: with
     * {@code sharing.register()} false the webhook is left as {@code deploy} set it, and must be given.
     */
    public static ZaloBot start(Settings s, ChatFlow flow, ReplyRouter router, Telemetry telemetry, Sharing sharing)
            throws StartupException {
        return start(s, flow, router, telemetry, sharing, Quota.inMemory(Quota.FREE_PLAN));
    }

    /** As above, counting the bot's messages against {@code quota}. */
    public static ZaloBot start(Settings s, ChatFlow flow, ReplyRouter router, Telemetry telemetry, Sharing sharing,
            Quota quota) throws StartupException {
        if (!sharing.register() && s.webhook() == null) {
            throw new StartupException("replicas need a webhook (--zalo-webhook): long polling runs in one process");
        }
        if (s.token().isBlank() || s.token().chars().anyMatch(c -> c <= ' ' || c == '/')) {
            throw new StartupException("ZALO_BOT_TOKEN does not look like a bot token (no spaces or '/'; the Zalo "
                    + "Bot Manager account gives it when the bot is created)");
        }
        URI base;
        try {
            base = URI.create(s.apiUrl());
        } catch (IllegalArgumentException e) {
            throw new StartupException("ZALO_API_URL is not a URL: " + s.apiUrl());
        }
        if (base.getHost() == null || !List.of("http", "https").contains(String.valueOf(base.getScheme()))) {
            throw new StartupException("ZALO_API_URL must look like https://host[:port], got " + s.apiUrl());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ZaloApi api = new ZaloApi(http, s.apiUrl(), s.token());
        BotInfo info = checkToken(api, s.apiUrl());
        String name = info.name();
        ZaloOutbox outbox = new ZaloOutbox(api, s.pacing(), ZaloOutbox.CONCURRENCY, sharing.pacing());
        outbox.observe(telemetry);
        outbox.countIn(quota.counter().apply(info.id()));
        telemetry.monthlyMessages("zalo", () -> outbox.sent().count(), quota.monthly());
        // Each account is reported once: after the quota, every message to it fails alike.
        java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Queue<String> unreached = new java.util.concurrent.ConcurrentLinkedQueue<>();
        outbox.onQuotaExceeded(chat -> {
            String account = ZaloPlatform.PLATFORM.prefix() + ":" + chat;
            if (reported.add(account)) {
                unreached.add(account);
            }
        });
        try {
            router.register(ZaloPlatform.PLATFORM, outbox::deliver);
            ZaloUpdateHandler handler = new ZaloUpdateHandler(flow, router::deliver, sharing.turns(), sharing.handled());
            handler.observe(telemetry);
            flow.addStatusNotes(m -> {
                List<String> lines = new java.util.ArrayList<>();
                long sent = outbox.sent().count();
                java.time.YearMonth month = outbox.sent().month();
                lines.add(m.get(sent >= quota.monthly() * 8 / 10 ? "status.zalo.sent.near" : "status.zalo.sent",
                        sent, month.getMonthValue() + "/" + month.getYear(), quota.monthly()));
                if (handler.withheld() > 0) {
                    lines.add(m.get("status.zalo.nottext", handler.withheld()));
                }
                return lines;
            });
            ZaloPoller poller = null;
            ZaloWebhook server = null;
            if (s.webhook() == null) {
                ZaloApi.Result r = api.call("deleteWebhook", new JsonObject(), Duration.ofSeconds(20));
                if (!r.ok()) {
                    log.warn("Zalo deleteWebhook failed; polling may be refused: {}", r);
                }
                poller = new ZaloPoller(api, handler, s.longPoll(), s.maxBackoff());
                telemetry.receiving("zalo", Telemetry.Receiving.of("polling", poller::problem));
            } else {
                server = startWebhook(api, s.webhook(), handler, telemetry, sharing.register());
                telemetry.receiving("zalo", Telemetry.Receiving.of("webhook", server::problem));
            }
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "zalo-deadlines");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(() -> {
                try {
                    handler.tick();
                    List<String> gaveUp = new java.util.ArrayList<>();
                    for (String a = unreached.poll(); a != null; a = unreached.poll()) {
                        gaveUp.add(a);
                    }
                    if (!gaveUp.isEmpty()) {
                        router.deliver(flow.quotaExceeded(gaveUp));
                    }
                } catch (RuntimeException e) {
                    log.warn("Deadline check failed: {}", api.redact(e.toString()));
                }
            }, s.tick().toMillis(), s.tick().toMillis(), TimeUnit.MILLISECONDS);
            ZaloBot bot = new ZaloBot(outbox, name, ticker, poller, server);
            if (poller != null) {
                poller.start();
            }
            log.info("Zalo bot {} running ({})", name, s.webhook() == null ? "long polling"
                    : "webhook on port " + server.port());
            return bot;
        } catch (StartupException | RuntimeException e) {
            outbox.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * What getMe says of the bot: {@code {"id": "1459232241454765289", "account_name":
     * "bot.VDKyGxQvc", "account_type": "BASIC", "can_join_groups": false}}
     * (bot.zaloplatforms.com/docs, getMe). No display name: the account name is what names it.
     */
    record BotInfo(String id, String name) {}

    private static BotInfo checkToken(ZaloApi api, String apiUrl) throws StartupException {
        ZaloApi.Result me = api.call("getMe", new JsonObject(), Duration.ofSeconds(20));
        if (me instanceof ZaloApi.Ok ok) {
            JsonObject bot = ok.result() != null && ok.result().isJsonObject() ? ok.result().getAsJsonObject()
                    : new JsonObject();
            String id = bot.has("id") && bot.get("id").isJsonPrimitive() ? bot.get("id").getAsString() : "unknown";
            for (String field : List.of("account_name", "display_name", "username", "id")) {
                if (bot.has(field) && bot.get(field).isJsonPrimitive()) {
                    return new BotInfo(id, bot.get(field).getAsString());
                }
            }
            return new BotInfo(id, "(unnamed)");
        }
        if (me instanceof ZaloApi.Refused r) {
            throw new StartupException("Zalo rejected ZALO_BOT_TOKEN (" + r + "): check the token the Zalo Bot "
                    + "Manager gave you");
        }
        throw new StartupException("Cannot reach the Zalo Bot API at " + apiUrl + ": " + ((ZaloApi.Failed) me).reason());
    }

    private static URI checkWebhook(Webhook w) throws StartupException {
        if (w.secret() == null || !w.secret().matches("[A-Za-z0-9_-]{8,256}")) {
            throw new StartupException("ZALO_WEBHOOK_SECRET must be 8-256 characters of A-Z, a-z, 0-9, _ and -");
        }
        URI uri;
        try {
            uri = URI.create(w.url());
        } catch (IllegalArgumentException e) {
            throw new StartupException("--zalo-webhook is not a URL: " + w.url());
        }
        // setWebhook's url is "URL nhận thông báo dạng HTTPS" (bot.zaloplatforms.com/docs, setWebhook):
        // Zalo calls HTTPS only. Plain HTTP only to this machine, as tests and a local proxy do.
        boolean loopback = uri.getHost() != null && List.of("127.0.0.1", "localhost", "[::1]", "::1")
                .contains(uri.getHost().toLowerCase(java.util.Locale.ROOT));
        if (!"https".equalsIgnoreCase(uri.getScheme())
                && !("http".equalsIgnoreCase(uri.getScheme()) && loopback)) {
            throw new StartupException("--zalo-webhook must be an https:// URL (Zalo calls HTTPS only; plain http"
                    + " only to 127.0.0.1 or localhost), got " + w.url());
        }
        return uri;
    }

    /** The Zalo bot's account name (getMe's {@code account_name}), for slips that name it. */
    public static String accountName(String token, String apiUrl) throws StartupException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return checkToken(new ZaloApi(http, apiUrl, token), apiUrl).name();
    }

    /**
     * The one-off registration for replicas ({@code deploy}): checks the token and points Zalo at
     * the webhook with its secret. Returns the bot's name.
     */
    public static String register(String token, String apiUrl, Webhook webhook) throws StartupException {
        checkWebhook(webhook);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ZaloApi api = new ZaloApi(http, apiUrl, token);
        String name = checkToken(api, apiUrl).name();
        setWebhook(api, webhook);
        return name;
    }

    private static ZaloWebhook startWebhook(ZaloApi api, Webhook w, ZaloUpdateHandler handler, Telemetry telemetry,
            boolean register) throws StartupException {
        URI uri = checkWebhook(w);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        ZaloWebhook server;
        try {
            server = new ZaloWebhook(path, w.bind(), w.port(), w.secret(), handler, telemetry);
        } catch (RuntimeException e) {
            throw new StartupException("Cannot listen on port " + w.port() + " for the Zalo webhook: " + e.getMessage());
        }
        if (register) {
            try {
                setWebhook(api, w);
            } catch (StartupException e) {
                server.close();
                throw e;
            }
        }
        return server;
    }

    private static void setWebhook(ZaloApi api, Webhook w) throws StartupException {
        JsonObject body = new JsonObject();
        body.addProperty("url", w.url());
        body.addProperty("secret_token", w.secret());
        ZaloApi.Result r = api.call("setWebhook", body, Duration.ofSeconds(20));
        if (!r.ok()) {
            throw new StartupException("Zalo setWebhook for " + w.url() + " failed: " + r);
        }
    }

    /** The bot's name as getMe gave it. */
    public String name() {
        return name;
    }

    /** The webhook's listening port (useful with port 0), or -1 when polling. */
    public int webhookPort() {
        return webhook == null ? -1 : webhook.port();
    }

    public ZaloOutbox outbox() {
        return outbox;
    }

    public void join() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        if (poller != null) {
            poller.stop();
        }
        if (webhook != null) {
            webhook.close();
        }
        ticker.shutdownNow();
        outbox.close(Duration.ofSeconds(5));
        stopped.countDown();
    }
}
