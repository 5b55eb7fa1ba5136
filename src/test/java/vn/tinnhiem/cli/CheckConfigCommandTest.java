package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.config.ConfigError;
import vn.tinnhiem.config.ConfigException;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.Rulebook;
import vn.tinnhiem.core.VoteDefinition;

class CheckConfigCommandTest {
    private static final String EXAMPLE = "config/example-vote.json";

    @TempDir
    Path dir;

    private final Console console = new Console();

    @Test
    void exampleIsValidAndSummarised() throws Exception {
        int code = console.run("check-config", EXAMPLE);

        assertEquals(Command.OK, code, console.err());
        String text = console.out();
        VoteDefinition v = DefinitionLoader.load(Path.of(EXAMPLE)).get(0);
        assertTrue(text.contains("cthads-halam-2026"), text);
        assertTrue(text.contains("triệu tập            14; cần có mặt: 10 (ít nhất 2/3)"), text);
        assertTrue(text.contains("1. Trần Văn Thắng, Cục trưởng"), text);
        // p08, p10 and p13 are pinned to a Zalo id: no code (it could only check in their own account).
        assertTrue(text.contains("4 telegramId, 4 telegramUsername, 4 phone, 3 zaloId; 3 người cần mã mời"), text);
        assertTrue(text.contains("Phạm Quốc Hùng (cũng là người ghi phiếu p01)"), text);
        assertTrue(text.contains("sha256:" + v.fingerprint()), text);
        assertTrue(text.contains("OK: 1 tệp cuộc bỏ phiếu hợp lệ"), text);
        assertEquals("", console.err());
    }

    @Test
    void staffRecognisedByUsernameOnlyAreWarnedAbout() throws Exception {
        assertEquals(Command.OK, console.run("check-config", EXAMPLE), console.err());
        List<String> warnings = console.out().lines().filter(l -> l.contains("CẢNH BÁO")).toList();
        assertEquals(List.of("  CẢNH BÁO             người giám sát sup2 (Lê Thị Hải Yến) chỉ được nhận diện bằng"
                + " telegramUsername @haiyen_giamsat; tên người dùng có thể đổi chủ: thêm telegramId"), warnings);
        // With the id added, the warning goes.
        Path fixed = Files.writeString(dir.resolve("fixed.json"), Files.readString(Path.of(EXAMPLE))
                .replace("\"telegramUsername\": \"haiyen_giamsat\"",
                        "\"telegramUsername\": \"haiyen_giamsat\", \"telegramId\": 100000032"));
        Console again = new Console();
        assertEquals(Command.OK, again.run("check-config", fixed.toString()), again.err());
        assertFalse(again.out().contains("CẢNH BÁO"), again.out());
    }

    @Test
    void entriesPinnedToAnIdSayTheirUsernameAndPhoneAreNotForMatching() throws Exception {
        assertEquals(Command.OK, console.run("check-config", EXAMPLE), console.err());
        List<String> pinned = console.out().lines().filter(l -> l.startsWith("  nhận diện theo id")).toList();
        String row = "  nhận diện theo id    ";
        String tail = " chỉ để hiển thị, không dùng để nhận diện";
        assertEquals(List.of(
                row + "người ghi phiếu p03 (Vũ Đức Thành) chỉ được nhận diện bằng telegramId; phone 84900000103" + tail,
                row + "người ghi phiếu p06 (Ngô Thị Bích Ngọc) chỉ được nhận diện bằng telegramId; telegramUsername"
                        + " @bichngoc_ngo" + tail,
                row + "người ghi phiếu p08 (Dương Thị Hồng Nhung) chỉ được nhận diện bằng zaloId; phone 84900000108"
                        + tail,
                row + "người ghi phiếu p13 (Phan Đình Lộc) chỉ được nhận diện bằng zaloId; telegramUsername"
                        + " @phandinhloc" + tail,
                row + "người tổ chức org2 (Nguyễn Thị Phương) chỉ được nhận diện bằng telegramId; telegramUsername"
                        + " @phuong_tochuc" + tail), pinned);
    }

