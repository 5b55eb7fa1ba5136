package vn.tinnhiem.export;

/**
 * Text that a spreadsheet must show, never run. A cell whose text begins with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return is taken as a formula by Excel
 * and LibreOffice when a CSV is opened ("CSV injection"); a leader or unit named
 * {@code =HYPERLINK(...)} would then run on the organiser's machine. As OWASP advises, such
 * text gets an apostrophe in front, which the spreadsheet shows as plain text. Numbers are not
 * text and never pass through here: they stay numbers.
 *
 * <p>Not only at the start: Excel splits a CSV line at the list separator of the computer's
 * regional settings, {@code ;} in Vietnam, whatever the file's own separator and quotes, so a
 * leader named {@code Trần Văn A;=2+3;} opens as three cells, the second a formula. So a trigger
 * that follows a {@code ;} or {@code ,} (after any spaces or quotes) is neutralised too.
 */
public final class FormulaGuard {
    private FormulaGuard() {}

    /** {@code text}, with an apostrophe before every formula trigger that would start a cell. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 2);
        boolean cellStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (cellStart && isTrigger(c)) {
                b.append('\'');
                cellStart = false;
            } else if (c == ';' || c == ',') {
                cellStart = true;
            } else if (c != ' ' && c != '"') {
                cellStart = false;
            }
            b.append(c);
        }
        return b.toString();
    }

    private static boolean isTrigger(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
