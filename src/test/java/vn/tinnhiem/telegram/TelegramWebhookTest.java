package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Votes;

class TelegramWebhookTest {
    private static final String SECRET = "s3cret_Token-42";
    private static final long P1 = Votes.participantTelegramId(1);

    private static int post(BotHarness h, ObjectNode update, String secret) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.bot.webhookPort() + "/tg/hook"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(update.toString()));
        if (secret != null) {
            req.header(WebhookServer.SECRET_HEADER, secret);
        }
        return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void webhookProcessesOnlyRequestsWithTheSecret() throws Exception {
        TelegramBot.Webhook webhook = new TelegramBot.Webhook("https://bot.example.org/tg/hook", 0, SECRET);
        try (BotHarness h = new BotHarness(Votes.reference("v1", 1), new InMemoryVoteStore(),
                new UpdateOffsets.InMemory(), webhook)) {
            FakeBotApi.Call set = h.api.calls("setwebhook").get(0);
            assertEquals("https://bot.example.org/tg/hook", set.param("url"));
            assertEquals(SECRET, set.param("secret_token"));
            assertTrue(h.api.calls("getupdates").isEmpty(), "no polling in webhook mode");

            ObjectNode start = Updates.start(Updates.user(P1), null);
            start.put("update_id", 1);
            assertEquals(401, post(h, start, null));
            assertEquals(401, post(h, start, "wrong"));
            assertEquals(401, post(h, start, SECRET + "x"));
            assertTrue(h.store.checkedIn("v1").isEmpty(), "nothing processed");

            assertEquals(200, post(h, start, SECRET));
            assertEquals(1, h.store.checkedIn("v1").size());
            // One /start processed says one thing (welcome, your ballot comes later); the three
            // refused requests must add nothing to that.
            h.awaitText(P1, "Phiếu sẽ được gửi tới đồng chí");
            assertEquals(1, h.api.sentTo(P1).size(), "the refused requests said something: " + h.api.sentTo(P1));
        }
    }

    private static boolean connects(String address, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(address, port), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void webhookListensOnLoopbackOnlyUnlessToldAnotherAddress() throws Exception {
        // 127.0.0.2 is this machine too, but not the address 127.0.0.1 the webhook listens on.
        TelegramBot.Webhook loopback = new TelegramBot.Webhook("https://bot.example.org/tg/hook", 0, SECRET);
        assertEquals(TelegramBot.Webhook.LOOPBACK, loopback.bind());
        try (BotHarness h = new BotHarness(Votes.reference("v1", 1), new InMemoryVoteStore(),
                new UpdateOffsets.InMemory(), loopback)) {
            assertTrue(connects("127.0.0.1", h.bot.webhookPort()));
            assertFalse(connects("127.0.0.2", h.bot.webhookPort()), "the webhook listens beyond 127.0.0.1");
        }
        TelegramBot.Webhook everywhere = new TelegramBot.Webhook("https://bot.example.org/tg/hook", 0, SECRET,
                "0.0.0.0");
        try (BotHarness h = new BotHarness(Votes.reference("v1", 1), new InMemoryVoteStore(),
                new UpdateOffsets.InMemory(), everywhere)) {
            assertTrue(connects("127.0.0.2", h.bot.webhookPort()), "the check can fail: 0.0.0.0 is reachable there");
        }
    }
}
