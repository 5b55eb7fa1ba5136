package vn.tinnhiem.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Votes;

/** SPEC 3, Close: closing "makes the exports available"; before that there is nothing to export. */
class SandboxExportTest {
    private static final String ORGANISER = "sb:" + Votes.ORGANISER_ID;

    private final HttpClient http = HttpClient.newHttpClient();
    private SandboxServer server;

    @BeforeEach
    void start() {
        server = SandboxServer.start(new Sandbox(Votes.reference("v1", 4), new InMemoryVoteStore(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC)), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private void post(String path, String json) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .header("Content-Type", "application/json")
                .header("Origin", server.url().substring(0, server.url().length() - 1)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private void organiser(String command) throws Exception {
        post("/api/action", "{\"person\":\"" + ORGANISER + "\",\"type\":\"say\",\"text\":\"" + command + "\"}");
    }

    private void voteAndClose() throws Exception {
        post("/api/simulate", "{}");
        organiser("/open");
        post("/api/simulate", "{}");
        organiser("/close force");
    }

    @Test
    void everyExportIsRefusedUntilTheVoteCloses() throws Exception {
        for (String f : new String[] {"json", "csv", "xlsx", "png", "pdf"}) {
            assertEquals(409, get("/api/export/" + f).statusCode(), f + " before open");
        }
        post("/api/simulate", "{}");
        organiser("/open");
        assertEquals(409, get("/api/export/pdf?lang=vi").statusCode(), "while open");
    }

    @Test
    void afterCloseEachFormatDownloadsWithItsTypeAndFileName() throws Exception {
        voteAndClose();
        String[][] expected = {
            {"json", "application/json"}, {"csv", "text/csv"}, {"png", "image/png"}, {"pdf", "application/pdf"},
            {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
            {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}};
        for (String[] e : expected) {
            HttpResponse<byte[]> r = get("/api/export/" + e[0] + "?lang=vi");
            assertEquals(200, r.statusCode(), e[0]);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(e[1]), e[0]);
            assertEquals("attachment; filename=\"ket-qua-v1." + e[0] + "\"",
                    r.headers().firstValue("Content-Disposition").orElse(""), e[0]);
            assertTrue(r.body().length > 0, e[0]);
        }
        assertTrue(new String(get("/api/export/json").body(), StandardCharsets.UTF_8).contains("\"returned\": 4"));
        assertTrue(new String(get("/api/export/pdf").body(), StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
        assertTrue(ImageIO.read(new ByteArrayInputStream(get("/api/export/png").body())) != null);
    }

    @Test
    void languageChoosesTheLabels() throws Exception {
        voteAndClose();
        String en = new String(get("/api/export/csv?lang=en").body(), StandardCharsets.UTF_8);
        String vi = new String(get("/api/export/csv?lang=vi").body(), StandardCharsets.UTF_8);
        assertTrue(en.contains("Full name"), en);
        assertTrue(vi.contains("Họ và tên"), vi);
    }

    @Test
    void atCloseStaffChatsNameTheResultsFilesParticipantsDoNot() throws Exception {
        Sandbox sandbox = new Sandbox(Votes.reference("v1", 2), new InMemoryVoteStore(), Clock.systemUTC());
        for (Persona p : sandbox.personas()) {
            sandbox.act(p.key(), new Sandbox.Action.Say("/start"), "vi");
        }
        sandbox.act(ORGANISER, new Sandbox.Action.Say("/open"), "vi");
        sandbox.act(ORGANISER, new Sandbox.Action.Say("/close force"), "vi");
        for (String staff : new String[] {ORGANISER, "sb:" + Votes.SUPERVISOR_ID}) {
            List<String> texts = sandbox.messages(staff).stream().map(Transcript.Message::text).toList();
            for (String f : new String[] {"pdf", "xlsx", "csv", "png"}) {
                assertTrue(texts.stream().anyMatch(t -> t.startsWith("📎 ket-qua-v1." + f + " · ")), f + ": " + texts);
            }
        }
        String participant = "sb:" + Votes.participantTelegramId(1);
        assertTrue(sandbox.messages(participant).stream().noneMatch(m -> m.text().startsWith("📎")),
                sandbox.messages(participant).toString());
    }

    @Test
    void anUnknownFormatIsNotFound() throws Exception {
        voteAndClose();
        assertEquals(404, get("/api/export/exe").statusCode());
    }

    @Test
    void thePageLinksEveryExport() throws Exception {
        String js = new String(get("/sandbox.js").body(), StandardCharsets.UTF_8);
        assertTrue(js.contains("\"/api/export/\""), "results panel builds the export links");
        for (String f : new String[] {"pdf", "docx", "png", "xlsx", "csv", "json"}) {
            assertTrue(js.contains("\"" + f + "\""), f);
        }
    }

    @Test
    void theOrganisersChatShowsTheChartPhotoWithTheAnnouncement() throws Exception {
        voteAndClose();

        var state = com.google.gson.JsonParser.parseString(new String(get("/api/state?lang=vi").body(),
                java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
        String image = null;
        for (var person : state.getAsJsonArray("people")) {
            if (person.getAsJsonObject().get("key").getAsString().equals(ORGANISER)) {
                for (var m : person.getAsJsonObject().getAsJsonArray("messages")) {
                    var img = m.getAsJsonObject().get("image");
                    if (img != null && !img.isJsonNull()) {
                        image = img.getAsString();
                        assertTrue(m.getAsJsonObject().get("text").getAsString().startsWith("📊 Biểu đồ kết quả"));
                    }
                }
            }
        }
        assertTrue(image != null && image.startsWith("data:image/png;base64,iVBORw0KGgo"), String.valueOf(image));
    }
}
