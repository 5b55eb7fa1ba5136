package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.export.ResultFilesExport;
import vn.tinnhiem.testing.Votes;

/** At close, the minutes, CSV and chart reach the staff's chats as documents, through the real client. */
class TelegramResultFilesTest {
    private static final Messages VI = Messages.of(Messages.VIETNAMESE).addressing("đồng chí"); // QĐ 96 votes say "đồng chí"
    private static final long P1 = Votes.participantTelegramId(1);
    private static final Updates.TgUser PARTICIPANT = Updates.user(P1);
    private static final Updates.TgUser ORGANISER = Updates.user(Votes.ORGANISER_ID);
    private static final Updates.TgUser SUPERVISOR = Updates.user(Votes.SUPERVISOR_ID);
    private static final List<String> NAMES = List.of("ket-qua-v1.pdf", "ket-qua-v1.xlsx", "ket-qua-v1.csv", "ket-qua-v1.png");

    @Test
    void closeSendsTheResultsFilesToOrganiserAndSupervisorAfterTheAnnouncement() throws Exception {
        try (BotHarness h = new BotHarness(Votes.reference("v1", 1), new ResultFilesExport())) {
            voteAndClose(h);
            for (long staff : List.of(Votes.ORGANISER_ID, Votes.SUPERVISOR_ID)) {
                h.api.await("four files in chat " + staff, a -> documents(a, staff).size() == 4, BotHarness.WAIT);
                List<FakeBotApi.Upload> files = documents(h.api, staff);
                assertEquals(NAMES, files.stream().map(FakeBotApi.Upload::fileName).toList());
                byte[] pdf = files.get(0).content();
                assertEquals("%PDF", new String(Arrays.copyOf(pdf, 4), StandardCharsets.US_ASCII));
                assertTrue(files.get(3).content().length > 1000, "a real chart: " + files.get(3));
                assertTrue(firstDocumentCameAfterTheAnnouncement(h.api, staff), h.api.calls().toString());
            }
            // Once each: /close and the ticker must not both announce.
            h.say(Updates.command(ORGANISER, "status"), Votes.ORGANISER_ID);
            assertEquals(8, h.api.calls("senddocument").size(), h.api.calls("senddocument").toString());
            assertEquals(1, h.api.sentTo(Votes.ORGANISER_ID).stream().filter(t -> t.contains("Tín nhiệm cao"))
                    .count());
            // The participant gets the text (the vote announces to participants) and no files.
            h.awaitText(P1, "Tín nhiệm cao");
            assertTrue(documents(h.api, P1).isEmpty(), h.api.uploadsTo(P1).toString());
        }
    }

    @Test
    void everyoneAnnouncedToSeesTheChartAsAPhotoAfterTheAnnouncement() throws Exception {
        try (BotHarness h = new BotHarness(Votes.reference("v1", 1), new ResultFilesExport())) {
            voteAndClose(h);
            for (long chat : List.of(Votes.ORGANISER_ID, Votes.SUPERVISOR_ID, P1)) {
                h.api.await("a photo in chat " + chat, a -> !photos(a, chat).isEmpty(), BotHarness.WAIT);
                List<FakeBotApi.Upload> photos = photos(h.api, chat);
                assertEquals(1, photos.size(), photos.toString());
                byte[] png = photos.get(0).content();
                assertEquals("\u0089PNG", new String(Arrays.copyOf(png, 4), StandardCharsets.ISO_8859_1));
                assertEquals("📊 Biểu đồ kết quả: Lấy phiếu tín nhiệm v1", photos.get(0).caption());
                assertTrue(cameAfterTheAnnouncement(h.api, chat, "sendphoto"), h.api.calls().toString());
            }
            assertEquals(3, h.api.calls("sendphoto").size(), "one photo per chat, once");
        }
    }

    /** The participant checks in and votes, the organiser opens and then closes the vote. */
    private static void voteAndClose(BotHarness h) throws Exception {
        h.say(Updates.start(PARTICIPANT, null), P1);
        h.say(Updates.command(ORGANISER, "open"), Votes.ORGANISER_ID);
        h.api.await("a ballot", a -> a.latestWithButtons(P1) != null, BotHarness.WAIT);
        for (int k = 0; k < 3; k++) {
            h.press(PARTICIPANT, VI.get("choice." + Choice.values()[k].name().toLowerCase()), true);
        }
        h.pressData(PARTICIPANT, h.api.latestWithButtons(P1), CallbackData.finish("v1"), true);
        h.pressData(PARTICIPANT, h.api.latestWithButtons(P1), CallbackData.submit("v1"), true);
        h.api.push(Updates.command(ORGANISER, "close force"));
    }

    private static List<FakeBotApi.Upload> documents(FakeBotApi api, long chat) {
        return api.uploadsTo(chat).stream().filter(u -> u.kind().equals("document")).toList();
    }

    private static List<FakeBotApi.Upload> photos(FakeBotApi api, long chat) {
        return api.uploadsTo(chat).stream().filter(u -> u.kind().equals("photo")).toList();
    }

    private static boolean firstDocumentCameAfterTheAnnouncement(FakeBotApi api, long chat) {
        return cameAfterTheAnnouncement(api, chat, "senddocument");
    }

    private static boolean cameAfterTheAnnouncement(FakeBotApi api, long chat, String method) {
        long announced = Long.MAX_VALUE;
        long firstDocument = Long.MAX_VALUE;
        for (FakeBotApi.Call c : api.calls()) {
            if (c.params().path("chat_id").asLong() != chat) {
                continue;
            }
            if (c.method().equals("sendmessage") && c.param("text").contains("Tín nhiệm cao")) {
                announced = Math.min(announced, c.atNanos());
            } else if (c.method().equals(method)) {
                firstDocument = Math.min(firstDocument, c.atNanos());
            }
        }
        return announced < firstDocument && firstDocument != Long.MAX_VALUE;
    }
}
