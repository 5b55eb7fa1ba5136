package vn.tinnhiem.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A share of a denominator as a percentage with at most two decimals, rounded half-up,
 * as the counting committee writes it: 448/481 = 93,14%; 323/485 = 66,6%; 0 = 0%.
 */
public record Percent(long count, long of) {
    public Percent {
        if (count < 0 || of < 0) {
            throw new IllegalArgumentException("negative count or denominator");
        }
    }

    /** The value with at most two decimals, trailing zeros dropped (exact decimal division). */
    public BigDecimal value() {
        if (of == 0 || count == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal v = BigDecimal.valueOf(count * 100).divide(BigDecimal.valueOf(of), 2, RoundingMode.HALF_UP);
        v = v.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /** Plain number with a dot decimal, for JSON and CSV: "93.14", "66.6", "0". */
    public String plain() {
        return value().toPlainString();
    }

    /** Vietnamese style: decimal comma and a percent sign: "93,14%". */
    public String vietnamese() {
        return plain().replace('.', ',') + "%";
    }

    /** Vietnamese style for Vietnamese, dot decimal for other languages. */
    public String formatted(java.util.Locale locale) {
        return "vi".equals(locale.getLanguage()) ? vietnamese() : plain() + "%";
    }

    @Override
    public String toString() {
        return vietnamese();
    }
}
