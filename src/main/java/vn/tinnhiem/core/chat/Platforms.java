package vn.tinnhiem.core.chat;

import java.util.List;
import java.util.Optional;

/**
 * The platforms whose adapters run in this process. Replies are routed by the account's
 * platform; an account on a platform not running here cannot be reached, and the flow says
 * so to the organisers instead of writing into the void.
 */
public final class Platforms {
    private final List<Platform> running;

    public Platforms(List<Platform> running) {
        if (running.isEmpty()) {
            throw new IllegalArgumentException("no platform");
        }
        if (running.stream().map(Platform::prefix).distinct().count() != running.size()) {
            throw new IllegalArgumentException("two platforms share a prefix");
        }
        this.running = List.copyOf(running);
    }

    public List<Platform> all() {
        return running;
    }

    /** The running platform {@code accountKey} lives on, if any. */
    public Optional<Platform> of(String accountKey) {
        return running.stream().filter(p -> p.owns(accountKey)).findFirst();
    }

    public boolean reachable(String accountKey) {
        return of(accountKey).isPresent();
    }

    /** Whether some running platform will not let the bot write to someone who never wrote to it. */
    public boolean anyMustBeWrittenFirst() {
        return running.stream().anyMatch(p -> !p.capabilities().mayWriteFirst());
    }

    /** The platform name of an account key, for organisers ("zl" when that adapter is not running). */
    public String nameOf(String accountKey) {
        return of(accountKey).map(Platform::name)
                .orElseGet(() -> accountKey.contains(":") ? accountKey.substring(0, accountKey.indexOf(':')) : "?");
    }
}
