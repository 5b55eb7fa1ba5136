package vn.tinnhiem.export;

/**
 * Text that a spreadsheet must show, never run. A cell whose text begins with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return is taken as a formula by Excel
 * and LibreOffice when a CSV is opened ("CSV injection"); a leader or unit named
 * {@code =HYPERLINK(...)} would then run on the organiser's machine. As OWASP advises, such
 * text gets a leading apostrophe, which the spreadsheet shows as plain text. Numbers are not
 * text and never pass through here: they stay numbers.
 */
public final class FormulaGuard {
    private FormulaGuard() {}

    /** {@code text}, with an apostrophe in front if a spreadsheet would read it as a formula. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
