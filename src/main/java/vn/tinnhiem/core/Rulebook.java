package vn.tinnhiem.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The regulation a vote is counted under. Rulebooks differ in the denominator of the
 * percentages and of the verdict bands, in the consequences the verdict texts name, in the
 * word for those who vote, and in how a Vietnamese text addresses its reader by default.
 * Every text of a rulebook is a message key built here ({@link #verdictKey},
 * {@link #denominatorKey}, {@link #nameKey}, {@link #summonedKey}).
 *
 * <p>The verdict bands are the same in all three (more than 1/2 LOW; 2/3 or more LOW,
 * {@link #verdict}); what follows from them is not.
 */
public enum Rulebook {
    /**
     * Quy định 96-QĐ/TW of 02/02/2023 (Politburo), for Party and State leaders. Percentages are
     * of the ballots returned ("tổng số phiếu thu về"). Article 13: "Cán bộ có trên 1/2 đến dưới
     * 2/3 tổng số phiếu đánh giá tín nhiệm thấp thì cơ quan có thẩm quyền xem xét, không đưa vào
     * quy hoạch chức vụ cao hơn; xem xét cho thôi giữ chức vụ, bố trí công tác khác, cho từ chức
     * hoặc bỏ phiếu tín nhiệm. Cán bộ có từ 2/3 trở lên tổng số phiếu đánh giá tín nhiệm thấp thì
     * cơ quan có thẩm quyền cho thôi giữ chức vụ, không chờ hết nhiệm kỳ." Those who vote are the
     * people summoned to the conference, addressed as "đồng chí".
     */
    QD96_2023("qd96-2023", Denominator.RETURNED, "đồng chí", null),
    /**
     * Nghị quyết 96/2023/QH15 of 23/06/2023 (National Assembly), for positions elected or
     * approved by the National Assembly and People's Councils; it replaced Nghị quyết
     * 85/2014/QH13 (thuvienphapluat.vn, "Nghị quyết 96 về lấy phiếu tín nhiệm, bỏ phiếu tín
     * nhiệm", 10/07/2023). Percentages are of the ballots cast: the National Assembly's 2023 vote
     * gave 448 "tín nhiệm cao" of 481 ballots as 93,14%, with 494 deputies; Vĩnh Phúc's People's
     * Council on 13/12/2023 gave 25 "tín nhiệm thấp" of 47 ballots as 53,19% (giaoduc.net.vn,
     * 18/12/2023). Its own consequences (Article 13, on using the results): more than half and
     * less than two thirds LOW, the person may resign, and if they do not, the standing body (Ủy
     * ban Thường vụ Quốc hội; Thường trực Hội đồng nhân dân) submits a vote of no confidence (bỏ
     * phiếu tín nhiệm); two thirds or more LOW, the standing body submits a vote of no confidence.
     * Those who vote are deputies ("đại biểu").
     *
     * <p>Read from public summaries, not the gazette text (which the search did not reach): the
     * draft as reported by baodantoc.vn ("người được lấy phiếu tín nhiệm có quá nửa đến dưới hai
     * phần ba tổng số đại biểu Quốc hội, đại biểu Hội đồng nhân dân đánh giá 'tín nhiệm thấp' thì
     * xin từ chức") words the bands as of the total number of deputies, while the published 2023
     * tables give percentages of the ballots; the bands here follow issue 22 (of the ballots cast).
     * To be checked against the gazette before a vote under this rulebook is announced.
     */
    NQ96_2023("nq96-2023", Denominator.RETURNED, "đại biểu", null),
    /**
     * Nghị quyết 85/2014/QH13 (National Assembly), superseded by {@link #NQ96_2023}; kept to
     * re-count votes held under it (the National Assembly's vote of 25/10/2018). Percentages are
     * of the total number of deputies ("tổng số đại biểu"): here, the number summoned; in 2018,
     * 323 "tín nhiệm cao" of 485 deputies was 66,6% (chinhphu.vn, 25/10/2018). Article 12: more
     * than half LOW, the person may resign; two thirds or more LOW, the standing body submits a
     * vote of no confidence.
     */
    NQ85_2014("nq85-2014", Denominator.SUMMONED, "đại biểu", "nq96-2023");

    /** Which figure percentages and verdicts are taken of. */
    public enum Denominator { RETURNED, SUMMONED }

    private final String id;
    private final Denominator denominator;
    private final String address;
    private final String supersededBy;

    Rulebook(String id, Denominator denominator, String address, String supersededBy) {
        this.id = id;
        this.denominator = denominator;
        this.address = address;
        this.supersededBy = supersededBy;
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
     * How a Vietnamese text addresses its reader under this rulebook, unless the vote says
     * otherwise: "đồng chí" at a Party conference, "đại biểu" in an elected body.
     */
    public String defaultAddress() {
        return address;
    }

    /** The rulebook that replaced this one, if it was replaced. */
    public Optional<Rulebook> supersededBy() {
        return supersededBy == null ? Optional.empty() : byId(supersededBy);
    }

    /** The message key of the rulebook's name ("Quy định 96-QĐ/TW ngày 02/02/2023"). */
    public String nameKey() {
        return "rulebook." + id;
    }

    /** The message key of the verdict text: what the counting committee finds, under this rulebook. */
    public String verdictKey(Verdict verdict) {
        return "verdict." + id + "." + verdict.name().toLowerCase(Locale.ROOT);
    }

    /** The message key naming the denominator ("tổng số phiếu thu về", "tổng số đại biểu"). */
    public String denominatorKey() {
        return "results.denominator." + id;
    }

    /** The message key of the word for those who vote ("người được triệu tập", "đại biểu"). */
    public String summonedKey() {
        return "rulebook." + id + ".summoned";
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
