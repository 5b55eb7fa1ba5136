package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.telegram.FakeBotApi;

/**
 * Issue 9, item 1: the one-off registration for replicas. {@code deploy} sets the webhook (URL,
 * secret, allowed updates, max connections) and the command menus once, against the fake Bot
 * API; {@code run --replicas} refuses what replicas cannot do.
 */
class DeployCommandTest {
    private static final String EXAMPLE = "config/example-vote.json";
    private static final String SECRET = "deploy_secret-1";

    @Test
    void deploySetsTheWebhookAndTheMenusOnce() {
        try (FakeBotApi api = new FakeBotApi()) {
            Console console = new Console();
            int status = console.run(new DeployCommand(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN,
                    "TELEGRAM_API_URL", api.url(), "TELEGRAM_WEBHOOK_SECRET", SECRET)), "--config", EXAMPLE,
                    "--webhook", "https://bot.example.org/tg/hook", "--max-connections", "60");
            assertEquals(Command.OK, status, console.err());
            assertEquals(new FakeBotApi.Webhook("https://bot.example.org/tg/hook", SECRET, 60,
                    List.of("message", "callback_query")), api.webhook());
            assertEquals(1, api.count("setwebhook"));
            assertTrue(api.count("setmycommands") >= 2, "participants' and staff's menus: " + api.count("setmycommands"));
            assertTrue(console.out().contains("@" + FakeBotApi.BOT_USERNAME), console.out());
            assertTrue(console.out().contains("at most 60 connections"), console.out());
        }
    }

    @Test
    void deployWithoutTheSecretOrAWebhookExplainsItself() {
        try (FakeBotApi api = new FakeBotApi()) {
            Console console = new Console();
            assertEquals(Command.FAILED, console.run(new DeployCommand(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN,
                    "TELEGRAM_API_URL", api.url())), "--config", EXAMPLE, "--webhook", "https://bot.example.org/h"));
            assertTrue(console.err().contains("TELEGRAM_WEBHOOK_SECRET"), console.err());
            assertEquals(Command.USAGE, console.run(new DeployCommand(Map.of()), "--config", EXAMPLE));
            assertEquals(Command.USAGE, console.run(new DeployCommand(Map.of()), "--config", EXAMPLE,
                    "--webhook", "https://bot.example.org/h", "--max-connections", "101"));
            assertEquals(0, api.count("setwebhook"));
        }
    }

    @Test
    void runReplicasNeedsRedisAndAWebhook() {
        Console console = new Console();
        assertEquals(Command.FAILED, console.run(new RunCommand(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN)),
                "--config", EXAMPLE, "--replicas", "--in-memory"));
        assertTrue(console.err().contains("--replicas needs REDIS_URL"), console.err());
        assertEquals(Command.FAILED, console.run(new RunCommand(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN,
                "REDIS_URL", "redis://127.0.0.1:1/0")), "--config", EXAMPLE, "--replicas"));
        assertTrue(console.err().contains("webhook mode only"), console.err());
    }
}
