package vn.tinnhiem.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.StoreUnavailableException;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.store.RedisUrl;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.store.StoreOutages;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.LogCapture;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * Secrets never reach logs, exception messages or messages (issue 5, item 7), for the parts
 * the store owns: the password inside {@code REDIS_URL}. The password is token-shaped, so the
 * same value also stands for a bot token pasted into the wrong variable.
 */
class SecretsDoNotLeakTest {
    private static final String SECRET = "123456789:AAH-fake_token_shaped_value_0123456789";
    /** Parts of the secret that would still give it away if it were cut or re-encoded. */
    private static final List<String> TRACES = List.of(SECRET, "AAH-fake_token_shaped_value",
            "fake_token_shaped", "AAH%2Dfake", "QUFILWZha2Vf"); // the last is base64 of "AAH-fake_"

    @Test
    void unreachableRedisWithAPasswordNeverShowsIt() throws Exception {
        String url = "redis://:" + SECRET + "@127.0.0.1:" + closedPort() + "/0";
        try (LogCapture logs = LogCapture.start()) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> StoreOutages.translated(RedisVoteStore.fromUrl(url, Duration.ofHours(1))));
            assertNoSecret("exception", everything(e));
            assertNoSecret("RedisUrl.toString", RedisUrl.parse(url).toString());
            assertTrue(RedisUrl.parse(url).toString().contains("***"));
            assertNoSecret("logs", logs.text());
        }
    }

    @Test
    void wrongPasswordAndALaterOutageNeverShowIt() throws Exception {
        try (RedisServer redis = RedisServer.start(); LogCapture logs = LogCapture.start()) {
            redis.jedis().configSet("requirepass", SECRET);
            String good = "redis://:" + SECRET + "@127.0.0.1:" + redis.port() + "/0";
            String wrong = "redis://default:" + SECRET.replace('A', 'B') + "@127.0.0.1:" + redis.port() + "/0";

            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> RedisVoteStore.fromUrl(wrong, Duration.ofHours(1)));
            assertNoSecret("wrong password", everything(refused));
            assertFalse(everything(refused).contains(SECRET.replace('A', 'B')), everything(refused));

            VoteStore store = StoreOutages.translated(RedisVoteStore.fromUrl(good, Duration.ofHours(1)));
            try {
                FlowDriver bot = new FlowDriver(Votes.reference("secrets", 2), store);
                bot.start(FlowDriver.participant(1, "en"));
                bot.command(FlowDriver.ORGANISER, "open");
                redis.kill();
                ChatFlow.Unavailable down = assertThrows(ChatFlow.Unavailable.class,
                        () -> bot.press(FlowDriver.participant(1, "en"), bot.rate(0, Choice.HIGH)));
                assertTrue(down.getCause() instanceof StoreUnavailableException);
                assertNoSecret("outage", everything(down));
                for (Reply r : bot.sent()) {
                    assertNoSecret("reply", SecrecyScanner.text(r) + " " + r);
                }
            } finally {
                store.close();
            }
            assertNoSecret("logs", logs.text());
        }
    }

    @Test
    void theCheckCatchesAPlantedLeak() {
        try (LogCapture logs = LogCapture.start()) {
            org.slf4j.LoggerFactory.getLogger("planted").warn("cannot reach redis://:{}@host", SECRET);
            assertThrows(org.opentest4j.AssertionFailedError.class, () -> assertNoSecret("logs", logs.text()));
        }
        assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> assertNoSecret("exception", everything(new IllegalStateException("bad URL " + SECRET))));
    }

    /** Message, class, cause chain, suppressed exceptions and stack trace, as a log would print them. */
    private static String everything(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out + "\n" + t;
    }

    private static void assertNoSecret(String where, String text) {
        for (String trace : TRACES) {
            assertFalse(text.contains(trace), where + " shows the secret: " + text);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
