package vn.tinnhiem.core.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where {@link GuessThrottle} counts wrong invite codes per account: a window that opens at an
 * account's first wrong code and ends {@code window} later. In this process
 * ({@link #inMemory}), or shared by every replica (in Redis, {@code store.RedisGuessCounts}),
 * so a guesser cannot spread guesses over replicas.
 */
public interface GuessCounts {

    /** Wrong codes from {@code account} in its open window; 0 if none is open. */
    int failures(String account);

    /** One more wrong code; opens a window of {@code window} if none is open. */
    void failed(String account, Duration window);

    /** Forgets the account's window (a right code). */
    void clear(String account);

    /** Time until the account's window ends; zero if none is open. */
    Duration left(String account);

    /** In this process only: a restart forgives. */
    static GuessCounts inMemory(Clock clock) {
        return new GuessCounts() {
            private record Window(Instant end, int failures) {}

            private final Map<String, Window> windows = new ConcurrentHashMap<>();

            private Window open(String account) {
                Window w = windows.get(account);
                return w == null || !clock.instant().isBefore(w.end()) ? null : w;
            }

            @Override
            public int failures(String account) {
                Window w = open(account);
                return w == null ? 0 : w.failures();
            }

            @Override
            public void failed(String account, Duration window) {
                windows.compute(account, (a, old) -> old == null || !clock.instant().isBefore(old.end())
                        ? new Window(clock.instant().plus(window), 1) : new Window(old.end(), old.failures() + 1));
            }

            @Override
            public void clear(String account) {
                windows.remove(account);
            }

            @Override
            public Duration left(String account) {
                Window w = open(account);
                return w == null ? Duration.ZERO : Duration.between(clock.instant(), w.end());
            }
        };
    }
}
