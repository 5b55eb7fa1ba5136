package vn.tinnhiem.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One participant's ballot before Submit: the row being shown and the choices so far.
 * This is the only per-voter choice data the system ever holds; it is deleted at Submit
 * and at close.
 *
 * @param cursor  index of the leader being rated, or {@code choices.size()} on the summary
 * @param choices one entry per leader, null where not chosen yet
 * @param version incremented on every change, for compare-and-set in stores
 */
public record Draft(int cursor, List<Choice> choices, long version) {
    public Draft {
        Objects.requireNonNull(choices, "choices");
        choices = Collections.unmodifiableList(new ArrayList<>(choices));
        if (cursor < 0 || cursor > choices.size()) {
            throw new IllegalArgumentException("cursor " + cursor + " outside 0.." + choices.size());
        }
        if (version < 0) {
            throw new IllegalArgumentException("negative version");
        }
    }

    /** A fresh ballot for {@code leaders} leaders: first leader shown, nothing chosen. */
    public static Draft empty(int leaders) {
        return new Draft(0, Collections.nCopies(leaders, null), 0);
    }

    public int size() {
        return choices.size();
    }

    public boolean onSummary() {
        return cursor == choices.size();
    }

    public boolean complete() {
        return !choices.contains(null);
    }

    public Choice choice(int index) {
        return choices.get(index);
    }

    Draft with(int newCursor, List<Choice> newChoices) {
        return new Draft(newCursor, newChoices, version + 1);
    }

    /** Compact text form, e.g. "2:HB-" (cursor, then one letter per leader, '-' unset). */
    public String encode() {
        StringBuilder b = new StringBuilder().append(cursor).append(':');
        for (Choice c : choices) {
            b.append(c == null ? '-' : c.code());
        }
        return b.toString();
    }

    public static Draft decode(String text, long version) {
        int colon = text.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("malformed draft");
        }
        int cursor = Integer.parseInt(text.substring(0, colon));
        List<Choice> choices = new ArrayList<>();
        for (char c : text.substring(colon + 1).toCharArray()) {
            choices.add(c == '-' ? null : Choice.fromCode(c));
        }
        return new Draft(cursor, choices, version);
    }

    @Override
    public String toString() {
        // Never print choices: drafts must not reach logs.
        return "Draft[cursor=" + cursor + ", size=" + choices.size() + ", version=" + version + "]";
    }
}
