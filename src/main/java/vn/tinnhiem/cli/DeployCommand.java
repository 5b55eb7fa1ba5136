package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.telegram.TelegramBot;
import vn.tinnhiem.zalo.ZaloBot;

/**
 * {@code deploy --config PATH [--webhook URL [--max-connections N]] [--zalo-webhook URL]}: the
 * one-off registration for bot replicas ({@code run --replicas}), run once per deployment
 * rather than at every replica's start. For Telegram (TELEGRAM_BOT_TOKEN and
 * TELEGRAM_WEBHOOK_SECRET) it sets the webhook (URL, secret, the updates the bot handles,
 * {@code --max-connections} requests at once, default {@value #DEFAULT_MAX_CONNECTIONS}) and
 * the command menus of the votes in {@code --config}; for Zalo (ZALO_BOT_TOKEN and
 * ZALO_WEBHOOK_SECRET) it sets the webhook and its secret. The replicas need the same secrets.
 */
public final class DeployCommand implements Command {
    /** Telegram's own default: requests Telegram may have open to the load balancer at once. */
    static final int DEFAULT_MAX_CONNECTIONS = 40;

    private final Map<String, String> env;

    public DeployCommand() {
        this(System.getenv());
    }

    /** With {@code env} in place of the process environment (tests). */
    public DeployCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "deploy";
    }

    @Override
    public String arguments() {
        return "--config PATH [--webhook URL [--max-connections N]] [--zalo-webhook URL]";
    }

    @Override
    public String summary() {
        return "Register the webhooks and command menus once, for run --replicas";
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("--config PATH",
                        "The vote file (.json), or a folder of vote files (for the command menus)"),
                new OptionHelp("--webhook URL",
                        "Set Telegram's webhook to this HTTPS URL"),
                new OptionHelp("--max-connections N",
                        "Requests Telegram may have open at once, 1-100 (default 40)"),
                new OptionHelp("--zalo-webhook URL",
                        "Set Zalo's webhook to this HTTPS URL"));
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--webhook", "--zalo-webhook", "--max-connections"),
                Set.of());
        Integer maxConnections = options.intValue("--max-connections", DEFAULT_MAX_CONNECTIONS, 1, 100);
        String config = options.get("--config");
        String webhookUrl = options.get("--webhook");
        String zaloWebhookUrl = options.get("--zalo-webhook");
        if (options.error() != null || config == null || maxConnections == null
                || webhookUrl == null && zaloWebhookUrl == null) {
            options.report(err);
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        BotEnvironment environment = new BotEnvironment(env);
        List<VoteDefinition> votes = BotEnvironment.definitions(name(), config, err);
        if (votes == null) {
            return FAILED;
        }
        try {
            if (webhookUrl != null) {
                String token = environment.get("TELEGRAM_BOT_TOKEN");
                String secret = environment.get("TELEGRAM_WEBHOOK_SECRET");
                if (token == null || secret == null) {
                    err.println(name() + ": --webhook needs TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET"
                            + " (1-256 of A-Z a-z 0-9 _ -)");
                    return FAILED;
                }
                String username = TelegramBot.register(token, environment.apiUrl(),
                        new TelegramBot.Webhook(webhookUrl, 0, secret), maxConnections, new VoteRegistry(votes));
                out.println("Telegram bot @" + username + ": webhook " + webhookUrl + " (at most " + maxConnections
                        + " connections) and command menus set");
            }
            if (zaloWebhookUrl != null) {
                String token = environment.get("ZALO_BOT_TOKEN");
                String secret = environment.get("ZALO_WEBHOOK_SECRET");
                if (token == null || secret == null) {
                    err.println(name() + ": --zalo-webhook needs ZALO_BOT_TOKEN and ZALO_WEBHOOK_SECRET"
                            + " (8-256 of A-Z a-z 0-9 _ -)");
                    return FAILED;
                }
                String apiUrl = environment.get("ZALO_API_URL") == null ? ZaloBot.DEFAULT_API_URL
                        : environment.get("ZALO_API_URL");
                String name = ZaloBot.register(token, apiUrl, new ZaloBot.Webhook(zaloWebhookUrl, 0, secret, "127.0.0.1"));
                out.println("Zalo bot " + name + ": webhook " + zaloWebhookUrl + " set");
            }
        } catch (TelegramBot.StartupException | ZaloBot.StartupException e) {
            err.println(name() + ": " + e.getMessage());
            return FAILED;
        }
        return OK;
    }
}
