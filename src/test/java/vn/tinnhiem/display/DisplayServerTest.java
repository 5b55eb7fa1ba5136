package vn.tinnhiem.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.LogCapture;

/** The hall display over HTTP: the token guard, what each stage shows, and that no payload names anyone. */
class DisplayServerTest {
    private static final Instant NOW = Instant.parse("2026-12-01T08:30:00Z");
    private static final Instant DEADLINE = Instant.parse("2026-12-01T10:00:00Z");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = DisplayServer.newToken();
    private Hall hall;
    private DisplayServer server;
    private LogCapture logs;

    @BeforeEach
    void start() {
        logs = LogCapture.start();
        hall = new Hall(new InMemoryVoteStore(), DEADLINE);
        server = DisplayServer.start(List.of(hall.vote), hall.store, Clock.fixed(NOW, ZoneOffset.UTC), "127.0.0.1", 0,
                token);
    }

    @AfterEach
    void stop() {
        server.close();
        logs.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String page() {
        return "/hall/" + token + "/" + hall.vote.id();
    }

    private JsonObject view() throws IOException, InterruptedException {
        HttpResponse<String> r = get(page() + "/view.json");
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    @Test
    void theRightTokenServesThePageAndItsViewWithoutCachingOrReferrer() throws Exception {
        HttpResponse<String> r = get(page());

        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("/hall-assets/display.js"), r.body());
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertEquals(server.url(hall.vote.id()), "http://127.0.0.1:" + server.port() + page());
        assertEquals(200, get("/hall-assets/display.js").statusCode());
    }

    @Test
    void aWrongMissingOrAlteredTokenIs404OnEveryPath() throws Exception {
        char first = token.charAt(0);
        String altered = (first == 'A' ? 'B' : 'A') + token.substring(1);
        List<String> wrong = List.of(altered, token.substring(0, token.length() - 1), token + "A",
                token.toUpperCase(java.util.Locale.ROOT).equals(token) ? token.toLowerCase(java.util.Locale.ROOT)
                        : token.toUpperCase(java.util.Locale.ROOT), "", "x");
        List<String> paths = new ArrayList<>(List.of("/", "/hall", "/hall/", "/hall/" + token,
                "/hall/" + token + "/", "/hall/" + token + "/no-such-vote", "/hall/" + token + "/no-such-vote/view.json"));
        for (String t : wrong) {
            paths.add("/hall/" + t + "/" + hall.vote.id());
            paths.add("/hall/" + t + "/" + hall.vote.id() + "/view.json");
        }
        for (String path : paths) {
            HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path);
            assertFalse(r.body().contains(hall.vote.title()) || r.body().contains(hall.vote.id()), path + ": " + r.body());
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + page() + "/view.json")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(post.statusCode() == 404 || post.statusCode() == 405, "read-only: " + post.statusCode());
    }

