package vn.tinnhiem.core.chat;

import java.util.ArrayList;
import java.util.List;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.VoteDefinition;

/** Renders a ballot: one leader at a time, then the summary, then the neutral confirmation. */
public final class BallotView {
    private BallotView() {}

    /** Buttons in one row of the review's keyboard (row edits, page ranges). */
    static final int BUTTONS_PER_ROW = 5;

    /** Text and keyboard for a draft: the leader at the cursor, or a page of the review. */
    public static Rendered render(VoteDefinition vote, Draft draft, Messages m) {
        if (draft.confirming()) {
            return confirmation(vote, draft, m);
        }
        return draft.onSummary() ? summary(vote, draft, m) : leader(vote, draft, m);
    }

    /**
     * The second step of handing the ballot in: what it holds, in counts, and one row of two
     * buttons, «Xem lại» then «Xác nhận gửi phiếu». The row is the keyboard's only one, at its
     * bottom, where the review had «Quay lại»: a slow second tap on the review's «Gửi phiếu»
     * (the row above) lands on this screen's text, never on the confirmation. Nothing else on
     * this screen sends the ballot, and nothing before it does.
     */
    private static Rendered confirmation(VoteDefinition vote, Draft draft, Messages m) {
        int[] counts = new int[Choice.values().length];
        for (int i = 0; i < draft.size(); i++) {
            counts[draft.choice(i).ordinal()]++;
        }
        String text = m.get("ballot.confirm", heading(vote, m), draft.size(), counts[Choice.HIGH.ordinal()],
                counts[Choice.MEDIUM.ordinal()], counts[Choice.LOW.ordinal()], counts[Choice.BLANK.ordinal()]);
        return new Rendered(text, new Keyboard.Inline(List.of(List.of(
                new Keyboard.Button(m.get("ballot.button.reconsider"), CallbackData.page(vote.id(), draft.page())),
                new Keyboard.Button(m.get("ballot.button.confirm"), CallbackData.submit(vote.id()))))));
    }

    /**
     * The leader at the cursor: k of n, a button per level and blank, then back and the list
     * (the review at the page holding this row), from which any row is a tap or two away.
     * Opened from the review to change the row, it offers the way back to the list instead.
     */
    private static Rendered leader(VoteDefinition vote, Draft draft, Messages m) {
        int k = draft.cursor();
        int n = draft.size();
        Leader leader = vote.leaders().get(k);
        String text = m.get(draft.editing() ? "ballot.leader.edit" : "ballot.leader", heading(vote, m), k + 1, n,
                leader.fullName(), leader.position());
        Choice current = draft.choice(k);
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        rows.add(List.of(button(vote, k, Choice.HIGH, current, m)));
        rows.add(List.of(button(vote, k, Choice.MEDIUM, current, m)));
        rows.add(List.of(button(vote, k, Choice.LOW, current, m)));
        rows.add(List.of(button(vote, k, Choice.BLANK, current, m)));
        if (draft.editing()) {
            rows.add(List.of(new Keyboard.Button(m.get("ballot.button.toreview"), CallbackData.back(vote.id(), k))));
        } else {
            List<Keyboard.Button> last = new ArrayList<>();
            if (k > 0) {
                last.add(new Keyboard.Button(m.get("ballot.button.back"), CallbackData.back(vote.id(), k)));
            }
            int pages = Draft.pages(n);
            last.add(new Keyboard.Button(pages == 1 ? m.get("ballot.button.review.one")
                    : m.get("ballot.button.review", Draft.pageOf(k) + 1, pages), CallbackData.review(vote.id(), k)));
            rows.add(last);
        }
        return new Rendered(text, new Keyboard.Inline(rows));
    }

    /** The title, and the deadline under it when the vote has one. */
    static String heading(VoteDefinition vote, Messages m) {
        String deadline = Deadlines.of(vote, m.locale());
        return deadline == null ? vote.title() : vote.title() + "\n" + m.get("ballot.deadline", deadline);
    }

    private static Keyboard.Button button(VoteDefinition vote, int k, Choice choice, Choice current, Messages m) {
        String label = choiceLabel(choice, m);
        if (choice == current) {
            label = m.get("ballot.current", label);
        }
        return new Keyboard.Button(label, CallbackData.rate(vote.id(), k, choice));
    }

