package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.core.VoteDefinition;

class SimulateCommandTest {
    private static final String EXAMPLE = "config/example-vote.json";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

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

    @Test
    void simulatesTheWholeExampleVoteAndPrintsTheAnnouncement() {
        assertEquals(Command.OK, run("simulate", "--config", EXAMPLE), err());
        String text = out();
        assertTrue(text.startsWith("Simulated: 14 of 14 checked in, 14 voted."), text);
        assertTrue(text.contains("KẾT QUẢ LẤY PHIẾU TÍN NHIỆM"), text);
        assertTrue(text.contains("Số phiếu thu về: 14"), text);
        assertTrue(text.contains("Trần Văn Thắng"), text);
    }

    @Test
    void fewerVotersThanTheQuorumStillOpenAfterSayingSo() {
        assertEquals(Command.OK, run("simulate", "--config", EXAMPLE, "--voters", "4"), err());
        assertTrue(err().contains("below the 2/3 quorum"), err());
        assertTrue(out().contains("Số phiếu phát ra: 4\nSố phiếu thu về: 4"), out());
    }

    @Test
    void wrongOptionsAreUsageErrors() {
        assertEquals(Command.USAGE, run("simulate", "--voters", "none"));
        assertEquals(Command.USAGE, run("simulate", "--colour", "red"));
        assertEquals(Command.USAGE, run("sandbox", "--port", "99999"));
        assertTrue(err().contains("Usage: java -jar tinnhiem.jar sandbox [--config PATH] [--port 8080]"), err());
    }

    @Test
    void invalidConfigStartsNothing() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"id\": \"x\"}");
        assertEquals(Command.FAILED, run("simulate", "--config", broken.toString()));
        assertTrue(err().contains("broken.json"), err());
    }

    @Test
    void withoutConfigFolderTheBundledExampleIsUsed() {
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        VoteDefinition vote = VoteSource.load(null, dir.resolve("config/example-vote.json"), errors);
        assertNotNull(vote, err());
        assertEquals("cthads-halam-2026", vote.id());
        assertNull(VoteSource.load(dir.resolve("nowhere.json").toString(), errors));
    }
}
