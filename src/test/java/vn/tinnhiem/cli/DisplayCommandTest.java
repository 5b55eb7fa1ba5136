package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.testing.RedisServer;

/** {@code display}: the hall display from the Redis store the bot uses, on a port of its own. */
class DisplayCommandTest {
    private static final String EXAMPLE = "config/example-vote.json";
    private final Console console = new Console();

    @Test
    void servesTheDisplayFromRedisAndPrintsItsAddress() throws Exception {
        AtomicReference<String> body = new AtomicReference<>();
        try (RedisServer redis = RedisServer.start()) {
            redis.jedis(); // started
            DisplayCommand command = new DisplayCommand(Map.of("REDIS_URL", redis.url()), server -> {
                try {
                    String url = server.urls().get(0);
                    body.set(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/view.json"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            assertEquals(Command.OK, console.run(command, "--config", EXAMPLE, "--port", "0"), console.err());
        }
        assertTrue(console.out().matches("(?s).*\\n  http://127\\.0\\.0\\.1:\\d+/hall/[A-Za-z0-9_-]{43}/cthads-halam-2026\\n.*"),
                console.out());
        assertEquals(14, JsonParser.parseString(body.get()).getAsJsonObject().get("summoned").getAsInt());
    }

    @Test
    void withoutRedisUrlItSaysSoAndServesNothing() {
        assertEquals(Command.FAILED, console.run(new DisplayCommand(Map.of(), s -> {
            throw new AssertionError("must not start");
        }), "--config", EXAMPLE));
        assertTrue(console.err().startsWith("display: REDIS_URL is not set"), console.err());
    }

    @Test
    void aTakenPortIsOneLineAndWrongUsageIsExplained() throws Exception {
        try (RedisServer redis = RedisServer.start(); ServerSocket taken = new ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            DisplayCommand command = new DisplayCommand(Map.of("REDIS_URL", redis.url()), s -> {
                throw new AssertionError("must not start");
            });
            assertEquals(Command.FAILED, console.run(command, "--config", EXAMPLE, "--port",
                    Integer.toString(taken.getLocalPort())));
            assertTrue(console.err().contains("display: hall display: cannot listen on 127.0.0.1:"), console.err());
        }
        assertEquals(Command.USAGE, console.run("display", "--port", "1"));
        assertEquals(Command.USAGE, console.run("run", "--config", EXAMPLE, "--display-port", "x"));
        assertTrue(console.run("help") == Command.OK && console.out().contains("display --config PATH"));
    }
}
