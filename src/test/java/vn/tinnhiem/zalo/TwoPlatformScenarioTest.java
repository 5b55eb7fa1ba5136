package vn.tinnhiem.zalo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.BallotView;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.core.chat.ResultsView;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.delivery.ReplyRouter;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.telegram.FakeBotApi;
import vn.tinnhiem.telegram.Pacing;
import vn.tinnhiem.telegram.TelegramBot;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.telegram.UpdateOffsets;
import vn.tinnhiem.telegram.Updates;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * One process, one Redis, one vote on Telegram and Zalo at once, both real adapters against
 * their fake APIs: 14 participants (7 on each), an organiser on each platform, blank rows,
 * back and edit on both, one voter trying twice on each, a stranger on each; the results are
 * exact.
 */
class TwoPlatformScenarioTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Messages VI = Messages.of(Messages.VIETNAMESE).addressing("đồng chí"); // QĐ 96 votes say "đồng chí"
    private static final Choice H = Choice.HIGH;
    private static final Choice M = Choice.MEDIUM;
    private static final Choice L = Choice.LOW;
    private static final Choice B = Choice.BLANK;
    private static final String ZALO_ORGANISER = "6ede9afa66b88fe6d001";

    private static String zaloId(int i) {
        return String.format("6ede9afa66b88fe6d1%02d", i);
    }

    /** Voter v's final ballot (0-13): H9 M2 L2 B1 / H2 M2 L8 B2 / H1 M1 L10 B2 over the 14. */
    private static Choice[] finalChoices(int v) {
        Choice a = v < 9 ? H : v < 11 ? M : v < 13 ? L : B;
        Choice b = v < 2 ? H : v < 4 ? M : v < 12 ? L : B;
        Choice c = v < 1 ? H : v < 2 ? M : v < 12 ? L : B;
        return new Choice[] {a, b, c};
    }

    @Test
    void fourteenVoteOnTelegramAndZaloAtOnceAndTheResultsAreExact() throws Exception {
        Votes.Builder b = Votes.builder("v1").participants(7)
                .organiser(new Person("org2", "Ban tổ chức (Zalo)",
                        RosterFields.identities(null, null, null, ZALO_ORGANISER)));
        for (int i = 8; i <= 14; i++) {
            b.participant(new Person(String.format("p%02d", i), "Người " + i,
                    RosterFields.identities(null, null, null, zaloId(i))));
        }
        VoteDefinition vote = b.build();
        try (RedisServer redis = RedisServer.start();
                VoteStore store = RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1));
                FakeBotApi tg = new FakeBotApi();
                FakeZaloApi zl = new FakeZaloApi(Duration.ofMillis(500))) {
            ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                    List.of(TelegramPlatform.PLATFORM, ZaloPlatform.PLATFORM));
            ReplyRouter router = new ReplyRouter(List.of(TelegramPlatform.PLATFORM, ZaloPlatform.PLATFORM),
                    Duration.ofSeconds(10));
            TelegramBot tgBot = TelegramBot.start(new TelegramBot.Settings(FakeBotApi.TOKEN, tg.url(),
                    Duration.ofSeconds(1), Duration.ofMillis(200), Pacing.fast(), Duration.ofMillis(200), null), flow,
                    new UpdateOffsets.InMemory(), router);
            ZaloBot zlBot = ZaloBot.start(ZaloBotTest.settings(zl.url(), null), flow, router);
            try {
                run(vote, store, tg, zl);
            } finally {
                tgBot.close();
                zlBot.close();
            }
        }
    }

    private void run(VoteDefinition vote, VoteStore store, FakeBotApi tg, FakeZaloApi zl) {
        Tg t = new Tg(tg);
        Zl z = new Zl(zl);
        List<Updates.TgUser> tgUsers = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            tgUsers.add(Updates.user(Votes.participantTelegramId(i)));
        }
        Updates.TgUser organiser = Updates.user(Votes.ORGANISER_ID);

        // ---- check-in: by Telegram id and by Zalo id ----
        for (int i = 1; i <= 7; i++) {
            t.say(Updates.start(tgUsers.get(i - 1), null), tgUsers.get(i - 1).id(), "Xin chào Người " + i);
        }
        for (int i = 8; i <= 14; i++) {
            z.say(zaloId(i), "/start", "Xin chào Người " + i);
        }
        assertEquals(14, store.checkedIn("v1").size());

        // ---- strangers on both: asked to identify, cannot open ----
        z.say("6ede9afa66b88fe6d999", "/start", "mã mời");
        z.say("6ede9afa66b88fe6d999", "/open", VI.get("command.notallowed"));
        Updates.TgUser stranger = Updates.user(777_000_001L);
        t.say(Updates.start(stranger, null), stranger.id(), VI.get("checkin.identify"));
        t.say(Updates.command(stranger, "open"), stranger.id(), VI.get("command.notallowed"));

        // ---- the Zalo organiser opens by typing; ballots reach both platforms ----
        z.say(ZALO_ORGANISER, "/open", "Đã bắt đầu bỏ phiếu");
        for (Updates.TgUser u : tgUsers) {
            tg.await("a ballot for " + u.id(), a -> a.latestWithButtons(u.id()) != null, WAIT);
        }
        for (int i = 8; i <= 14; i++) {
            String id = zaloId(i);
            zl.await("the whole ballot for " + id, a -> a.sentTo(id).stream().anyMatch(s -> s.contains("Mức: 1 –")
                    && s.contains("3. Lê Văn Cường – Phó Cục trưởng") && s.contains("🔒 Phiếu kín")), WAIT);
        }
        t.await(organiser.id(), "Đã bắt đầu bỏ phiếu");

        // ---- everyone votes: Telegram by buttons, Zalo by numbers and words ----
        Map<Integer, String> receipts = new ConcurrentHashMap<>();
        for (int v = 0; v < 7; v++) {
            receipts.put(v, t.vote(tgUsers.get(v), v));
        }
        for (int v = 7; v < 14; v++) {
            receipts.put(v, z.vote(zaloId(v + 1), v));
        }
        assertEquals(14, store.voters("v1").size());

        // ---- one tries twice on each platform: the same receipt, nothing counted ----
        z.say(zaloId(8), "gửi", receipts.get(7));
        z.say(zaloId(8), "1", receipts.get(7));
        t.say(Updates.start(tgUsers.get(0), null), tgUsers.get(0).id(), receipts.get(0));
        assertEquals(14, store.voters("v1").size());

        // ---- the Zalo organiser's status, the Telegram organiser closes ----
        z.say(ZALO_ORGANISER, "/status", "Đã gửi phiếu: 14");
        t.say(Updates.command(organiser, "close force"), organiser.id(), "KẾT QUẢ");

        int[][] expected = new int[3][4];
        for (int v = 0; v < 14; v++) {
            Choice[] fin = finalChoices(v);
            for (int k = 0; k < 3; k++) {
                expected[k][fin[k].ordinal()]++;
            }
        }
        List<LeaderCounts> counts = new ArrayList<>();
        for (int[] e : expected) {
            counts.add(new LeaderCounts(e[0], e[1], e[2], e[3]));
        }
        assertEquals(counts, store.tally("v1", List.of("director", "deputy1", "deputy2")).counts());
        String announcement = ResultsView.announcement(Results.of(vote, new Tally(14, 14, counts)), VI);
        t.await(organiser.id(), announcement);
        zl.await("the results and receipts on Zalo", a -> String.join("\n", a.sentTo(ZALO_ORGANISER)).contains("KẾT QUẢ")
                && a.sentTo(ZALO_ORGANISER).stream().anyMatch(s -> s.startsWith("🧾")), WAIT);
        String onZalo = String.join("\n", zl.sentTo(ZALO_ORGANISER));
        assertTrue(onZalo.contains("Số phiếu thu về: 14") && onZalo.contains("71,43%"), onZalo);
        for (String r : receipts.values()) {
            assertTrue(onZalo.contains(r), "receipt " + r + " published on Zalo too");
        }
        // Participants hear the results on their own platform (the vote says so).
        zl.await("results for a Zalo participant",
                a -> a.sentTo(zaloId(14)).stream().anyMatch(s -> s.contains("KẾT QUẢ")), WAIT);
        for (int i = 8; i <= 14; i++) {
            for (String s : zl.sentTo(zaloId(i))) {
                assertTrue(s.length() < 2000, "a Zalo message over the limit");
            }
        }
    }

    private static String label(Choice c) {
        return BallotView.choiceLabel(c, VI);
    }

    private static String receiptIn(String text) {
        Matcher m = Pattern.compile("Mã biên nhận: ([0-9A-Z]{5}-[0-9A-Z]{5})").matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }

    /** A Telegram user's thumbs. */
    private static final class Tg {
        final FakeBotApi api;

        Tg(FakeBotApi api) {
            this.api = api;
        }

        void say(ObjectNode update, long chat, String expect) {
            api.push(update);
            await(chat, expect);
        }

        void await(long chat, String needle) {
            api.await("\"" + needle + "\" in Telegram chat " + chat,
                    a -> a.sentTo(chat).stream().anyMatch(s -> s.contains(needle))
                            || a.chat(chat).stream().anyMatch(s -> s.text().contains(needle)), WAIT);
        }

        void press(Updates.TgUser u, String label) {
            FakeBotApi.Shown shown = api.latestWithButtons(u.id());
            String data = shown.buttons().stream().filter(b -> b[0].equals(label) || b[0].equals("✓ " + label))
                    .map(b -> b[1]).findFirst()
                    .orElseThrow(() -> new AssertionError("no button " + label + " on: " + shown.text()));
            ObjectNode update = Updates.press(u, shown.messageId(), data);
            String id = Updates.pressId(update);
            api.push(update);
            api.await("the answer to " + id, a -> a.answerTo(id) != null, WAIT);
            api.await("message " + shown.messageId() + " to change",
                    a -> a.message(u.id(), shown.messageId()).version() > shown.version(), WAIT);
        }

        /** Straight through; voter 1 goes back from a wrong row 2; voter 2 changes each row from the review. */
        String vote(Updates.TgUser u, int v) {
            Choice[] fin = finalChoices(v);
            if (v == 1) {
                press(u, label(fin[0]));
                press(u, label(B));
                press(u, VI.get("ballot.button.back"));
            } else if (v == 2) {
                for (int k = 0; k < 3; k++) {
                    press(u, label(H));
                }
                for (int k = 0; k < 3; k++) { // each row changed from the review, which it returns to
                    press(u, VI.get("ballot.button.change", k + 1));
                    press(u, label(fin[k]));
                }
            }
            for (int k = v == 1 ? 1 : 0; k < 3 && v != 2; k++) {
                press(u, label(fin[k]));
            }
            press(u, VI.get("ballot.button.submit"));
            press(u, VI.get("ballot.button.confirm"));
            FakeBotApi.Shown confirmed = api.chat(u.id()).stream().filter(s -> s.text().contains("Mã biên nhận"))
                    .findFirst().orElseThrow();
            for (Choice c : List.of(H, M, L, B)) {
                assertFalse(confirmed.text().contains(label(c)), "the confirmation shows no choice");
            }
            return receiptIn(confirmed.text());
        }
    }

    /** A Zalo user's typing. */
    private static final class Zl {
        final FakeZaloApi api;

        Zl(FakeZaloApi api) {
            this.api = api;
        }

        /** Types {@code text} and waits for a reply containing {@code expect}; returns that reply. */
        String say(String userId, String text, String expect) {
            int before = api.sentTo(userId).size();
            api.push(api.text(userId, "Người dùng Zalo", text));
            api.await("\"" + expect + "\" after \"" + text + "\" in Zalo chat " + userId, a -> a.sentTo(userId)
                    .stream().skip(before).anyMatch(s -> s.contains(expect)), WAIT);
            return api.sentTo(userId).stream().skip(before).filter(s -> s.contains(expect)).findFirst().orElseThrow();
        }

        static String number(Choice c) {
            return Integer.toString(c.ordinal() + 1);
        }

        /**
         * By number; voter 8 (index 8) goes back with "0" after a blank row 2; voter 9 edits row 1
         * from the review with "sửa 1" and is back on the review; voter 10 uses words; voter 13 leaves rows blank;
         * voters 7 and 12 answer the whole ballot in one message ("1 2 3", "123").
         */
        String vote(String id, int v) {
            Choice[] fin = finalChoices(v);
            if (v == 8) {
                say(id, number(fin[0]), "2/3");
                say(id, "4", "3/3");
                say(id, "0", "2/3");
                say(id, number(fin[1]), "3/3");
                say(id, number(fin[2]), "Xem lại phiếu");
            } else if (v == 9) {
                say(id, "1", "2/3");
                say(id, number(fin[1]), "3/3");
                say(id, number(fin[2]), "Xem lại phiếu");
                say(id, "sửa 1", "Sửa dòng 1/3");
                say(id, "bla bla", "Chưa hiểu");
                String review = say(id, number(fin[0]), "Xem lại phiếu"); // the changed row returns to the review
                assertTrue(review.contains("1. ") && review.contains(label(fin[0])), review);
            } else if (v == 10) {
                say(id, "tín nhiệm", "2/3");
                say(id, "thấp", "3/3");
                say(id, "thap", "Xem lại phiếu");
            } else if (v == 7 || v == 12) {
                // The whole ballot in one answer: one digit per leader, with spaces or without.
                String sep = v == 7 ? " " : "";
                String review = say(id, number(fin[0]) + sep + number(fin[1]) + sep + number(fin[2]), "Xem lại phiếu");
                for (Choice c : fin) {
                    assertTrue(review.contains(label(c)), review);
                }
            } else {
                say(id, number(fin[0]), "2/3");
                say(id, number(fin[1]), "3/3");
                String review = say(id, number(fin[2]), "Xem lại phiếu");
                for (Choice c : fin) {
                    assertTrue(review.contains(label(c)), review);
                }
            }
            String confirmed = say(id, "gửi", "Mã biên nhận");
            for (Choice c : List.of(H, M, L, B)) {
                assertFalse(confirmed.contains(label(c)), "the confirmation shows no choice: " + confirmed);
            }
            return receiptIn(confirmed);
        }
    }
}
