package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void exampleIsValidAndSummarised() throws Exception {
        int code = run("check-config", EXAMPLE);

        assertEquals(Command.OK, code, err());
        String text = out();
        VoteDefinition v = DefinitionLoader.load(Path.of(EXAMPLE)).get(0);
        assertTrue(text.contains("cthads-halam-2026"), text);
        assertTrue(text.contains("summoned       14; quorum: 10 present"), text);
        assertTrue(text.contains("1. Trần Văn Thắng, Cục trưởng"), text);
        assertTrue(text.contains("4 telegramId, 4 telegramUsername, 4 phone, 3 zaloId; 3 invite code only"), text);
        assertTrue(text.contains("Phạm Quốc Hùng (also participant p01)"), text);
        assertTrue(text.contains("sha256:" + v.fingerprint()), text);
        assertTrue(text.contains("OK: 1 vote definition valid"), text);
        assertEquals("", err());
    }

    @Test
    void brokenDefinitionPrintsEveryErrorOnStderrAndExitsOne() throws Exception {
        String broken = Files.readString(Path.of(EXAMPLE))
                .replace("\"qd96-2023\"", "\"qd97\"")
                .replace("\"roster\"", "\"rosters\"")
                .replace("\"telegramId\": 100000031", "\"telegramId\": \"sup\"");
        Path file = Files.writeString(dir.resolve("broken.json"), broken);
        List<ConfigError> expected = errorsOf(file);

        int code = run("check-config", file.toString());

        assertEquals(Command.FAILED, code);
        assertTrue(expected.size() >= 4, expected::toString);
        List<String> lines = err().lines().toList();
        for (ConfigError e : expected) {
            assertTrue(lines.contains(file + ": " + e.field() + ": " + e.reason()), e + "\n" + err());
        }
        assertTrue(err().contains(file + ": rulebook: unknown rulebook \"qd97\""), err());
        assertTrue(err().contains(expected.size() + " errors"), err());
        assertEquals("", out());
    }

    @Test
    void folderOfVotesIsSummarisedVoteByVote() throws Exception {
        String example = Files.readString(Path.of(EXAMPLE));
        Files.writeString(dir.resolve("a.json"), example);
        Files.writeString(dir.resolve("b.json"), example.replace("cthads-halam-2026", "second-vote"));

        assertEquals(Command.OK, run("check-config", dir.toString()), err());
        assertTrue(out().contains("cthads-halam-2026") && out().contains("second-vote"), out());
        assertTrue(out().contains("OK: 2 vote definitions valid"), out());
    }

    @Test
    void missingPathArgumentIsAUsageError() {
        assertEquals(Command.USAGE, run("check-config"));
        assertTrue(err().contains("Usage: java -jar tinnhiem.jar check-config PATH"), err());
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
        assertEquals(Command.OK, run("help"));
        assertTrue(out().contains("check-config PATH"), out());
        assertEquals(Command.OK, run("--help"));
    }

    @Test
    void helpForOneCommandShowsItsUsage() {
        assertEquals(Command.OK, run("help", "check-config"));
        assertTrue(out().contains("Usage: java -jar tinnhiem.jar check-config PATH"), out());
    }

    @Test
    void unknownCommandShowsUsageAndExitsTwo() {
        assertEquals(Command.USAGE, run("frobnicate"));
        assertTrue(err().contains("Unknown command: frobnicate"), err());
        assertTrue(err().contains("Usage: java -jar tinnhiem.jar COMMAND"), err());
    }

    @Test
    void noCommandShowsUsageAndExitsTwo() {
        assertEquals(Command.USAGE, run());
        assertTrue(err().contains("Commands:"), err());
    }

    @Test
    void commandNamesAreUnique() {
        List<String> names = Main.commands().stream().map(Command::name).toList();
        assertEquals(names.size(), names.stream().distinct().count(), names::toString);
        assertFalse(names.contains("help"), "help is built into Main");
    }

    // ---- helpers ----

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

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
}
