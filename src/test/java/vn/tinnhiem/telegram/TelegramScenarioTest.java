package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.BallotView;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.testing.Votes;

/**
 * The reference conference end to end through the real TelegramBots client and the fake Bot
 * API: 14 participants check in four different ways, the organiser opens, everyone votes at
 * once (with blank rows, back and change), one tries to vote twice, outsiders try /close,
 * the organiser closes, and the announced figures are exactly the expected ones.
 */
class TelegramScenarioTest {
    private static final Messages VI = Messages.of(Messages.VIETNAMESE).addressing("đồng chí"); // QĐ 96 votes say "đồng chí"
    private static final Choice H = Choice.HIGH;
    private static final Choice M = Choice.MEDIUM;
    private static final Choice L = Choice.LOW;
    private static final Choice B = Choice.BLANK;

    /** Final choices of voter v (0-based) for director, deputy1, deputy2. */
    private static Choice[] finalChoices(int v) {
        Choice director = v <= 8 ? H : v <= 11 ? M : v == 12 ? L : B;
        Choice deputy1 = v <= 1 ? H : v <= 3 ? M : v <= 11 ? L : B;
        Choice deputy2 = v == 0 ? H : v == 1 ? M : v <= 11 ? L : B;
        return new Choice[] {director, deputy1, deputy2};
    }

    private static String label(Choice c) {
        return BallotView.choiceLabel(c, VI);
    }

    @Test
    void fourteenCheckInFourWaysVoteAtOnceAndTheAnnouncedFiguresAreExact() throws Exception {
        Votes.Builder b = Votes.builder("v1");
        List<Updates.TgUser> users = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            String pid = String.format("p%02d", i);
            List<vn.tinnhiem.core.Identity> c;
            if (i <= 5) { // by Telegram id
                c = RosterFields.identities(300_000_000L + i, null, null, null);
                users.add(Updates.user(300_000_000L + i));
            } else if (i <= 9) { // by username
                c = RosterFields.identities(null, "nguoi" + i, null, null);
                users.add(Updates.user(300_000_000L + i, "Nguoi" + i));
            } else if (i <= 11) { // by shared phone number
                c = RosterFields.identities(null, null, "09120000" + i, null);
                users.add(Updates.user(300_000_000L + i));
            } else { // by invite code only
                c = List.of();
                users.add(Updates.user(300_000_000L + i));
            }
            b.participant(new Person(pid, "Người " + i, c));
        }
        VoteDefinition vote = b.build();
        Updates.TgUser organiser = Updates.user(Votes.ORGANISER_ID);
        Updates.TgUser supervisor = Updates.user(Votes.SUPERVISOR_ID);
        Updates.TgUser stranger = Updates.user(777_000_001L);

