package vn.tinnhiem.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.core.VoteDefinition;

/** The largest ballot a definition allows, for the tests of long ballots on every platform. */
public final class LongestVote {
    private LongestVote() {}

    /** Leaders on the ballot: the most a definition allows. */
    public static final int N = 100;

    /**
     * 100 leaders with the longest title, names and positions a definition passes (through the
     * real loader, so the limits checked are the loader's), a 32-character id and a deadline.
     */
    public static VoteDefinition write(Path dir, String language) throws Exception {
        JsonObject o = JsonParser.parseString(Files.readString(Path.of("config/example-vote.json"))).getAsJsonObject();
        o.addProperty("id", "hoi-dong-nhan-dan-tinh-2026-ky10");
        o.addProperty("language", language);
        o.addProperty("title", fill("Lấy phiếu tín nhiệm đối với người giữ chức vụ do Hội đồng nhân dân tỉnh bầu, ", 200));
        o.addProperty("deadline", "2099-12-01T17:00:00+07:00");
        o.addProperty("address", "đồng chí đại biểu HĐND");
        JsonArray leaders = new JsonArray();
        for (int i = 1; i <= N; i++) {
            JsonObject l = new JsonObject();
            l.addProperty("id", "l" + i);
            l.addProperty("fullName", fill(i + " Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Huỳnh ", 80));
            l.addProperty("position", fill("Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực Ủy ban nhân dân"
                    + " tỉnh, Trưởng Ban Chỉ đạo ", 150));
            leaders.add(l);
        }
        o.add("leaders", leaders);
        // The people of Votes: participants 1-3 by Telegram id, one by Zalo id, organiser and supervisor.
        JsonArray roster = new JsonArray();
        for (int i = 1; i <= 3; i++) {
            JsonObject p = new JsonObject();
            p.addProperty("id", "p0" + i);
            p.addProperty("name", "Người " + i);
            p.addProperty("telegramId", Votes.participantTelegramId(i));
            roster.add(p);
        }
        JsonObject zalo = new JsonObject();
        zalo.addProperty("id", "z1");
        zalo.addProperty("name", "Lý Thị Zalo");
        zalo.addProperty("zaloId", ZALO_ID);
        roster.add(zalo);
        o.add("roster", roster);
        o.add("organisers", people("org1", "Ban tổ chức", Votes.ORGANISER_ID));
        o.add("supervisors", people("sup1", "Giám sát", Votes.SUPERVISOR_ID));
        Path file = dir.resolve("longest-" + language + ".json");
        Files.writeString(file, o.toString(), StandardCharsets.UTF_8);
        VoteDefinition v = DefinitionLoader.load(file).get(0);
        assertEquals(80, v.leaders().get(99).fullName().length(), "the longest name a definition allows");
        assertEquals(150, v.leaders().get(0).position().length(), "the longest position a definition allows");
        assertEquals(200, v.title().length(), "the longest title a definition allows");
        return v;
    }

    /** The Zalo participant of {@link #longestVote}. */
    public static final String ZALO_ID = "6ede9afa66b88fe6d101";

    private static JsonArray people(String id, String name, long telegramId) {
        JsonObject p = new JsonObject();
        p.addProperty("id", id);
        p.addProperty("name", name);
        p.addProperty("telegramId", telegramId);
        JsonArray a = new JsonArray();
        a.add(p);
        return a;
    }

    private static String fill(String text, int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            b.append(text);
        }
        return b.substring(0, length).strip() + "x".repeat(length - b.substring(0, length).strip().length());
    }
}
