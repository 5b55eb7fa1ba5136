package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.config.RosterTemplate;

/** The command line itself: mistakes named with what was meant, and each command's help. */
class CommandLineTest {
    private static final String CONFIG = "config/example-vote.json";

    @TempDir
    Path dir;

    private final Console console = new Console();

    @Test
    void aMistypedCommandIsAnsweredWithTheCommandMeant() {
        assertEquals(Command.USAGE, console.run("chek-config", CONFIG));

        assertTrue(console.err().startsWith("Unknown command: chek-config\nDid you mean check-config?\n"),
                console.err());
        assertTrue(console.err().contains("Commands:"), console.err());
    }

    @Test
    void aWordLikeNoCommandGetsNoGuess() {
        assertEquals(Command.USAGE, console.run("frobnicate"));

        assertFalse(console.err().contains("Did you mean"), console.err());
    }

    @Test
    void initFormNamesTheUnknownFlagAndTheOneMeantAndWritesNothing() throws Exception {
        Path book = dir.resolve("ds.xlsx");
        Files.write(book, RosterTemplate.render());
        Path vote = dir.resolve("vote.json");

        assertEquals(Command.USAGE, console.run("init", "--form", book.toString(), "--out", vote.toString()));

        assertTrue(console.err().startsWith("unknown option --form; did you mean --from or --force?\n"), console.err());
        assertTrue(console.err().contains("Usage: java -jar tinnhiem.jar init"), console.err());
        assertFalse(Files.exists(vote));
    }

    @Test
    void aMistypedFlagOfAnyCommandIsNamedWithTheOnesMeant() {
        assertEquals(Command.USAGE, console.run("slips", "--config", CONFIG, "--out", "x.pdf", "--in-memroy"));
        assertTrue(console.err().contains("unknown option --in-memroy; did you mean --in-memory?"), console.err());

        assertEquals(Command.USAGE, console.run("export", "--confg", CONFIG, "--out", "x"));
        assertTrue(console.err().contains("unknown option --confg; did you mean --config?"), console.err());

        assertEquals(Command.USAGE, console.run("run", "--display", "8090", "--config", CONFIG));
        assertTrue(console.err().contains("unknown option --display; did you mean --display-host, --display-port or"
                + " --display-url-file?"),
                console.err());

        assertEquals(Command.USAGE, console.run("deploy", "--config", CONFIG, "--nonsense", "x"));
        assertTrue(console.err().contains("unknown option --nonsense\n"), console.err());
    }

    @Test
    void helpOfEveryCommandListsEachOptionWithItsOneLineDescription() {
        for (Command command : Main.commands()) {
            for (List<String> args : List.of(List.of("help", command.name()), List.of(command.name(), "--help"))) {
                Console console = new Console();
                assertEquals(Command.OK, console.run(args.toArray(String[]::new)), args.toString());
                String help = console.out().replaceAll("\\s+", " ");
                assertTrue(help.startsWith("Usage: java -jar tinnhiem.jar " + command.name()), help);
                assertTrue(help.contains(command.summary()), help);
                assertFalse(command.optionHelp().isEmpty(), command.name());
                for (Command.OptionHelp option : command.optionHelp()) {
                    assertFalse(option.description().isBlank() || option.description().contains("\n"), option.toString());
                    // Picocli wraps a long description onto a second line, indented: still one sentence.
                    assertTrue(help.contains(" " + option.usage() + " " + option.description()),
                            command.name() + ": " + option + " in " + help);
                }
            }
        }
    }

    /** The help lists what the usage line shows: an option added to one and not the other fails here. */
    @Test
    void everyCommandsHelpHasTheOptionsOfItsUsageLine() {
        Pattern option = Pattern.compile("--[a-z][a-z-]*");
        for (Command command : Main.commands()) {
            Set<String> inUsage = new TreeSet<>();
            Matcher m = option.matcher(command.arguments());
            while (m.find()) {
                inUsage.add(m.group());
            }
            Set<String> inHelp = new TreeSet<>();
            command.optionHelp().forEach(o -> {
                if (o.usage().startsWith("--")) {
                    inHelp.add(o.usage().split(" ")[0]);
                }
            });
            assertEquals(inUsage, inHelp, command.name());
        }
    }

