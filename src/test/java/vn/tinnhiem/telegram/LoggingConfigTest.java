package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Votes;

/**
 * No logging configuration we ship prints the webhook secret, even when an operator lowers
 * the root level to DEBUG (issue 11, item 6): the HTTP libraries' loggers stay at INFO or
 * above. Each shipped configuration is loaded with its root at DEBUG, a webhook request with
 * the secret is sent, and everything printed (standard output and error) is searched.
 */
class LoggingConfigTest {
    private static final String SECRET = "Wh00k_secret-" + Long.toString(System.nanoTime(), 36);
    /** Every logback configuration the project ships; config/logback.xml is optional. */
    private static final List<Path> SHIPPED = List.of(Path.of("src/main/resources/logback.xml"),
            Path.of("config/logback.xml"));
    private static final List<String> HTTP_LOGGERS = List.of("org.eclipse.jetty", "io.javalin", "okhttp3",
            "org.telegram");

    @Test
    void noShippedConfigurationPrintsTheWebhookSecretEvenWithRootAtDebug() throws Exception {
        List<Path> configs = SHIPPED.stream().filter(Files::exists).toList();
        assertFalse(configs.isEmpty(), "no logback configuration found; run from the project directory");
        for (Path config : configs) {
            Logged logged = webhookRequestLoggedUnder(rootAtDebug(Files.readString(config)));
            assertTrue(logged.output().contains("running (webhook"), "the capture saw nothing: " + logged.output());
            assertEquals(List.of(), logged.belowInfo(), config + ": HTTP loggers below INFO");
            assertFalse(logged.output().contains(SECRET), config + " printed the webhook secret at DEBUG");
        }
    }

    @Test
    void theCheckCanFailWithoutTheHttpLoggersLevels() throws Exception {
        String debug = rootAtDebug(Files.readString(SHIPPED.get(0)));
        String bare = debug.replaceAll("<logger name=\"[^\"]+\" level=\"[A-Z]+\"/>", "");
        Logged logged = webhookRequestLoggedUnder(bare);
        assertFalse(logged.belowInfo().isEmpty());
        assertTrue(logged.output().contains(SECRET),
                "Jetty at DEBUG no longer prints request headers: this test would pass without the fix");
    }

    private static String rootAtDebug(String xml) {
        String debug = xml.replaceAll("<root level=\"[A-Za-z]+\"", "<root level=\"DEBUG\"");
        assertTrue(debug.contains("<root level=\"DEBUG\""), "no root level to lower in " + xml);
        return debug;
    }

    /** What a configuration printed, and which HTTP libraries' loggers it left below INFO. */
    private record Logged(String output, List<String> belowInfo) {}

    /** Loads {@code xml} as the logging configuration, sends one webhook request, returns all output. */
    private static Logged webhookRequestLoggedUnder(String xml) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            assertEquals(Level.DEBUG, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel());
            List<String> belowInfo = HTTP_LOGGERS.stream()
                    .filter(l -> !context.getLogger(l).getEffectiveLevel().isGreaterOrEqual(Level.INFO)).toList();
            sendWebhookRequest();
            capture.flush();
            return new Logged(captured.toString(StandardCharsets.UTF_8), belowInfo);
        } finally {
            System.setOut(out);
            System.setErr(err);
            context.reset();
            new ContextInitializer(context).autoConfig();
        }
    }

    private static void sendWebhookRequest() throws Exception {
        TelegramBot.Webhook webhook = new TelegramBot.Webhook("https://bot.example.org/tg/hook", 0, SECRET);
        try (BotHarness h = new BotHarness(Votes.reference("v1", 1), new InMemoryVoteStore(),
                new UpdateOffsets.InMemory(), webhook)) {
            ObjectNode start = Updates.start(Updates.user(Votes.participantTelegramId(1)), null);
            start.put("update_id", 1);
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.bot.webhookPort()
                    + "/tg/hook")).header("Content-Type", "application/json")
                    .header(WebhookServer.SECRET_HEADER, SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(start.toString())).build();
            assertEquals(200, HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(1, h.store.checkedIn("v1").size(), "the request was processed");
        }
    }
}
