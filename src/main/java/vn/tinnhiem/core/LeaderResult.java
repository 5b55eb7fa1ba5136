package vn.tinnhiem.core;

/**
 * One leader's line in the minutes: counts, their percentages under the rulebook's
 * denominator, and the verdict.
 */
public record LeaderResult(
        Leader leader,
        int issued,
        int returned,
        LeaderCounts counts,
        int denominator,
        Verdict verdict) {

    public int valid() {
        return counts.valid();
    }

    public int invalid() {
        return counts.blank();
    }

    public Percent percent(Choice choice) {
        return new Percent(counts.count(choice), denominator);
    }
}
