package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.display.DisplayServer;

/**
 * {@code display --config PATH [--port 8090] [--host 127.0.0.1]}: the hall display on its own,
 * reading the Redis store the bot uses (REDIS_URL), e.g. on the machine that drives the
 * projector. Blocks until stopped.
 */
public final class DisplayCommand implements Command {
    static final int DEFAULT_PORT = 8090;

    private final Map<String, String> env;
    private final Consumer<DisplayServer> whileRunning;
    private final boolean terminal;

    public DisplayCommand() {
        this(System.getenv(), server -> awaitShutdown(), System.console() != null);
    }

    /** {@code whileRunning} is called with the started display; the command stops when it returns. */
    DisplayCommand(Map<String, String> env, Consumer<DisplayServer> whileRunning) {
        this(env, whileRunning, true);
    }

    /** @param terminal whether standard output is a terminal (else the address goes only to --url-file) */
    DisplayCommand(Map<String, String> env, Consumer<DisplayServer> whileRunning, boolean terminal) {
        this.env = env;
        this.whileRunning = whileRunning;
        this.terminal = terminal;
    }

    @Override
    public String name() {
        return "display";
    }

    @Override
    public String arguments() {
        return "--config PATH [--port " + DEFAULT_PORT + "] [--host " + HallDisplay.DEFAULT_HOST + "] [--url-file PATH]";
    }

    @Override
    public String summary() {
        return "Serve the read-only hall display (turnout, countdown, results) for a projector (needs REDIS_URL)";
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("--config PATH",
                        "The vote file (.json), or a folder of vote files"),
                new OptionHelp("--port N",
                        "Port of the display (default 8090)"),
                new OptionHelp("--host H",
                        "Address it listens on (default 127.0.0.1)"),
                new OptionHelp("--url-file PATH",
                        "Write the display's address (with its token) to this file, readable by its owner only"));
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--port", "--host", "--url-file"));
        Integer port = options.intValue("--port", DEFAULT_PORT, 0, 65535);
        String config = options.get("--config");
        if (options.error() != null || config == null || port == null) {
            err.println(options.error() != null ? options.error()
                    : config == null ? "--config is required" : "--port must be a number from 0 to 65535");
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        String host = options.get("--host") == null ? HallDisplay.DEFAULT_HOST : options.get("--host");
        List<VoteDefinition> votes = BotEnvironment.definitions(name(), config, err);
        if (votes == null) {
            return FAILED;
        }
        VoteStore store = new BotEnvironment(env).redisStore(name(), err);
        if (store == null) {
            return FAILED;
        }
        try (store) {
            String urlFile = options.get("--url-file");
            DisplayServer server = HallDisplay.start(name(), votes, store, host, port,
                    new HallDisplay.AddressTo(urlFile == null ? null : java.nio.file.Path.of(urlFile), terminal), out, err);
            if (server == null) {
                return FAILED;
            }
            try (server) {
                out.println("Ctrl+C stops it.");
                whileRunning.accept(server);
            }
        }
        return OK;
    }

    private static void awaitShutdown() {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "display-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