    @Test
    void helpOfAnUnknownCommandSuggestsTheOneMeant() {
        assertEquals(Command.USAGE, console.run("help", "exprot"));

        assertTrue(console.err().startsWith("Unknown command: exprot\nDid you mean export?\n"), console.err());
    }

    @Test
    void checkConfigOfASpreadsheetSaysItReadsAVoteFileAndPointsToInit() throws Exception {
        Path book = dir.resolve("danh-sach.xlsx");
        Files.write(book, RosterTemplate.render());

        assertEquals(Command.USAGE, console.run("check-config", book.toString()));

        assertTrue(console.err().startsWith("check-config: " + book + " is a spreadsheet; check-config reads a vote"
                + " file (JSON), which init makes from the spreadsheets:\n  java -jar tinnhiem.jar init --from " + book
                + " --out vote.json\n"), console.err());
        assertEquals("", console.out());
    }

    @Test
    void checkConfigOfACsvTablePointsToInitsTableFlags() throws Exception {
        Path table = dir.resolve("lanh-dao.csv");
        Files.writeString(table, "STT,Họ và tên,Chức vụ\n1,Nguyễn Văn A,Cục trưởng\n");

        assertEquals(Command.USAGE, console.run("check-config", table.toString()));

        assertTrue(console.err().contains("init --leaders FILE --roster FILE --staff FILE --out vote.json"),
                console.err());
    }

    @Test
    void exportToAnExistingFileSaysItNeedsAFolderBeforeAskingForRedis() throws Exception {
        Path file = dir.resolve("ket-qua.pdf");
        Files.writeString(file, "kept");

        assertEquals(Command.USAGE, console.run(new ExportCommand(Map.of()), "--config", CONFIG, "--out",
                file.toString()));

        assertEquals("export: --out " + file + " is a file; --out names the folder the six result files go in"
                + " (made if missing), e.g. --out results\n", console.err());
        assertEquals("kept", Files.readString(file));
    }

    // ---- Options on picocli: what the hand-written parser did, kept ----

    @Test
    void optionsKeepValuesFlagsAndTheLastOfARepeatedOption() {
        Options o = Options.parse(List.of("--config", "a.json", "--in-memory", "--config", "b.json", "--port", "-1"),
                Set.of("--config", "--port"), Set.of("--in-memory", "--redis"));

        assertNull(o.error());
        assertEquals("b.json", o.get("--config"));
        assertTrue(o.has("--in-memory"));
        assertFalse(o.has("--redis"));
        assertNull(o.intValue("--port", 8080, 0, 65535), "out of range, as before");
        assertEquals(7, Options.parse(List.of(), Set.of("--voters"), Set.of()).intValue("--voters", 7, 1, 9));
    }

    @Test
    void anArgumentStartingWithAtIsTextNotAFileToReadArgumentsFrom() throws Exception {
        Path file = dir.resolve("args");
        Files.writeString(file, "--evil yes");

        Options o = Options.parse(List.of("--title", "@" + file), Set.of("--title"), Set.of());

        assertNull(o.error());
        assertEquals("@" + file, o.get("--title"));
    }

    @Test
    void aMissingValueAndAStrayArgumentAreNamed() {
        assertEquals("--out needs a value", Options.parse(List.of("--out"), Set.of("--out"), Set.of()).error());
        assertEquals("unexpected argument vote.json: every value follows the name of its option",
                Options.parse(List.of("vote.json"), Set.of("--config"), Set.of()).error());
        assertEquals("unknown option --dispaly; did you mean --display?",
                Options.parse(List.of("--dispaly"), Set.of(), Set.of("--display")).error());
    }

    @Test
    void suggestionsAreNearMissesOnlyClosestFirst() {
        List<String> names = List.of("--config", "--committee", "--conference", "--from", "--out");

        assertEquals(List.of("--from"), Options.suggestions("--form", List.of(), names));
        assertEquals(List.of("--config", "--conference"), Options.suggestions("--conf", List.of(), names));
        assertEquals(List.of(), Options.suggestions("--zzz", List.of("--config"), names));
        assertEquals(1, Options.distance("form", "from"));
    }
}
