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
            store.openVote(vote.id(), vote.fingerprint(), at);
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
}
