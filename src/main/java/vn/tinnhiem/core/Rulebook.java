package vn.tinnhiem.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * The regulation a vote is counted under. Rulebooks differ in the denominator of the
 * percentages and of the verdict bands.
 */
public enum Rulebook {
    /**
     * Quy định 96-QĐ/TW of 02/02/2023 (Politburo). Percentages are of the ballots returned
     * ("tổng số phiếu thu về").
     */
    QD96_2023("qd96-2023", Denominator.RETURNED),
    /**
     * Nghị quyết 85/2014/QH13 (National Assembly, superseded). Percentages are of the total
     * number of people entitled to vote ("tổng số đại biểu"): here, the number summoned.
     */
    NQ85_2014("nq85-2014", Denominator.SUMMONED);

    /** Which figure percentages and verdicts are taken of. */
    public enum Denominator { RETURNED, SUMMONED }

    private final String id;
    private final Denominator denominator;

    Rulebook(String id, Denominator denominator) {
        this.id = id;
        this.denominator = denominator;
    }

    public String id() {
        return id;
    }

    public Denominator denominatorKind() {
        return denominator;
    }

    public int denominator(int summoned, int returned) {
        return denominator == Denominator.RETURNED ? returned : summoned;
    }

    /**
     * The verdict band for {@code low} LOW marks out of {@code n}, with exact integer
     * arithmetic: 3·low ≥ 2·n is two thirds or more; otherwise 2·low &gt; n is more than half.
     * With n = 0 nobody has voted, so there is no verdict.
     */
    public static Verdict verdict(long low, long n) {
        if (low < 0 || n < 0 || low > n) {
            throw new IllegalArgumentException("need 0 <= low <= n, got low=" + low + " n=" + n);
        }
        if (n == 0) {
            return Verdict.NO_ACTION;
        }
        if (3 * low >= 2 * n) {
            return Verdict.TWO_THIRDS_LOW;
        }
        if (2 * low > n) {
            return Verdict.OVER_HALF_LOW;
        }
        return Verdict.NO_ACTION;
    }

    public static Optional<Rulebook> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
