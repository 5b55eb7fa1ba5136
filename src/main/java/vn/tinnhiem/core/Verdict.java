package vn.tinnhiem.core;

/**
 * Which band one leader's LOW count falls in. What follows from a band is the rulebook's
 * ({@link Rulebook}): its verdict texts ({@link Rulebook#verdictKey}) say what the counting
 * committee finds and what the regulation provides, never a decision already taken.
 */
public enum Verdict {
    /** At most half LOW: none of the regulation's cases. */
    NO_ACTION,
    /** More than 1/2 and less than 2/3 LOW. */
    OVER_HALF_LOW,
    /** 2/3 or more LOW. */
    TWO_THIRDS_LOW
}
