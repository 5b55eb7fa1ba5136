package vn.tinnhiem.telegram;

/** A token bucket on nanoTime. Not thread-safe: the {@link Outbox} holds its lock. */
final class TokenBucket {
    private final long interval;
    private final int capacity;
    private double tokens;
    private long last;

    TokenBucket(long intervalNanos, int capacity, long now) {
        this.interval = Math.max(1, intervalNanos);
        this.capacity = capacity;
        this.tokens = capacity;
        this.last = now;
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (double) (now - last) / interval);
            last = now;
        }
    }

    /** Nanoseconds until a token is available; 0 if one is now. */
    long nanosUntilToken(long now) {
        refill(now);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * interval);
    }

    void take(long now) {
        refill(now);
        tokens -= 1;
    }

    /** Nanoseconds until the bucket is full again (a fresh bucket would know no more). */
    long nanosUntilFull(long now) {
        refill(now);
        return tokens >= capacity ? 0 : (long) Math.ceil((capacity - tokens) * interval);
    }

    boolean full(long now) {
        refill(now);
        return tokens >= capacity;
    }
}
