package vn.tinnhiem.telegram;

import java.time.Duration;

/**
 * How fast the {@link Outbox} may send. Telegram's documented limits: about one message per
 * second in a chat (short bursts tolerated), 20 per minute in a group, and about 30 per second
 * for bulk notifications (broadcasts; replies to a user who just acted are limited per chat
 * only). Each is a token bucket: {@code burst} messages at once, then one per interval.
 *
 * @param chatInterval   time per message in a private chat
 * @param chatBurst      messages a private chat may get at once (welcome + ballot is two)
 * @param groupInterval  time per message in a group (a negative chat id)
 * @param globalInterval time per broadcast message overall (the bulk budget)
 * @param globalBurst    broadcast messages at once overall
 * @param maxAttempts    tries per call before giving up on 5xx answers and network failures (a 429
 *                       is waited out, not counted: {@link Outbox#MAX_429})
 * @param networkBackoff first wait after a 5xx answer or a network failure; doubles per attempt,
 *                       each wait drawn at random between half and all of it (jitter)
 * @param maxRetryAfter  longest retry_after honoured; longer ones give up (a flood ban)
 */
public record Pacing(Duration chatInterval, int chatBurst, Duration groupInterval, Duration globalInterval,
        int globalBurst, int maxAttempts, Duration networkBackoff, Duration maxRetryAfter) {

    /** Telegram's limits: 1/s per chat with bursts of 3, 20/min per group, 29/s of broadcasts. */
    public static final Pacing TELEGRAM = new Pacing(Duration.ofSeconds(1), 3, Duration.ofSeconds(3),
            Duration.ofMillis(34), 1, 6, Duration.ofMillis(500), Duration.ofMinutes(5));

    /** For tests that are not about pacing: the same logic, much faster. */
    public static Pacing fast() {
        return new Pacing(Duration.ofMillis(5), 3, Duration.ofMillis(50), Duration.ofNanos(1), 100, 5,
                Duration.ofMillis(20), Duration.ofSeconds(5));
    }
}
