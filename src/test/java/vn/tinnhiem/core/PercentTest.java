package vn.tinnhiem.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class PercentTest {
    @Test
    void referenceFiguresFromTheSpec() {
        assertEquals("93,14%", new Percent(448, 481).vietnamese());
        assertEquals("66,60%", new Percent(323, 485).vietnamese());
    }

    @Test
    void zeroHasTwoDecimals() {
        assertEquals("0,00%", new Percent(0, 14).vietnamese());
        assertEquals("0.00", new Percent(0, 14).plain());
    }

    @Test
    void zeroDenominatorIsZeroNotAnError() {
        assertEquals("0,00%", new Percent(0, 0).vietnamese());
    }

    @Test
    void allIsOneHundredWithTwoDecimals() {
        assertEquals("100,00%", new Percent(14, 14).vietnamese());
    }

    @Test
    void thirdsRoundToTwoDecimals() {
        assertEquals("33,33%", new Percent(1, 3).vietnamese());
        assertEquals("66,67%", new Percent(2, 3).vietnamese());
    }

    @Test
    void trailingZerosAreKeptSoColumnsLineUp() {
        assertEquals("12,50%", new Percent(1, 8).vietnamese());
        assertEquals("50,00%", new Percent(7, 14).vietnamese());
    }

    @Test
    void exactHalfAtTheThirdDecimalRoundsUp() {
        // 1/800 = 0.125 % exactly: half-up gives 0.13, half-even would give 0.12.
        assertEquals("0,13%", new Percent(1, 800).vietnamese());
        assertEquals("0.13", new Percent(1, 800).plain());
    }

    @Test
    void plainUsesADotForJsonAndCsv() {
        assertEquals("93.14", new Percent(448, 481).plain());
        assertEquals("66.60", new Percent(323, 485).plain());
    }

    @Test
    void englishFormattingUsesADot() {
        assertEquals("93.14%", new Percent(448, 481).formatted(Locale.ENGLISH));
        assertEquals("93,14%", new Percent(448, 481).formatted(Locale.forLanguageTag("vi")));
    }

    @Test
    void toStringIsVietnamese() {
        assertEquals("33,33%", new Percent(1, 3).toString());
    }

    @Test
    void theIssuesFiguresHaveTwoDecimals() {
        // 5/42 = 11,904…; 21/42 = 50; 0/42 = 0: "11,90%", "50,00%", "0,00%" (issue 22).
        assertEquals("11,90%", new Percent(5, 42).vietnamese());
        assertEquals("50,00%", new Percent(21, 42).vietnamese());
        assertEquals("0,00%", new Percent(0, 42).vietnamese());
        assertEquals("11.90%", new Percent(5, 42).formatted(Locale.ENGLISH));
    }

    @Test
    void negativeFiguresAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Percent(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> new Percent(1, -3));
    }
}
