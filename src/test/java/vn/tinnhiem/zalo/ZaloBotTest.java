package vn.tinnhiem.zalo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.google.gson.JsonObject;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.LogCapture;
import vn.tinnhiem.testing.Votes;

/** The real Zalo adapter over HTTP against {@link FakeZaloApi}. */
class ZaloBotTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String VOTER = "6ede9afa66b88fe6d101";

    private FakeZaloApi api;
    private InMemoryVoteStore store;
    private ChatFlow flow;
    private ZaloBot bot;

    @BeforeEach
    void setUp() {
        api = new FakeZaloApi(Duration.ofMillis(500));
        VoteDefinition vote = Votes.builder("v1").participants(2)
                .participant(new Person("z1", "Lý Thị Zalo", RosterFields.identities(null, null, null, VOTER)))
                .build();
        store = new InMemoryVoteStore();
        flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                List.of(ZaloPlatform.PLATFORM));
    }

    @AfterEach
    void tearDown() {
        if (bot != null) {
            bot.close();
        }
        api.close();
    }

    static ZaloBot.Settings settings(String url, ZaloBot.Webhook webhook) {
        return new ZaloBot.Settings(FakeZaloApi.TOKEN, url, Duration.ofSeconds(1), Duration.ofMillis(200),
                ZaloPacing.fast(), Duration.ofMillis(200), webhook);
    }

    @Test
    void pollingTakesOneUpdatePerCallAndA408IsJustAnEmptyPoll() throws Exception {
        bot = ZaloBot.start(settings(api.url(), null), flow);
        api.await("two empty polls", a -> a.calls("getUpdates").size() >= 3, WAIT);
        api.push(api.text(VOTER, "Lý Thị Zalo", "/start"));
        api.push(api.text("6ede9afa66b88fe6d999", "Người lạ", "xin chào"));
        api.await("the welcome", a -> a.sentTo(VOTER).stream().anyMatch(t -> t.contains("Xin chào Lý Thị Zalo")), WAIT);
        api.await("the stranger's answer", a -> !a.sentTo("6ede9afa66b88fe6d999").isEmpty(), WAIT);
        assertEquals(0, api.pendingUpdates(), "each getUpdates consumed one update");
        assertTrue(store.accountOf("v1", "z1").isPresent(), "checked in by the roster's zaloId");
        assertTrue(api.sentTo("6ede9afa66b88fe6d999").get(0).contains("mã mời"),
                "a stranger on Zalo is asked for an invite code: " + api.sentTo("6ede9afa66b88fe6d999"));
        assertEquals(1, api.calls("deleteWebhook").size(), "polling clears any webhook first");
    }

    @Test
    void webhookRefusesAWrongSecretAndAnswers200OnlyOnceTheUpdateIsHandled() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String secret = "zalo-webhook-secret_42";
        bot = ZaloBot.start(settings(api.url(), new ZaloBot.Webhook("http://127.0.0.1:" + port + "/zalo/hook", port,
                secret, "127.0.0.1")), flow);
        assertEquals(secret, api.webhookSecret(), "setWebhook registered the secret");
        assertEquals(0, api.calls("getUpdates").size(), "no polling in webhook mode");

        JsonObject start = api.text(VOTER, "Lý Thị Zalo", "/start");
        assertEquals(401, api.deliver(start, "wrong-secret"));
        assertEquals(401, api.deliver(start, null));
        assertTrue(store.accountOf("v1", "z1").isEmpty(), "a refused request changes nothing");

        assertEquals(200, api.deliver(start, secret));
        assertTrue(store.accountOf("v1", "z1").isPresent(), "handled before the 200");
        assertTrue(bot.outbox().awaitIdle(WAIT));
        int sent = api.sentTo(VOTER).size();
        assertEquals(1, sent, "the welcome, saying the ballot comes at the opening: " + api.sentTo(VOTER));
        assertEquals(200, api.deliver(start, secret), "the same message delivered again");
        assertTrue(bot.outbox().awaitIdle(WAIT));
        assertEquals(sent, api.sentTo(VOTER).size(), "a message handled already is not handled twice");
    }

    @Test
    void sendingBacksOffOn429And5xxAndThenDelivers() throws Exception {
        api.refuseNext("sendMessage", 2, 429, "Too Many Requests");
        api.refuseNext("sendMessage", 1, 502, "Bad Gateway");
        bot = ZaloBot.start(settings(api.url(), null), flow);
        api.push(api.text(VOTER, "Lý Thị Zalo", "/start"));
        api.await("the welcome after three refusals",
                a -> a.sentTo(VOTER).stream().anyMatch(t -> t.contains("Xin chào")), WAIT);
        List<FakeZaloApi.Call> welcome = api.calls("sendMessage").stream()
                .filter(c -> c.param("text").contains("Xin chào")).toList();
        assertEquals(List.of(true, true, true, false), welcome.stream().map(FakeZaloApi.Call::refused).toList(),
                "429, 429, 502, then sent");
    }

    /**
     * Zalo's 429 is "Quota exceeded" (bot.zaloplatforms.com/docs, error codes), with no
     * retry_after: the message is retried with the doubling back-off and given up once it
     * reaches its cap (not waited out a hundred times), and the organisers learn who was not
     * reached and why. Messages sent are counted for the month, in /status and on /metrics.
     */
    @Test
    void aQuotaExceeded429StopsAtTheBackOffCapAndTheOrganisersLearnWhoWasNotReached() throws Exception {
        String organiser = "6ede9afa66b88fe6d001";
        VoteDefinition vote = Votes.builder("v1").participants(2)
                .participant(new Person("z1", "Lý Thị Zalo", RosterFields.identities(null, null, null, VOTER)))
                .organiser(new Person("org2", "Tổ chức Zalo", RosterFields.identities(null, null, null, organiser)))
                .build();
        try (vn.tinnhiem.ops.Observability ops = new vn.tinnhiem.ops.Observability(java.util.Set.of("v1"),
                () -> store.state("v1"))) {
            flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                    List.of(ZaloPlatform.PLATFORM));
            bot = ZaloBot.start(settings(api.url(), null), flow, new vn.tinnhiem.delivery.ReplyRouter(
                    List.of(ZaloPlatform.PLATFORM), Duration.ZERO), ops, vn.tinnhiem.delivery.Sharing.oneProcess(),
                    ZaloBot.Quota.inMemory(40));
            api.push(api.text(organiser, "Tổ chức Zalo", "/status v1"));
            api.await("the status", a -> a.sentTo(organiser).stream().anyMatch(t -> t.contains("Đã điểm danh:")), WAIT);
            assertTrue(api.sentTo(organiser).get(0).contains("Zalo: 0 tin nhắn đã gửi trong tháng")
                    && api.sentTo(organiser).get(0).contains("(hạn mức 40 tin/tháng)"), api.sentTo(organiser).get(0));

            int backoffs = 0;
            for (long wait = ZaloPacing.fast().backoff().toNanos(); wait <= ZaloPacing.fast().maxBackoff().toNanos();
                    wait <<= 1) {
                backoffs++;
            }
            api.refuseNext("sendMessage", backoffs + 1, 429, "Quota exceeded");
            api.push(api.text(VOTER, "Lý Thị Zalo", "/start"));
            api.await("the organisers told who was not reached", a -> a.sentTo(organiser).stream()
                    .anyMatch(t -> t.contains("hết hạn mức tin nhắn (429 Quota exceeded)")), WAIT);
            String told = api.sentTo(organiser).stream().filter(t -> t.contains("429")).findFirst().orElseThrow();
            assertTrue(told.contains("1 người không nhận được tin của bot: Lý Thị Zalo"), told);
            assertEquals(backoffs + 1, api.calls("sendMessage").stream().filter(FakeZaloApi.Call::refused).count(),
                    "retried while the back-off grew, then given up at its cap");
            assertTrue(api.sentTo(VOTER).isEmpty(), "the welcome was given up");
            assertTrue(bot.outbox().awaitIdle(WAIT));

            api.push(api.text(organiser, "Tổ chức Zalo", "/status v1"));
            api.await("the status again", a -> a.sentTo(organiser).stream().filter(t -> t.contains("Đã điểm danh:"))
                    .count() == 2, WAIT);
            String again = api.sentTo(organiser).stream().filter(t -> t.contains("Đã điểm danh:")).reduce((x, y) -> y)
                    .orElseThrow();
            assertTrue(again.contains("Zalo: 2 tin nhắn đã gửi trong tháng"), "the status and the notice: " + again);
            assertTrue(bot.outbox().awaitIdle(WAIT));
            assertTrue(ops.scrape().contains("tinnhiem_outgoing_month{platform=\"zalo\"} 3.0")
                    && ops.scrape().contains("tinnhiem_outgoing_month_quota{platform=\"zalo\"} 40.0"), ops.scrape());
        }
    }

    @Test
    void telemetryCountsZalosUpdatesRefusalsAndScreens() throws Exception {
        api.refuseNext("sendMessage", 2, 429, "Too Many Requests");
        api.refuseNext("sendMessage", 1, 502, "Bad Gateway");
        try (vn.tinnhiem.ops.Observability ops = new vn.tinnhiem.ops.Observability(java.util.Set.of("v1"),
                () -> store.state("v1"))) {
            flow = new ChatFlow(new VoteRegistry(flow.votes().all()),
                    vn.tinnhiem.ops.ObservedStore.wrap(store, ops::storeError), new Codes(), Clock.systemUTC(),
                    List.of(ZaloPlatform.PLATFORM));
            bot = ZaloBot.start(settings(api.url(), null), flow, new vn.tinnhiem.delivery.ReplyRouter(
                    List.of(ZaloPlatform.PLATFORM), Duration.ZERO), ops);
            api.push(api.text(VOTER, "Lý Thị Zalo", "/start"));
            api.await("the welcome after three refusals",
                    a -> a.sentTo(VOTER).stream().anyMatch(t -> t.contains("Xin chào")), WAIT);
            assertTrue(bot.outbox().awaitIdle(WAIT));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!ops.scrape().contains("tinnhiem_screen_latency_seconds_count{platform=\"zalo\"} 1\n")
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String m = ops.scrape();
            assertTrue(m.contains("tinnhiem_updates_total{kind=\"start\",outcome=\"checked_in\",platform=\"zalo\"} 1.0"),
                    m);
            assertTrue(m.contains("tinnhiem_outgoing_429_total{platform=\"zalo\"} 2.0"), m);
            assertTrue(m.contains("tinnhiem_outgoing_retries_total{cause=\"5xx\",platform=\"zalo\"} 1.0"), m);
            assertTrue(m.contains("tinnhiem_screen_latency_seconds_count{platform=\"zalo\"} 1\n"),
                    "the welcome reached its chat: " + m);
            assertTrue(m.contains("tinnhiem_outbox_queue{platform=\"zalo\"} 0.0"), m);
            assertTrue(ops.health().json().contains("\"zalo\":\"polling\""), ops.health().json());
            assertFalse(m.contains(VOTER), "no user id in the metrics");
        }
    }

    /**
     * What Zalo really sends besides text (bot.zaloplatforms.com/docs, Webhook: image, sticker and
     * message.unsupported.received, "sent instead of the content" for some accounts): a sender
     * is asked to type text; a withheld message with no sender is counted on /metrics and in
     * /status, as nobody can be answered.
     */
    @Test
    void stickersImagesAndWithheldMessagesGetTypeTextOrACount() throws Exception {
        String organiser = "6ede9afa66b88fe6d001";
        VoteDefinition vote = Votes.builder("v1").participants(2)
                .participant(new Person("z1", "Lý Thị Zalo", RosterFields.identities(null, null, null, VOTER)))
                .organiser(new Person("org2", "Tổ chức Zalo", RosterFields.identities(null, null, null, organiser)))
                .build();
        try (vn.tinnhiem.ops.Observability ops = new vn.tinnhiem.ops.Observability(java.util.Set.of("v1"),
                () -> store.state("v1"))) {
            flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                    List.of(ZaloPlatform.PLATFORM));
            bot = ZaloBot.start(settings(api.url(), null), flow, new vn.tinnhiem.delivery.ReplyRouter(
                    List.of(ZaloPlatform.PLATFORM), Duration.ZERO), ops);
            for (String event : List.of("message.sticker.received", "message.image.received",
                    "message.unsupported.received")) {
                int before = api.sentTo(VOTER).size();
                api.push(api.message(event, VOTER, "Lý Thị Zalo", "PRIVATE", null));
                api.await("the answer to " + event, a -> a.sentTo(VOTER).size() > before, WAIT);
                assertTrue(api.sentTo(VOTER).get(before).contains("Bot chỉ đọc được chữ"), api.sentTo(VOTER).toString());
            }
            com.google.gson.JsonObject withheld = new com.google.gson.JsonObject();
            withheld.addProperty("event_name", "message.unsupported.received");
            api.push(withheld);
            api.push(withheld.deepCopy());
            api.push(api.text(organiser, "Tổ chức Zalo", "/status v1"));
            api.await("the status", a -> a.sentTo(organiser).stream().anyMatch(t -> t.contains("Người ghi phiếu")
                    || t.contains("Đã điểm danh:") || t.contains("v1")), WAIT);
            String status = String.join("\n", api.sentTo(organiser));
            assertTrue(status.contains("Zalo: 2 tin nhắn bot không nhận được nội dung"), status);
            assertTrue(ops.scrape().contains("tinnhiem_incoming_not_text_total{platform=\"zalo\"} 2.0"), ops.scrape());
        }
    }

    @Test
    void aWebhookMustBeHttpsExceptToThisMachine() {
        for (String url : List.of("http://bot.example.org/zalo/hook", "ftp://bot.example.org/hook")) {
            ZaloBot.StartupException e = assertThrows(ZaloBot.StartupException.class, () -> ZaloBot.start(
                    settings(api.url(), new ZaloBot.Webhook(url, 0, "zalo-webhook-secret_42", "127.0.0.1")), flow));
            assertTrue(e.getMessage().contains("must be an https:// URL"), e.getMessage());
        }
        assertEquals(0, api.calls("setWebhook").size(), "nothing registered");
    }

    @Test
    void aMessageOverTheLimitIsSentInPartsUnder2000Characters() {
        String line = "x".repeat(99) + "\n";
        List<ZaloOutbox.Job> parts = ZaloOutbox.render(new Reply.Send("zl:" + VOTER, line.repeat(50), Keyboard.NONE));
        assertEquals(3, parts.size());
        StringBuilder joined = new StringBuilder();
        for (ZaloOutbox.Job j : parts) {
            String text = j.body().get("text").getAsString();
            assertTrue(text.length() <= ZaloPlatform.MAX_TEXT && text.length() < 2000, "part of " + text.length());
            assertEquals(VOTER, j.body().get("chat_id").getAsString());
            joined.append(text).append('\n');
        }
        assertEquals(line.repeat(50).strip(), joined.toString().strip());
        assertThrows(IllegalArgumentException.class,
                () -> ZaloOutbox.render(new Reply.Send("tg:1", "x", Keyboard.NONE)), "another platform's chat");
    }

    @Test
    void theTokenIsInNoErrorAndNoLogLine() throws Exception {
        try (LogCapture logs = LogCapture.start(Level.DEBUG)) {
            ZaloBot.StartupException refused = assertThrows(ZaloBot.StartupException.class, () -> ZaloBot.start(
                    new ZaloBot.Settings(FakeZaloApi.TOKEN + "x", api.url(), Duration.ofSeconds(1),
                            Duration.ofMillis(200), ZaloPacing.fast(), Duration.ofMillis(200), null), flow));
            assertTrue(refused.getMessage().contains("Zalo rejected ZALO_BOT_TOKEN ([401] Unauthorized)"),
                    refused.getMessage());
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            ZaloBot.StartupException unreachable = assertThrows(ZaloBot.StartupException.class,
                    () -> ZaloBot.start(settings("http://127.0.0.1:" + closed, null), flow));
            assertTrue(unreachable.getMessage().startsWith("Cannot reach the Zalo Bot API"), unreachable.getMessage());

            api.refuseNext("sendMessage", 10, 500, "Internal error for /bot" + FakeZaloApi.TOKEN + "/sendMessage");
            bot = ZaloBot.start(settings(api.url(), null), flow);
            api.push(api.text(VOTER, "Lý Thị Zalo", "/start"));
            api.await("the retries", a -> a.calls("sendMessage").size() >= 5, WAIT);
            bot.outbox().awaitIdle(WAIT);
            for (String text : List.of(refused.getMessage(), unreachable.getMessage(), logs.text())) {
                assertFalse(text.contains(FakeZaloApi.TOKEN.substring(11)), "token in: " + text);
            }
            assertTrue(logs.text().contains("Zalo did not take a message"), "the failure was logged: " + logs.text());
            // Issue 18, item 4: nor the chat (the person's account) the message was for.
            assertFalse(logs.text().contains(VOTER), "chat id in the log: " + logs.text());
        }
    }
}
