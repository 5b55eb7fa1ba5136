package vn.tinnhiem.core;

/**
 * One row of a ballot: a confidence level for a leader, or the row left blank.
 *
 * <p>QĐ 96-QĐ/TW: a row with no mark (or more than one) is invalid <em>for that leader
 * only</em>; the rest of the ballot still counts. {@link #BLANK} is that invalid row.
 */
public enum Choice {
    HIGH('H'),
    MEDIUM('M'),
    LOW('L'),
    BLANK('B');

    private final char code;

    Choice(char code) {
        this.code = code;
    }

    /** One-letter code used in compact encodings (drafts, callback data). */
    public char code() {
        return code;
    }

    /** A level of confidence; BLANK is the invalid row. */
    public boolean isValid() {
        return this != BLANK;
    }

    public static Choice fromCode(char c) {
        for (Choice choice : values()) {
            if (choice.code == c) {
                return choice;
            }
        }
        throw new IllegalArgumentException("unknown choice code: " + c);
    }
}
