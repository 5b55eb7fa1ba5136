package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.delivery.TextSplit;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.LongestVote;
import vn.tinnhiem.testing.Votes;
import vn.tinnhiem.zalo.ZaloPlatform;

/**
 * Issue 12, item 3 on Zalo: the numbered text menu of a 100-leader ballot. Row numbers up to
 * 100 change a row from any page of the review and come back to the page holding it; "trang
 * N", "+" and "-" turn the pages; every screen says what to type and fits the platform's limit.
 */
class LongTextBallotTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);
    private static final String ZALO_ID = LongestVote.ZALO_ID;
    private static final Account ZALO_VOTER = new Account(ZaloPlatform.PLATFORM, ZALO_ID, null, "Zalo Một", null);
    private static final Account ORGANISER = new Account(TelegramPlatform.PLATFORM,
            Long.toString(Votes.ORGANISER_ID), null, null, "vi");
    private static final Choice[] BY_NUMBER = {Choice.HIGH, Choice.MEDIUM, Choice.LOW, Choice.BLANK};

    @TempDir
    Path dir;

    private ChatFlow flow;

    private ChatFlow open(VoteDefinition vote, InMemoryVoteStore store) {
        flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), CLOCK,
                List.of(TelegramPlatform.PLATFORM, ZaloPlatform.PLATFORM));
        flow.handle(new Inbound.Start(ZALO_VOTER, null));
        flow.handle(new Inbound.Command(ORGANISER, "open", List.of("force")));
        return flow;
    }

    /** What the voter typed gets one message back, within Zalo's limit, saying what to type. */
    private String say(String text) {
        List<Reply> out = flow.handle(new Inbound.Text(ZALO_VOTER, text));
        assertEquals(1, out.size(), out.toString());
        String shown = ((Reply.Send) out.get(0)).text();
        assertTrue(shown.length() <= ZaloPlatform.MAX_TEXT, shown.length() + " characters: " + shown);
        assertTrue(shown.contains("✍️"), "every screen says what to type: " + shown);
        return shown;
    }

    @Test
    void aHundredLeadersByNumberWithPagesAndARowChangedFromTheReview() {
        InMemoryVoteStore store = new InMemoryVoteStore();
        VoteDefinition vote = hundred();
        open(vote, store);
        List<Choice> chosen = new ArrayList<>();
        for (int k = 0; k < 29; k++) {
            int number = 1 + (k * 5 + k / 4) % 4;
            chosen.add(BY_NUMBER[number - 1]);
            String next = say(Integer.toString(number));
            assertTrue(next.contains("Người được lấy phiếu " + (k + 2) + "/100"), next);
        }
        String at30 = say("xem");
        assertTrue(at30.contains("5 – Xem danh sách (trang 3/10)"), at30);

        String list = say("5");
        assertTrue(list.contains("(trang 3/10: dòng 21–30 trên 100)") && list.contains("Còn 71 dòng chưa chọn")
                && list.contains("Gõ 0 để chọn tiếp (người 30/100)"), list);
        assertTrue(say("0").contains("Người được lấy phiếu 30/100"), "0 goes on at the first row not chosen");
        for (int k = 29; k < 100; k++) {
            int number = 1 + (k * 5 + k / 4) % 4;
            chosen.add(BY_NUMBER[number - 1]);
            say(Integer.toString(number));
        }
        String review = say("?");
        assertTrue(review.contains("(trang 1/10: dòng 1–10 trên 100)") && review.contains("Gõ «gửi» để nộp phiếu")
                && review.contains("Gõ «trang N» (N từ 1 đến 10)"), review);

        assertTrue(say("trang 10").contains("(trang 10/10: dòng 91–100 trên 100)"));
        String noPage = say("+");
        assertTrue(noPage.startsWith("Không có trang 11: danh sách có 10 trang.") && noPage.contains("trang 10/10"),
                noPage);
        assertTrue(say("-").contains("(trang 9/10: dòng 81–90 trên 100)"));
        assertTrue(say("page 2").contains("(trang 2/10: dòng 11–20 trên 100)"));
        assertTrue(say("trang 11").startsWith("Không có trang 11"));
        assertTrue(say("150").startsWith("Không có dòng 150: phiếu có 100 dòng."));

        // Row 95 from page 2: two messages, back on page 10, which holds row 95.
        String editing = say("95");
        assertTrue(editing.contains("Sửa dòng 95/100") && editing.contains("0 – Về danh sách, không đổi"), editing);
        assertFalse(editing.contains("✓"), "a leader's screen never marks the level chosen");
        chosen.set(94, chosen.get(94) == Choice.LOW ? Choice.HIGH : Choice.LOW);
        String back = say(chosen.get(94) == Choice.LOW ? "3" : "1");
        assertTrue(back.contains("(trang 10/10: dòng 91–100 trên 100)"), back);
        assertTrue(back.contains("\n95. " + vote.leaders().get(94).fullName()), back);
        // Row 3 by word, left unchanged with 0: the review again, on page 1.
        assertTrue(say("sửa dòng 3").contains("Sửa dòng 3/100"));
        assertTrue(say("0").contains("(trang 1/10: dòng 1–10 trên 100)"));

        assertTrue(say("101").startsWith("Không có dòng 101"), "no number submits, not even n+1");
        String confirmed = ((Reply.Send) flow.handle(new Inbound.Text(ZALO_VOTER, "gửi")).get(0)).text();
        assertTrue(confirmed.contains("Mã biên nhận"), "«gửi» submits: " + confirmed);
        List<LeaderCounts> counts = store.tally(vote.id(), vote.leaders().stream().map(Leader::id).toList()).counts();
        for (int k = 0; k < 100; k++) {
            assertEquals(LeaderCounts.ZERO.plus(chosen.get(k)), counts.get(k), "leader " + (k + 1));
        }
    }

    @Test
    void theLongestDefinitionsPagesAreSplitWithWhatToTypeInTheLastMessage() throws Exception {
        open(LongestVote.write(dir, "vi"), new InMemoryVoteStore());
        for (int k = 0; k < 100; k++) {
            flow.handle(new Inbound.Text(ZALO_VOTER, "4"));
        }
        for (int p = 1; p <= 10; p++) {
            String page = ((Reply.Send) flow.handle(new Inbound.Text(ZALO_VOTER, "trang " + p)).get(0)).text();
            List<String> parts = TextSplit.split(page, ZaloPlatform.MAX_TEXT);
            assertTrue(parts.size() <= 2, parts.size() + " messages for one page");
            assertTrue(parts.get(parts.size() - 1).contains("✍️ Gõ «gửi» để nộp phiếu"), "what to type comes last");
            for (String part : parts) {
                assertTrue(part.length() <= ZaloPlatform.MAX_TEXT);
            }
        }
    }

    @Test
    void theLongestWholeBallotIsSplitBetweenLeadersAndAHundredDigitsAnswerIt() throws Exception {
        VoteDefinition vote = LongestVote.write(dir, "vi");
        InMemoryVoteStore store = new InMemoryVoteStore();
        open(vote, store);
        String whole = ((Reply.Send) flow.handle(new Inbound.Text(ZALO_VOTER, "cả phiếu")).get(0)).text();
        List<String> parts = TextSplit.split(whole, ZaloPlatform.MAX_TEXT);
        assertTrue(parts.get(0).contains("🔒") && parts.get(0).contains("Mức: 1 – Tín nhiệm cao"), parts.get(0));
        for (int i = 0; i < parts.size(); i++) {
            assertTrue(parts.get(i).length() <= ZaloPlatform.MAX_TEXT);
            if (i > 0 && i < parts.size() - 1) {
                assertTrue(parts.get(i).matches("(?s)\\d{1,3}\\. .*"), "a part begins with a leader: " + parts.get(i));
            }
        }
        for (int k = 1; k <= 100; k++) {
            assertTrue(whole.contains("\n" + k + ". " + vote.leaders().get(k - 1).fullName() + " – "), "leader " + k);
        }
        assertTrue(parts.get(parts.size() - 1).contains("(100 chữ số)"), "what to type comes last");
        StringBuilder digits = new StringBuilder();
        List<Choice> chosen = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            int d = 1 + (k * 3) % 4;
            digits.append(d);
            chosen.add(BY_NUMBER[d - 1]);
        }
        assertTrue(((Reply.Send) flow.handle(new Inbound.Text(ZALO_VOTER, digits.substring(1))).get(0)).text()
                .matches("(?s).*cần 100 chữ số theo thứ tự; .* đã gõ 99\\..*"), "99 digits change nothing");
        String review = ((Reply.Send) flow.handle(new Inbound.Text(ZALO_VOTER, digits.toString())).get(0)).text();
        assertTrue(review.contains("Xem lại phiếu"), review);
        flow.handle(new Inbound.Text(ZALO_VOTER, "gửi"));
        List<LeaderCounts> counts = store.tally(vote.id(), vote.leaders().stream().map(Leader::id).toList()).counts();
        for (int k = 0; k < 100; k++) {
            assertEquals(LeaderCounts.ZERO.plus(chosen.get(k)), counts.get(k), "leader " + (k + 1));
        }
    }

    /** 100 leaders with long, realistic names (about 40 characters) and positions. */
    private static VoteDefinition hundred() {
        Leader[] leaders = new Leader[100];
        for (int i = 1; i <= 100; i++) {
            leaders[i - 1] = new Leader("l" + i, "Tôn Nữ Hoàng Thị Phương Thảo Nguyễn " + i,
                    "Phó Trưởng ban Kinh tế - Ngân sách HĐND tỉnh");
        }
        return Votes.builder("hdnd").leaders(leaders)
                .participant(new Person("z1", "Lý Thị Zalo", RosterFields.identities(null, null, null, ZALO_ID)))
                .build();
    }
}
