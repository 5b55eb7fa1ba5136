package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.Votes;

/** Issue 8, item 6: check-in, the deadline on ballots and reminders, /kiemtra, and the form of address. */
class InTheChatTest {
    private static final List<Choice> ALL_HIGH = List.of(Choice.HIGH, Choice.HIGH, Choice.HIGH);

    private static FlowDriver driver(VoteDefinition vote) {
        return new FlowDriver(vote, new InMemoryVoteStore());
    }

    private static String texts(List<Reply> replies) {
        StringBuilder b = new StringBuilder();
        for (Reply r : replies) {
            if (r instanceof Reply.Send s) {
                b.append(s.text()).append('\n');
            } else if (r instanceof Reply.Edit e) {
                b.append(e.text()).append('\n');
            }
        }
        return b.toString();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String say(FlowDriver d, Account who, String command, String... args) {
        return texts(d.handle(new Inbound.Command(who, command, List.of(args))));
    }

    // ---- check-in ----

    @Test
    void checkInBeforeOpeningNamesTheVoteOnceInOneMessage() {
        FlowDriver d = driver(Votes.reference("v1", 3));

        List<Reply> r = d.start(FlowDriver.participant(1, "vi"));

        assertEquals(1, r.size(), r.toString());
        String text = texts(r);
        assertEquals(1, count(text, d.vote.title()), text);
        assertTrue(text.contains("Đồng chí đã điểm danh") && text.contains("khi ban tổ chức bắt đầu bỏ phiếu"), text);
    }

    @Test
    void checkInAgainAfterCloseNamesTheVoteOnce() {
        FlowDriver d = driver(Votes.reference("v1", 3));
        d.start(FlowDriver.participant(1, "vi"));
        d.start(FlowDriver.participant(2, "vi"));
        d.command(FlowDriver.ORGANISER, "open");
        d.command(FlowDriver.ORGANISER, "close force");

        String text = texts(d.start(FlowDriver.participant(1, "vi")));

        assertEquals(1, count(text, d.vote.title()), text);
        assertTrue(text.contains("Việc bỏ phiếu đã kết thúc."), text);
    }

    // ---- the deadline ----

    /** Two participants, in these languages, check in to a vote with this deadline. */
    private static FlowDriver checkedIn(String deadline, String language1, String language2) {
        FlowDriver d = driver(Votes.builder("v1").participants(3).deadline(OffsetDateTime.parse(deadline)).build());
        d.start(FlowDriver.participant(1, language1));
        d.start(FlowDriver.participant(2, language2));
        return d;
    }

    @Test
    void theBallotAndTheReminderShowTheDeadlineInTheVotesTimeZone() {
        FlowDriver d = checkedIn("2026-12-01T17:00:00+07:00", "vi", "vi");

        String opened = texts(d.command(FlowDriver.ORGANISER, "open"));
        String reminded = texts(d.command(FlowDriver.ORGANISER, "remind"));

        assertEquals(2, count(opened, "⏳ Hạn chót: 17:00 ngày 01/12/2026"), opened);
        assertTrue(reminded.contains("chưa gửi phiếu cho «" + d.vote.title() + "». Hạn chót: 17:00 ngày 01/12/2026."),
                reminded);
        String summary = texts(d.press(FlowDriver.participant(1, "vi"), d.rate(0, Choice.HIGH)));
        assertTrue(summary.contains("⏳ Hạn chót: 17:00 ngày 01/12/2026"), summary);
    }

    @Test
    void aDeadlineOutsideVietnamSaysItsOffsetAndEnglishReadersGetTheirFormat() {
        FlowDriver d = checkedIn("2026-12-01T18:00:00+08:00", "vi", "en");

        String opened = texts(d.command(FlowDriver.ORGANISER, "open"));

        assertTrue(opened.contains("⏳ Hạn chót: 18:00 ngày 01/12/2026 (UTC+08:00)"), opened);
        assertTrue(opened.contains("⏳ Deadline: 18:00 on 01/12/2026 (UTC+08:00)"), opened);
    }

    @Test
    void withoutADeadlineTheBallotSaysNothingOfOne() {
        FlowDriver d = driver(Votes.reference("v1", 3));
        d.start(FlowDriver.participant(1, "vi"));
        d.start(FlowDriver.participant(2, "vi"));

        String opened = texts(d.command(FlowDriver.ORGANISER, "open")) + texts(d.command(FlowDriver.ORGANISER, "remind"));

        assertFalse(opened.contains("Hạn chót"), opened);
    }

    // ---- /kiemtra ----

    @Test
    void kiemtraFindsAPublishedReceiptWhateverTheCaseAndSeparators() {
        InMemoryVoteStore store = new InMemoryVoteStore();
        FlowDriver d = new FlowDriver(Votes.reference("v1", 3), store);
        Account voter = FlowDriver.participant(1, "vi");
        d.start(voter);
        d.start(FlowDriver.participant(2, "vi"));
        d.command(FlowDriver.ORGANISER, "open");
        String receipt = d.voteThrough(voter, ALL_HIGH);
        String before = say(d, voter, "kiemtra", receipt);
        assertTrue(before.contains("được công bố khi kết thúc bỏ phiếu"), before);

        d.command(FlowDriver.ORGANISER, "close force");

        String compact = receipt.replace("-", "");
        for (String[] typed : new String[][] {{receipt}, {receipt.toLowerCase()}, {compact.substring(0, 5),
                compact.substring(5)}, {compact.substring(0, 5) + "." + compact.substring(5).toLowerCase()}}) {
            String said = say(d, voter, "kiemtra", typed);
            assertTrue(said.startsWith("✅") && said.contains("phiếu của đồng chí đã được tính"), said);
        }
        String english = say(d, FlowDriver.participant(2, "en"), "receipt", receipt);
        assertTrue(english.startsWith("✅ Receipt " + receipt + " is in the published list"), english);
        String wrong = say(d, voter, "kiemtra", "ZZZZZ-ZZZZZ");
        assertTrue(wrong.startsWith("❌ Không tìm thấy mã ZZZZZ-ZZZZZ"), wrong);
        String usage = say(d, voter, "kiemtra");
        assertTrue(usage.contains("/kiemtra K7Q2M-9XD3F"), usage);
        assertEquals(VoteState.CLOSED, store.state("v1"));
        assertEquals(1, store.receipts("v1").size(), "checking changes nothing");
    }

    @Test
    void theReceiptCheckIsInTheMenusAndTheHelp() {
        Messages vi = Messages.of(Messages.VIETNAMESE);
        Messages en = Messages.of(Messages.ENGLISH);

        assertTrue(StaffCommands.menu(false, false, vi).stream().anyMatch(e -> e.command().equals("kiemtra")));
        assertTrue(StaffCommands.menu(true, false, en).stream().anyMatch(e -> e.command().equals("receipt")));
        assertTrue(vi.get("help.participant").contains("/kiemtra MÃ"));
        assertTrue(vi.get("help.organiser").contains("/kiemtra MÃ"));
        assertTrue(en.get("help.supervisor").contains("/receipt CODE"));
    }

    // ---- the form of address ----

    @Test
    void aVoteSaysDongChiWhereItWouldSayBan() {
        FlowDriver d = driver(Votes.builder("v1").participants(3).address("đồng chí").build());
        Account voter = FlowDriver.participant(1, "vi");

        String welcome = texts(d.start(voter));
        d.start(FlowDriver.participant(2, "vi"));
        d.command(FlowDriver.ORGANISER, "open");
        for (int k = 0; k < 3; k++) {
            d.press(voter, d.rate(k, Choice.HIGH));
        }
        String summary = texts(d.sent().subList(d.sent().size() - 2, d.sent().size()));
        String confirmed = texts(d.press(voter, d.submit()));
        String english = texts(d.start(FlowDriver.participant(3, "en")));

        assertTrue(welcome.contains("Đồng chí đã điểm danh") && welcome.contains("gửi tới đồng chí"), welcome);
        assertTrue(summary.contains("Xem lại phiếu của đồng chí"), summary);
        assertTrue(confirmed.contains("Đã gửi phiếu. Không cần làm gì thêm.") && confirmed.contains("biết đồng chí đã chọn gì"), confirmed);
        assertFalse((welcome + summary + confirmed).toLowerCase().contains("bạn"), "no bạn left");
        assertTrue(english.contains("You are checked in"), english);
    }

    @Test
    void withoutAnAddressAPartyVoteSaysDongChi() {
        // QĐ 96 is the Party's: "Cảm ơn bạn!" read wrong there (issue 22).
        FlowDriver d = driver(Votes.reference("v1", 3));

        String welcome = texts(d.start(FlowDriver.participant(1, "vi")));

        assertTrue(welcome.contains("Đồng chí đã điểm danh") && welcome.contains("gửi tới đồng chí"), welcome);
        assertFalse(welcome.contains("⟨"), welcome);
    }
}
