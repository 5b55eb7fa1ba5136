package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.Votes;
import vn.tinnhiem.zalo.ZaloPlatform;

/**
 * Sending, opening and closing with no accident possible (issue 22, item 3): no single tap sends
 * a ballot, each rating is acknowledged, one short intro before the first leader, /close and
 * /open ask before doing what cannot be undone, and /remind never takes a ballot in use away.
 */
class NoAccidentTest {
    private static final Account ORGANISER = tg(Votes.ORGANISER_ID);
    private static final Account SUPERVISOR = tg(Votes.SUPERVISOR_ID);

    private VoteDefinition vote;
    private InMemoryVoteStore store;
    private ChatFlow flow;
    private int seq;
    /** Account → the id the "platform" gave the latest message with buttons. */
    private final java.util.Map<String, String> live = new java.util.HashMap<>();

    @BeforeEach
    void setUp() {
        vote = Votes.reference("v1", 6);
        store = new InMemoryVoteStore();
        flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC),
                List.of(TelegramPlatform.PLATFORM, ZaloPlatform.PLATFORM));
    }

    private static Account tg(long id) {
        return new Account(TelegramPlatform.PLATFORM, Long.toString(id), null, null, "vi");
    }

    private static Account participant(int i) {
        return tg(Votes.participantTelegramId(i));
    }

    /** Handles an update as the adapter does: every message with buttons gets an id, reported. */
    private List<Reply> handle(Inbound in) {
        List<Reply> out = new java.util.ArrayList<>(flow.handle(in));
        for (Reply r : List.copyOf(out)) {
            if (r instanceof Reply.Send s && s.keyboard() instanceof Keyboard.Inline) {
                String id = "m" + (++seq);
                live.put(s.to(), id);
                out.addAll(flow.delivered(s.to(), s.keyboard(), id));
            }
        }
        return out;
    }

    private List<Reply> press(Account who, String data) {
        return handle(new Inbound.Press(who, live.get(who.key()), data, "q" + (++seq)));
    }

    private List<Reply> command(Account who, String name, String... args) {
        return handle(new Inbound.Command(who, name, List.of(args)));
    }

    private void checkInAll(int n) {
        for (int i = 1; i <= n; i++) {
            handle(new Inbound.Start(participant(i), null));
        }
    }

    private static Reply.Edit screen(List<Reply> replies) {
        return replies.stream().filter(Reply.Edit.class::isInstance).map(Reply.Edit.class::cast).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no screen in " + replies));
    }

    private static String answer(List<Reply> replies) {
        return replies.stream().filter(Reply.Answer.class::isInstance).map(r -> ((Reply.Answer) r).text()).findFirst()
                .orElseThrow(() -> new AssertionError("no answer in " + replies));
    }

    private static List<List<Keyboard.Button>> rows(Reply.Edit e) {
        return ((Keyboard.Inline) e.keyboard()).rows();
    }

    private List<Reply> rateAll(Account who) {
        press(who, CallbackData.rate("v1", 0, Choice.HIGH));
        press(who, CallbackData.rate("v1", 1, Choice.MEDIUM));
        return press(who, CallbackData.rate("v1", 2, Choice.LOW));
    }

    @Test
    void noSingleTapSendsABallot() {
        checkInAll(6);
        command(ORGANISER, "open");
        Reply.Edit review = screen(rateAll(participant(1)));
        // The review's «Gửi phiếu» only asks; it is not the submit.
        assertTrue(((Keyboard.Inline) review.keyboard()).buttons().stream().noneMatch(b -> b.data().equals(CallbackData.submit("v1"))));
        int gui = indexFromBottom(review, CallbackData.finish("v1"));

        // A slow double tap on «Gửi phiếu»: two presses of it, nothing sent.
        Reply.Edit confirm = screen(press(participant(1), CallbackData.finish("v1")));
        press(participant(1), CallbackData.finish("v1"));
        assertFalse(store.hasVoted("v1", "p01"), "«Gửi phiếu» sent the ballot");
        // A forged or old submit from the review only opens the confirmation, too.
        press(participant(1), CallbackData.page("v1", 0));
        press(participant(1), CallbackData.submit("v1"));
        assertFalse(store.hasVoted("v1", "p01"), "a submit from the review sent the ballot");

        assertTrue(confirm.text().contains("Đồng chí sắp gửi phiếu đánh giá 3 người được lấy phiếu"), confirm.text());
        assertTrue(confirm.text().contains("Tín nhiệm cao: 1 · Tín nhiệm: 1 · Tín nhiệm thấp: 1 · Bỏ trống: 0"),
                confirm.text());
        // One row: «Xem lại» beside «Xác nhận gửi phiếu», at the bottom, where «Gửi phiếu» was not.
        assertEquals(1, rows(confirm).size(), confirm.toString());
        assertEquals(List.of("◀ Xem lại", "✅ Xác nhận gửi phiếu"),
                rows(confirm).get(0).stream().map(Keyboard.Button::label).toList());
        assertTrue(gui > 0, "«Gửi phiếu» sits above the review's last row");
        assertEquals(0, indexFromBottom(confirm, CallbackData.submit("v1")));
        assertTrue(((Keyboard.Inline) review.keyboard()).buttons().stream().noneMatch(b -> b.label().contains("Xác nhận")));

        // «Xem lại» goes back to the review; the next «Xác nhận gửi phiếu» needs «Gửi phiếu» again.
        Reply.Edit back = screen(press(participant(1), CallbackData.page("v1", 0)));
        assertTrue(back.text().contains("Xem lại phiếu của đồng chí"), back.text());
        press(participant(1), CallbackData.finish("v1"));
        List<Reply> sent = press(participant(1), CallbackData.submit("v1"));

        assertTrue(store.hasVoted("v1", "p01"));
        assertEquals("Đã gửi phiếu.", answer(sent));
        String end = screen(sent).text();
        assertTrue(end.startsWith("✅ Đã gửi phiếu. Không cần làm gì thêm."), end);
        assertTrue(end.contains("Mã biên nhận: " + store.receiptOf("v1", "p01").orElseThrow()), end);
    }

    /** Rows under the button with {@code data}, counted from the keyboard's last row (0). */
    private static int indexFromBottom(Reply.Edit e, String data) {
        List<List<Keyboard.Button>> rows = rows(e);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).stream().anyMatch(b -> b.data().equals(data))) {
                return rows.size() - 1 - i;
            }
        }
        throw new AssertionError("no " + data + " on " + e);
    }

    @Test
    void eachRatingIsAcknowledgedOnItsAnswer() {
        checkInAll(6);
        command(ORGANISER, "open");
        assertEquals("Đã ghi: Nguyễn Văn An — Tín nhiệm cao",
                answer(press(participant(1), CallbackData.rate("v1", 0, Choice.HIGH))));
        assertEquals("Đã ghi: Trần Thị Bình — Bỏ trống",
                answer(press(participant(1), CallbackData.rate("v1", 1, Choice.BLANK))));
        assertEquals("", answer(press(participant(1), CallbackData.back("v1", 2))), "a move is not a rating");
    }

    @Test
    void oneShortIntroComesBeforeTheFirstLeaderAndOnlyThen() {
        checkInAll(5);
        List<Reply> opened = command(ORGANISER, "open");
        List<Reply> mine = opened.stream().filter(r -> r.to().equals(participant(1).key())).toList();
        assertEquals(2, mine.size(), mine.toString());
        String intro = ((Reply.Send) mine.get(0)).text();
        assertTrue(intro.contains("Phiếu gồm 3 người được lấy phiếu"), intro);
        assertTrue(intro.contains("không ai, kể cả ban tổ chức và người giám sát, biết đồng chí đã chọn gì"), intro);
        assertEquals(Keyboard.NONE, ((Reply.Send) mine.get(0)).keyboard());
        assertTrue(((Reply.Send) mine.get(1)).text().contains("Người được lấy phiếu 1/3"));

        // A late check-in gets it too; a reminder does not repeat it.
        List<Reply> late = handle(new Inbound.Start(participant(6), null));
        assertTrue(late.stream().anyMatch(r -> r instanceof Reply.Send s && s.text().contains("Phiếu gồm 3")), late.toString());
        List<Reply> reminded = command(ORGANISER, "remind");
        assertTrue(reminded.stream().noneMatch(r -> r instanceof Reply.Send s && s.text().contains("Phiếu gồm")),
                reminded.toString());
    }

    @Test
    void closeWithBallotsOutstandingAsksFirst() {
        checkInAll(6);
        command(ORGANISER, "open");
        rateAll(participant(1));
        press(participant(1), CallbackData.finish("v1"));
        press(participant(1), CallbackData.submit("v1"));

        List<Reply> asked = command(ORGANISER, "close");
        Reply.Send question = (Reply.Send) asked.get(0);
        assertEquals("Còn 5/6 người chưa gửi phiếu cho «Lấy phiếu tín nhiệm v1». Vẫn kết thúc bỏ phiếu?"
                + " Phiếu chưa gửi sẽ không được tính.", question.text());
        assertEquals(CallbackData.forceClose("v1"), ((Keyboard.Inline) question.keyboard()).buttons().get(0).data());
        assertEquals(VoteState.OPEN, store.state("v1"), "asking closed nothing");

        press(ORGANISER, CallbackData.forceClose("v1"));
        assertEquals(VoteState.CLOSED, store.state("v1"));
    }

    @Test
    void closeWithEveryBallotBackClosesAtOnce() {
        checkInAll(1);
        command(ORGANISER, "open", "force");
        rateAll(participant(1));
        press(participant(1), CallbackData.finish("v1"));
        press(participant(1), CallbackData.submit("v1"));

        command(ORGANISER, "close");

        assertEquals(VoteState.CLOSED, store.state("v1"));
    }

    @Test
    void openBelowQuorumNamesTheBreachAndTellsTheSupervisors() {
        checkInAll(3);
        command(SUPERVISOR, "help"); // the supervisor has written to the bot, so can be told
        List<Reply> refused = command(ORGANISER, "open");
        Reply.Send ask = (Reply.Send) refused.get(0);
        assertEquals("⚠️ Mở khi chưa đủ 2/3", ((Keyboard.Inline) ask.keyboard()).buttons().get(0).label());
        assertEquals(VoteState.DRAFT, store.state("v1"));

        List<Reply> opened = press(ORGANISER, CallbackData.forceOpen("v1"));

        Optional<Reply> told = opened.stream().filter(r -> r.to().equals(SUPERVISOR.key())).findFirst();
        assertTrue(told.isPresent(), opened.toString());
        String text = ((Reply.Send) told.get()).text();
        assertTrue(text.contains("khi CHƯA ĐỦ 2/3: có mặt 3/6, cần ít nhất 4. Người quyết định mở: Ban tổ chức"), text);
    }

    @Test
    void remindNeverTakesAwayABallotInUse() {
        checkInAll(6);
        command(ORGANISER, "open");
        // Voter 1 is busy with the ballot; voter 2 has not touched it.
        press(participant(1), CallbackData.rate("v1", 0, Choice.HIGH));
        String inUse = live.get(participant(1).key());
        String untouched = live.get(participant(2).key());

        List<Reply> reminded = command(ORGANISER, "remind");

        List<Reply> toBusy = reminded.stream().filter(r -> r.to().equals(participant(1).key())).toList();
        assertEquals(1, toBusy.size(), "one reply, no new copy, no retired copy: " + toBusy);
        Reply.Send nudge = (Reply.Send) toBusy.get(0);
        assertEquals(inUse, nudge.replyTo(), "the reminder answers the copy in use");
        assertTrue(nudge.text().startsWith("⏰ Xin nhắc: đồng chí chưa gửi phiếu"), nudge.text());
        assertEquals(inUse, live.get(participant(1).key()));
        // The copy in use still takes presses.
        String ack = answer(press(participant(1), CallbackData.rate("v1", 1, Choice.LOW)));
        assertTrue(ack.startsWith("Đã ghi:"), ack);

        // The untouched one gets a fresh copy at the bottom, as before; the old one is retired.
        List<Reply> toIdle = reminded.stream().filter(r -> r.to().equals(participant(2).key())).toList();
        assertTrue(toIdle.stream().anyMatch(r -> r instanceof Reply.Edit e && e.messageId().equals(untouched)),
                toIdle.toString());
        assertFalse(untouched.equals(live.get(participant(2).key())));
    }
}
