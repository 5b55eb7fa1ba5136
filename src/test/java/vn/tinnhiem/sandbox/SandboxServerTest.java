package vn.tinnhiem.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Rulebook;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Votes;

class SandboxServerTest {
    private static final String P1 = "sb:" + Votes.participantTelegramId(1);
    private static final String P2 = "sb:" + Votes.participantTelegramId(2);
    private static final String ORGANISER = "sb:" + Votes.ORGANISER_ID;

    private final HttpClient http = HttpClient.newHttpClient();
    private SandboxServer server;

    @BeforeEach
    void start() {
        var vote = Votes.builder("v1").participants(3).rulebook(Rulebook.NQ85_2014).build();
        server = SandboxServer.start(new Sandbox(vote, new InMemoryVoteStore(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC)), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .header("Content-Type", "application/json")
                .header("Origin", server.url().substring(0, server.url().length() - 1))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject postOk(String path, String json) throws Exception {
        HttpResponse<String> r = post(path, json);
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private JsonObject chat(String lang, String key) throws Exception {
        JsonObject state = JsonParser.parseString(get("/api/state?lang=" + lang).body()).getAsJsonObject();
        for (JsonElement p : state.getAsJsonArray("people")) {
            if (p.getAsJsonObject().get("key").getAsString().equals(key)) {
                return p.getAsJsonObject();
            }
        }
        throw new AssertionError("no chat " + key);
    }

    private static JsonObject lastMessage(JsonObject chat) {
        JsonArray messages = chat.getAsJsonArray("messages");
        return messages.get(messages.size() - 1).getAsJsonObject();
    }

    private void press(String who, String data) throws Exception {
        String id = lastMessage(chat("vi", who)).get("id").getAsString();
        postOk("/api/action", "{\"person\":\"" + who + "\",\"type\":\"press\",\"messageId\":\"" + id
                + "\",\"data\":\"" + data + "\"}");
    }

    private void say(String who, String text) throws Exception {
        postOk("/api/action", "{\"person\":\"" + who + "\",\"lang\":\"vi\",\"type\":\"say\",\"text\":\"" + text + "\"}");
    }

    @Test
    void servesThePageInUtf8() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"sandbox.js\">"));
        assertEquals(200, get("/sandbox.js").statusCode());
        assertEquals(200, get("/sandbox.css").statusCode());
    }

    @Test
    void pageTextComesFromTheBundlesInBothLanguages() throws Exception {
        JsonObject vi = JsonParser.parseString(get("/api/text?lang=vi").body()).getAsJsonObject();
        JsonObject en = JsonParser.parseString(get("/api/text?lang=en").body()).getAsJsonObject();
        assertEquals("Tín nhiệm cao", vi.get("choice.high").getAsString());
        assertEquals("High confidence", en.get("choice.high").getAsString());
        assertEquals(vi.keySet(), en.keySet());
        assertEquals("This person's invite code: {0}", en.get("sandbox.invite").getAsString());
    }

    @Test
    void everyoneHasAPaneWithTheMenuOfTheirRole() throws Exception {
        JsonObject organiser = chat("en", ORGANISER);
        assertTrue(organiser.get("menu").toString().contains("\"open\""));
        assertFalse(chat("en", P1).get("menu").toString().contains("\"open\""));
        assertEquals("Organiser · id " + Votes.ORGANISER_ID, organiser.get("roleLabel").getAsString() + " · "
                + organiser.get("contact").getAsString());
    }

    @Test
    void pressEditsTheBallotInPlaceAndSubmitHidesTheChoices() throws Exception {
        say(P1, "/start");
        say(P2, "/start");
        say(ORGANISER, "/open");
        int before = chat("vi", P1).getAsJsonArray("messages").size();
        press(P1, "r:v1:0:H");
        JsonObject ballot = lastMessage(chat("vi", P1));
        assertEquals(before, chat("vi", P1).getAsJsonArray("messages").size(), "an edit adds no message");
        assertTrue(ballot.get("edited").getAsBoolean());
        assertTrue(ballot.get("text").getAsString().contains("Trần Thị Bình"), ballot.toString());
        press(P1, "r:v1:1:B");
        press(P1, "r:v1:2:L");
        press(P1, "f:v1");
        press(P1, "s:v1");
        JsonObject confirmed = lastMessage(chat("vi", P1));
        assertTrue(confirmed.get("text").getAsString().contains("Mã biên nhận"));
        assertEquals(0, confirmed.getAsJsonArray("buttons").size());
        assertTrue(chat("vi", P1).get("voted").getAsBoolean());
    }

    @Test
    void pressAnswerComesBackAsAToast() throws Exception {
        say(P1, "/start");
        JsonObject r = postOk("/api/action", "{\"person\":\"" + P1
                + "\",\"type\":\"press\",\"messageId\":\"2\",\"data\":\"r:v1:0:H\",\"lang\":\"en\"}");
        assertEquals("[\"Voting has not started yet.\"]", r.get("toasts").toString());
    }

