package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisServer;

class ExportCommandTest {
    private static final String CONFIG = "config/example-vote.json";
    private static RedisServer redis;

    @TempDir
    Path out;

    private VoteDefinition vote;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void fresh() throws Exception {
        redis.flushAll();
        vote = DefinitionLoader.load(Path.of(CONFIG)).get(0);
    }

    private record Ran(int code, String out, String err) {}

    private Ran run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = new ExportCommand(Map.of("REDIS_URL", redis.url())).run(List.of(args),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Ran(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Two participants vote HIGH on every leader; then the vote is closed if asked. */
    private void vote(boolean close) {
        try (RedisVoteStore store = RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1))) {
            Instant at = Instant.parse("2026-11-27T02:00:00Z");
            List<String> leaderIds = vote.leaders().stream().map(l -> l.id()).toList();
            for (int p = 0; p < 2; p++) {
                store.checkIn(vote.id(), vote.roster().get(p).id(), "tg:" + (900 + p));
            }
            store.openVote(vote.id(), vn.tinnhiem.core.FrozenDefinition.of(vote), at);
            for (int p = 0; p < 2; p++) {
                String person = vote.roster().get(p).id();
                for (int i = 0; i < leaderIds.size(); i++) {
                    store.press(vote.id(), person, leaderIds.size(), new BallotEvent.Rate(i, Choice.HIGH));
                }
                store.submit(vote.id(), person, leaderIds, "RCPT" + p);
            }
            if (close) {
                store.closeVote(vote.id(), at.plusSeconds(3600), "");
            }
        }
    }

    @Test
    void refusesAVoteThatHasNotClosedAndWritesNothing() throws Exception {
        vote(false);
        Ran r = run("--config", CONFIG, "--out", out.toString());
        assertEquals(Command.FAILED, r.code());
        assertTrue(r.err().contains("is OPEN; results exist only after it is closed"), r.err());
        try (var files = Files.list(out)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void writesEveryFileOfAClosedVoteFromRedis() throws Exception {
        vote(true);
        Ran r = run("--config", CONFIG, "--out", out.toString(), "--lang", "en");
        assertEquals(Command.OK, r.code(), r.err());
        for (String ext : new String[] {"json", "csv", "xlsx", "png", "pdf", "docx"}) {
            Path file = out.resolve("ket-qua-" + vote.id() + "." + ext);
            assertTrue(Files.size(file) > 0, ext);
            assertTrue(r.out().contains(file.toString()), r.out());
        }
        JsonObject json = JsonParser.parseString(
                Files.readString(out.resolve("ket-qua-" + vote.id() + ".json"))).getAsJsonObject();
        assertEquals(2, json.get("returned").getAsInt());
        assertEquals("en", json.get("language").getAsString());
        assertEquals(List.of("RCPT0", "RCPT1"), json.getAsJsonArray("receipts").asList().stream()
                .map(e -> e.getAsString()).sorted().toList());
    }

    @Test
    void wrongUsageIsExplained() {
        assertEquals(Command.USAGE, run("--config", CONFIG).code());
        assertEquals(Command.USAGE, run("--config", CONFIG, "--out", "x", "--lang", "fr").code());
        assertFalse(run("--config", CONFIG, "--out", "x", "--lang", "fr").err().isEmpty());
    }

    @Test
    void isListedInHelp() {
        assertTrue(Main.commands().stream().anyMatch(c -> c.name().equals("export")));
    }

    @Test
    void withoutRedisUrlItAsksForRedisAndSuggestsNoFlagItWouldReject() {
        Console console = new Console();

        assertEquals(Command.FAILED, console.run(new ExportCommand(Map.of()), "--config", CONFIG, "--out",
                out.resolve("results").toString()));

        assertTrue(console.err().startsWith("export: REDIS_URL is not set; set it to the Redis the bot used"),
                console.err());
        assertFalse(console.err().contains("--in-memory"), console.err());
        assertFalse(Files.exists(out.resolve("results")), "nothing is written");
    }

    /**
     * Issue 18, item 2: the file edited after the vote (leaders 1 and 2 swapped) changes neither
     * whose counts are whose nor the names printed: results are those of the frozen definition,
     * and the change is reported.
     */
    @Test
    void aFileChangedAfterTheVoteIsReportedAndTheFrozenDefinitionIsUsed() throws Exception {
        try (RedisVoteStore store = RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1))) {
            Instant at = Instant.parse("2026-11-27T02:00:00Z");
            List<String> leaderIds = vote.leaders().stream().map(l -> l.id()).toList();
            String person = vote.roster().get(0).id();
            store.checkIn(vote.id(), person, "tg:900");
            store.openVote(vote.id(), vn.tinnhiem.core.FrozenDefinition.of(vote), at);
            store.press(vote.id(), person, 3, new BallotEvent.Rate(0, Choice.HIGH));
            store.press(vote.id(), person, 3, new BallotEvent.Rate(1, Choice.LOW));
            store.press(vote.id(), person, 3, new BallotEvent.Rate(2, Choice.MEDIUM));
            store.submit(vote.id(), person, leaderIds, "RCPT0");
            store.closeVote(vote.id(), at.plusSeconds(3600), "");
        }
        String first = vote.leaders().get(0).fullName();
        String second = vote.leaders().get(1).fullName();
        Path swapped = Files.writeString(out.resolve("swapped.json"), Files.readString(Path.of(CONFIG))
                .replace(first, "\u0000").replace(second, first).replace("\u0000", second));
        Path results = out.resolve("results");

        Ran r = run("--config", swapped.toString(), "--out", results.toString());

        assertEquals(Command.OK, r.code(), r.err());
        assertTrue(r.err().contains("the file changed since /open: leader 1 renamed from «" + first + "» to «"
                + second + "»; leader 2 renamed from «" + second + "» to «" + first + "»"), r.err());
        JsonObject json = JsonParser.parseString(
                Files.readString(results.resolve("ket-qua-" + vote.id() + ".json"))).getAsJsonObject();
        var leaders = json.getAsJsonArray("leaders");
        assertEquals(first, leaders.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals(1, leaders.get(0).getAsJsonObject().getAsJsonObject("counts").get("high").getAsInt());
        assertEquals(second, leaders.get(1).getAsJsonObject().get("name").getAsString());
        assertEquals(1, leaders.get(1).getAsJsonObject().getAsJsonObject("counts").get("low").getAsInt());
        assertEquals(vote.fingerprint(), json.get("definitionFingerprint").getAsString());
    }
}
