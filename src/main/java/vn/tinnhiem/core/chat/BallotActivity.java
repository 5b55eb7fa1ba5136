package vn.tinnhiem.core.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each account last moved its ballot, as this process saw it: a {@code /remind} must not
 * take the ballot from someone using it (a fresh copy retires the one under their finger, and a
 * press on it before the new copy arrives is refused as out of date). A voter who acted within
 * {@link #RECENT} gets the reminder as a reply to their live copy instead.
 *
 * <p>Kept in memory on purpose: it never refuses anything. With replicas, a voter whose last press
 * reached another process counts as not recent here and gets a fresh copy, as before. Holds
 * account keys and times only, never a choice.
 */
final class BallotActivity {
    static final Duration RECENT = Duration.ofMinutes(10);

    private final Clock clock;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    BallotActivity(Clock clock) {
        this.clock = clock;
    }

    void moved(String account) {
        last.put(account, clock.instant());
    }

    boolean recent(String account) {
        Instant at = last.get(account);
        return at != null && clock.instant().isBefore(at.plus(RECENT));
    }

    void forget(String account) {
        last.remove(account);
    }
}