    /** Issue 18, item 2: with REDIS_URL, a file changed since /open is reported and fails the check. */
    @Test
    void aFileChangedSinceOpenIsReportedWhenRedisIsGiven() throws Exception {
        try (vn.tinnhiem.testing.RedisServer redis = vn.tinnhiem.testing.RedisServer.start()) {
            VoteDefinition v = DefinitionLoader.load(Path.of(EXAMPLE)).get(0);
            try (var store = vn.tinnhiem.store.RedisVoteStore.fromUrl(redis.url(), java.time.Duration.ofHours(1))) {
                store.openVote(v.id(), vn.tinnhiem.core.FrozenDefinition.of(v), java.time.Instant.now());
            }
            java.util.Map<String, String> env = java.util.Map.of("REDIS_URL", redis.url());
            Console same = new Console();
            assertEquals(Command.OK, same.run(new CheckConfigCommand(env), EXAMPLE), same.err());
            assertTrue(same.out().contains(v.id() + ": as frozen at /open (sha256:" + v.fingerprint() + ")"), same.out());

            Path renamed = Files.writeString(dir.resolve("renamed.json"), Files.readString(Path.of(EXAMPLE))
                    .replace("Nguyễn Thị Thu Hương", "Nguyễn Thị Thu Hường"));
            Console changed = new Console();
            assertEquals(Command.FAILED, changed.run(new CheckConfigCommand(env), renamed.toString()));
            assertTrue(changed.err().contains("vote " + v.id() + ": the file changed since /open: leader 2 renamed"
                    + " from «Nguyễn Thị Thu Hương» to «Nguyễn Thị Thu Hường»"), changed.err());
        }
    }

    @Test
    void brokenDefinitionPrintsEveryErrorOnStderrAndExitsOne() throws Exception {
        String broken = Files.readString(Path.of(EXAMPLE))
                .replace("\"qd96-2023\"", "\"qd97\"")
                .replace("\"roster\"", "\"rosters\"")
                .replace("\"telegramId\": 100000031", "\"telegramId\": \"sup\"");
        Path file = Files.writeString(dir.resolve("broken.json"), broken);
        List<ConfigError> expected = errorsOf(file);

        int code = console.run("check-config", file.toString());

        assertEquals(Command.FAILED, code);
        assertTrue(expected.size() >= 4, expected::toString);
        List<String> lines = console.err().lines().toList();
        for (ConfigError e : expected) {
            assertTrue(lines.contains(file + ": " + e.field() + ": " + e.reason()), e + "\n" + console.err());
        }
        assertTrue(console.err().contains(file + ": rulebook: unknown rulebook \"qd97\""), console.err());
        assertTrue(console.err().contains(expected.size() + " errors"), console.err());
        assertEquals("", console.out());
    }

    @Test
    void aBallotOfAHundredLeadersIsValidAndListedInFull() throws Exception {
        Path file = withLeaders(100, null);

        assertEquals(Command.OK, console.run("check-config", file.toString()), console.err());
        assertTrue(console.out().contains("  người được lấy phiếu 100\n"), console.out());
        assertTrue(console.out().contains("100. Người số 100, Đại biểu Hội đồng nhân dân tỉnh  [l100]"), console.out());
    }

    @Test
    void aHundredAndOneLeadersAreRefusedAndTheLimitExplainedInTheVotesLanguage() throws Exception {
        Console vi = new Console();
        Console en = new Console();

        assertEquals(Command.FAILED, vi.run("check-config", withLeaders(101, null).toString()));
        assertEquals(Command.FAILED, en.run("check-config", withLeaders(101, "en").toString()));

        assertTrue(vi.err().contains("leaders: có 101 người được lấy phiếu; tối đa 100. Giới hạn này do màn hình xem"
                + " lại phiếu trước khi gửi: mỗi trang 10 dòng, mỗi trang một nút, tối đa 10 trang"), vi.err());
        assertTrue(en.err().contains("leaders: has 101 leaders; at most 100. The limit comes from the review before"
                + " Submit: 10 rows a page, a button for each page, at most 10 pages"), en.err());
        assertTrue(vi.err().contains("1 error;") && en.err().contains("1 error;"), vi.err() + en.err());
        assertEquals("", vi.out() + en.out());
    }

