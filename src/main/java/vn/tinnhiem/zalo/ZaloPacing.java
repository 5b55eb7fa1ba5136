package vn.tinnhiem.zalo;

import java.time.Duration;

/**
 * How fast the {@link ZaloOutbox} may send. Zalo publishes no limits, so these are
 * conservative: about one message a second in a chat, ten a second overall, and a doubling
 * back-off on 429, 5xx and network failures.
 *
 * @param chatInterval   time between two messages in one chat
 * @param globalInterval time between two messages overall
 * @param maxAttempts    tries per message before giving up
 * @param backoff        first wait after a failure; doubles per attempt, up to {@code maxBackoff}
 */
public record ZaloPacing(Duration chatInterval, Duration globalInterval, int maxAttempts, Duration backoff,
        Duration maxBackoff) {
    public static final ZaloPacing PRODUCTION = new ZaloPacing(Duration.ofMillis(1100), Duration.ofMillis(100), 6,
            Duration.ofSeconds(2), Duration.ofMinutes(1));

    /** For tests that are not about pacing: the same logic, much faster. */
    public static ZaloPacing fast() {
        return new ZaloPacing(Duration.ofMillis(5), Duration.ofNanos(1), 5, Duration.ofMillis(20),
                Duration.ofMillis(200));
    }
}
