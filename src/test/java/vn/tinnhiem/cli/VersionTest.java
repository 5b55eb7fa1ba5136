package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** {@code --version} prints the version the pom declares. */
class VersionTest {
    private final Console console = new Console();

    static String pomVersion() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile()).getDocumentElement();
        for (var n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("version")) {
                return e.getTextContent().strip();
            }
        }
        throw new AssertionError("pom.xml has no <version>");
    }

    @Test
    void versionPrintsThePomsVersion() throws Exception {
        for (String flag : new String[] {"--version", "-V", "version"}) {
            Console c = new Console();
            assertEquals(Command.OK, c.run(flag), c.err());
            assertEquals("tinnhiem " + pomVersion(), c.out().strip(), flag);
        }
    }

    @Test
    void helpListsVersion() {
        assertEquals(Command.OK, console.run("help"));
        assertTrue(console.out().contains("--version"), console.out());
    }

    @Test
    void everyCommandsSummaryStartsItsOwnLineHoweverLongTheUsages() {
        assertEquals(Command.OK, console.run("help"));
        // Padding summaries to the longest usage (init's is over 180 characters) pushed every
        // summary past the edge of an 80-column terminal.
        for (String line : console.out().lines().toList()) {
            if (line.startsWith("      ")) {
                assertTrue(line.length() <= 110, "a summary line runs on: " + line);
            }
        }
        assertTrue(console.out().contains("\n      Print the version"), console.out());
        assertTrue(console.out().contains("\n      Validate vote definitions"), console.out());
    }
}
