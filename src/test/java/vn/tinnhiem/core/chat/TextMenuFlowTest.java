package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.Votes;
import vn.tinnhiem.zalo.ZaloPlatform;

/** The ballot as a numbered text menu (Zalo), and replies for platforms that are not running. */
class TextMenuFlowTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);
    private static final String ZALO_ID = "6ede9afa66b88fe6d101";
    private static final Account ZALO_VOTER = new Account(ZaloPlatform.PLATFORM, ZALO_ID, null, "Zalo Một", null);
    private static final Account ORGANISER = new Account(TelegramPlatform.PLATFORM,
            Long.toString(Votes.ORGANISER_ID), null, null, "vi");

    private VoteDefinition vote;
    private InMemoryVoteStore store;
    private ChatFlow flow;

    @BeforeEach
    void setUp() {
        vote = Votes.builder("v1").participants(2)
                .participant(new Person("z1", "Lý Thị Zalo", RosterFields.identities(null, null, null, ZALO_ID)))
                .build();
        store = new InMemoryVoteStore();
        flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), CLOCK,
                List.of(TelegramPlatform.PLATFORM, ZaloPlatform.PLATFORM));
    }

    private String say(String text) {
        List<Reply> out = flow.handle(new Inbound.Text(ZALO_VOTER, text));
        assertFalse(out.isEmpty(), "every typed text gets an answer");
        for (Reply r : out) {
            assertTrue(r instanceof Reply.Send, "Zalo can neither edit nor show toasts: " + r);
            assertEquals(Keyboard.NONE, ((Reply.Send) r).keyboard());
        }
        return ((Reply.Send) out.get(out.size() - 1)).text();
    }

    private void openWithZaloVoterCheckedIn() {
        List<Reply> start = flow.handle(new Inbound.Start(ZALO_VOTER, null));
        assertTrue(start.get(0).toString().contains("Lý Thị Zalo"), "recognised by the roster's zaloId");
        flow.handle(new Inbound.Start(FlowDriver.participant(1, "vi"), null));
        flow.handle(new Inbound.Start(FlowDriver.participant(2, "vi"), null));
        flow.handle(new Inbound.Command(ORGANISER, "open", List.of()));
    }

    @Test
    void aZaloVoterWalksTheNumberedMenuWithBackAndEditAndSubmitsOnce() {
        openWithZaloVoterCheckedIn();
        String first = say("từng người"); // the word that switches to the step-by-step menu
        assertTrue(first.contains("1/3") && first.contains("1 – Tín nhiệm cao") && first.contains("4 – Bỏ trống"), first);
        assertTrue(first.contains("Trả lời bằng một số"), "says what to type: " + first);
        assertFalse(first.contains("0 –"), "no back on the first leader");

        String second = say("1");
        assertTrue(second.contains("2/3") && second.contains("0 – Quay lại"), second);
        assertFalse(second.contains("Tín nhiệm cao ✓") || second.contains("✓"), "a leader screen marks no choice");
        assertTrue(say("quay lai").contains("1/3"), "back by word, without diacritics");
        say("cao");
        assertTrue(say("confidence").contains("3/3"), "a ten-letter word is a level here, not an invite code");
        assertTrue(say("0").contains("2/3"));
        say("4");
        String unknown = say("có lẽ");
        assertTrue(unknown.startsWith("❓") && unknown.contains("3/3"), "unexpected text: the current menu again");
        String review = say("3");
        assertTrue(review.contains("Xem lại phiếu") && review.contains("Tín nhiệm thấp")
                && review.contains("3. Lê Văn Cường: Tín nhiệm thấp")
                && review.contains("Bỏ trống") && review.contains("Gõ «gửi» để nộp phiếu"), review);

        String editing = say("sửa 2");
        assertTrue(editing.contains("Sửa dòng 2/3") && editing.contains("0 – Về danh sách"), "edit a row by word: "
                + editing);
        String back = say("2");
        assertTrue(back.contains("Xem lại phiếu"), "the changed row returns to the review: " + back);
        assertTrue(back.contains("2. Trần Thị Bình: Tín nhiệm\n")
                && back.contains("3. Lê Văn Cường: Tín nhiệm thấp"), "later rows keep their choices: "
                + back);
        String confirmed = say("gửi");
        assertTrue(confirmed.contains("Mã biên nhận"), confirmed);
        for (String label : List.of("Tín nhiệm cao", "Tín nhiệm thấp", "Bỏ trống")) {
            assertFalse(confirmed.contains(label), "the confirmation shows no choice: " + label);
        }
        String receipt = confirmed.replaceAll("(?s).*Mã biên nhận: (\\S+).*", "$1");

        String again = say("gửi");
        assertTrue(again.contains(receipt), "a repeated gửi shows the same receipt: " + again);
        assertEquals(1, store.voters("v1").size(), "counted once");
        assertEquals(List.of(new LeaderCounts(1, 0, 0, 0), new LeaderCounts(0, 1, 0, 0), new LeaderCounts(0, 0, 1, 0)),
                store.tally("v1", List.of("director", "deputy1", "deputy2")).counts(),
                "cao, then row 2 changed from blank to 2, then 3: exactly what was typed last");
    }

    @Test
    void noNumberSubmitsOnlyTheWordGui() {
        openWithZaloVoterCheckedIn();
        say("1");
        say("1");
        String review = say("4"); // the blank row: on to the review
        assertTrue(review.contains("Xem lại phiếu") && review.contains("Gõ «gửi» để nộp phiếu"), review);
        String four = say("4"); // once the number after the last row, which submitted a ballot never reviewed
        assertTrue(four.contains("Không có dòng 4") && four.contains("Xem lại phiếu"), four);
        assertTrue(say("99").contains("Không có dòng 99"));
        assertTrue(store.voters("v1").isEmpty(), "no number sends a ballot");
        assertTrue(say("gui").contains("Mã biên nhận"), "«gửi» without diacritics sends it");
        assertEquals(1, store.voters("v1").size());
    }

    @Test
    void sendInEnglishSendsAndARepeatShowsTheSameReceipt() {
        openWithZaloVoterCheckedIn();
        say("1");
        say("2");
        say("3");
        String sent = say("send");
        String receipt = sent.replaceAll("(?s).*Mã biên nhận: (\\S+).*", "$1");
        assertTrue(sent.contains("Mã biên nhận"), sent);
        assertTrue(say("Gửi").contains(receipt), "a repeated «gửi» shows the same receipt");
        assertEquals(1, store.voters("v1").size());
    }

    @Test
    void theWholeBallotComesInOneMessageAndOneDigitPerLeaderAnswersIt() {
        List<Reply> start = flow.handle(new Inbound.Start(ZALO_VOTER, null));
        flow.handle(new Inbound.Start(FlowDriver.participant(1, "vi"), null));
        flow.handle(new Inbound.Start(FlowDriver.participant(2, "vi"), null));
        List<Reply> opened = flow.handle(new Inbound.Command(ORGANISER, "open", List.of()));
        List<String> ballots = opened.stream().filter(r -> r.to().equals(ZALO_VOTER.key()))
                .map(r -> ((Reply.Send) r).text()).toList();
        assertEquals(1, ballots.size(), "one message: " + ballots);
        String ballot = ballots.get(0);
        assertTrue(ballot.contains("🔒 Phiếu kín") && ballot.contains("trên điện thoại của đồng chí"),
                "the message says the ballot is secret and the chat keeps the answers on the phone: " + ballot);
        assertTrue(ballot.contains("Mức: 1 – Tín nhiệm cao · 2 – Tín nhiệm · 3 – Tín nhiệm thấp · 4 – Bỏ trống"), ballot);
        assertTrue(ballot.contains("1. Nguyễn Văn An – Cục trưởng\n2. Trần Thị Bình – Phó Cục trưởng\n"
                + "3. Lê Văn Cường – Phó Cục trưởng"), ballot);
        assertTrue(ballot.contains("một chữ số cho mỗi người, theo thứ tự (3 chữ số)") && ballot.contains("«gửi»")
                && ballot.contains("«từng người»"), ballot);

        assertTrue(say("1 2").contains("cần 3 chữ số theo thứ tự; đồng chí đã gõ 2"), "too few digits");
        assertTrue(say("1 2 5").contains("Mỗi chữ số là 1, 2, 3 hoặc 4"), "a digit that is no level");
        assertTrue(say("12345").contains("đồng chí đã gõ 5"));
        assertEquals(3, store.draft("v1", "z1", 3).unchosen(), "a wrong row chooses nothing");
        String review = say("1 2 4");
        assertTrue(review.contains("1. Nguyễn Văn An: Tín nhiệm cao\n2. Trần Thị Bình: Tín nhiệm\n"
                + "3. Lê Văn Cường: Bỏ trống ⚠️ không hợp lệ đối với người này"), review);
        assertTrue(review.contains("Gõ «gửi» để nộp phiếu") && review.contains("gõ lại cả dãy 3 chữ số"), review);
        assertTrue(store.voters("v1").isEmpty(), "nothing is sent before «gửi»");
        assertTrue(say("413").contains("1. Nguyễn Văn An: Bỏ trống"), "again, without spaces: the review of the new row");
        assertTrue(say("cả phiếu").contains("Mức: 1 – Tín nhiệm cao"), "the whole ballot again by word");
        assertTrue(say("gửi").contains("Mã biên nhận"));
        assertEquals(List.of(new LeaderCounts(0, 0, 0, 1), new LeaderCounts(1, 0, 0, 0), new LeaderCounts(0, 0, 1, 0)),
                store.tally("v1", List.of("director", "deputy1", "deputy2")).counts(), "exactly the last row typed");
    }

    @Test
    void wordsOfTheWrongScreenAreRefusedWithTheMenuAndChangeNothing() {
        openWithZaloVoterCheckedIn();
        String submitTooEarly = say("submit");
        assertTrue(submitTooEarly.contains("Xin chọn mức tín nhiệm cho từng người trước")
                && submitTooEarly.contains("Mức: 1 – Tín nhiệm cao"), submitTooEarly);
        assertTrue(say("0").contains("Đây là người đầu tiên"), "back on the first leader");
        assertTrue(store.voters("v1").isEmpty());
    }

    @Test
    void aZaloStrangerIsAskedForAnInviteCodeNotAPhoneNumber() {
        Account stranger = new Account(ZaloPlatform.PLATFORM, "6ede9afa66b88fe6d999", null, null, null);
        List<Reply> out = flow.handle(new Inbound.Start(stranger, null));
        Reply.Send send = (Reply.Send) out.get(0);
        assertTrue(send.text().contains("mã mời"), send.text());
        assertEquals(Keyboard.NONE, send.keyboard(), "Zalo cannot share a phone number");
    }

    @Test
    void organisersTypeCommandsAndTheNoQuorumConfirmationOnZalo() {
        Account zaloOrganiser = new Account(ZaloPlatform.PLATFORM, "6ede9afa66b88fe6d001", null, null, "vi");
        VoteDefinition v = Votes.builder("v2").participants(3).organiser(new Person("org2", "Ban tổ chức Zalo",
                RosterFields.identities(null, null, null, "6ede9afa66b88fe6d001"))).build();
        ChatFlow f = new ChatFlow(new VoteRegistry(List.of(v)), new InMemoryVoteStore(), new Codes(), CLOCK,
                List.of(TelegramPlatform.PLATFORM, ZaloPlatform.PLATFORM));
        Reply.Send refused = (Reply.Send) f.handle(new Inbound.Command(zaloOrganiser, "open", List.of())).get(0);
        assertTrue(refused.text().contains("/open v2 force"), refused.text());
        assertEquals(Keyboard.NONE, refused.keyboard());
        List<Reply> opened = f.handle(new Inbound.Command(zaloOrganiser, "open", List.of("force")));
        assertTrue(opened.get(0).toString().contains("Đã bắt đầu bỏ phiếu"), opened.toString());
    }

    @Test
    void ballotsAndResultsForAPlatformNotRunningAreNamedToTheOrganisersNotDropped() {
        flow.handle(new Inbound.Start(ZALO_VOTER, null));
        flow.handle(new Inbound.Start(FlowDriver.participant(1, "vi"), null));
        flow.handle(new Inbound.Start(FlowDriver.participant(2, "vi"), null));
        // The same vote and store, but this process runs Telegram only.
        ChatFlow telegramOnly = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), CLOCK,
                List.of(TelegramPlatform.PLATFORM));
        List<Reply> opened = telegramOnly.handle(new Inbound.Command(ORGANISER, "open", List.of()));
        assertTrue(opened.stream().noneMatch(r -> r.to().startsWith("zl:")), "nothing addressed into the void");
        assertTrue(opened.stream().anyMatch(r -> r.to().equals(ORGANISER.key()) && r instanceof Reply.Send s
                && s.text().contains("nên chưa nhận được phiếu: Lý Thị Zalo (zl)")), opened.toString());

        List<Reply> closed = telegramOnly.handle(new Inbound.Command(ORGANISER, "close", List.of("force")));
        assertTrue(closed.stream().anyMatch(r -> r instanceof Reply.Send s
                && s.text().contains("nên chưa nhận được kết quả: Lý Thị Zalo (zl)")), closed.toString());
        AuditEntry announced = store.auditLog("v1").stream().filter(e -> e.event().equals("announced")).findFirst()
                .orElseThrow();
        assertTrue(announced.detail().endsWith("unreachable=1"), "the audit does not count them as told: "
                + announced.detail());
    }
}