    @Test
    void theSummaryIsInTheVotesLanguageAndShowsWhatTheMinutesWillCarry() throws Exception {
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(Files.readString(withLeaders(2, "en")))
                .getAsJsonObject();
        o.addProperty("conference", "Annual conference 2026");
        o.addProperty("place", "Hà Lam");
        o.addProperty("heading", "party");
        com.google.gson.JsonArray committee = new com.google.gson.JsonArray();
        com.google.gson.JsonObject member = new com.google.gson.JsonObject();
        member.addProperty("name", "Trần Văn Kiểm");
        member.addProperty("role", "Tổ trưởng");
        committee.add(member);
        o.add("committee", committee);
        Path en = Files.writeString(dir.resolve("en.json"), o.toString());
        assertEquals(Command.OK, console.run("check-config", en.toString()), console.err());
        String text = console.out();
        assertTrue(text.contains("  summoned             14; quorum: 10 present (at least 2/3)\n"), text);
        assertTrue(text.contains("  conference           Annual conference 2026\n"), text);
        assertTrue(text.contains("  place                Hà Lam\n"), text);
        assertTrue(text.contains("  minutes heading      Party (ĐẢNG CỘNG SẢN VIỆT NAM)\n"), text);
        assertTrue(text.contains("  committee            1: Trần Văn Kiểm (Tổ trưởng)\n"), text);
        assertTrue(text.contains("OK: 1 vote definition valid"), text);
        assertFalse(text.contains("triệu tập"), text);
        // In Vietnamese, the example (no minutes fields) says so.
        Console vi = new Console();
        assertEquals(Command.OK, vi.run("check-config", EXAMPLE), vi.err());
        assertTrue(vi.out().contains("  hội nghị             -\n"), vi.out());
        assertTrue(vi.out().contains("  tiêu đề biên bản     Nhà nước (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM)\n"), vi.out());
    }

    /** The example with {@code n} leaders, in {@code language} (null: as the example says, Vietnamese). */
    private Path withLeaders(int n, String language) throws Exception {
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(Files.readString(Path.of(EXAMPLE)))
                .getAsJsonObject();
        com.google.gson.JsonArray leaders = new com.google.gson.JsonArray();
        for (int i = 1; i <= n; i++) {
            com.google.gson.JsonObject l = new com.google.gson.JsonObject();
            l.addProperty("id", "l" + i);
            l.addProperty("fullName", "Người số " + i);
            l.addProperty("position", "Đại biểu Hội đồng nhân dân tỉnh");
            leaders.add(l);
        }
        o.add("leaders", leaders);
        if (language != null) {
            o.addProperty("language", language);
        }
        return Files.writeString(dir.resolve("leaders-" + n + "-" + language + ".json"), o.toString());
    }

    @Test
    void folderOfVotesIsSummarisedVoteByVote() throws Exception {
        String example = Files.readString(Path.of(EXAMPLE));
        Files.writeString(dir.resolve("a.json"), example);
        Files.writeString(dir.resolve("b.json"), example.replace("cthads-halam-2026", "second-vote"));

        assertEquals(Command.OK, console.run("check-config", dir.toString()), console.err());
        assertTrue(console.out().contains("cthads-halam-2026") && console.out().contains("second-vote"), console.out());
        assertTrue(console.out().contains("OK: 2 tệp cuộc bỏ phiếu hợp lệ"), console.out());
    }

    @Test
    void missingPathArgumentIsAUsageError() {
        assertEquals(Command.USAGE, console.run("check-config"));
        assertTrue(console.err().contains("Usage: java -jar tinnhiem.jar check-config PATH"), console.err());
    }

    @Test
    void quorumFigureIsTheSmallestPresenceThatHasQuorum() {
        for (int summoned = 1; summoned <= 300; summoned++) {
            VoteDefinition v = vote(summoned);
            int q = CheckConfigCommand.quorum(summoned);
            assertTrue(v.hasQuorum(q), "summoned " + summoned);
            assertFalse(v.hasQuorum(q - 1), "summoned " + summoned);
        }
    }

    // ---- Main ----

    @Test
    void helpListsTheCommands() {
        assertEquals(Command.OK, console.run("help"));
        assertTrue(console.out().contains("check-config PATH"), console.out());
        assertEquals(Command.OK, console.run("--help"));
    }

    @Test
    void helpForOneCommandShowsItsUsage() {
        assertEquals(Command.OK, console.run("help", "check-config"));
        assertTrue(console.out().contains("Usage: java -jar tinnhiem.jar check-config PATH"), console.out());
    }

