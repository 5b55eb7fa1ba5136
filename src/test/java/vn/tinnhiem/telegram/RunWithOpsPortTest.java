package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.testing.RedisServer;

/**
 * {@code run --ops-port 0} in long-polling mode, as its own JVM: it prints where /health and
 * /metrics are, /health says Redis is up and Telegram polling, and /metrics counts an update
 * with the outcome the store reported for it (so the flow's store is the observed one).
 */
class RunWithOpsPortTest {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/health and /metrics");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theBotServesHealthAndMetricsOnItsOpsPort() throws Exception {
        Path log = dir.resolve("bot.log");
        try (FakeBotApi api = new FakeBotApi(); RedisServer redis = RedisServer.start();
                BotProcess bot = BotProcess.start(api.url(), redis.url(), Path.of("config/example-vote.json"), null,
                        true, log, List.of("--ops-port", "0"))) {
            String base = "http://127.0.0.1:" + bot.awaitPrinted(URL).group(1);
            HttpResponse<String> health = get(base + "/health");
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("{\"status\":\"up\",\"checks\":{\"redis\":\"up\",\"telegram\":\"polling\"}}", health.body());

            long id = 100000002L; // p02 in the example vote
            api.push(Updates.start(Updates.user(id), null));
            api.await("the welcome", a -> !a.sentTo(id).isEmpty(), BotHarness.WAIT);
            String series = "tinnhiem_updates_total{kind=\"start\",outcome=\"checked_in\",platform=\"telegram\"} 1.0";
            long deadline = System.nanoTime() + BotHarness.WAIT.toNanos();
            String metrics = get(base + "/metrics").body();
            while (!metrics.contains(series) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                metrics = get(base + "/metrics").body();
            }
            assertTrue(metrics.contains(series), metrics);
            assertFalse(metrics.contains(Long.toString(id)), "no user id in the metrics");
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
