package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.Map;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.export.ResultFilesExport;
import vn.tinnhiem.telegram.Pacing;
import vn.tinnhiem.telegram.TelegramBot;
import vn.tinnhiem.telegram.RedisUpdateOffsets;
import vn.tinnhiem.telegram.UpdateOffsets;

/**
 * {@code run --config PATH [--in-memory] [--webhook URL --port N]}: the Telegram bot.
 * TELEGRAM_BOT_TOKEN is required, TELEGRAM_API_URL optional, REDIS_URL required unless
 * --in-memory, TELEGRAM_WEBHOOK_SECRET required with --webhook. Blocks until stopped.
 */
public final class RunCommand implements Command {
    static final int DEFAULT_WEBHOOK_PORT = 8443;
    /** See {@link #settings}. */
    public static final String PACING_PROPERTY = "tinnhiem.pacing";

    private final Map<String, String> env;

    public RunCommand() {
        this(System.getenv());
    }

    RunCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String arguments() {
        return "--config PATH [--in-memory] [--webhook URL [--port N]]";
    }

    @Override
    public String summary() {
        return "Run the Telegram bot (long polling, or a webhook); env TELEGRAM_BOT_TOKEN, REDIS_URL";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--webhook", "--port"), Set.of("--in-memory"));
        Integer port = options.intValue("--port", DEFAULT_WEBHOOK_PORT, 0, 65535);
        String config = options.get("--config");
        if (options.error() != null || config == null || port == null) {
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        String webhookUrl = options.get("--webhook");
        boolean inMemory = options.has("--in-memory");
        BotEnvironment environment = new BotEnvironment(env);
        List<VoteDefinition> votes = BotEnvironment.definitions(name(), config, err);
        if (votes == null) {
            return FAILED;
        }
        String token = environment.get("TELEGRAM_BOT_TOKEN");
        if (token == null) {
            err.println(name() + ": TELEGRAM_BOT_TOKEN is not set; create a bot with @BotFather and export its token");
            return FAILED;
        }
        TelegramBot.Webhook webhook = null;
        if (webhookUrl != null) {
            String secret = environment.get("TELEGRAM_WEBHOOK_SECRET");
            if (secret == null) {
                err.println(name() + ": --webhook needs TELEGRAM_WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -)");
                return FAILED;
            }
            webhook = new TelegramBot.Webhook(webhookUrl, port, secret);
        }
        VoteStore store = environment.store(name(), inMemory,
                "--in-memory: check-ins and ballots live in this process only; a restart loses them", err);
        if (store == null) {
            return FAILED;
        }
        // The offset lives next to the votes it protects: same Redis, or this process.
        UpdateOffsets offsets = inMemory ? new UpdateOffsets.InMemory()
                : RedisUpdateOffsets.fromUrl(environment.get("REDIS_URL"));
        ChatFlow flow;
        try {
            flow = new ChatFlow(new VoteRegistry(votes), store, new Codes(), Clock.systemUTC(),
                    List.of(TelegramPlatform.PLATFORM), new ResultFilesExport());
        } catch (ChatFlow.DefinitionChanged e) {
            err.println(name() + ": " + e.getMessage());
            store.close();
            return FAILED;
        }
        TelegramBot bot;
        try {
            bot = TelegramBot.start(settings(token, environment.apiUrl(), webhook), flow, offsets);
        } catch (TelegramBot.StartupException e) {
            err.println(name() + ": " + e.getMessage());
            store.close();
            return FAILED;
        }
        out.println("Bot @" + bot.username() + " is running " + (webhook == null ? "(long polling)"
                : "(webhook " + webhookUrl + ", listening on port " + bot.webhookPort() + ")") + "; Ctrl+C stops it");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bot.close();
            store.close();
        }, "tg-shutdown"));
        try {
            bot.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
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
                s.webhook());
    }
}
