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

    public DisplayCommand() {
        this(System.getenv(), server -> awaitShutdown());
    }

    /** {@code whileRunning} is called with the started display; the command stops when it returns. */
    DisplayCommand(Map<String, String> env, Consumer<DisplayServer> whileRunning) {
        this.env = env;
        this.whileRunning = whileRunning;
    }

    @Override
    public String name() {
        return "display";
    }

    @Override
    public String arguments() {
        return "--config PATH [--port " + DEFAULT_PORT + "] [--host " + HallDisplay.DEFAULT_HOST + "]";
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
                        "Address it listens on (default 127.0.0.1)"));
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--port", "--host"));
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
            DisplayServer server = HallDisplay.start(name(), votes, store, host, port, out, err);
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
