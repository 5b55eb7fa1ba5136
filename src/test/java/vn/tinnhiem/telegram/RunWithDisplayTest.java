package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.testing.RedisServer;

/** {@code run --display-port 0}: the running bot serves the hall display and prints its address with the token. */
class RunWithDisplayTest {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/hall/([A-Za-z0-9_-]{43})/(\\S+)");

    @TempDir
    Path dir;

    @Test
    void theBotPrintsTheDisplayAddressAndServesItFromTheSameStore() throws Exception {
        Path log = dir.resolve("bot.log");
        try (FakeBotApi api = new FakeBotApi(); RedisServer redis = RedisServer.start();
                BotProcess bot = BotProcess.start(api.url(), redis.url(), Path.of("config/example-vote.json"), null,
                        true, log, List.of("--display-port", "0"))) {
            Matcher url = bot.awaitPrinted(URL);
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> view = http.send(HttpRequest.newBuilder(URI.create(url.group() + "/view.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + url.group(1)
                    + "/hall/" + "A".repeat(43) + "/" + url.group(3))).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, view.statusCode(), view.body());
            JsonObject v = JsonParser.parseString(view.body()).getAsJsonObject();
            assertEquals("draft", v.get("state").getAsString());
            assertEquals(14, v.get("summoned").getAsInt());
            assertEquals("cthads-halam-2026", url.group(3));
            assertEquals(404, wrong.statusCode());
            long mentions = Files.readAllLines(log).stream().filter(l -> l.contains(url.group(2))).count();
            assertEquals(1, mentions, "the token is printed once, in the address, and never logged");
        }
    }
}
