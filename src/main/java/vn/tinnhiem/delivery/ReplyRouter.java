package vn.tinnhiem.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import vn.tinnhiem.core.chat.Platform;
import vn.tinnhiem.core.chat.Reply;

/**
 * Routes the flow's replies to the adapter of each recipient's platform: a Zalo organiser's
 * {@code /open} sends ballots to Telegram participants through Telegram's outbox, and the
 * other way round. Order is kept per platform (and so per chat). A reply for a platform with
 * no adapter is an error, never a silent drop; the flow itself only addresses platforms
 * running here, so that error is a bug.
 *
 * <p>Adapters register their outbox while starting; one that starts first may already have
 * an update to deliver to another still starting, so delivery waits for the platforms the
 * process was started with (up to {@code startup}).
 */
public final class ReplyRouter {
    private final List<Platform> expected;
    private final Duration startup;
    private final Map<String, Consumer<List<Reply>>> sinks = new LinkedHashMap<>();

    public ReplyRouter(List<Platform> expected, Duration startup) {
        this.expected = List.copyOf(expected);
        this.startup = startup;
    }

    /** The outbox of {@code platform}'s adapter; it receives that platform's replies, in order. */
    public synchronized void register(Platform platform, Consumer<List<Reply>> sink) {
        if (expected.stream().noneMatch(p -> p.prefix().equals(platform.prefix()))) {
            throw new IllegalArgumentException(platform.name() + " is not one of this process's platforms");
        }
        sinks.put(platform.prefix(), Objects.requireNonNull(sink, "sink"));
        notifyAll();
    }

    /** Hands each reply to its platform's adapter; throws for a platform without one. */
    public void deliver(List<Reply> replies) {
        Map<Consumer<List<Reply>>, List<Reply>> byPlatform = new LinkedHashMap<>();
        for (Reply r : replies) {
            byPlatform.computeIfAbsent(sink(r.to()), s -> new ArrayList<>()).add(r);
        }
        byPlatform.forEach(Consumer::accept);
    }

    private synchronized Consumer<List<Reply>> sink(String accountKey) {
        Platform platform = expected.stream().filter(p -> p.owns(accountKey)).findFirst()
                .orElseThrow(() -> new IllegalStateException("a reply for an account on no platform of this process"));
        long deadline = System.nanoTime() + startup.toNanos();
        Consumer<List<Reply>> sink;
        while ((sink = sinks.get(platform.prefix())) == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("the " + platform.name() + " adapter did not start");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the " + platform.name() + " adapter", e);
            }
        }
        return sink;
    }
}
