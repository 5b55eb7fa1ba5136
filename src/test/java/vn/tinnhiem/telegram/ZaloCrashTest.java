package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.CrashPoints;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;
import vn.tinnhiem.zalo.FakeZaloApi;

/**
 * Zalo's getUpdates has no offset: what it returns is consumed. A {@code kill -9} between
 * receiving an update and handling it loses that message (SECURITY.md says so); nothing is
 * counted from it, and the voter's next message recovers: the bot answers with the screen
 * their ballot is on, and the vote goes on to one counted ballot.
 */
class ZaloCrashTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String VOTER = "6ede9afa66b88fe6d101";

    @TempDir
    Path dir;

    @Test
    void killedAfterGetUpdatesConsumedAMessageTheVotersNextMessageRecovers() throws Exception {
        Path config = dir.resolve("vote.json");
        ObjectNode v = FakeBotApi.JSON.createObjectNode().put("id", "zl-crash").put("title", "Lấy phiếu (Zalo)")
                .put("unit", "Cục THADS tỉnh Thử nghiệm").put("rulebook", "qd96-2023");
        var leaders = v.putArray("leaders");
        leaders.addObject().put("id", "director").put("fullName", "Nguyễn Văn An").put("position", "Cục trưởng");
        leaders.addObject().put("id", "deputy1").put("fullName", "Trần Thị Bình").put("position", "Phó Cục trưởng");
        v.putArray("roster").addObject().put("id", "p01").put("name", "Lý Thị Zalo").put("zaloId", VOTER);
        v.putArray("organisers").addObject().put("id", "org1").put("name", "Ban tổ chức")
                .put("telegramId", Votes.ORGANISER_ID);
        Files.writeString(config, v.toPrettyString());
        Path log = dir.resolve("bot.log");
        RedisServer redis = RedisServer.shared();
        redis.flushAll();
        try (FakeBotApi tg = new FakeBotApi(); FakeZaloApi zl = new FakeZaloApi(Duration.ofMillis(500));
                VoteStore store = RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1))) {
            Map<String, String> zaloEnv = Map.of("ZALO_BOT_TOKEN", FakeZaloApi.TOKEN, "ZALO_API_URL", zl.url());
            // Update 1: the voter's /start (Zalo); 2: the organiser's /open (Telegram); 3: the voter's "1".
            BotProcess bot = BotProcess.start(tg.url(), redis.url(), config, CrashPoints.UPDATE_RECEIVED + ":3", true,
                    log, List.of(), zaloEnv);
            try {
                zl.push(zl.text(VOTER, "Lý Thị Zalo", "/start"));
                await(zl, bot, "the welcome", "Xin chào Lý Thị Zalo");
                tg.push(Updates.command(Updates.user(Votes.ORGANISER_ID), "open"));
                await(zl, bot, "the ballot", "Mức: 1 –");
                zl.push(zl.text(VOTER, "Lý Thị Zalo", "1"));
                assertEquals(CrashPoints.EXIT_STATUS, bot.awaitExit(WAIT), bot.tail());
            } finally {
                bot.close();
            }
            assertEquals(0, zl.pendingUpdates(), "getUpdates consumed the message before the kill");
            assertEquals(0, store.draft("zl-crash", "p01", 2).cursor(), "the lost message changed nothing");

            bot = BotProcess.start(tg.url(), redis.url(), config, null, true, log, List.of(), zaloEnv);
            try {
                int before = zl.sentTo(VOTER).size();
                zl.push(zl.text(VOTER, "Lý Thị Zalo", "1"));
                zl.await("the next screen after the restart", a -> a.sentTo(VOTER).stream().skip(before)
                        .anyMatch(s -> s.contains("2/2")), WAIT);
                zl.push(zl.text(VOTER, "Lý Thị Zalo", "3"));
                await(zl, bot, "the review", "Xem lại phiếu");
                zl.push(zl.text(VOTER, "Lý Thị Zalo", "gửi"));
                await(zl, bot, "the receipt", "Mã biên nhận");
                String confirmation = zl.sentTo(VOTER).stream().filter(s -> s.contains("Mã biên nhận")).findFirst()
                        .orElseThrow();
                String receipt = confirmation.replaceAll("(?s).*Mã biên nhận: (\\S+).*", "$1");
                int sent = zl.sentTo(VOTER).size();
                zl.push(zl.text(VOTER, "Lý Thị Zalo", "gửi"));
                zl.await("the same receipt again", a -> a.sentTo(VOTER).stream().skip(sent)
                        .anyMatch(s -> s.contains(receipt)), WAIT);
            } finally {
                bot.close();
            }
            assertEquals(1, store.voters("zl-crash").size(), "one ballot, counted once");
            assertTrue(Files.readString(log).contains("Zalo bot"), "the Zalo adapter ran in the bot process");
        }
    }

    /**
     * Exactly once across restarts: the voter's "1" is handled (leader 1 rated), the process is
     * killed before its next poll, and the same message (same message_id, as a webhook
     * redelivery brings it) arrives again after the restart. It must not rate leader 2: the
     * handled message ids live in Redis, not in the dead process.
     */
    @Test
    void aMessageHandledBeforeAKillIsNotAppliedAgainWhenDeliveredAgainAfterTheRestart() throws Exception {
        Path config = writeVote();
        Path log = dir.resolve("bot.log");
        RedisServer redis = RedisServer.shared();
        redis.flushAll();
        try (FakeBotApi tg = new FakeBotApi(); FakeZaloApi zl = new FakeZaloApi(Duration.ofMillis(500));
                VoteStore store = RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1))) {
            Map<String, String> zaloEnv = Map.of("ZALO_BOT_TOKEN", FakeZaloApi.TOKEN, "ZALO_API_URL", zl.url());
            // Update 1: the voter's /start (Zalo); 2: the organiser's /open (Telegram); 3: the voter's answer.
            BotProcess bot = BotProcess.start(tg.url(), redis.url(), config, CrashPoints.UPDATE_PROCESSED + ":3", true,
                    log, List.of(), zaloEnv);
            var answer = zl.text(VOTER, "Lý Thị Zalo", STEP_ANSWER);
            try {
                zl.push(zl.text(VOTER, "Lý Thị Zalo", "/start"));
                await(zl, bot, "the welcome", "Xin chào Lý Thị Zalo");
                tg.push(Updates.command(Updates.user(Votes.ORGANISER_ID), "open"));
                await(zl, bot, "the ballot", BALLOT_SHOWN);
                zl.push(answer);
                assertEquals(CrashPoints.EXIT_STATUS, bot.awaitExit(WAIT), bot.tail());
            } finally {
                bot.close();
            }
            var before = store.draft("zl-crash", "p01", 2);
            assertEquals(STEP_RATED, before.encode().substring(before.encode().indexOf(':') + 1),
                    "the answer was handled before the kill");

            bot = BotProcess.start(tg.url(), redis.url(), config, null, true, log, List.of(), zaloEnv);
            try {
                int sent = zl.sentTo(VOTER).size();
                zl.push(answer); // the same message again
                zl.push(zl.text(VOTER, "Lý Thị Zalo", "xem"));
                zl.await("the answer to the voter's next message", a -> a.sentTo(VOTER).size() > sent, WAIT);
                zl.await("every update consumed", a -> a.pendingUpdates() == 0, WAIT);
                var after = store.draft("zl-crash", "p01", 2);
                assertEquals(before.encode(), after.encode(), "the message delivered again changed the ballot");
                assertEquals(1, zl.sentTo(VOTER).size() - sent, "one answer, to the new message only: "
                        + zl.sentTo(VOTER).subList(sent, zl.sentTo(VOTER).size()));
            } finally {
                bot.close();
            }
        }
    }

    /** What the voter types first, the draft's choices after it, and a sign the ballot reached them. */
    private static final String STEP_ANSWER = "1";
    private static final String STEP_RATED = "H-";
    private static final String BALLOT_SHOWN = "Mức: 1 –";

    private Path writeVote() throws Exception {
        Path config = dir.resolve("vote.json");
        ObjectNode v = FakeBotApi.JSON.createObjectNode().put("id", "zl-crash").put("title", "Lấy phiếu (Zalo)")
                .put("unit", "Cục THADS tỉnh Thử nghiệm").put("rulebook", "qd96-2023");
        var leaders = v.putArray("leaders");
        leaders.addObject().put("id", "director").put("fullName", "Nguyễn Văn An").put("position", "Cục trưởng");
        leaders.addObject().put("id", "deputy1").put("fullName", "Trần Thị Bình").put("position", "Phó Cục trưởng");
        v.putArray("roster").addObject().put("id", "p01").put("name", "Lý Thị Zalo").put("zaloId", VOTER);
        v.putArray("organisers").addObject().put("id", "org1").put("name", "Ban tổ chức")
                .put("telegramId", Votes.ORGANISER_ID);
        Files.writeString(config, v.toPrettyString());
        return config;
    }

    private static void await(FakeZaloApi zl, BotProcess bot, String what, String needle) {
        try {
            zl.await(what, a -> a.sentTo(VOTER).stream().anyMatch(s -> s.contains(needle)), WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + (bot.alive() ? "" : " (the bot died)") + "\n" + bot.tail());
        }
    }
}
