package vn.tinnhiem.core;

import java.util.List;
import java.util.Objects;

/**
 * The raw count of a vote, as the store keeps it: no per-voter data.
 *
 * @param issued   ballots issued: participants checked in (each one is sent a ballot)
 * @param returned ballots submitted
 * @param counts   one entry per leader, in the definition's order
 */
public record Tally(int issued, int returned, List<LeaderCounts> counts) {
    public Tally {
        Objects.requireNonNull(counts, "counts");
        counts = List.copyOf(counts);
        if (issued < 0 || returned < 0) {
            throw new IllegalArgumentException("negative ballots");
        }
    }
}
