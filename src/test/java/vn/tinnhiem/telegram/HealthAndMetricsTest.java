package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.BallotView;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.ops.Observability;
import vn.tinnhiem.ops.ObservedStore;
import vn.tinnhiem.ops.OpsServer;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.store.StoreOutages;
import vn.tinnhiem.testing.LogCapture;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * {@code /metrics} and {@code /health} over HTTP, with the real Telegram client against the fake
 * Bot API and a real redis-server: the counters say what happened in a short vote (presses,
 * submits, a 429 and a 502 the fake answered, answers and screens timed), {@code /health} turns
 * 503 naming Redis while redis-server is down and 200 again once it is back, and every update
 * is logged once, without a person, a chat, callback data or a choice.
 */
class HealthAndMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Messages VI = Messages.of(Messages.VIETNAMESE).addressing("đồng chí"); // QĐ 96 votes say "đồng chí"
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private RedisServer redis;
    private VoteStore store;
    private Observability ops;
    private OpsServer server;
    private BotHarness h;

    @BeforeEach
    void setUp() throws Exception {
        redis = RedisServer.startAppendOnly(dir);
        store = StoreOutages.translated(RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1)));
        ops = new Observability(Set.of("v1"), () -> store.state("v1"));
        h = new BotHarness(Votes.reference("v1", 3), ObservedStore.wrap(store, ops::storeError), ops, null);
        server = new OpsServer(ops, "127.0.0.1", 0);
    }

    @AfterEach
    void tearDown() {
        server.close();
        h.close();
        ops.close();
        store.close();
        redis.close();
    }

    private static String label(Choice c) {
        return BallotView.choiceLabel(c, VI);
    }

    @Test
    void metricsCountTheVoteAsItHappened() throws Exception {
        List<String> logLines;
        int presses = 13; // 11, and the two «Xác nhận gửi phiếu»
        try (LogCapture logs = LogCapture.start()) {
            Updates.TgUser organiser = Updates.user(Votes.ORGANISER_ID);
            Updates.TgUser first = Updates.user(Votes.participantTelegramId(1));
            Updates.TgUser second = Updates.user(Votes.participantTelegramId(2));
            h.say(Updates.start(first, null), first.id());
            h.say(Updates.start(second, null), second.id());
            h.say(Updates.command(organiser, "open"), organiser.id());
            h.awaitText(first.id(), "1/3");
            h.awaitText(second.id(), "1/3");

            // The first voter: one edit answered 429 (retry_after 1 s), one 502; both are retried.
            h.api.refuseNext("editMessageText", 1, 429, "Too Many Requests: retry after 1", 1);
            h.press(first, label(Choice.HIGH), true);
            h.api.refuseNext("editMessageText", 1, 502, "Bad Gateway", null);
            h.press(first, label(Choice.MEDIUM), true);
            h.press(first, label(Choice.LOW), true);
            h.press(first, VI.get("ballot.button.submit"), true);
            h.press(first, VI.get("ballot.button.confirm"), true);
            // The second: back once, then through, and a second Submit that counts nothing.
            h.press(second, label(Choice.LOW), true);
            h.press(second, VI.get("ballot.button.back"), true);
            h.press(second, label(Choice.HIGH), true);
            h.press(second, label(Choice.BLANK), true);
            h.press(second, label(Choice.HIGH), true);
            h.press(second, VI.get("ballot.button.submit"), true);
            FakeBotApi.Shown confirmation = h.api.latestWithButtons(second.id());
            h.press(second, VI.get("ballot.button.confirm"), true);
            h.pressData(second, h.api.message(second.id(), confirmation.messageId()),
                    vn.tinnhiem.core.chat.CallbackData.submit("v1"), false);

            assertEquals(2, store.voters("v1").size());
            String telegram = "{platform=\"telegram\"}";
            awaitMetric("tinnhiem_presses_total" + telegram, presses);
            awaitMetric("tinnhiem_submits_total" + telegram, 2);
            awaitMetric("tinnhiem_outgoing_429_total" + telegram, 1);
            awaitMetric("tinnhiem_outgoing_retries_total{cause=\"5xx\",platform=\"telegram\"}", 1);
            // Every press was answered, once each.
            awaitMetric("tinnhiem_answer_latency_seconds_count" + telegram, presses);
            String m = scrape();
            assertEquals(10, value(m, updates("press", "accepted")), m); // and the two «Gửi phiếu»
            assertEquals(2, value(m, updates("press", "submitted")), m);
            assertEquals(1, value(m, updates("press", "already_voted")), m);
            assertEquals(2, value(m, updates("start", "checked_in")), m);
            assertEquals(1, value(m, updates("command", "done")), m);
            // Every update that changed the sender's own screen had it sent: the starts and the
            // /open show their messages, the ten moves (two of them «Gửi phiếu») and two submits
            // their edits, the repeated Submit shows the receipt again.
            awaitMetric("tinnhiem_screen_latency_seconds_count" + telegram, 16);
            assertEquals(0, value(m, "tinnhiem_store_errors_total"), m);
            assertEquals(0, value(m, "tinnhiem_outbox_queue" + telegram), m);
            assertTrue(m.contains("jvm_memory_used_bytes"), "JVM metrics");
            for (long id : List.of(Votes.ORGANISER_ID, first.id(), second.id())) {
                assertFalse(m.contains(Long.toString(id)), "a user id in the metrics");
            }
            assertFalse(m.contains("tg:") || m.contains("r:v1"), m);
            logLines = logs.lines().stream().filter(l -> l.contains(" " + Observability.UPDATE_LOGGER + " ")).toList();
        }
        // One line per update, each field from a fixed vocabulary: nothing that names a person,
        // a chat, a button's data or a choice can be in it.
        assertEquals(3 + presses, logLines.size(), String.join("\n", logLines));
        Pattern line = Pattern.compile("INFO tinnhiem\\.update \\[[^]]+] platform=telegram vote=(v1|-) "
                + "kind=(press|text|command|start|contact) action=(rate|back|change|finish|submit|pick|force_open|force_close|invalid|-) "
                + "outcome=[a-z_]+ ms=\\d+\\.\\d");
        for (String l : logLines) {
            assertTrue(line.matcher(l).matches(), l);
        }
        assertTrue(logLines.stream().anyMatch(l -> l.contains("kind=press action=submit outcome=submitted")),
                String.join("\n", logLines));
        assertTrue(logLines.stream().anyMatch(l -> l.contains("kind=command action=- outcome=done")),
                String.join("\n", logLines));
    }

    @Test
    void healthIs503NamingRedisWhileItIsDownAnd200AgainAfterARestart() throws Exception {
        HttpResponse<String> up = get("/health");
        assertEquals(200, up.statusCode(), up.body());
        JsonObject body = JsonParser.parseString(up.body()).getAsJsonObject();
        assertEquals("up", body.get("status").getAsString());
        assertEquals("up", body.getAsJsonObject("checks").get("redis").getAsString());
        assertEquals("polling", body.getAsJsonObject("checks").get("telegram").getAsString());

        redis.kill();
        HttpResponse<String> down = get("/health");
        assertEquals(503, down.statusCode(), down.body());
        body = JsonParser.parseString(down.body()).getAsJsonObject();
        assertEquals("down", body.get("status").getAsString());
        assertEquals("[\"redis\"]", body.get("failing").toString());
        assertTrue(body.getAsJsonObject("checks").get("redis").getAsString().startsWith("unreachable"), down.body());
        assertEquals("polling", body.getAsJsonObject("checks").get("telegram").getAsString(), "Telegram still polls");
        assertFalse(down.body().contains(FakeBotApi.TOKEN) || down.body().contains(Integer.toString(redis.port())),
                "no secret and no address in the health report: " + down.body());
        // A press meanwhile is told to try again, and counted as a store error.
        Updates.TgUser voter = Updates.user(Votes.participantTelegramId(1));
        h.say(Updates.start(voter, null), voter.id());
        awaitMetric("tinnhiem_updates_total{kind=\"start\",outcome=\"store_unavailable\",platform=\"telegram\"}", 1);
        assertTrue(value(scrape(), "tinnhiem_store_errors_total") >= 1);

        redis.startAgain();
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> again = get("/health");
        while (again.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            again = get("/health");
        }
        assertEquals(200, again.statusCode(), again.body());
    }

    @Test
    void theWebhookServerServesHealthAndMetricsAndStillGuardsItsPath() throws Exception {
        TelegramBot.Webhook webhook = new TelegramBot.Webhook("https://bot.example.org/tg/hook", 0, "s3cret_hook");
        try (BotHarness hooked = new BotHarness(Votes.reference("v1", 3), ObservedStore.wrap(store, ops::storeError),
                ops, webhook)) {
            String base = "http://127.0.0.1:" + hooked.bot.webhookPort();
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("webhook", JsonParser.parseString(health.body()).getAsJsonObject().getAsJsonObject("checks")
                    .get("telegram").getAsString());
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(metrics.body().contains("# TYPE tinnhiem_store_errors_total counter"), metrics.body());
            HttpResponse<String> hook = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/tg/hook"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, hook.statusCode(), "the hook still wants the secret");
            hooked.bot.close();
            // The bot's webhook server is gone; the ops port reports it.
            HttpResponse<String> after = get("/health");
            assertEquals(503, after.statusCode(), after.body());
            assertTrue(after.body().contains("\"telegram\":\"stopped\""), after.body());
        }
    }

    // ---- helpers ----

    private static String updates(String kind, String outcome) {
        return "tinnhiem_updates_total{kind=\"" + kind + "\",outcome=\"" + outcome + "\",platform=\"telegram\"}";
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /** The value of the sample named exactly {@code series} (name and labels), 0 if absent. */
    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        List<Double> found = new ArrayList<>();
        while (m.find()) {
            found.add(Double.parseDouble(m.group(1)));
        }
        assertTrue(found.size() <= 1, series + " twice");
        return found.isEmpty() ? 0 : found.get(0);
    }

    /**
     * Waits until the scraped {@code series} equals {@code expected}: an update's counters are
     * recorded once its replies are queued, which may be just after the fake saw them.
     */
    private void awaitMetric(String series, double expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String m = scrape();
        while (value(m, series) != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            m = scrape();
        }
        assertEquals(expected, value(m, series), series + " in\n" + m);
    }
}
