package vn.tinnhiem.delivery;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages one bot sent in the current calendar month, against the platform's monthly quota
 * (the Zalo Bot Platform's free plan: 3,000 a month, as public client projects report it). In
 * this process ({@link #inMemory}), or in Redis shared by every replica ({@link RedisMonthlyCount}).
 * The month is Vietnam's (Asia/Ho_Chi_Minh), where the platform is.
 */
public interface MonthlyCount {
    ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** Counts {@code n} messages sent now. */
    void add(int n);

    /** Messages sent so far this month. */
    long count();

    /** The month being counted, e.g. 2026-12. */
    YearMonth month();

    /** In this process: starts from zero at every start and every new month. */
    static MonthlyCount inMemory(Clock clock) {
        return new MonthlyCount() {
            private YearMonth counted = YearMonth.now(clock.withZone(ZONE));
            private final AtomicLong sent = new AtomicLong();

            private synchronized void roll() {
                YearMonth now = YearMonth.now(clock.withZone(ZONE));
                if (!now.equals(counted)) {
                    counted = now;
                    sent.set(0);
                }
            }

            @Override
            public void add(int n) {
                roll();
                sent.addAndGet(n);
            }

            @Override
            public long count() {
                roll();
                return sent.get();
            }

            @Override
            public YearMonth month() {
                return YearMonth.now(clock.withZone(ZONE));
            }
        };
    }
}
