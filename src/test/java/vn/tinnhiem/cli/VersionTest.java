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
}
