package vn.tinnhiem.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.User;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.delivery.ReplyRouter;
import vn.tinnhiem.delivery.Sharing;
import vn.tinnhiem.ops.Telemetry;

/**
 * The Telegram bot at run time: checks the token (getMe), registers the command menus, then
 * receives updates by long polling (default) or webhook, runs the flow's deadlines every few
 * seconds, and sends through the paced {@link Outbox}.
 */
public final class TelegramBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);
    private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");

    /**
     * Webhook mode: Telegram POSTs to {@code url}; we listen on {@code bind}:{@code port} at the
     * URL's path, over plain HTTP, behind an HTTPS reverse proxy.
     *
     * @param bind the local address to listen on; {@link #LOOPBACK} (the default) lets only a
     *             proxy on the same machine reach it
     */
    public record Webhook(String url, int port, String secret, String bind) {
        public static final String LOOPBACK = "127.0.0.1";

        public Webhook {
            Objects.requireNonNull(bind, "bind");
        }

        public Webhook(String url, int port, String secret) {
            this(url, port, secret, LOOPBACK);
        }
    }

    /**
     * @param apiUrl   Bot API base URL, e.g. https://api.telegram.org or a self-hosted server
     * @param longPoll getUpdates timeout (25 s in production)
     * @param tick     how often deadlines are checked
     * @param webhook  null for long polling
     */
    public record Settings(String token, String apiUrl, Duration longPoll, Duration tick, Pacing pacing,
            Duration maxBackoff, Webhook webhook, Duration offsetSaves) {
        public Settings {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(offsetSaves, "offsetSaves");
        }

        /** Saving the polling offset after every batch (see {@link Poller} for {@code offsetSaves}). */
        public Settings(String token, String apiUrl, Duration longPoll, Duration tick, Pacing pacing,
                Duration maxBackoff, Webhook webhook) {
            this(token, apiUrl, longPoll, tick, pacing, maxBackoff, webhook, Duration.ZERO);
        }

        public static Settings production(String token, String apiUrl, Webhook webhook) {
            return new Settings(token, apiUrl, Duration.ofSeconds(25), Duration.ofSeconds(5), Pacing.TELEGRAM,
                    Duration.ofSeconds(30), webhook, Poller.OFFSET_SAVES);
        }
    }

    /** A start-up failure, with a one-line message fit for an operator (never the token). */
    public static final class StartupException extends Exception {
        public StartupException(String message) {
            super(message);
        }
    }

    private final OkHttpClient http;
    private final Outbox outbox;
    private final String username;
    private final ScheduledExecutorService ticker;
    private final Poller poller;
    private final WebhookServer webhook;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private TelegramBot(OkHttpClient http, Outbox outbox, String username, ScheduledExecutorService ticker,
            Poller poller, WebhookServer webhook) {
        this.http = http;
        this.outbox = outbox;
        this.username = username;
        this.ticker = ticker;
        this.poller = poller;
        this.webhook = webhook;
    }

    /** Telegram alone: its replies all go to its own outbox. */
    public static TelegramBot start(Settings s, ChatFlow flow, UpdateOffsets offsets) throws StartupException {
        return start(s, flow, offsets, new ReplyRouter(java.util.List.of(TelegramPlatform.PLATFORM), Duration.ZERO));
    }

    /**
     * Starts the bot; its outbox joins {@code router}, and its updates' replies go through the
     * router, so they reach participants on every platform running in this process.
     */
    public static TelegramBot start(Settings s, ChatFlow flow, UpdateOffsets offsets, ReplyRouter router)
            throws StartupException {
        return start(s, flow, offsets, router, Telemetry.NONE);
    }

    /**
     * As above, reporting to {@code telemetry}: each update, the outbox (429s, retries, queue,
     * answer and screen latency), and how updates arrive (for /health), which a webhook server
     * also serves with the metrics.
     */
    public static TelegramBot start(Settings s, ChatFlow flow, UpdateOffsets offsets, ReplyRouter router,
            Telemetry telemetry) throws StartupException {
        return start(s, flow, offsets, router, telemetry, Sharing.oneProcess());
    }

    /**
     * As above, sharing with other replicas what {@code sharing} says: with
     * {@code sharing.register()} false the webhook and command menus are left as {@link #register}
     * set them (replicas), and the webhook must be given.
     */
    public static TelegramBot start(Settings s, ChatFlow flow, UpdateOffsets offsets, ReplyRouter router,
            Telemetry telemetry, Sharing sharing) throws StartupException {
        if (!sharing.register() && s.webhook() == null) {
            throw new StartupException("replicas need a webhook (--webhook): long polling runs in one process");
        }
        if (!TOKEN.matcher(s.token()).matches()) {
            throw new StartupException("TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, "
                    + "then letters; get one from @BotFather)");
        }
        TelegramUrl url = telegramUrl(s.apiUrl());
        Dispatcher dispatcher = new Dispatcher();
        // The library's execute() runs each call on this dispatcher: room for every outbox worker's
        // call and the long poll, so that the poll never waits behind the outbox nor the reverse.
        dispatcher.setMaxRequests(Outbox.CONCURRENCY + 8);
        dispatcher.setMaxRequestsPerHost(Outbox.CONCURRENCY + 8);
        // One connection per call in flight (plain HTTP/1.1 to a local Bot API server; over TLS
        // OkHttp multiplexes them on HTTP/2), kept open between calls.
        OkHttpClient http = new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(Outbox.CONCURRENCY + 2, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(10)).writeTimeout(Duration.ofSeconds(10))
                .readTimeout(s.longPoll().plusSeconds(15)).build();
        String base = new okhttp3.HttpUrl.Builder().scheme(url.getSchema()).host(url.getHost()).port(url.getPort())
                .build().toString();
        BotApi api = new BotApi(new OkHttpTelegramClient(http, s.token(), url), s.token(), http, base);
        try {
            String username = checkToken(api, s.apiUrl());
            Outbox outbox = new Outbox(api, s.pacing(), Outbox.CONCURRENCY, sharing.pacing());
            outbox.observe(telemetry);
            router.register(TelegramPlatform.PLATFORM, outbox::deliver);
            UpdateHandler handler = new UpdateHandler(flow, new UpdateMapper(username), router::deliver,
                    outbox::deliver, sharing.turns());
            handler.observe(telemetry);
            outbox.reportSent((send, messageId) -> flow.delivered(send.to(), send.keyboard(), messageId));
            if (sharing.register()) {
                registerMenus(api, flow.votes());
            }
            Poller poller = null;
            WebhookServer server = null;
            if (s.webhook() == null) {
                BotApi.Result<Boolean> r = api.call(DeleteWebhook.builder().dropPendingUpdates(false).build());
                if (!r.ok()) {
                    log.warn("deleteWebhook failed; polling may get 409 Conflict: {}", r);
                }
                poller = new Poller(api, offsets, handler, s.longPoll(), s.maxBackoff(), Poller.WORKERS,
                        s.offsetSaves());
                telemetry.receiving("telegram", Telemetry.Receiving.of("polling", poller::problem));
            } else {
                server = startWebhook(api, s.webhook(), handler, telemetry, sharing.register());
                telemetry.receiving("telegram", Telemetry.Receiving.of("webhook", server::problem));
            }
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tg-deadlines");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(() -> {
                try {
                    handler.tick();
                } catch (RuntimeException e) {
                    log.warn("Deadline check failed: {}", api.redact(e.toString()));
                }
            }, s.tick().toMillis(), s.tick().toMillis(), TimeUnit.MILLISECONDS);
            TelegramBot bot = new TelegramBot(http, outbox, username, ticker, poller, server);
            if (poller != null) {
                poller.start();
            }
            log.info("Telegram bot @{} running ({})", username, s.webhook() == null ? "long polling"
                    : "webhook on port " + server.port());
            return bot;
        } catch (StartupException | RuntimeException e) {
            shutdown(http);
            throw e;
        }
    }

    /** The bot's username (getMe), for deep links; the same one-line errors as {@link #start}. */
    public static String username(String token, String apiUrl) throws StartupException {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new StartupException("TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, "
                    + "then letters; get one from @BotFather)");
        }
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
        try {
            return checkToken(new BotApi(new OkHttpTelegramClient(http, token, telegramUrl(apiUrl)), token), apiUrl);
        } finally {
            shutdown(http);
        }
    }

    private static String checkToken(BotApi api, String apiUrl) throws StartupException {
        BotApi.Result<User> me = api.call(new GetMe());
        if (me instanceof BotApi.Ok<User> ok) {
            return ok.value().getUserName();
        }
        if (me instanceof BotApi.Refused<User> r) {
            throw new StartupException("Telegram rejected TELEGRAM_BOT_TOKEN ([" + r.code() + "] "
                    + r.description() + "): check the token @BotFather gave you");
        }
        throw new StartupException("Cannot reach the Telegram Bot API at " + apiUrl + ": "
                + ((BotApi.Failed<User>) me).reason());
    }

    private static void registerMenus(BotApi api, vn.tinnhiem.core.chat.VoteRegistry votes) {
        for (SetMyCommands menu : CommandMenus.of(votes)) {
            BotApi.Result<Boolean> r = api.call(menu);
            if (!r.ok()) {
                // Not fatal: the commands work without a menu, and /help lists them.
                log.warn("setMyCommands ({}) failed: {}", menu.getScope().getType(), r);
            }
        }
    }

    private static WebhookServer startWebhook(BotApi api, Webhook w, UpdateHandler handler, Telemetry telemetry,
            boolean register)
            throws StartupException {
        URI uri = checkWebhook(w);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        WebhookServer server;
        try {
            server = new WebhookServer(path, w.bind(), w.port(), w.secret(), handler, telemetry);
        } catch (RuntimeException e) {
            throw new StartupException("Cannot listen on " + w.bind() + " port " + w.port() + " for the webhook: "
                    + e.getMessage());
        }
        if (register) {
            try {
                setWebhook(api, w, null);
            } catch (StartupException e) {
                server.close();
                throw e;
            }
        }
        return server;
    }

    private static URI checkWebhook(Webhook w) throws StartupException {
        if (w.secret() == null || !w.secret().matches("[A-Za-z0-9_-]{1,256}")) {
            throw new StartupException("TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
        }
        URI uri;
        try {
            uri = URI.create(w.url());
        } catch (IllegalArgumentException e) {
            throw new StartupException("--webhook is not a URL: " + w.url());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new StartupException("--webhook must be an https:// URL (Telegram only calls HTTPS)");
        }
        return uri;
    }

    private static void setWebhook(BotApi api, Webhook w, Integer maxConnections) throws StartupException {
        SetWebhook.SetWebhookBuilder<?, ?> set = SetWebhook.builder().url(w.url()).secretToken(w.secret())
                .allowedUpdates(Poller.ALLOWED_UPDATES);
        if (maxConnections != null) {
            set.maxConnections(maxConnections);
        }
        BotApi.Result<Boolean> r = api.call(set.build());
        if (!r.ok()) {
            throw new StartupException("setWebhook for " + w.url() + " failed: " + r);
        }
    }

    /**
     * The one-off registration for replicas ({@code deploy}): checks the token, points Telegram
     * at the webhook (URL, secret, the updates the bot handles, at most {@code maxConnections}
     * requests at once) and sets the command menus. Returns the bot's username.
     */
    public static String register(String token, String apiUrl, Webhook webhook, int maxConnections,
            vn.tinnhiem.core.chat.VoteRegistry votes)
            throws StartupException {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new StartupException("TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, "
                    + "then letters; get one from @BotFather)");
        }
        if (maxConnections < 1 || maxConnections > 100) {
            throw new StartupException("max connections must be 1-100 (Telegram's range)");
        }
        checkWebhook(webhook);
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
        try {
            BotApi api = new BotApi(new OkHttpTelegramClient(http, token, telegramUrl(apiUrl)), token);
            String username = checkToken(api, apiUrl);
            setWebhook(api, webhook, maxConnections);
            registerMenus(api, votes);
            return username;
        } finally {
            shutdown(http);
        }
    }

    /** TELEGRAM_API_URL → the library's URL: scheme, host and port only (it builds the path). */
    static TelegramUrl telegramUrl(String apiUrl) throws StartupException {
        URI uri;
        try {
            uri = URI.create(apiUrl);
        } catch (IllegalArgumentException e) {
            throw new StartupException("TELEGRAM_API_URL is not a URL: " + apiUrl);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new StartupException("TELEGRAM_API_URL must look like https://host[:port], got " + apiUrl);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new StartupException("TELEGRAM_API_URL must not have a path (the client adds /bot<token>/method): "
                    + apiUrl);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new TelegramUrl(scheme, uri.getHost(), port, false);
    }

    public String username() {
        return username;
    }

    /** The webhook's listening port (useful with port 0), or -1 when polling. */
    public int webhookPort() {
        return webhook == null ? -1 : webhook.port();
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Blocks until {@link #close} is called. */
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
        shutdown(http);
        stopped.countDown();
    }

    private static void shutdown(OkHttpClient http) {
        http.dispatcher().executorService().shutdownNow();
        http.connectionPool().evictAll();
    }
}