        try (BotHarness h = new BotHarness(vote)) {
            Codes codes = new Codes();
            Map<String, String> invites = h.store.issueInvites("v1",
                    Map.of("p12", codes.invite(), "p13", codes.invite(), "p14", codes.invite()));

            // ---- check-in, four ways ----
            for (int i = 1; i <= 9; i++) {
                Updates.TgUser u = users.get(i - 1);
                h.say(Updates.start(u, null), u.id());
                h.awaitText(u.id(), "Xin chào Người " + i);
            }
            for (int i = 10; i <= 11; i++) {
                Updates.TgUser u = users.get(i - 1);
                h.say(Updates.start(u, null), u.id());
                assertEquals(VI.get("checkin.identify"), h.last(u.id()));
                h.say(Updates.contact(u, "+84 912 0000 " + i, u.id()), u.id());
                h.awaitText(u.id(), "Xin chào Người " + i);
            }
            for (int i = 12; i <= 13; i++) {
                Updates.TgUser u = users.get(i - 1);
                h.say(Updates.start(u, invites.get(String.format("p%02d", i))), u.id());
                h.awaitText(u.id(), "Xin chào Người " + i);
            }
            Updates.TgUser typist = users.get(13);
            String typed = invites.get("p14").toLowerCase().substring(0, 8) + "-" + invites.get("p14").substring(8);
            h.say(Updates.text(typist, typed), typist.id());
            h.awaitText(typist.id(), "Xin chào Người 14");
            assertEquals(14, h.store.checkedIn("v1").size());
            // The contact button really was offered as a one-time request_contact keyboard.
            assertTrue(h.api.calls("sendmessage").stream().anyMatch(c ->
                    c.params().path("reply_markup").path("keyboard").path(0).path(0).path("request_contact")
                            .asBoolean() && c.params().path("reply_markup").path("one_time_keyboard").asBoolean()));

            // ---- outsiders cannot close ----
            h.say(Updates.start(stranger, null), stranger.id());
            assertEquals(VI.get("checkin.identify"), h.last(stranger.id()));
            h.say(Updates.command(stranger, "close force"), stranger.id());
            assertEquals(VI.get("command.notallowed"), h.last(stranger.id()));
            h.say(Updates.command(users.get(0), "close@" + FakeBotApi.BOT_USERNAME), users.get(0).id());
            assertEquals(VI.get("command.notallowed"), h.last(users.get(0).id()));

            // ---- open: every participant gets a ballot ----
            h.say(Updates.command(organiser, "open"), organiser.id());
            for (Updates.TgUser u : users) {
                h.api.await("a ballot for " + u.id(), a -> a.latestWithButtons(u.id()) != null, BotHarness.WAIT);
            }

            // ---- everyone votes at once ----
            Map<Integer, String> receipts = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(14);
            List<Future<?>> done = new ArrayList<>();
            for (int v = 0; v < 14; v++) {
                int voter = v;
                done.add(pool.submit(() -> {
                    receipts.put(voter, vote(h, users.get(voter), voter));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertEquals(14, h.store.voters("v1").size());

            // ---- one tries to vote twice ----
            Updates.TgUser twice = users.get(0);
            FakeBotApi.Shown ballot = h.api.chat(twice.id()).stream()
                    .filter(s -> s.text().contains("Mã biên nhận")).findFirst().orElseThrow();
            assertTrue(ballot.buttons().isEmpty(), "the confirmation keeps no buttons");
            assertTrue(!ballot.text().contains(label(H)), "the confirmation shows no choices");
            String answer = h.pressData(twice, ballot, CallbackData.submit("v1"), false);
            assertEquals(VI.get("ballot.rejected.already_voted"), answer);
            h.say(Updates.start(twice, null), twice.id());
            assertEquals(14, h.store.voters("v1").size());

            // ---- close and read the announcement ----
            h.say(Updates.command(organiser, "close force"), organiser.id());
            h.api.await("results for the supervisor", a -> a.sentTo(supervisor.id()).stream()
                    .anyMatch(t -> t.contains("KẾT QUẢ")), BotHarness.WAIT);
            h.api.await("the receipts for the organiser", a -> a.sentTo(organiser.id()).stream()
                    .anyMatch(t -> t.startsWith("🧾")), BotHarness.WAIT);
            String results = h.api.sentTo(organiser.id()).stream().filter(t -> t.contains("KẾT QUẢ"))
                    .findFirst().orElseThrow();
            assertTrue(results.contains("Số phiếu phát ra: 14\n"), results);
            assertTrue(results.contains("Số phiếu thu về: 14\n"), results);
            assertLeader(results, 1, "Nguyễn Văn An", "Cục trưởng", 9, "64,29%", 3, "21,43%", 1, "7,14%", 13, 1,
                    "verdict.qd96-2023.no_action");
            assertLeader(results, 2, "Trần Thị Bình", "Phó Cục trưởng", 2, "14,29%", 2, "14,29%", 8, "57,14%", 12, 2,
                    "verdict.qd96-2023.over_half_low");
            assertLeader(results, 3, "Lê Văn Cường", "Phó Cục trưởng", 1, "7,14%", 1, "7,14%", 10, "71,43%", 12, 2,
                    "verdict.qd96-2023.two_thirds_low");
            String receiptList = h.api.sentTo(organiser.id()).stream().filter(t -> t.startsWith("🧾"))
                    .findFirst().orElseThrow();
            for (String r : receipts.values()) {
                assertTrue(receiptList.contains(r), "receipt " + r + " is published");
            }
            // Participants hear the results too (the vote says so).
            h.api.await("results for a participant", a -> a.sentTo(users.get(13).id()).stream()
                    .anyMatch(t -> t.contains("KẾT QUẢ")), BotHarness.WAIT);
        }
    }

    /** Walks voter v through the ballot on the path their number gives; returns the receipt. */
    private static String vote(BotHarness h, Updates.TgUser u, int v) {
        Choice[] fin = finalChoices(v);
        switch (v % 3) {
            case 0 -> { // straight through
                for (Choice c : fin) {
                    h.press(u, label(c), true);
                }
            }
            case 1 -> { // all "high" first, then each row changed from the review, which it returns to
                for (int k = 0; k < 3; k++) {
                    h.press(u, label(H), true);
                }
                for (int k = 0; k < 3; k++) {
                    h.press(u, VI.get("ballot.button.change", k + 1), true);
                    h.press(u, label(fin[k]), true);
                    assertTrue(h.api.latestWithButtons(u.id()).text().contains("Xem lại phiếu"),
                            "back on the review after changing row " + (k + 1));
                }
            }
            default -> { // a wrong row 2, back; a wrong row 3, back from the summary
                h.press(u, label(fin[0]), true);
                h.press(u, label(fin[1] == L ? M : L), true);
                h.press(u, VI.get("ballot.button.back"), true);
                h.press(u, label(fin[1]), true);
                h.press(u, label(fin[2] == B ? H : B), true);
                h.press(u, VI.get("ballot.button.back"), true);
                h.press(u, label(fin[2]), true);
            }
        }
        FakeBotApi.Shown summary = h.api.latestWithButtons(u.id());
        for (int k = 0; k < 3; k++) {
            assertTrue(summary.text().contains(label(fin[k])), summary.text());
        }
        String first = h.press(u, VI.get("ballot.button.submit"), true);
        assertTrue(first == null || first.isEmpty(), "the first step sends nothing: " + first);
        String answer = h.press(u, VI.get("ballot.button.confirm"), true);
        assertEquals(VI.get("ballot.submitted"), answer);
        FakeBotApi.Shown confirmed = h.api.message(u.id(), summary.messageId());
        Matcher m = Pattern.compile("Mã biên nhận: ([A-Z0-9]{5}-[A-Z0-9]{5})").matcher(confirmed.text());
        assertTrue(m.find(), confirmed.text());
        return m.group(1);
    }

    private static void assertLeader(String results, int n, String name, String position, int high, String pHigh,
            int medium, String pMedium, int low, String pLow, int valid, int invalid, String verdictKey) {
        String expected = VI.get("results.leader", n, name, position, high, pHigh, medium, pMedium, low, pLow, valid,
                invalid, VI.get(verdictKey));
        assertTrue(results.contains(expected), "expected\n" + expected + "\nin\n" + results);
    }
}
