package vn.tinnhiem.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A share of a denominator as a percentage with exactly two decimals, rounded half-up, as the
 * counting committee writes it and so that a table's columns line up: 448/481 = 93,14%;
 * 323/485 = 66,60%; 0 = 0,00%; 14/14 = 100,00%. The one place percentages are formatted: the
 * chat, the minutes, the spreadsheets, the chart and the hall display all take them from here.
 */
public record Percent(long count, long of) {
    public Percent {
        if (count < 0 || of < 0) {
            throw new IllegalArgumentException("negative count or denominator");
        }
    }

    /** The value with two decimals (exact decimal division, half-up): 66.60, 0.00. */
    public BigDecimal value() {
        if (of == 0 || count == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf(count * 100).divide(BigDecimal.valueOf(of), 2, RoundingMode.HALF_UP);
    }

    /** Plain number with a dot decimal, for JSON and CSV: "93.14", "66.60", "0.00". */
    public String plain() {
        return value().toPlainString();
    }

    /** Vietnamese style: decimal comma and a percent sign: "93,14%", "50,00%". */
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