    @Test
    void resultsAreRefusedWhileOpenAndTabulatedAfterClose() throws Exception {
        say(P1, "/start");
        say(P2, "/start");
        say(ORGANISER, "/open");
        assertEquals(409, get("/api/results?lang=vi").statusCode());
        for (String who : new String[] {P1, P2}) {
            press(who, "r:v1:0:H");
            press(who, "r:v1:1:" + (who.equals(P1) ? "M" : "B"));
            press(who, "r:v1:2:L");
            press(who, "f:v1");
            press(who, "s:v1");
        }
        say(ORGANISER, "/close force");

        JsonObject vi = JsonParser.parseString(get("/api/results?lang=vi").body()).getAsJsonObject();
        assertEquals(2, vi.get("returned").getAsInt());
        JsonObject first = vi.getAsJsonArray("leaders").get(0).getAsJsonObject();
        // NQ 85/2014: percentages of the 3 summoned, so 2/3 = 66,67%.
        assertEquals("66,67%", first.getAsJsonObject("high").get("percent").getAsString());
        assertEquals("66.67", first.getAsJsonObject("high").get("value").getAsString());
        JsonObject second = vi.getAsJsonArray("leaders").get(1).getAsJsonObject();
        assertEquals(1, second.get("invalid").getAsInt());
        assertEquals("33,33%", second.getAsJsonObject("medium").get("percent").getAsString());
        assertEquals("two_thirds_low",
                vi.getAsJsonArray("leaders").get(2).getAsJsonObject().get("verdict").getAsString());
        JsonObject en = JsonParser.parseString(get("/api/results?lang=en").body()).getAsJsonObject();
        assertEquals("66.67%", en.getAsJsonArray("leaders").get(0).getAsJsonObject()
                .getAsJsonObject("high").get("percent").getAsString());
        assertEquals(2, en.getAsJsonArray("receipts").size());
    }

    @Test
    void stateAnswersOnlyTheVersionWhenNothingChanged() throws Exception {
        long version = JsonParser.parseString(get("/api/state?lang=vi").body()).getAsJsonObject()
                .get("version").getAsLong();
        assertEquals("{\"version\":" + version + "}", get("/api/state?lang=vi&since=" + version).body());
        say(P1, "/start");
        assertTrue(get("/api/state?lang=vi&since=" + version).body().contains("\"people\""));
    }

    @Test
    void simulateChecksEveryoneInAndVotesOnceOpen() throws Exception {
        JsonObject first = postOk("/api/simulate", "{\"lang\":\"en\"}");
        assertEquals(3, first.get("checkedIn").getAsInt());
        assertEquals(0, first.get("voted").getAsInt());
        say(ORGANISER, "/open");
        JsonObject second = postOk("/api/simulate", "{\"lang\":\"en\"}");
        assertEquals(3, second.get("voted").getAsInt());
        say(ORGANISER, "/close force");
        JsonObject results = JsonParser.parseString(get("/api/results").body()).getAsJsonObject();
        assertEquals(3, results.get("returned").getAsInt());
    }

    @Test
    void phoneOnlyAndInviteOnlyPeopleCheckInFromThePage() throws Exception {
        server.close();
        server = SandboxServer.start(new Sandbox(SimulatorTest.mixedContacts(), new InMemoryVoteStore(),
                Clock.systemUTC()), 0);
        JsonObject state = JsonParser.parseString(get("/api/state?lang=vi").body()).getAsJsonObject();
        String phoneOnly = null;
        String inviteOnly = null;
        String code = null;
        for (JsonElement e : state.getAsJsonArray("people")) {
            JsonObject p = e.getAsJsonObject();
            if (p.get("name").getAsString().equals("Phạm Thị Dung")) {
                phoneOnly = p.get("key").getAsString();
            } else if (p.get("name").getAsString().equals("Vũ Minh Đức")) {
                inviteOnly = p.get("key").getAsString();
                code = p.get("inviteCode").getAsString();
            }
        }
        say(phoneOnly, "/start");
        assertEquals("📱 Chia sẻ số điện thoại", chat("vi", phoneOnly).get("contactRequest").getAsString());
        postOk("/api/action", "{\"person\":\"" + phoneOnly + "\",\"type\":\"contact\"}");
        JsonObject dung = chat("vi", phoneOnly);
        assertTrue(dung.get("checkedIn").getAsBoolean());
        assertFalse(dung.has("contactRequest"), "the share-phone button goes once the bot knows them");

        say(inviteOnly, code.toLowerCase(java.util.Locale.ROOT));
        JsonObject duc = chat("vi", inviteOnly);
        assertTrue(duc.get("checkedIn").getAsBoolean());
        assertFalse(duc.has("inviteCode"), "the hint goes once the code is used");
    }

    @Test
    void badRequestsAreRefusedWithAReason() throws Exception {
        assertEquals(400, post("/api/action", "not json").statusCode());
        assertEquals(400, post("/api/action", "{\"person\":\"sb:1\",\"type\":\"say\",\"text\":\"hi\"}").statusCode());
        HttpResponse<String> r = post("/api/action", "{\"person\":\"" + P1 + "\",\"type\":\"dance\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("type must be"), r.body());
    }
}