    @Test
    void tokensAreLongRandomAndUrlSafe() {
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 50; i++) {
            String t = DisplayServer.newToken();
            assertTrue(t.matches("[A-Za-z0-9_-]{43}"), t);
            seen.add(t);
        }
        assertEquals(50, seen.size());
        assertNotEquals(token, DisplayServer.newToken());
    }

    @Test
    void beforeOpeningItShowsWhoIsPresentAsANumberAgainstTheQuorum() throws Exception {
        hall.checkIn(8);

        JsonObject v = view();

        assertEquals("draft", v.get("state").getAsString());
        assertEquals(14, v.get("summoned").getAsInt());
        assertEquals(8, v.get("checkedIn").getAsInt());
        assertEquals(10, v.get("quorum").getAsInt(), "3·10 ≥ 2·14 > 3·9");
        assertFalse(v.get("quorumReached").getAsBoolean());
        assertEquals(0, v.get("issued").getAsInt());
        assertEquals(0, v.get("returned").getAsInt());
        assertEquals(DEADLINE.toString(), v.get("deadline").getAsString());
        assertEquals("17:00 ngày 01/12/2026", v.get("deadlineText").getAsString());
        assertEquals(NOW.toString(), v.get("now").getAsString());
        assertTrue(v.get("results").isJsonNull());
    }

    @Test
    void whileOpenItShowsBallotsReturnedAgainstIssuedAndNoCountOfAnyChoice() throws Exception {
        hall.checkIn(12).open().ballots(0, 7);

        JsonObject v = view();

        assertEquals("open", v.get("state").getAsString());
        assertEquals(12, v.get("checkedIn").getAsInt());
        assertTrue(v.get("quorumReached").getAsBoolean());
        assertEquals(12, v.get("issued").getAsInt());
        assertEquals(7, v.get("returned").getAsInt());
        assertTrue(v.get("results").isJsonNull(), "no partial counts while open");
        assertEquals("58,33%", v.get("returnedShare").getAsString(), "returned of issued, not a count of a choice");
        assertEquals(Set.of("lang", "title", "unit", "state", "stateLabel", "summoned", "checkedIn", "quorum",
                "quorumReached", "issued", "returned", "returnedShare", "deadline", "deadlineText", "now", "results",
                "text"), v.keySet(), "nothing else is sent while open");
    }

    @Test
    void afterCloseItShowsTheResultsOfEveryLeader() throws Exception {
        hall.checkIn(14).open().ballots(0, 13).close();

        JsonObject v = view();
        JsonObject results = v.getAsJsonObject("results");

        assertEquals("closed", v.get("state").getAsString());
        assertEquals(14, v.get("issued").getAsInt());
        assertEquals(13, v.get("returned").getAsInt());
        assertEquals(3, results.getAsJsonArray("rows").size());
        JsonObject director = results.getAsJsonArray("rows").get(0).getAsJsonObject();
        assertEquals("Nguyễn Văn An", director.get("name").getAsString());
        // Ballots 0..12 by i mod 3: HIGH 5, MEDIUM 4, LOW 4 of 13 returned.
        var shares = director.getAsJsonArray("shares");
        assertEquals("high", shares.get(0).getAsJsonObject().get("choice").getAsString());
        assertEquals(5, shares.get(0).getAsJsonObject().get("count").getAsInt());
        assertEquals("38,46%", shares.get(0).getAsJsonObject().get("percent").getAsString());
        assertEquals(4, shares.get(2).getAsJsonObject().get("count").getAsInt());
        JsonObject deputy = results.getAsJsonArray("rows").get(1).getAsJsonObject();
        assertEquals(2, deputy.get("invalid").getAsInt(), "ballots 4 and 9 left the deputy's row blank");
        assertTrue(results.get("basis").getAsString().contains("Quy định 96-QĐ/TW"), results.toString());
    }

    @Test
    void englishViewOnRequest() throws Exception {
        JsonObject v = JsonParser.parseString(get(page() + "/view.json?lang=en").body()).getAsJsonObject();

        assertEquals("en", v.get("lang").getAsString());
        assertEquals("17:00 on 01/12/2026 (UTC+07:00)", v.get("deadlineText").getAsString());
        assertEquals("Present", v.getAsJsonObject("text").get("display.present").getAsString());
    }

    @Test
    void noPayloadEverNamesAParticipantOrCarriesAReceiptOrTheTokenIsLogged() throws Exception {
        List<Runnable> stages = List.of(() -> { }, () -> hall.checkIn(9), () -> hall.checkIn(12).open(),
                () -> hall.ballots(0, 6), () -> hall.ballots(6, 12).close());
        List<String> identifying = null;
        int payloads = 0;
        for (Runnable stage : stages) {
            stage.run();
            identifying = hall.identifying();
            for (String path : List.of(page(), page() + "/view.json", page() + "/view.json?lang=en",
                    "/hall-assets/display.js", "/hall-assets/display.css")) {
                HttpResponse<String> r = get(path);
                assertEquals(200, r.statusCode(), path);
                payloads++;
                for (String s : identifying) {
                    assertFalse(r.body().contains(s), path + " names " + s);
                }
            }
        }
        assertEquals(12, identifying.stream().filter(s -> s.startsWith("RC")).count(), "receipts were looked for");
        assertEquals(25, payloads);
        assertFalse(logs.text().contains(token), "the token is never logged");
    }
}
