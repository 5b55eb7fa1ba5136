package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.core.VoteDefinition;

class SimulateCommandTest {
    private static final String EXAMPLE = "config/example-vote.json";

    @TempDir
    Path dir;

    private final Console console = new Console();


    @Test
    void simulatesTheWholeExampleVoteAndPrintsTheAnnouncement() {
        assertEquals(Command.OK, console.run("simulate", "--config", EXAMPLE), console.err());
        String text = console.out();
        assertTrue(text.startsWith("Simulated: 14 of 14 checked in, 14 voted."), text);
        assertTrue(text.contains("KẾT QUẢ LẤY PHIẾU TÍN NHIỆM"), text);
        assertTrue(text.contains("Số phiếu thu về: 14"), text);
        assertTrue(text.contains("Trần Văn Thắng"), text);
    }

    @Test
    void fewerVotersThanTheQuorumStillOpenAfterSayingSo() {
        assertEquals(Command.OK, console.run("simulate", "--config", EXAMPLE, "--voters", "4"), console.err());
        assertTrue(console.err().contains("below the 2/3 quorum"), console.err());
        assertTrue(console.out().contains("Số phiếu phát ra: 4\nSố phiếu thu về: 4"), console.out());
    }

    @Test
    void wrongOptionsAreUsageErrors() {
        assertEquals(Command.USAGE, console.run("simulate", "--voters", "none"));
        assertEquals(Command.USAGE, console.run("simulate", "--colour", "red"));
        assertEquals(Command.USAGE, console.run("sandbox", "--port", "99999"));
        assertTrue(console.err().contains("Usage: java -jar tinnhiem.jar sandbox [--config PATH] [--port 8080]"), console.err());
    }

    @Test
    void invalidConfigStartsNothing() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"id\": \"x\"}");
        assertEquals(Command.FAILED, console.run("simulate", "--config", broken.toString()));
        assertTrue(console.err().contains("broken.json"), console.err());
    }

    @Test
    void withoutConfigFolderTheBundledExampleIsUsed() {
        PrintStream errors = console.errors();
        VoteDefinition vote = VoteSource.load(null, dir.resolve("config/example-vote.json"), errors);
        assertNotNull(vote, console.err());
        assertEquals("cthads-halam-2026", vote.id());
        assertNull(VoteSource.load(dir.resolve("nowhere.json").toString(), errors));
    }

    @Test
    void moreVotersThanSummonedIsRefusedNotSilentlyCapped() {
        assertEquals(Command.USAGE, console.run("simulate", "--config", EXAMPLE, "--voters", "1000"));

        assertEquals("simulate: --voters 1000 is more than the 14 people summoned to vote cthads-halam-2026;"
                + " give at most 14, or leave --voters out to let everyone vote", console.err().strip());
        assertEquals("", console.out(), "nothing is simulated");
    }

    @Test
    void exactlyTheRosterSizeIsAccepted() {
        assertEquals(Command.OK, console.run("simulate", "--config", EXAMPLE, "--voters", "14"), console.err());
        assertTrue(console.out().startsWith("Simulated: 14 of 14 checked in, 14 voted."), console.out());
    }
}
