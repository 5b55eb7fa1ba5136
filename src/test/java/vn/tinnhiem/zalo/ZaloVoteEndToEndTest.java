package vn.tinnhiem.zalo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.delivery.ReplyRouter;
import vn.tinnhiem.delivery.Sharing;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * A whole vote on Zalo alone, through the real adapter against the fake Zalo Bot API, with
 * real-form user ids (20 hexadecimal characters): the seed's 3 leaders and 14 people, and a
 * council's 44 leaders, by long polling and by webhook. The organiser is on Zalo too. Results
 * are exact; the bot's messages per summoned participant are counted as Zalo received them.
 */
class ZaloVoteEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ORGANISER = "c0ffee00c0ffee00c0ff";
    private static final String SECRET = "zalo-webhook-secret_17";

    private static String zaloId(int i) {
        return String.format(Locale.ROOT, "6ede9afa66b88fe6%04x", i);
    }

    @ParameterizedTest(name = "{0} leaders, {1} people, webhook={2}")
    @CsvSource({"3, 14, false", "3, 14, true", "44, 24, false", "44, 24, true"})
    void aVoteRunsOnZaloAloneWithRealFormIdsAndTheResultsAreExact(int leaders, int people, boolean webhook)
            throws Exception {
        Votes.Builder b = Votes.builder("zl").announceToParticipants(false)
                .organiser(new Person("org2", "Tổ chức Zalo", RosterFields.identities(null, null, null, ORGANISER)));
        if (leaders != 3) {
            b.leaders(ZaloMessageBudgetTest.leaders(leaders).toArray(Leader[]::new));
        }
        for (int i = 1; i <= people; i++) {
            b.participant(new Person(String.format("z%02d", i), "Người " + i,
                    RosterFields.identities(null, null, null, zaloId(i))));
        }
        VoteDefinition vote = b.build();
        RedisServer redis = RedisServer.shared();
        redis.flushAll();
        try (VoteStore store = RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1));
                FakeZaloApi zl = new FakeZaloApi(Duration.ofMillis(300))) {
            ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                    List.of(ZaloPlatform.PLATFORM));
            ZaloBot.Webhook hook = null;
            if (webhook) {
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                hook = new ZaloBot.Webhook("http://127.0.0.1:" + port + "/zalo/hook", port, SECRET, "127.0.0.1");
            }
            try (ZaloBot bot = ZaloBot.start(ZaloBotTest.settings(zl.url(), hook), flow,
                    new ReplyRouter(List.of(ZaloPlatform.PLATFORM), Duration.ZERO), vn.tinnhiem.ops.Telemetry.NONE,
                    Sharing.oneProcess())) {
                Chat chat = new Chat(zl, webhook);
                chat.say(ORGANISER, "/status", "Đã điểm danh:");
                for (int i = 1; i <= people; i++) {
                    chat.say(zaloId(i), "/start", "đã điểm danh");
                }
                chat.say(ORGANISER, "/open", "Đã bắt đầu bỏ phiếu");
                int[][] expected = new int[leaders][4];
                for (int i = 1; i <= people; i++) {
                    String id = zaloId(i);
                    zl.await("the ballot for " + id, a -> a.sentTo(id).stream().anyMatch(t -> t.contains("Mức: 1 –")),
                            WAIT);
                    if (i == people / 2 + 1) {
                        chat.say(ORGANISER, "/remind", "");
                    }
                    List<String> digits = new ArrayList<>();
                    for (int k = 0; k < leaders; k++) {
                        int level = (i * 5 + k * 7) % 4;
                        expected[k][level]++;
                        digits.add(Integer.toString(level + 1));
                    }
                    // Half with spaces, half without: both are one digit per leader.
                    chat.say(id, String.join(i % 2 == 0 ? " " : "", digits), "Xem lại phiếu");
                    chat.say(id, "gửi", "Mã biên nhận");
                }
                chat.say(ORGANISER, "/close", "KẾT QUẢ");
                List<LeaderCounts> counts = store.tally("zl", vote.leaders().stream().map(Leader::id).toList()).counts();
                for (int k = 0; k < leaders; k++) {
                    assertEquals(new LeaderCounts(expected[k][0], expected[k][1], expected[k][2], expected[k][3]),
                            counts.get(k), "leader " + (k + 1));
                }
                assertTrue(bot.outbox().awaitIdle(WAIT));
                int sent = 0;
                for (int i = 1; i <= people; i++) {
                    for (String t : zl.sentTo(zaloId(i))) {
                        assertTrue(t.length() <= 2000, "over Zalo's limit");
                        sent++;
                    }
                }
                double per = (double) sent / people;
                System.out.printf(Locale.ROOT, "Zalo end to end, %d leaders, %d people, %s: %.2f messages a participant%n",
                        leaders, people, webhook ? "webhook" : "long polling", per);
                assertTrue(per <= 6, per + " messages a participant");
            }
        }
    }

    /** A Zalo user typing: pushed for getUpdates, or POSTed to the webhook as Zalo would. */
    private record Chat(FakeZaloApi zl, boolean webhook) {
        void say(String id, String text, String expect) throws Exception {
            int before = zl.sentTo(id).size();
            JsonObject update = zl.text(id, "Người dùng Zalo", text);
            if (webhook) {
                assertEquals(200, zl.deliver(update, SECRET));
            } else {
                zl.push(update);
            }
            zl.await("\"" + expect + "\" after \"" + text + "\" in " + id, a -> a.sentTo(id).stream().skip(before)
                    .anyMatch(s -> s.contains(expect)), WAIT);
        }
    }
}
