package vn.tinnhiem.core.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits wrong invite-code guesses per account: after {@code limit} wrong codes within
 * {@code window}, further attempts are refused until the window has passed. Kept in memory:
 * a restart forgives, which costs an attacker a restart per handful of guesses out of 2^50.
 */
public final class GuessThrottle {
    private record Window(Instant start, int failures) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int limit;
    private final Duration window;

    public GuessThrottle(Clock clock, int limit, Duration window) {
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    /** Whether this account may try a code now. */
    public boolean allowed(String account) {
        Window w = windows.get(account);
        return w == null || w.failures() < limit || expired(w);
    }

    public void failed(String account) {
        Instant now = clock.instant();
        windows.merge(account, new Window(now, 1),
                (old, one) -> expired(old) ? one : new Window(old.start(), old.failures() + 1));
    }

    public void succeeded(String account) {
        windows.remove(account);
    }

    /** Minutes until this account may try again (at least 1). */
    public long minutesLeft(String account) {
        Window w = windows.get(account);
        if (w == null) {
            return 0;
        }
        long seconds = Duration.between(clock.instant(), w.start().plus(window)).toSeconds();
        return Math.max(1, (seconds + 59) / 60);
    }

    private boolean expired(Window w) {
        return !clock.instant().isBefore(w.start().plus(window));
    }
}
