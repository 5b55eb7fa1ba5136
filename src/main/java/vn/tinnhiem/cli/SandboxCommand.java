package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.sandbox.Sandbox;
import vn.tinnhiem.sandbox.SandboxServer;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.store.StoreOutages;

/**
 * {@code sandbox [--config PATH] [--port 8080]}: the bot and a web page on localhost showing
 * everyone's chat, for rehearsals and demos; no token needed. In memory unless
 * {@code REDIS_URL} is set. Blocks until Ctrl+C.
 */
public final class SandboxCommand implements Command {
    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public String arguments() {
        return "[--config PATH] [--port 8080]";
    }

    @Override
    public String summary() {
        return "Rehearse a vote in the browser: every participant's chat side by side (default: the example vote)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--port"));
        Integer port = options.intValue("--port", 8080, 0, 65535);
        if (options.error() != null || port == null) {
            err.println(options.error() != null ? options.error() : "--port must be a number from 0 to 65535");
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        VoteDefinition vote = VoteSource.load(options.get("--config"), err);
        if (vote == null) {
            return FAILED;
        }
        VoteStore store = store(System.getenv("REDIS_URL"), err);
        if (store == null) {
            return FAILED;
        }
        Sandbox sandbox;
        try {
            sandbox = new Sandbox(vote, store, Clock.systemUTC());
        } catch (ChatFlow.DefinitionChanged e) {
            err.println("sandbox: " + e.getMessage());
            store.close();
            return FAILED;
        }
        SandboxServer server;
        try {
            server = SandboxServer.start(sandbox, port);
        } catch (RuntimeException e) {
            err.println("sandbox: cannot listen on port " + port + " (" + e.getMessage()
                    + "); try another with --port");
            store.close();
            return FAILED;
        }
        out.println("tinnhiem sandbox: " + vote.title());
        out.println("Open " + server.url() + " in a browser. Ctrl+C stops it.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
            stopped.countDown();
        }, "sandbox-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    /**
     * Redis when {@code REDIS_URL} is set (a rehearsal then survives a restart), else the
     * in-process store; null after explaining to {@code err} why Redis cannot be used.
     */
    static VoteStore store(String redisUrl, PrintStream err) {
        if (redisUrl == null || redisUrl.isBlank()) {
            return new InMemoryVoteStore();
        }
        try {
            return StoreOutages.translated(RedisVoteStore.fromUrl(redisUrl, VoteStore.DEFAULT_DRAFT_TTL));
        } catch (RuntimeException e) {
            // RedisUrl's messages never contain the password; Jedis's name only host and port.
            err.println("sandbox: cannot use REDIS_URL: " + e.getMessage());
            return null;
        }
    }
}
