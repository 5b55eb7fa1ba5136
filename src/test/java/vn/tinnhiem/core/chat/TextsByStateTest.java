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
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.Votes;

/** What people are told, for the state they are in (issue 22, item 4). */
class TextsByStateTest {
    private static final Account ORGANISER = tg(Votes.ORGANISER_ID);
    private InMemoryVoteStore store;
    private ChatFlow flow;

    @BeforeEach
    void setUp() {
        store = new InMemoryVoteStore();
        flow = new ChatFlow(new VoteRegistry(List.of(Votes.reference("v1", 3))), store, new Codes(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC), List.of(TelegramPlatform.PLATFORM));
    }

    private static Account tg(long id) {
        return new Account(TelegramPlatform.PLATFORM, Long.toString(id), null, null, "vi");
    }

    private String say(Account who, String text) {
        return ((Reply.Send) flow.handle(new Inbound.Text(who, text)).get(0)).text();
    }

    private String command(String name) {
        return ((Reply.Send) flow.handle(new Inbound.Command(ORGANISER, name, List.of())).get(0)).text();
    }

    @Test
    void freeTextIsAnsweredForTheStateThePersonIsIn() {
        Account p1 = tg(Votes.participantTelegramId(1));
        flow.handle(new Inbound.Start(p1, null));
        assertTrue(say(p1, "alo").contains("Chưa bắt đầu bỏ phiếu"), "before opening: wait, not 'use the buttons'");
        flow.handle(new Inbound.Start(tg(Votes.participantTelegramId(2)), null));
        command("open");
        assertTrue(say(p1, "alo").startsWith("Xin bấm các nút ngay dưới phiếu"));
        for (int k = 0; k < 3; k++) {
            flow.handle(new Inbound.Press(p1, null, CallbackData.rate("v1", k, vn.tinnhiem.core.Choice.HIGH), "a" + k));
        }
        flow.handle(new Inbound.Press(p1, null, CallbackData.finish("v1"), "f"));
        flow.handle(new Inbound.Press(p1, null, CallbackData.submit("v1"), "s"));
        assertEquals("Đồng chí đã gửi phiếu cho «Lấy phiếu tín nhiệm v1». Không cần làm gì thêm.", say(p1, "alo"));
        flow.handle(new Inbound.Command(ORGANISER, "close", List.of("force")));
        assertEquals("Việc bỏ phiếu «Lấy phiếu tín nhiệm v1» đã kết thúc. Không cần làm gì thêm.", say(p1, "alo"));
    }

    @Test
    void remindAndStatusSayWhereTheVoteStands() {
        String before = command("status");
        assertFalse(before.contains("Chưa gửi phiếu"), "before opening nobody is late: " + before);
        assertTrue(before.contains("Chưa điểm danh (3)"), before);
        assertEquals("Chưa bắt đầu bỏ phiếu «Lấy phiếu tín nhiệm v1»; chưa có ai để nhắc.", command("remind"));
        flow.handle(new Inbound.Command(ORGANISER, "open", List.of("force")));
        flow.handle(new Inbound.Command(ORGANISER, "close", List.of("force")));
        assertEquals("Việc bỏ phiếu «Lấy phiếu tín nhiệm v1» đã kết thúc; không còn ai để nhắc.", command("remind"));
    }

    @Test
    void aWrongCodeSaysHowManyTriesAreLeftAndWhomToAsk() {
        Account stranger = tg(42);
        String first = say(stranger, "AAAA-BBBB-CC");
        assertTrue(first.contains("còn 4 lần nhập; sau đó phải chờ 15 phút") && first.contains("hỏi ban tổ chức"), first);
        for (int i = 0; i < 3; i++) {
            say(stranger, "AAAA-BBBB-CC");
        }
        String last = say(stranger, "AAAA-BBBB-CC");
        assertTrue(last.contains("nhập sai mã quá nhiều lần") && last.contains("15 phút"), last);
        String notFound = ((Reply.Send) flow.handle(new Inbound.ContactShared(tg(43), "0900000000", true)).get(0)).text();
        assertTrue(notFound.contains("xin gõ mã đó vào đây"), "the code route is offered: " + notFound);
    }
}
