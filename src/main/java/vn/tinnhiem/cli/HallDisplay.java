package vn.tinnhiem.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.display.DisplayServer;

/** What {@code run --display-port} and {@code display} share: start the hall display and say where it is. */
final class HallDisplay {
    static final String DEFAULT_HOST = "127.0.0.1";

    private HallDisplay() {}

    /**
     * Where the display's addresses go. They hold the token, the display's only key, so never a
     * log: a file only the operator's user can read ({@code file}), or standard output when it is
     * a terminal. A service's standard output (systemd sends it to the journal, Docker to its
     * logs) is a log: there, without a file, the addresses are not printed.
     */
    record AddressTo(Path file, boolean terminal) {}

    /** The running display, or null after a one-line error. */
    static DisplayServer start(String command, List<VoteDefinition> votes, VoteStore store, String host, int port,
            AddressTo to, PrintStream out, PrintStream err) {
        DisplayServer server;
        try {
            server = DisplayServer.start(votes, store, Clock.systemUTC(), host, port, DisplayServer.newToken());
        } catch (IllegalStateException e) {
            err.println(command + ": hall display: " + e.getMessage() + "; choose another port");
            return null;
        }
        if (to.file() != null) {
            try {
                writePrivately(to.file(), String.join("\n", server.urls()) + "\n");
            } catch (IOException e) {
                server.close();
                err.println(command + ": hall display: cannot write its address to " + to.file() + ": "
                        + e.getMessage());
                return null;
            }
            out.println("Hall display running; its address (the key: show it only to the projector) is in "
                    + to.file() + ", readable by this user only");
        } else if (to.terminal()) {
            out.println("Hall display (read-only; the address is its key, show it only to the projector):");
            for (String url : server.urls()) {
                out.println("  " + url);
            }
        } else {
            out.println("Hall display running; its address holds its key, so it is not printed where a log keeps"
                    + " it (standard output is not a terminal): give the option that names a file for it");
        }
        return server;
    }

    /** {@code text} into {@code file}, which only this user may read or write (mode 600 where files have modes). */
    private static void writePrivately(Path file, String text) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            var ownerOnly = PosixFilePermissions.fromString("rw-------");
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, ownerOnly);
            } else {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            }
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }
}
