package vn.tinnhiem.core;

import java.util.ArrayList;
import java.util.List;

/** The announced result of a vote: one {@link LeaderResult} per leader, in ballot order. */
public record Results(VoteDefinition definition, Tally tally, List<LeaderResult> leaders) {
    public Results {
        leaders = List.copyOf(leaders);
    }

    /**
     * The results of a vote as stored: its tally read for the leaders {@code /open} froze, under
     * the frozen rulebook, title and number summoned ({@link FrozenDefinition#forResults}), never
     * the vote file as it is now.
     */
    public static Results of(VoteDefinition file, VoteStore store) {
        VoteDefinition def = FrozenDefinition.forResults(file, store);
        return of(def, store.tally(def.id(), def.leaders().stream().map(Leader::id).toList()));
    }

    /** Applies the vote's rulebook to a tally. */
    public static Results of(VoteDefinition def, Tally tally) {
        if (tally.counts().size() != def.leaderCount()) {
            throw new IllegalArgumentException("tally has " + tally.counts().size()
                    + " leaders, definition " + def.leaderCount());
        }
        int denominator = def.rulebook().denominator(def.summoned(), tally.returned());
        List<LeaderResult> rows = new ArrayList<>();
        for (int i = 0; i < def.leaderCount(); i++) {
            LeaderCounts c = tally.counts().get(i);
            rows.add(new LeaderResult(def.leaders().get(i), tally.issued(), tally.returned(), c,
                    denominator, Rulebook.verdict(c.low(), denominator)));
        }
        return new Results(def, tally, rows);
    }
}
