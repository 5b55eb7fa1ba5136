package vn.tinnhiem.core.chat;

import java.time.Clock;
import java.time.Duration;

/**
 * Limits wrong invite-code guesses per account: after {@code limit} wrong codes within
 * {@code window}, further attempts are refused until the window has passed. The counts live
 * in {@link GuessCounts}: in memory for one process (a restart forgives, which costs an
 * attacker a restart per handful of guesses out of 2^50), in Redis for replicas.
 */
public final class GuessThrottle {
    private final GuessCounts counts;
    private final int limit;
    private final Duration window;

    public GuessThrottle(Clock clock, int limit, Duration window) {
        this(GuessCounts.inMemory(clock), limit, window);
    }

    public GuessThrottle(GuessCounts counts, int limit, Duration window) {
        this.counts = counts;
        this.limit = limit;
        this.window = window;
    }

    /** Whether this account may try a code now. */
    public boolean allowed(String account) {
        return counts.failures(account) < limit;
    }

    public void failed(String account) {
        counts.failed(account, window);
    }

    public void succeeded(String account) {
        counts.clear(account);
    }

    /** Wrong codes this account may still type before it must wait. */
    public int triesLeft(String account) {
        return Math.max(0, limit - counts.failures(account));
    }

    /** How long an account waits after its last allowed wrong code, in minutes. */
    public long windowMinutes() {
        return window.toMinutes();
    }

    /** Minutes until this account may try again (at least 1), or 0 if it has no open window. */
    public long minutesLeft(String account) {
        Duration left = counts.left(account);
        if (left.isZero() || left.isNegative()) {
            return 0;
        }
        return Math.max(1, (left.toSeconds() + 59) / 60);
    }
}
