package vn.tinnhiem.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One participant's ballot before Submit: the screen being shown and the choices so far.
 * This is the only per-voter choice data the system ever holds; it is deleted at Submit
 * and at close.
 *
 * <p>The screens ({@link BallotMachine} moves between them):
 * <ul>
 *   <li>leader {@code cursor}, walking the ballot in order ({@code editing} false);</li>
 *   <li>leader {@code cursor}, opened from the review to change that row ({@code editing}
 *       true): the choice goes back to the review page holding the row;</li>
 *   <li>the review ({@code cursor == size()}), showing page {@code page} of
 *       {@link #PAGE_ROWS} rows;</li>
 *   <li>the review asking for the confirmation before the ballot is handed in
 *       ({@code confirming}; every row chosen), where buttons could otherwise send it with
 *       one tap.</li>
 * </ul>
 *
 * @param cursor  index of the leader being rated, or {@code choices.size()} on the review
 * @param choices one entry per leader, null where not chosen yet
 * @param version incremented on every change, for compare-and-set in stores
 * @param editing on a leader: opened from the review, and returns there after the choice
 * @param page    on the review: the page shown (0-based); 0 elsewhere
 * @param confirming on the review: asking "hand the ballot in?" (every row chosen)
 */
public record Draft(int cursor, List<Choice> choices, long version, boolean editing, int page,
        boolean confirming) {
    /**
     * Rows on one page of the review. Ten rows of the longest names and positions a definition
     * allows fit one Telegram message (4096), and ten edit buttons make a small keyboard.
     */
    public static final int PAGE_ROWS = 10;
    /**
     * Pages of the review at most: each has its own button (its range of rows), so any page is
     * one tap away and the keyboard stays small. With {@link #PAGE_ROWS} it bounds a ballot.
     */
    public static final int MAX_PAGES = 10;

    private static final Pattern HEAD = Pattern.compile("(0|[1-9]\\d{0,3})(e)?(?:/([1-9]\\d{0,2}))?(c)?");

    public Draft {
        Objects.requireNonNull(choices, "choices");
        choices = Collections.unmodifiableList(new ArrayList<>(choices));
        if (cursor < 0 || cursor > choices.size()) {
            throw new IllegalArgumentException("cursor " + cursor + " outside 0.." + choices.size());
        }
        if (version < 0) {
            throw new IllegalArgumentException("negative version");
        }
        if (editing && cursor == choices.size()) {
            throw new IllegalArgumentException("editing is a leader's screen, not the review");
        }
        if (page != 0 && (cursor != choices.size() || page < 0 || page >= pages(choices.size()))) {
            throw new IllegalArgumentException("page " + page + " is not a review page of " + choices.size() + " rows");
        }
        if (confirming && (cursor != choices.size() || choices.contains(null))) {
            throw new IllegalArgumentException("only a complete ballot's review asks for the confirmation");
        }
    }

    /** Not asking for the confirmation. */
    public Draft(int cursor, List<Choice> choices, long version, boolean editing, int page) {
        this(cursor, choices, version, editing, page, false);
    }

    /** Walking the ballot at {@code cursor} (or on the review's first page). */
    public Draft(int cursor, List<Choice> choices, long version) {
        this(cursor, choices, version, false, 0);
    }

    /** A fresh ballot for {@code leaders} leaders: first leader shown, nothing chosen. */
    public static Draft empty(int leaders) {
        return new Draft(0, Collections.nCopies(leaders, null), 0);
    }

    /** Pages of the review for a ballot of {@code rows} leaders (at least one). */
    public static int pages(int rows) {
        return Math.max(1, (rows + PAGE_ROWS - 1) / PAGE_ROWS);
    }

    /** The review page that holds row {@code index}. */
    public static int pageOf(int index) {
        return index / PAGE_ROWS;
    }

    public int size() {
        return choices.size();
    }

    /** On the review (the summary before Submit). */
    public boolean onSummary() {
        return cursor == choices.size();
    }

    public boolean complete() {
        return !choices.contains(null);
    }

    public Choice choice(int index) {
        return choices.get(index);
    }

    /** The first row not chosen yet, or -1 when every row is. */
    public int firstUnchosen() {
        return choices.indexOf(null);
    }

    /** Rows not chosen yet. */
    public int unchosen() {
        return (int) choices.stream().filter(Objects::isNull).count();
    }

    Draft with(int newCursor, List<Choice> newChoices) {
        return new Draft(newCursor, newChoices, version + 1);
    }

    Draft editingAt(int index) {
        return new Draft(index, choices, version + 1, true, 0);
    }

    Draft reviewAt(int newPage, List<Choice> newChoices) {
        return new Draft(choices.size(), newChoices, version + 1, false, newPage);
    }

    Draft confirmingNow() {
        return new Draft(choices.size(), choices, version + 1, false, page, true);
    }

    /**
     * Compact text form: the cursor, {@code e} when editing, {@code /page} on a review page
     * after the first, {@code c} when asking for the confirmation, then one letter per leader
     * ({@code -} unset). E.g. "2:HB-", "0e:HBL", "12/1:HHHHHHHHHHHH", "3c:HML".
     */
    public String encode() {
        StringBuilder b = new StringBuilder().append(cursor);
        if (editing) {
            b.append('e');
        }
        if (page > 0) {
            b.append('/').append(page);
        }
        if (confirming) {
            b.append('c');
        }
        b.append(':');
        for (Choice c : choices) {
            b.append(c == null ? '-' : c.code());
        }
        return b.toString();
    }

    public static Draft decode(String text, long version) {
        int colon = text.indexOf(':');
        Matcher head = HEAD.matcher(colon < 1 ? "" : text.substring(0, colon));
        if (!head.matches()) {
            throw new IllegalArgumentException("malformed draft");
        }
        List<Choice> choices = new ArrayList<>();
        for (char c : text.substring(colon + 1).toCharArray()) {
            choices.add(c == '-' ? null : Choice.fromCode(c));
        }
        return new Draft(Integer.parseInt(head.group(1)), choices, version, head.group(2) != null,
                head.group(3) == null ? 0 : Integer.parseInt(head.group(3)), head.group(4) != null);
    }

    @Override
    public String toString() {
        // Never print choices: drafts must not reach logs.
        return "Draft[cursor=" + cursor + ", size=" + choices.size() + ", version=" + version
                + (editing ? ", editing" : "") + (page > 0 ? ", page=" + page : "")
                + (confirming ? ", confirming" : "") + "]";
    }
}