    /**
     * One page of the review: its rows (a blank one marked not valid for that leader), a ✏️
     * button per row that opens the row and comes back here, a button per page (its range of
     * rows) when there are several, then Submit and Back once every row is chosen, or "go on"
     * at the first row not chosen. At most 10 + 10 + 2 buttons.
     */
    private static Rendered summary(VoteDefinition vote, Draft draft, Messages m) {
        int n = draft.size();
        int pages = Draft.pages(n);
        int from = draft.page() * Draft.PAGE_ROWS;
        int to = Math.min(n, from + Draft.PAGE_ROWS);
        String text = m.get("ballot.summary", heading(vote, m), pageLabel(draft, m), lines(vote, draft, from, to, m),
                draft.complete() ? m.get(pages > 1 ? "ballot.summary.complete.pages" : "ballot.summary.complete")
                        : m.get("ballot.summary.incomplete", draft.unchosen()));
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        List<Keyboard.Button> edits = new ArrayList<>();
        for (int i = from; i < to; i++) {
            edits.add(new Keyboard.Button(m.get("ballot.button.change", i + 1), CallbackData.change(vote.id(), i)));
        }
        rows.addAll(inRows(edits));
        if (pages > 1) {
            List<Keyboard.Button> ranges = new ArrayList<>();
            for (int p = 0; p < pages; p++) {
                String key = p == draft.page() ? "ballot.button.page.current" : "ballot.button.page";
                ranges.add(new Keyboard.Button(m.get(key, p * Draft.PAGE_ROWS + 1, Math.min(n, (p + 1) * Draft.PAGE_ROWS)),
                        CallbackData.page(vote.id(), p)));
            }
            rows.addAll(inRows(ranges));
        }
        if (draft.complete()) {
            // The first step only: the ballot goes on the confirmation screen that follows.
            rows.add(List.of(new Keyboard.Button(m.get("ballot.button.submit"), CallbackData.finish(vote.id()))));
            rows.add(List.of(new Keyboard.Button(m.get("ballot.button.back"), CallbackData.back(vote.id(), n))));
        } else {
            rows.add(List.of(new Keyboard.Button(m.get("ballot.button.resume", draft.firstUnchosen() + 1, n),
                    CallbackData.back(vote.id(), n))));
        }
        return new Rendered(text, new Keyboard.Inline(rows));
    }

    /** " (page 2 of 5: rows 11–20 of 44)" on a review of several pages; empty on one. */
    static String pageLabel(Draft draft, Messages m) {
        int n = draft.size();
        int pages = Draft.pages(n);
        if (pages == 1) {
            return "";
        }
        int from = draft.page() * Draft.PAGE_ROWS;
        return m.get("ballot.summary.page", draft.page() + 1, pages, from + 1, Math.min(n, from + Draft.PAGE_ROWS), n);
    }

    /** Rows {@code from} (inclusive) to {@code to} of the review, one line each. */
    static String lines(VoteDefinition vote, Draft draft, int from, int to, Messages m) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < to; i++) {
            Leader l = vote.leaders().get(i);
            lines.append(m.get("ballot.summary.line", i + 1, l.fullName(), l.position(),
                    reviewLabel(draft.choice(i), m))).append('\n');
        }
        return lines.toString().strip();
    }

    private static List<List<Keyboard.Button>> inRows(List<Keyboard.Button> buttons) {
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        for (int i = 0; i < buttons.size(); i += BUTTONS_PER_ROW) {
            rows.add(buttons.subList(i, Math.min(buttons.size(), i + BUTTONS_PER_ROW)));
        }
        return rows;
    }

    /** After Submit: no choices, only "sent, nothing more to do" and the receipt code. */
    public static Rendered confirmation(VoteDefinition vote, String receipt, Messages m) {
        return new Rendered(m.get("ballot.confirmed", vote.title(), receipt), Keyboard.NONE);
    }

    public static String choiceLabel(Choice choice, Messages m) {
        return choice == null ? m.get("choice.none") : m.get("choice." + choice.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A row's choice as the review before Submit shows it. A blank row is said to be invalid
     * for that leader only: "Phiếu không đánh dấu ... là phiếu không hợp lệ đối với người đó"
     * (the ballot still counts for the others), so the voter sees it before it is final.
     */
    public static String reviewLabel(Choice choice, Messages m) {
        return choice == Choice.BLANK ? m.get("ballot.summary.blank", choiceLabel(choice, m)) : choiceLabel(choice, m);
    }

    /** The whole ballot as one text message (platforms without buttons), before it is split. */
    public static String wholeText(VoteDefinition vote, Messages m) {
        return TextBallot.whole(vote, m);
    }

    /** The text review of a ballot with every row chosen (the longest label on each), before it is split. */
    public static String textReview(VoteDefinition vote, Messages m, int maxText) {
        Draft all = new Draft(vote.leaderCount(), java.util.Collections.nCopies(vote.leaderCount(), Choice.BLANK), 0);
        return TextBallot.render(vote, all, m, maxText).text();
    }

    /** A message ready to send or edit. */
    public record Rendered(String text, Keyboard keyboard) {}
}
