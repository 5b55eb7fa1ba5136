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

    /**
     * The leaders (indices, in ballot order) whose rows do not add up to the ballots returned.
     * A Submit adds one row per leader to the counts and one voter, with their receipt, to
     * the list of who voted; the store keeps the two apart. So for every leader, valid +
     * invalid rows = ballots returned = receipts published: a leader listed here has a count
     * that gained or lost a row without a receipt, or the reverse. Empty when all is well.
     */
    public List<Integer> unbalancedLeaders() {
        List<Integer> unbalanced = new java.util.ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            LeaderCounts c = counts.get(i);
            if (c.valid() + c.blank() != returned) {
                unbalanced.add(i);
            }
        }
        return List.copyOf(unbalanced);
    }
}
