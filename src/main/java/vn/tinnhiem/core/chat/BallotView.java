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

    /** Text and keyboard for a draft: the leader at the cursor, or the summary. */
    public static Rendered render(VoteDefinition vote, Draft draft, Messages m) {
        return draft.onSummary() ? summary(vote, draft, m) : leader(vote, draft, m);
    }

    private static Rendered leader(VoteDefinition vote, Draft draft, Messages m) {
        int k = draft.cursor();
        Leader leader = vote.leaders().get(k);
        String text = m.get("ballot.leader", heading(vote, m), k + 1, draft.size(), leader.fullName(),
                leader.position());
        Choice current = draft.choice(k);
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        rows.add(List.of(button(vote, k, Choice.HIGH, current, m)));
        rows.add(List.of(button(vote, k, Choice.MEDIUM, current, m)));
        rows.add(List.of(button(vote, k, Choice.LOW, current, m)));
        rows.add(List.of(button(vote, k, Choice.BLANK, current, m)));
        if (k > 0) {
            rows.add(List.of(new Keyboard.Button(m.get("ballot.button.back"), CallbackData.back(vote.id(), k))));
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

    private static Rendered summary(VoteDefinition vote, Draft draft, Messages m) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < draft.size(); i++) {
            Leader l = vote.leaders().get(i);
            lines.append(m.get("ballot.summary.line", i + 1, l.fullName(), l.position(),
                    reviewLabel(draft.choice(i), m))).append('\n');
        }
        String text = m.get("ballot.summary", heading(vote, m), lines.toString().strip());
        List<List<Keyboard.Button>> rows = List.of(
                List.of(new Keyboard.Button(m.get("ballot.button.submit"), CallbackData.submit(vote.id()))),
                List.of(new Keyboard.Button(m.get("ballot.button.change"), CallbackData.change(vote.id(), 0)),
                        new Keyboard.Button(m.get("ballot.button.back"), CallbackData.back(vote.id(), draft.size()))));
        return new Rendered(text, new Keyboard.Inline(rows));
    }

    /** After Submit: no choices, only the confirmation and the receipt code. */
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

    /** A message ready to send or edit. */
    public record Rendered(String text, Keyboard keyboard) {}
}
