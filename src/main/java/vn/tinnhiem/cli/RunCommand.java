package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import vn.tinnhiem.core.chat.Platform;
import vn.tinnhiem.delivery.ReplyRouter;
import vn.tinnhiem.zalo.ZaloBot;
import vn.tinnhiem.zalo.ZaloPacing;
import vn.tinnhiem.zalo.ZaloPlatform;
import java.util.Set;
import java.util.Map;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.display.DisplayServer;
import vn.tinnhiem.export.ResultFilesExport;
import vn.tinnhiem.telegram.Pacing;
import vn.tinnhiem.telegram.TelegramBot;
import vn.tinnhiem.telegram.RedisUpdateOffsets;
import vn.tinnhiem.telegram.UpdateOffsets;
import vn.tinnhiem.core.chat.AccountTurns;
import vn.tinnhiem.core.chat.FlowMemory;
import vn.tinnhiem.core.chat.GuessCounts;
import vn.tinnhiem.core.chat.HandledUpdates;
import vn.tinnhiem.core.chat.LanguageNotes;
import vn.tinnhiem.delivery.RedisPacing;
import vn.tinnhiem.delivery.SharedPacing;
import vn.tinnhiem.delivery.RedisMonthlyCount;
import vn.tinnhiem.delivery.Sharing;
import vn.tinnhiem.store.RedisAccountTurns;
import vn.tinnhiem.store.RedisConnection;
import vn.tinnhiem.store.RedisGuessCounts;
import vn.tinnhiem.store.RedisHandledUpdates;
import vn.tinnhiem.store.RedisLanguageNotes;
import vn.tinnhiem.store.StoreOutages;
import redis.clients.jedis.UnifiedJedis;
import vn.tinnhiem.ops.Observability;
import vn.tinnhiem.ops.ObservedStore;
import vn.tinnhiem.ops.OpsServer;
import java.util.stream.Collectors;

/**
 * {@code run --config PATH [--in-memory] [--webhook URL [--port N]] [--zalo-webhook URL [--zalo-port N]]
 * [--bind ADDRESS] [--ops-port N] [--display-port N [--display-host H]] [--replicas]}: the bot, on every platform whose token
 * is set (TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN; at least one), one flow and one store serving the
 * same votes on both, and with {@code --display-port} the hall display on a port of its own.
 * The webhooks listen on 127.0.0.1 unless {@code --bind} names another local address (such as
 * 0.0.0.0 for a reverse proxy on another machine): they speak plain HTTP, so only the HTTPS
 * proxy in front should reach them. TELEGRAM_API_URL and ZALO_API_URL are optional, REDIS_URL
 * required unless --in-memory, TELEGRAM_WEBHOOK_SECRET with --webhook, ZALO_WEBHOOK_SECRET with
 * --zalo-webhook. Blocks until stopped.
 *
 * <p>Health and metrics ({@link Observability}): {@code GET /health} and {@code GET /metrics} on
 * every webhook server, and with {@code --ops-port N} on a port of their own (on the
 * {@code --bind} address), which long-polling mode needs to be probed at all. Each update is
 * logged on one line (logger {@code tinnhiem.update}).
 *
 * <p>{@code --replicas}: this process is one of several behind a load balancer, all on the same
 * REDIS_URL, in webhook mode only. What one process keeps in memory is then shared in Redis:
 * per-account turns (an account's updates one after the other, whichever replica gets them),
 * the wrong-code throttle, languages, Zalo's handled messages, and the pacing budgets (per chat,
 * and the bulk budget of all replicas together). Replicas do not register the webhook or the
 * command menus at start: {@code deploy} does that once.
 */
public final class RunCommand implements Command {
    static final int DEFAULT_WEBHOOK_PORT = 8443;
    static final int DEFAULT_ZALO_WEBHOOK_PORT = 8444;
    /** See {@link #settings}. */
    public static final String PACING_PROPERTY = "tinnhiem.pacing";

    private final Map<String, String> env;
    /** Whether standard output is a terminal: the hall display's address is printed only there. */
    private final boolean terminal;

