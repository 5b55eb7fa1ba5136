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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.testing.RedisServer;

/** {@code run --display-port 0}: the running bot serves the hall display; its address (with the token) goes to the operator only. */
class RunWithDisplayTest {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/hall/([A-Za-z0-9_-]{43})/(\\S+)");

    @TempDir
    Path dir;

    /**
     * Issue 18, item 4: a service's standard output is a log (systemd's journal, Docker's logs),
     * so the address, which holds the token, goes to a file only the operator reads.
     */
    @Test
    void theBotWritesTheDisplayAddressToAPrivateFileAndServesItFromTheSameStore() throws Exception {
        Path log = dir.resolve("bot.log");
        Path urlFile = dir.resolve("hall/address.txt");
        try (FakeBotApi api = new FakeBotApi(); RedisServer redis = RedisServer.start();
                BotProcess bot = BotProcess.start(api.url(), redis.url(), Path.of("config/example-vote.json"), null,
                        true, log, List.of("--display-port", "0", "--display-url-file", urlFile.toString()))) {
            bot.awaitPrinted(Pattern.compile("Hall display running; its address .* is in "));
            Matcher url = URL.matcher(Files.readString(urlFile));
            assertTrue(url.find(), Files.readString(urlFile));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(urlFile)));
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
            assertEquals(0, mentions, "the token is neither printed to the service's output nor logged");
        }
    }

    @Test
    void withoutAFileAndWithoutATerminalTheAddressIsNotPrinted() throws Exception {
        Path log = dir.resolve("bot.log");
        try (FakeBotApi api = new FakeBotApi(); RedisServer redis = RedisServer.start();
                BotProcess bot = BotProcess.start(api.url(), redis.url(), Path.of("config/example-vote.json"), null,
                        true, log, List.of("--display-port", "0"))) {
            bot.awaitPrinted(Pattern.compile("it is not printed where a log keeps it"));
            assertFalse(Files.readString(log).contains("/hall/"), Files.readString(log));
        }
    }
}
