package vn.tinnhiem.core.chat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.VoteDefinition;

/**
 * The ballot as a numbered text menu, for platforms without buttons (Zalo). Each screen says
 * what to type next. On a leader: 1-4 for the levels and blank, 0 to go back. On the review:
 * the row's number to change it, {@code n+1} or "gửi" to submit, 0 to go back. Words work too,
 * in Vietnamese (with or without diacritics) and English.
 *
 * <p>A typed answer always applies to the screen the ballot is on now (the draft's cursor):
 * the platform cannot edit old menus, so an old one still in the chat means nothing.
 *
 * <p>Secrecy: the bot cannot edit or delete what it sent, so every screen stays in the
 * voter's chat. A leader's screen therefore never marks the level chosen earlier; only the
 * review lists the choices, and the confirmation lists none.
 */
final class TextBallot {
    private TextBallot() {}

    private static final Choice[] LEVELS = {Choice.HIGH, Choice.MEDIUM, Choice.LOW, Choice.BLANK};
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,2})");
    private static final Pattern EDIT = Pattern.compile("(?:sua|edit|change|doi)\\s*(?:dong\\s*|row\\s*)?(\\d{1,2})");
    private static final Map<String, Choice> LEVEL_WORDS = Map.of(
            "tin nhiem cao", Choice.HIGH, "cao", Choice.HIGH, "high", Choice.HIGH,
            "tin nhiem", Choice.MEDIUM, "medium", Choice.MEDIUM, "confidence", Choice.MEDIUM,
            "tin nhiem thap", Choice.LOW, "thap", Choice.LOW, "low", Choice.LOW,
            "bo trong", Choice.BLANK);
    private static final java.util.Set<String> BLANK_WORDS = java.util.Set.of("blank", "trong", "de trong");
    private static final java.util.Set<String> BACK_WORDS = java.util.Set.of("quay lai", "back", "tro lai", "lui");
    private static final java.util.Set<String> SUBMIT_WORDS =
            java.util.Set.of("gui", "gui phieu", "nop", "nop phieu", "submit", "send");
    private static final java.util.Set<String> SHOW_WORDS =
            java.util.Set.of("xem lai", "xem", "review", "menu", "phieu", "ballot", "?");

    /** The screen for a draft: the leader at the cursor, or the review. */
    static BallotView.Rendered render(VoteDefinition vote, Draft draft, Messages m) {
        return new BallotView.Rendered(draft.onSummary() ? review(vote, draft, m) : leader(vote, draft, m),
                Keyboard.NONE);
    }

    private static String leader(VoteDefinition vote, Draft draft, Messages m) {
        int k = draft.cursor();
        Leader leader = vote.leaders().get(k);
        StringBuilder b = new StringBuilder(m.get("ballot.text.leader", BallotView.heading(vote, m), k + 1, draft.size(),
                leader.fullName(), leader.position()));
        for (int i = 0; i < LEVELS.length; i++) {
            b.append('\n').append(m.get("ballot.text.option", i + 1, BallotView.choiceLabel(LEVELS[i], m)));
        }
        if (k > 0) {
            b.append('\n').append(m.get("ballot.text.option", 0, m.get("ballot.text.back")));
        }
        b.append("\n\n").append(m.get(k > 0 ? "ballot.text.hint.rate.back" : "ballot.text.hint.rate"));
        return b.toString();
    }

    private static String review(VoteDefinition vote, Draft draft, Messages m) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < draft.size(); i++) {
            Leader l = vote.leaders().get(i);
            lines.append(m.get("ballot.summary.line", i + 1, l.fullName(), l.position(),
                    BallotView.reviewLabel(draft.choice(i), m))).append('\n');
        }
        return m.get("ballot.text.review", BallotView.heading(vote, m), lines.toString().strip(), draft.size() + 1,
                draft.size());
    }

    /** What a typed answer means on the screen the draft is on. */
    sealed interface Typed {
        record Event(BallotEvent event) implements Typed {}

        /** "Show me my ballot": the current screen again, without a complaint. */
        record Show() implements Typed {}

        record Unknown() implements Typed {}
    }

    static Typed parse(String text, Draft draft) {
        String t = normalise(text);
        int n = draft.size();
        int k = draft.cursor();
        if (BACK_WORDS.contains(t) || t.equals("0")) {
            return new Typed.Event(new BallotEvent.Back(k));
        }
        if (SUBMIT_WORDS.contains(t)) {
            return new Typed.Event(new BallotEvent.Submit());
        }
        if (SHOW_WORDS.contains(t)) {
            return new Typed.Show();
        }
        Matcher edit = EDIT.matcher(t);
        if (edit.matches()) {
            int row = Integer.parseInt(edit.group(1));
            return row >= 1 && row <= n ? new Typed.Event(new BallotEvent.Change(row - 1)) : new Typed.Unknown();
        }
        Matcher number = NUMBER.matcher(t);
        if (number.matches()) {
            int x = Integer.parseInt(number.group(1));
            if (draft.onSummary()) {
                if (x >= 1 && x <= n) {
                    return new Typed.Event(new BallotEvent.Change(x - 1));
                }
                return x == n + 1 ? new Typed.Event(new BallotEvent.Submit()) : new Typed.Unknown();
            }
            return x >= 1 && x <= LEVELS.length ? new Typed.Event(new BallotEvent.Rate(k, LEVELS[x - 1]))
                    : new Typed.Unknown();
        }
        Choice level = LEVEL_WORDS.get(t);
        if (level == null && BLANK_WORDS.contains(t)) {
            level = Choice.BLANK;
        }
        if (level != null && !draft.onSummary()) {
            return new Typed.Event(new BallotEvent.Rate(k, level));
        }
        return new Typed.Unknown();
    }

    /** Lower case, no diacritics (đ → d), single spaces, no surrounding punctuation. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String s = text.length() > 64 ? text.substring(0, 64) : text;
        s = Normalizer.normalize(s.toLowerCase(Locale.ROOT).replace('đ', 'd'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        s = s.replaceAll("[\\p{Punct}&&[^?]]+", " ").replaceAll("\\s+", " ").strip();
        return s;
    }
}