    public RunCommand() {
        this(System.getenv(), System.console() != null);
    }

    RunCommand(Map<String, String> env) {
        this(env, true);
    }

    RunCommand(Map<String, String> env, boolean terminal) {
        this.env = env;
        this.terminal = terminal;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String arguments() {
        return "--config PATH [--in-memory] [--webhook URL [--port N]] [--zalo-webhook URL [--zalo-port N]]"
                + " [--bind ADDRESS] [--ops-port N] [--display-port N [--display-host H] [--display-url-file PATH]]"
                + " [--replicas]";
    }

    @Override
    public String summary() {
        return "Run the bot on Telegram and/or Zalo; env TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN, REDIS_URL";
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("--config PATH",
                        "The vote file (.json), or a folder of vote files"),
                new OptionHelp("--in-memory",
                        "Keep the votes in memory, not in REDIS_URL (a rehearsal: lost at exit)"),
                new OptionHelp("--webhook URL",
                        "Telegram calls this HTTPS URL instead of being polled"),
                new OptionHelp("--port N",
                        "Port the Telegram webhook listens on (default 8443)"),
                new OptionHelp("--zalo-webhook URL",
                        "Zalo calls this HTTPS URL instead of being polled"),
                new OptionHelp("--zalo-port N",
                        "Port the Zalo webhook listens on (default 8444)"),
                new OptionHelp("--bind ADDRESS",
                        "Local address the webhooks listen on (default 127.0.0.1)"),
                new OptionHelp("--ops-port N",
                        "Serve /health and /metrics on this port too"),
                new OptionHelp("--display-port N",
                        "Serve the hall display on this port"),
                new OptionHelp("--display-host H",
                        "Address the hall display listens on (default 127.0.0.1)"),
                new OptionHelp("--display-url-file PATH",
                        "Write the hall display's address (with its token) to this file, readable by its owner only"),
                new OptionHelp("--replicas",
                        "One of several processes on one REDIS_URL (webhooks only; see deploy)"));
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--webhook", "--port", "--zalo-webhook",
                "--zalo-port", "--bind", "--ops-port", "--display-port", "--display-host", "--display-url-file"),
                Set.of("--in-memory", "--replicas"));
        Integer port = options.intValue("--port", DEFAULT_WEBHOOK_PORT, 0, 65535);
        Integer zaloPort = options.intValue("--zalo-port", DEFAULT_ZALO_WEBHOOK_PORT, 0, 65535);
        Integer displayPort = options.intValue("--display-port", -1, 0, 65535);
        Integer opsPort = options.intValue("--ops-port", -1, 0, 65535);
        String config = options.get("--config");
        if (options.error() != null || config == null || port == null || zaloPort == null || displayPort == null
                || opsPort == null
                || ((options.get("--display-host") != null || options.get("--display-url-file") != null)
                        && displayPort < 0)) {
            options.report(err);
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        String webhookUrl = options.get("--webhook");
        String zaloWebhookUrl = options.get("--zalo-webhook");
        boolean inMemory = options.has("--in-memory");
        boolean replicas = options.has("--replicas");
        BotEnvironment environment = new BotEnvironment(env);
        List<VoteDefinition> votes = BotEnvironment.definitions(name(), config, err);
        if (votes == null) {
            return FAILED;
        }
        String token = environment.get("TELEGRAM_BOT_TOKEN");
        String zaloToken = environment.get("ZALO_BOT_TOKEN");
        if (token == null && zaloToken == null) {
            err.println(name() + ": TELEGRAM_BOT_TOKEN is not set; create a bot with @BotFather and export its token"
                    + " (or ZALO_BOT_TOKEN for Zalo, or both)");
            return FAILED;
        }
        String bind = options.get("--bind") == null ? TelegramBot.Webhook.LOOPBACK : options.get("--bind");
        if (!isAddressLiteral(bind)) {
            err.println(name() + ": --bind must be a local IP address, such as 127.0.0.1 (default) or 0.0.0.0");
            return USAGE;
        }
        TelegramBot.Webhook webhook = null;
        if (webhookUrl != null) {
            String secret = environment.get("TELEGRAM_WEBHOOK_SECRET");
            if (token == null || secret == null) {
                err.println(name() + ": --webhook needs TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET"
                        + " (1-256 of A-Z a-z 0-9 _ -)");
                return FAILED;
            }
            webhook = new TelegramBot.Webhook(webhookUrl, port, secret, bind);
        }
        ZaloBot.Webhook zaloWebhook = null;
        if (zaloWebhookUrl != null) {
            String secret = environment.get("ZALO_WEBHOOK_SECRET");
            if (zaloToken == null || secret == null) {
                err.println(name() + ": --zalo-webhook needs ZALO_BOT_TOKEN and ZALO_WEBHOOK_SECRET"
                        + " (8-256 of A-Z a-z 0-9 _ -)");
                return FAILED;
            }
            zaloWebhook = new ZaloBot.Webhook(zaloWebhookUrl, zaloPort, secret, bind);
        }
        if (replicas && (inMemory || environment.get("REDIS_URL") == null)) {
            err.println(name() + ": --replicas needs REDIS_URL, the Redis every replica shares (not --in-memory)");
            return FAILED;
        }
        if (replicas && (token != null && webhook == null || zaloToken != null && zaloWebhook == null)) {
            err.println(name() + ": --replicas runs in webhook mode only: give --webhook (Telegram) and"
                    + " --zalo-webhook (Zalo) for each platform whose token is set");
            return FAILED;
        }
        VoteStore store = environment.store(name(), inMemory,
                "--in-memory: check-ins and ballots live in this process only; a restart loses them", err);
        if (store == null) {
            return FAILED;
        }
        List<Platform> platforms = new ArrayList<>();
        if (token != null) {
            platforms.add(TelegramPlatform.PLATFORM);
        }
        if (zaloToken != null) {
            platforms.add(ZaloPlatform.PLATFORM);
        }
        // Health reads the store as it is; the flow's store tells each update what it did.
        String probeVote = votes.get(0).id();
        Observability ops = new Observability(votes.stream().map(VoteDefinition::id).collect(Collectors.toSet()),
                () -> store.state(probeVote));
        ops.degradedWhen(store::degradation);
        // Replicas share through Redis what one process keeps in memory.
        RedisConnection shared = null;
        FlowMemory memory = FlowMemory.inMemory(Clock.systemUTC());
        // One Zalo process on Redis keeps there too which messages it handled: getUpdates has no
        // offset and a webhook delivers again, so a restart must not apply a message twice.
        boolean zaloOnRedis = zaloToken != null && !inMemory && environment.get("REDIS_URL") != null;
        if (replicas || zaloOnRedis) {
            try {
                shared = RedisConnection.open(environment.get("REDIS_URL"), replicas ? new RedisConnection.Settings(
                        "tinnhiem-replica", 32, Duration.ofSeconds(2), Duration.ofSeconds(5))
                        : RedisConnection.Settings.small("tinnhiem-zalo"));
            } catch (RuntimeException e) {
                err.println(name() + ": cannot reach Redis at " + environment.redisUrlForHumans() + ": "
                        + e.getClass().getSimpleName());
                ops.close();
                store.close();
                return FAILED;
            }
        }
        if (replicas) {
            memory = new FlowMemory(StoreOutages.translated(GuessCounts.class, new RedisGuessCounts(shared.client())),
                    StoreOutages.translated(LanguageNotes.class, new RedisLanguageNotes(shared.client())));
        }
        RedisConnection sharedConnection = shared;
        ChatFlow flow;
        try {
            flow = new ChatFlow(new VoteRegistry(votes), ObservedStore.wrap(store, ops::storeError), new Codes(),
                    Clock.systemUTC(), platforms, new ResultFilesExport(), memory);
        } catch (ChatFlow.DefinitionChanged e) {
            err.println(name() + ": " + e.getMessage());
            ops.close();
            closeShared(sharedConnection);
            store.close();
            return FAILED;
        }
        // One process, one store, one flow: a reply goes out through its recipient's platform.
        ReplyRouter router = new ReplyRouter(platforms, Duration.ofMinutes(1));
        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            if (token != null) {
                // The offset lives next to the votes it protects: same Redis, or this process.
                UpdateOffsets offsets = inMemory ? new UpdateOffsets.InMemory()
                        : RedisUpdateOffsets.fromUrl(environment.get("REDIS_URL"));
                TelegramBot.Settings settings = settings(token, environment.apiUrl(), webhook);
                TelegramBot bot = TelegramBot.start(settings, flow, offsets, router, ops, !replicas
                        ? Sharing.oneProcess() : telegramSharing(sharedConnection.client(), settings.pacing()));
                running.add(bot);
                out.println("Bot @" + bot.username() + " is running " + (webhook == null ? "(long polling)"
                        : "(webhook " + webhookUrl + ", listening on " + bind + " port " + bot.webhookPort() + ")")
                        + "; Ctrl+C stops it");
            }
            if (zaloToken != null) {
                String apiUrl = environment.get("ZALO_API_URL") == null ? ZaloBot.DEFAULT_API_URL
                        : environment.get("ZALO_API_URL");
                ZaloBot.Settings settings = zaloSettings(zaloToken, apiUrl, zaloWebhook);
                long monthly = environment.limit(name(), "ZALO_MONTHLY_QUOTA", ZaloBot.Quota.FREE_PLAN, err);
                // Counted in Redis when there is one: every process of the bot, and restarts, add up.
                ZaloBot.Quota quota = sharedConnection == null ? ZaloBot.Quota.inMemory(monthly)
                        : new ZaloBot.Quota(bot -> new RedisMonthlyCount(sharedConnection.client(), "zalo", bot,
                                Clock.systemUTC()), monthly);
                ZaloBot bot = ZaloBot.start(settings, flow, router, ops, sharedConnection == null
                        ? Sharing.oneProcess() : replicas ? zaloSharing(sharedConnection.client(), settings.pacing())
                        : zaloOneProcess(sharedConnection.client()), quota);
                running.add(bot);
                out.println("Zalo bot " + bot.name() + " is running " + (zaloWebhook == null ? "(long polling)"
                        : "(webhook " + zaloWebhookUrl + ", listening on " + bind + " port " + bot.webhookPort() + ")")
                        + "; Ctrl+C stops it");
            }
        } catch (TelegramBot.StartupException | ZaloBot.StartupException e) {
            err.println(name() + ": " + e.getMessage());
            closeAll(running);
            ops.close();
            closeShared(sharedConnection);
            store.close();
            return FAILED;
        }
        if (opsPort >= 0) {
            try {
                OpsServer server = new OpsServer(ops, bind, opsPort);
                running.add(0, server);
                out.println("Health and metrics on http://" + hostForUrl(bind) + ":" + server.port()
                        + "/health and /metrics");
            } catch (RuntimeException e) {
                err.println(name() + ": cannot listen on " + bind + " port " + opsPort + " for --ops-port: "
                        + e.getMessage());
                closeAll(running);
                ops.close();
                closeShared(sharedConnection);
                store.close();
                return FAILED;
            }
        }
        DisplayServer display = null;
        if (displayPort >= 0) {
            String host = options.get("--display-host") == null ? HallDisplay.DEFAULT_HOST : options.get("--display-host");
            String urlFile = options.get("--display-url-file");
            display = HallDisplay.start(name(), votes, store, host, displayPort,
                    new HallDisplay.AddressTo(urlFile == null ? null : Path.of(urlFile), terminal), out, err);
            if (display == null) {
                closeAll(running);
                ops.close();
                closeShared(sharedConnection);
                store.close();
                return FAILED;
            }
            running.add(display);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(running);
            ops.close();
            closeShared(sharedConnection);
            store.close();
            stopped.countDown();
        }, "bot-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    /**
     * The bulk budget all replicas share: 25 a second, under a single process's 29 (Telegram's
     * ~30), as calls from several processes reach Telegram with more spread between the budget's
     * grant and the call.
     */
    static final Duration REPLICAS_BULK_INTERVAL = Duration.ofMillis(40);

    /** Telegram's share of Redis for a replica: turns, and its per-chat and bulk budgets. */
    static Sharing telegramSharing(UnifiedJedis redis, Pacing pacing) {
        Duration bulk = pacing.globalInterval().compareTo(REPLICAS_BULK_INTERVAL) < 0 && pacing.equals(Pacing.TELEGRAM)
                ? REPLICAS_BULK_INTERVAL : pacing.globalInterval();
        SharedPacing budgets = new RedisPacing(redis, "tg", new RedisPacing.Budget(pacing.chatInterval(),
                pacing.chatBurst()), new RedisPacing.Budget(bulk, pacing.globalBurst()));
        return new Sharing(StoreOutages.translated(AccountTurns.class, new RedisAccountTurns(redis)),
                HandledUpdates.inMemory(Sharing.REMEMBERED), budgets, false);
    }

    /** Zalo's: turns, handled messages, and its per-chat and overall budgets. */
    static Sharing zaloSharing(UnifiedJedis redis, ZaloPacing pacing) {
        SharedPacing budgets = new RedisPacing(redis, "zalo", new RedisPacing.Budget(pacing.chatInterval(), 1),
                new RedisPacing.Budget(pacing.globalInterval(), 1));
        return new Sharing(StoreOutages.translated(AccountTurns.class, new RedisAccountTurns(redis)),
                StoreOutages.translated(HandledUpdates.class, new RedisHandledUpdates(redis, RedisHandledUpdates.ZALO)), budgets, false);
    }

    /**
     * One Zalo process on Redis: turns and pacing in the process, but the messages it handled in
     * Redis (kept a day), so a message delivered again after a crash and restart is not applied
     * again (a rating the voter typed once, given twice).
     */
    static Sharing zaloOneProcess(UnifiedJedis redis) {
        return new Sharing(AccountTurns.inProcess(),
                StoreOutages.translated(HandledUpdates.class, new RedisHandledUpdates(redis, RedisHandledUpdates.ZALO)),
                SharedPacing.NONE, true);
    }

    private static void closeShared(RedisConnection shared) {
        if (shared != null) {
            shared.close();
        }
    }

    private static void closeAll(List<AutoCloseable> running) {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                // Shutting down: the next one still gets its chance to close.
                System.err.println("close failed: " + e.getClass().getSimpleName());
            }
        }
    }

    /** Production settings for Zalo; the same test seam as {@link #settings}. */
    static ZaloBot.Settings zaloSettings(String token, String apiUrl, ZaloBot.Webhook webhook) {
        ZaloBot.Settings s = ZaloBot.Settings.production(token, apiUrl, webhook);
        if (!"fast".equals(System.getProperty(PACING_PROPERTY))) {
            return s;
        }
        return new ZaloBot.Settings(s.token(), s.apiUrl(), Duration.ofSeconds(2), s.tick(), ZaloPacing.fast(),
                Duration.ofSeconds(1), s.webhook());
    }

    private static String hostForUrl(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    /** An IPv4 or IPv6 address written out, IPv6 without brackets (no host name: the choice must be explicit). */
    static boolean isAddressLiteral(String s) {
        return s.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")
                || s.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    }

    /**
     * Production settings. <b>Test seam:</b> {@code -Dtinnhiem.pacing=fast} swaps Telegram's
     * rate limits for {@link Pacing#fast()}, so a crash test can run hundreds of participants
     * through a bot process against the fake Bot API in seconds. Never set it against Telegram:
     * it would answer with 429s.
     */
    static TelegramBot.Settings settings(String token, String apiUrl, TelegramBot.Webhook webhook) {
        TelegramBot.Settings s = TelegramBot.Settings.production(token, apiUrl, webhook);
        if (!"fast".equals(System.getProperty(PACING_PROPERTY))) {
            return s;
        }
        return new TelegramBot.Settings(s.token(), s.apiUrl(), s.longPoll(), s.tick(), Pacing.fast(), s.maxBackoff(),
                s.webhook(), s.offsetSaves());
    }
}
