package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.core.chat.Reply;

class RenderingTest {
    private final ReplyRenderer renderer = new ReplyRenderer();

    @Test
    void longTextIsSplitIntoSeveralMessagesWithTheKeyboardOnTheLast() {
        String line = "x".repeat(99) + "\n";
        Keyboard kb = new Keyboard.Inline(List.of(List.of(new Keyboard.Button("ok", "s:v1"))));
        List<Outgoing> out = renderer.render(new Reply.Send("tg:7", line.repeat(100), kb));
        assertEquals(3, out.size());
        for (int i = 0; i < out.size(); i++) {
            SendMessage m = (SendMessage) out.get(i).method();
            assertTrue(m.getText().length() <= 4096);
            assertEquals(i == out.size() - 1, m.getReplyMarkup() instanceof InlineKeyboardMarkup);
        }
        String joined = out.stream().map(o -> ((SendMessage) o.method()).getText()).reduce("", (a, b) -> a + "\n" + b);
        assertEquals(line.repeat(100).strip(), joined.strip());
    }

    @Test
    void aDocumentIsOneUploadPacedInItsChatAndRetriesSendTheWholeFile() throws Exception {
        byte[] pdf = "%PDF-1.7 minutes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<Outgoing> out = renderer.render(new Reply.Document("tg:7", "ket-qua-v1.pdf", "application/pdf", pdf, null));
        assertEquals(1, out.size());
        assertEquals(Outgoing.Kind.SEND, out.get(0).kind());
        assertEquals(7, out.get(0).chatId());
        assertEquals("senddocument to a chat", out.get(0).describe(), "no chat id in the logs (issue 18)");
        SendDocument d = (SendDocument) out.get(0).method();
        assertEquals("ket-qua-v1.pdf", d.getDocument().getMediaName());
        assertNull(d.getCaption());
        // The client reads the stream to its end; BotApi rewinds it before every attempt.
        java.io.InputStream stream = d.getDocument().getNewMediaStream();
        stream.readAllBytes();
        stream.reset();
        assertEquals(pdf.length, stream.readAllBytes().length);
        assertThrows(IllegalArgumentException.class, () -> renderer.render(
                new Reply.Document("zl:7", "ket-qua-v1.pdf", "application/pdf", pdf, null)),
                "another platform's account: the router sent it to the wrong adapter");
    }

    @Test
    void splittingNeverCutsASurrogatePair() {
        String text = "a" + "😀".repeat(3000);
        for (String part : ReplyRenderer.split(text)) {
            assertFalse(Character.isHighSurrogate(part.charAt(part.length() - 1)));
        }
    }

    @Test
    void answersAreTheirOwnKindAndAnotherPlatformsReplyIsRefusedNotDropped() {
        assertEquals(Outgoing.Kind.ANSWER, renderer.render(new Reply.Answer("tg:7", "cq1", "")).get(0).kind());
        assertThrows(IllegalArgumentException.class, () -> renderer.render(new Reply.Send("zl:abc", "hi", Keyboard.NONE)));
    }

    @Test
    void tokenIsRedactedFromErrorTexts() {
        BotApi api = new BotApi(null, "123:SECRET_token");
        String redacted = api.redact("Failed to connect to http://h/bot123:SECRET_token/sendmessage and bot9:other_tok");
        assertFalse(redacted.contains("SECRET") || redacted.contains("other_tok"), redacted);
        assertNull(api.redact(null));
    }

    @Test
    void aPhotoIsOneSendPhotoWithItsCaption() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        List<Outgoing> out = renderer.render(new Reply.Photo("tg:7",
                new vn.tinnhiem.core.chat.ResultFiles.File("ket-qua-v1.png", "image/png", png), "📊 Biểu đồ"));

        assertEquals(1, out.size());
        assertEquals(Outgoing.Kind.SEND, out.get(0).kind());
        org.telegram.telegrambots.meta.api.methods.send.SendPhoto p =
                (org.telegram.telegrambots.meta.api.methods.send.SendPhoto) out.get(0).method();
        assertEquals("ket-qua-v1.png", p.getPhoto().getMediaName());
        assertEquals("📊 Biểu đồ", p.getCaption());
        assertThrows(IllegalArgumentException.class, () -> renderer.render(new Reply.Photo("zl:7",
                new vn.tinnhiem.core.chat.ResultFiles.File("x.png", "image/png", png), null)), "not a Telegram chat");
    }
}
