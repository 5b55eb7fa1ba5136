package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.display.DisplayServer;

/** What {@code run --display-port} and {@code display} share: start the hall display and print its addresses. */
final class HallDisplay {
    static final String DEFAULT_HOST = "127.0.0.1";

    private HallDisplay() {}

    /** The running display, or null after a one-line error. */
    static DisplayServer start(String command, List<VoteDefinition> votes, VoteStore store, String host, int port,
            PrintStream out, PrintStream err) {
        DisplayServer server;
        try {
            server = DisplayServer.start(votes, store, Clock.systemUTC(), host, port, DisplayServer.newToken());
        } catch (IllegalStateException e) {
            err.println(command + ": hall display: " + e.getMessage() + "; choose another port");
            return null;
        }
        // The token is the only key: it goes to the operator's terminal, never to the log.
        out.println("Hall display (read-only; the address is its key, show it only to the projector):");
        for (String url : server.urls()) {
            out.println("  " + url);
        }
        return server;
    }
}
