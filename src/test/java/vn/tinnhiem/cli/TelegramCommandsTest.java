package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.telegram.FakeBotApi;

/** run and invites: the operator's one-line errors, and invite codes with deep links. */
class TelegramCommandsTest {
    private static final String EXAMPLE = "config/example-vote.json";

    private record Ran(int code, String out, String err) {}

    private static Ran run(Command c, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = c.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runWithoutATokenSaysSoInOneLine() {
        Ran r = run(new RunCommand(Map.of()), "--config", EXAMPLE, "--in-memory");
        assertEquals(Command.FAILED, r.code());
        assertEquals("run: TELEGRAM_BOT_TOKEN is not set; create a bot with @BotFather and export its token"
                + " (or ZALO_BOT_TOKEN for Zalo, or both)",
                r.err().strip());
    }

    @Test
    void runWithARejectedTokenSaysSoWithoutPrintingIt() {
        try (FakeBotApi api = new FakeBotApi()) {
            String wrong = "42:wrong_Token-that-is-not-the-fakes";
            Ran r = run(new RunCommand(Map.of("TELEGRAM_BOT_TOKEN", wrong, "TELEGRAM_API_URL", api.url())),
                    "--config", EXAMPLE, "--in-memory");
            assertEquals(Command.FAILED, r.code());
            assertTrue(r.err().contains("run: Telegram rejected TELEGRAM_BOT_TOKEN ([401] Unauthorized)"), r.err());
            assertFalse(r.err().contains(wrong) || r.out().contains(wrong), "the token is never printed");
        }
    }

    @Test
    void runRefusesABindAddressThatIsNotAnIpAddress() {
        Ran r = run(new RunCommand(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN, "TELEGRAM_WEBHOOK_SECRET", "s3cret")),
                "--config", EXAMPLE, "--in-memory", "--webhook", "https://bot.example.org/tg/hook", "--bind",
                "bot.example.org");
        assertEquals(Command.USAGE, r.code());
        assertTrue(r.err().startsWith("run: --bind must be a local IP address"), r.err());
        assertTrue(RunCommand.isAddressLiteral("127.0.0.1") && RunCommand.isAddressLiteral("0.0.0.0")
                && RunCommand.isAddressLiteral("::1") && !RunCommand.isAddressLiteral("256.0.0.1"));
    }

    @Test
    void runWithoutRedisRefusesUnlessInMemory() {
        Ran r = run(new RunCommand(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN)), "--config", EXAMPLE);
        assertEquals(Command.FAILED, r.code());
        assertTrue(r.err().startsWith("run: REDIS_URL is not set"), r.err());
    }

    @Test
    void runWithUnreachableRedisSaysSoInOneLine() {
        Ran r = run(new RunCommand(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN,
                "REDIS_URL", "redis://:hunter2@127.0.0.1:1/0")), "--config", EXAMPLE);
        assertEquals(Command.FAILED, r.code());
        assertTrue(r.err().startsWith("run: cannot reach Redis at redis://:***@127.0.0.1:1/0"), r.err());
        assertFalse(r.err().contains("hunter2"));
        assertEquals(1, r.err().strip().lines().count());
    }

    @Test
    void runOnAnInvalidDefinitionNamesTheErrorsAndStartsNothing(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"id\": \"x\"}");
        Ran r = run(new RunCommand(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN)), "--config", broken.toString(),
                "--in-memory");
        assertEquals(Command.FAILED, r.code());
        assertTrue(r.err().contains("broken.json"), r.err());
        assertTrue(r.err().contains("run: invalid vote definitions"), r.err());
    }

    @Test
    void webhookModeNeedsItsSecret() {
        Ran r = run(new RunCommand(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN)), "--config", EXAMPLE,
                "--in-memory", "--webhook", "https://bot.example.org/hook");
        assertEquals(Command.FAILED, r.code());
        assertTrue(r.err().contains("TELEGRAM_WEBHOOK_SECRET"), r.err());
    }

    @Test
    void invitesPrintsACodeAndDeepLinkPerParticipantWhoNeedsOne() {
        try (FakeBotApi api = new FakeBotApi()) {
            Ran r = run(new InvitesCommand(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN, "TELEGRAM_API_URL",
                    api.url())), "--config", EXAMPLE, "--in-memory");
            assertEquals(Command.OK, r.code(), r.err());
            assertTrue(r.err().contains("--in-memory"), "warns that the codes die with the process");
            long links = r.out().lines().filter(l -> l.matches(
                    ".*\\t[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}\\thttps://t\\.me/" + FakeBotApi.BOT_USERNAME
                            + "\\?start=[0-9A-Z]{10}")).count();
            assertTrue(links >= 1, r.out());
            assertEquals(r.out().lines().filter(l -> l.startsWith("  p")).count(), links, r.out());
        }
    }

    @Test
    void invitesWithoutATokenSaysItIsNotSetRatherThanMalformed() {
        Console console = new Console();

        assertEquals(Command.FAILED, console.run(new InvitesCommand(Map.of()), "--config", EXAMPLE, "--in-memory"));

        // A Zalo bot alone would do (a Zalo-only unit): the message names both ways.
        assertEquals("invites: no bot to name: set TELEGRAM_BOT_TOKEN (or --bot USERNAME) for Telegram,"
                + " ZALO_BOT_TOKEN (or --zalo-bot NAME) for Zalo, or both", console.err().strip());
        assertFalse(console.out().contains("https://t.me/"), "no codes are issued");
    }

    @Test
    void invitesWithBotUsernameNeedsNoToken() {
        Console console = new Console();

        assertEquals(Command.OK, console.run(new InvitesCommand(Map.of()), "--config", EXAMPLE, "--in-memory",
                "--bot", "@hoinghi_bot"), console.err());

        assertTrue(console.out().contains("https://t.me/hoinghi_bot?start="), console.out());
    }
}