    @Test
    void unknownCommandShowsUsageAndExitsTwo() {
        assertEquals(Command.USAGE, console.run("frobnicate"));
        assertTrue(console.err().contains("Unknown command: frobnicate"), console.err());
        assertTrue(console.err().contains("Usage: java -jar tinnhiem.jar COMMAND"), console.err());
    }

    @Test
    void noCommandShowsUsageAndExitsTwo() {
        assertEquals(Command.USAGE, console.run());
        assertTrue(console.err().contains("Commands:"), console.err());
    }

    @Test
    void commandNamesAreUnique() {
        List<String> names = Main.commands().stream().map(Command::name).toList();
        assertEquals(names.size(), names.stream().distinct().count(), names::toString);
        assertFalse(names.contains("help"), "help is built into Main");
    }

    // ---- helpers ----


    private static List<ConfigError> errorsOf(Path file) {
        try {
            DefinitionLoader.load(file);
            throw new AssertionError("expected " + file + " to be invalid");
        } catch (ConfigException e) {
            return e.errors();
        }
    }

    private static VoteDefinition vote(int summoned) {
        List<Person> roster = new ArrayList<>();
        for (int i = 0; i < summoned; i++) {
            roster.add(new Person("p" + i, "P " + i, null));
        }
        return new VoteDefinition("v", "t", null, Rulebook.QD96_2023, null,
                List.of(new Leader("d", "D", "Cục trưởng")), roster,
                List.of(), List.of(), null, false);
    }

    /** A council's vote entirely on Zalo: the estimate of its messages against the plan, with warnings. */
    @Test
    void aZaloVoteOverTheMonthlyQuotaOrTheUserCapIsWarnedOf() throws Exception {
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(
                Files.readString(Path.of("config/example-vote.json"))).getAsJsonObject();
        com.google.gson.JsonArray leaders = new com.google.gson.JsonArray();
        for (int i = 1; i <= 44; i++) {
            com.google.gson.JsonObject l = new com.google.gson.JsonObject();
            l.addProperty("id", "l" + i);
            l.addProperty("fullName", "Nguyễn Thị Thu Hương " + i);
            l.addProperty("position", "Phó Chủ tịch Ủy ban nhân dân tỉnh");
            leaders.add(l);
        }
        o.add("leaders", leaders);
        com.google.gson.JsonArray roster = new com.google.gson.JsonArray();
        for (int i = 1; i <= 60; i++) {
            com.google.gson.JsonObject p = new com.google.gson.JsonObject();
            p.addProperty("id", "p" + i);
            p.addProperty("name", "Đại biểu " + i);
            p.addProperty("zaloId", String.format("6ede9afa66b88fe6%04x", i));
            roster.add(p);
        }
        o.add("roster", roster);
        o.addProperty("announceToParticipants", false);
        Path file = dir.resolve("hdnd.json");
        Files.writeString(file, o.toString());

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(Command.OK, new CheckConfigCommand(java.util.Map.of()).run(List.of(file.toString()), out, out));
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("zalo                 tối đa 60 người ghi phiếu (60 có zaloId, số còn lại dùng mã mời)"), text);
        assertTrue(text.contains("hạn mức 3000 tin mỗi tháng (ZALO_MONTHLY_QUOTA), 50 người dùng mỗi bot"), "the free plan by default");
        assertTrue(text.contains("CẢNH BÁO             có thể có tới 60 người dùng bot Zalo, vượt giới hạn 50 người dùng"), text);
        assertFalse(text.contains("vượt hạn mức"), "60 people x 6 messages fit 3,000: " + text);

        bytes.reset();
        assertEquals(Command.OK, new CheckConfigCommand(java.util.Map.of("ZALO_MONTHLY_QUOTA", "300",
                "ZALO_USER_CAP", "100")).run(List.of(file.toString()), out, out));
        text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s).*CẢNH BÁO             trên Zalo cuộc bỏ phiếu này sẽ gửi khoảng \\d+ tin nhắn, "
                + "vượt hạn mức 300 tin mỗi tháng.*"), text);
        assertFalse(text.contains("vượt giới hạn"), text);
    }
}
