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
 * {@code sandbox [--config PATH] [--port 8080] [--redis]}: the bot and a web page on localhost
 * showing everyone's chat, for rehearsals and demos; no token needed. In memory, even when
 * {@code REDIS_URL} is set: a rehearsal must never touch a real vote (SPEC 4). With
 * {@code --redis} it uses {@code REDIS_URL}, under a key namespace of its own
 * ({@link RedisVoteStore#SANDBOX_NAMESPACE}). Blocks until Ctrl+C.
 */
public final class SandboxCommand implements Command {
    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public String arguments() {
        return "[--config PATH] [--port 8080] [--redis]";
    }

    @Override
    public String summary() {
        return "Rehearse a vote in the browser: every participant's chat side by side (default: the example vote)";
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("--config PATH",
                        "The vote to rehearse (default: config/example-vote.json, else the bundled example)"),
                new OptionHelp("--port N",
                        "Port of the page on localhost (default 8080; 0 picks a free one)"),
                new OptionHelp("--redis",
                        "Keep the rehearsal in REDIS_URL, under keys of its own, instead of in memory"));
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--port"), Set.of("--redis"));
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
        VoteStore store = store(options.has("--redis"), System.getenv("REDIS_URL"), out, err);
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
     * The in-process store, whatever the environment says; with {@code --redis}, Redis at
     * {@code REDIS_URL} under the sandbox's own key namespace (a rehearsal then survives a
     * restart). Null after explaining to {@code err} why Redis cannot be used.
     */
    static VoteStore store(boolean useRedis, String redisUrl, PrintStream out, PrintStream err) {
        boolean urlSet = redisUrl != null && !redisUrl.isBlank();
        if (!useRedis) {
            if (urlSet) {
                out.println("sandbox: REDIS_URL is ignored: the sandbox keeps its data in memory and never touches"
                        + " a real vote (--redis keeps it in Redis, under keys of its own)");
            }
            return new InMemoryVoteStore();
        }
        if (!urlSet) {
            err.println("sandbox: --redis needs REDIS_URL");
            return null;
        }
        try {
            return StoreOutages.translated(RedisVoteStore.fromUrl(redisUrl, VoteStore.DEFAULT_DRAFT_TTL,
                    RedisVoteStore.SANDBOX_NAMESPACE));
        } catch (RuntimeException e) {
            // RedisUrl's messages never contain the password; Jedis's name only host and port.
            err.println("sandbox: cannot use REDIS_URL: " + e.getMessage());
            return null;
        }
    }
}
