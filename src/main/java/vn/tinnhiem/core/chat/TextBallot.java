package vn.tinnhiem.core.chat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.VoteDefinition;

/**
 * The ballot as text, for platforms without buttons (Zalo), where every message counts
 * against a monthly quota. A fresh ballot is shown whole, in one message (split only where the
 * platform's limit forces it, between leaders): every leader numbered, one legend of levels,
 * and the voter answers with one digit per leader ("1 2 1 3", spaces optional), which leads
 * to the review. The step-by-step menu stays for whoever prefers it ("từng người" switches,
 * "cả phiếu" switches back); the review lists every row in one message when they fit.
 *
 * <p>Step by step, each screen says what to type next. On a leader: 1-4 for the levels and
 * blank, 5 for the list (the review at the page holding this row), 0 to go back. On the
 * review: a row's number (1 to n, on any page) to change it, after which the voter returns to
 * the review page holding that row; «gửi» ("gui", "send") to submit, and no number ever
 * submits (one that did, n+1, moved with the ballot's length and was one keystroke from the
 * blank row's 4); 0 to go back (or to go on at the first row not chosen);
 * "trang N", "+" and "-" for the pages of a long ballot. Words work too, in Vietnamese (with
 * or without diacritics) and English.
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
    /** The leader screen's option for the list, after the levels. */
    private static final int LIST = LEVELS.length + 1;
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,3})");
    private static final Pattern EDIT = Pattern.compile("(?:sua|edit|change|doi)\\s*(?:dong\\s*|row\\s*)?(\\d{1,3})");
    private static final Pattern PAGE = Pattern.compile("(?:trang|page|tr|p)\\s*(\\d{1,3})");
    private static final Map<String, Choice> LEVEL_WORDS = Map.of(
            "tin nhiem cao", Choice.HIGH, "cao", Choice.HIGH, "high", Choice.HIGH,
            "tin nhiem", Choice.MEDIUM, "medium", Choice.MEDIUM, "confidence", Choice.MEDIUM,
            "tin nhiem thap", Choice.LOW, "thap", Choice.LOW, "low", Choice.LOW,
            "bo trong", Choice.BLANK);
    private static final Set<String> BLANK_WORDS = Set.of("blank", "trong", "de trong");
    private static final Set<String> BACK_WORDS = Set.of("quay lai", "back", "tro lai", "lui");
    /** Only a word sends a ballot («gửi», with or without diacritics, or "send"), never a number. */
    private static final Set<String> SUBMIT_WORDS = Set.of("gui", "gui phieu", "send", "submit");
    private static final Set<String> LIST_WORDS = Set.of("danh sach", "xem lai", "review", "list");
    private static final Set<String> SHOW_WORDS = Set.of("xem", "menu", "phieu", "ballot", "?");
    /** Words that switch to the step-by-step menu, and back to the whole ballot. */
    private static final Set<String> STEP_WORDS = Set.of("tung nguoi", "tung buoc", "lan luot", "step", "one by one");
    private static final Set<String> WHOLE_WORDS = Set.of("ca phieu", "toan bo", "ca danh sach", "whole", "all");
    /** Digits with optional separators: the whole ballot answered, one digit per leader. */
    private static final Pattern DIGITS = Pattern.compile("\\d(?:[\\s,.;/-]*\\d)*");
    private static final Set<String> NEXT_PAGE = Set.of("+", ">", "trang sau", "sau", "next");
    private static final Set<String> PREVIOUS_PAGE = Set.of("-", "<", "trang truoc", "truoc", "prev", "previous");

    /**
     * The screen for a draft: the whole ballot while nothing is chosen yet, the leader at the
     * cursor once the voter walks it step by step, or the review; {@code maxText} is the
     * platform's longest message (the review lists every row when they fit in one).
     */
    static BallotView.Rendered render(VoteDefinition vote, Draft draft, Messages m, int maxText) {
        if (draft.onSummary()) {
            return new BallotView.Rendered(review(vote, draft, m, maxText), Keyboard.NONE);
        }
        boolean fresh = draft.cursor() == 0 && !draft.editing() && draft.unchosen() == draft.size();
        return new BallotView.Rendered(fresh ? whole(vote, m) : leader(vote, draft, m), Keyboard.NONE);
    }

    /** The step-by-step screen for a draft (the leader at the cursor, or the review). */
    static BallotView.Rendered step(VoteDefinition vote, Draft draft, Messages m, int maxText) {
        return new BallotView.Rendered(draft.onSummary() ? review(vote, draft, m, maxText) : leader(vote, draft, m),
                Keyboard.NONE);
    }

    /**
     * The whole ballot in one message: the secrecy note (the bot cannot delete what the voter
     * typed, so the chat keeps their answers on their phone), one legend, every leader
     * numbered with their position, and what to type.
     */
    static String whole(VoteDefinition vote, Messages m) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < vote.leaderCount(); i++) {
            Leader l = vote.leaders().get(i);
            lines.append(m.get("ballot.text.whole.line", i + 1, l.fullName(), l.position())).append('\n');
        }
        int n = vote.leaderCount();
        String example = String.join(" ", java.util.Arrays.copyOf(new String[] {"1", "2", "1", "3"}, Math.min(n, 4)))
                + (n > 4 ? " …" : "");
        return m.get("ballot.text.whole", BallotView.heading(vote, m), BallotView.choiceLabel(LEVELS[0], m),
                BallotView.choiceLabel(LEVELS[1], m), BallotView.choiceLabel(LEVELS[2], m),
                BallotView.choiceLabel(LEVELS[3], m), lines.toString().strip(), n, example);
    }

    private static String leader(VoteDefinition vote, Draft draft, Messages m) {
        int k = draft.cursor();
        int n = draft.size();
        Leader leader = vote.leaders().get(k);
        StringBuilder b = new StringBuilder(m.get(draft.editing() ? "ballot.text.edit" : "ballot.text.leader",
                BallotView.heading(vote, m), k + 1, n, leader.fullName(), leader.position()));
        for (int i = 0; i < LEVELS.length; i++) {
            b.append('\n').append(m.get("ballot.text.option", i + 1, BallotView.choiceLabel(LEVELS[i], m)));
        }
        if (draft.editing()) {
            b.append('\n').append(m.get("ballot.text.option", 0, m.get("ballot.text.toreview")));
            return b.append("\n\n").append(m.get("ballot.text.hint.edit")).toString();
        }
        b.append('\n').append(m.get("ballot.text.option", LIST,
                m.get("ballot.text.review.option", Draft.pageOf(k) + 1, Draft.pages(n))));
        if (k > 0) {
            b.append('\n').append(m.get("ballot.text.option", 0, m.get("ballot.text.back")));
        }
        b.append("\n\n").append(m.get(k > 0 ? "ballot.text.hint.rate.back" : "ballot.text.hint.rate"));
        return b.toString();
    }

    private static String review(VoteDefinition vote, Draft draft, Messages m, int maxText) {
        int n = draft.size();
        String hint = draft.complete() ? m.get("ballot.text.hint.complete", n)
                : m.get("ballot.text.hint.incomplete", draft.unchosen(), draft.firstUnchosen() + 1, n, n);
        if (n > 1) {
            hint += "\n" + m.get("ballot.text.hint.again", n);
        }
        // Every row in one message (name and choice) when they fit: one message for the review.
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < n; i++) {
            all.append(m.get("ballot.text.review.line", i + 1, vote.leaders().get(i).fullName(),
                    BallotView.reviewLabel(draft.choice(i), m))).append('\n');
        }
        String compact = m.get("ballot.text.review", BallotView.heading(vote, m), "", all.toString().strip(), hint);
        if (compact.length() <= maxText) {
            return compact;
        }
        int from = draft.page() * Draft.PAGE_ROWS;
        if (Draft.pages(n) > 1) {
            hint += "\n" + m.get("ballot.text.hint.pages", Draft.pages(n));
        }
        return m.get("ballot.text.review", BallotView.heading(vote, m), BallotView.pageLabel(draft, m),
                BallotView.lines(vote, draft, from, Math.min(n, from + Draft.PAGE_ROWS), m), hint);
    }

    /** What a typed answer means on the screen the draft is on. */
    sealed interface Typed {
        record Event(BallotEvent event) implements Typed {}

        /** "Show me my ballot": the current screen again, without a complaint. */
        record Show() implements Typed {}

        /** A row or page the ballot does not have: say so ({@code key} takes the number typed and the most). */
        record NoSuch(String key, int given, int most) implements Typed {}

        record Unknown() implements Typed {}

        /** Switch to the step-by-step menu: the screen the draft is on, one leader at a time. */
        record Step() implements Typed {}

        /** Switch to the whole ballot: every leader in one message. */
        record Whole() implements Typed {}

        /** A row of digits that is not a whole answer: {@code given} digits (or a digit out of 1-4). */
        record BadRow(int given, int expected, boolean badDigit) implements Typed {}
    }

    static Typed parse(String text, Draft draft) {
        String raw = text == null ? "" : text.strip();
        String t = NEXT_PAGE.contains(raw) || PREVIOUS_PAGE.contains(raw) ? raw : normalise(text);
        int n = draft.size();
        int k = draft.cursor();
        if (BACK_WORDS.contains(t) || t.equals("0")) {
            return new Typed.Event(new BallotEvent.Back(k));
        }
        if (SUBMIT_WORDS.contains(t)) {
            return new Typed.Event(new BallotEvent.Submit());
        }
        if (LIST_WORDS.contains(t)) {
            return draft.onSummary() ? new Typed.Show() : new Typed.Event(new BallotEvent.Review(k));
        }
        if (SHOW_WORDS.contains(t)) {
            return new Typed.Show();
        }
        if (STEP_WORDS.contains(t)) {
            return new Typed.Step();
        }
        if (WHOLE_WORDS.contains(t)) {
            return new Typed.Whole();
        }
        Typed answer = wholeAnswer(raw, n);
        if (answer != null) {
            return answer;
        }
        int pages = Draft.pages(n);
        if (draft.onSummary() && (NEXT_PAGE.contains(t) || PREVIOUS_PAGE.contains(t))) {
            int p = draft.page() + (NEXT_PAGE.contains(t) ? 1 : -1);
            return p >= 0 && p < pages ? new Typed.Event(new BallotEvent.Page(p))
                    : new Typed.NoSuch("ballot.text.nopage", p + 1, pages);
        }
        Matcher page = PAGE.matcher(t);
        if (draft.onSummary() && page.matches()) {
            int p = Integer.parseInt(page.group(1));
            return p >= 1 && p <= pages ? new Typed.Event(new BallotEvent.Page(p - 1))
                    : new Typed.NoSuch("ballot.text.nopage", p, pages);
        }
        Matcher edit = EDIT.matcher(t);
        if (edit.matches()) {
            int row = Integer.parseInt(edit.group(1));
            return row >= 1 && row <= n ? new Typed.Event(new BallotEvent.Change(row - 1))
                    : new Typed.NoSuch("ballot.text.norow", row, n);
        }
        Matcher number = NUMBER.matcher(t);
        if (number.matches()) {
            int x = Integer.parseInt(number.group(1));
            if (draft.onSummary()) {
                if (x >= 1 && x <= n) {
                    return new Typed.Event(new BallotEvent.Change(x - 1));
                }
                return new Typed.NoSuch("ballot.text.norow", x, n);
            }
            if (x == LIST) {
                return new Typed.Event(new BallotEvent.Review(k));
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

    /**
     * One digit per leader, in order, separators optional ("1 2 1 3", "1213", "1,2,1,3"), or
     * null when the text is not meant as one: a single number without separators is a menu
     * number or a row, unless it has as many digits as the ballot has rows (two or more), which
     * no row number has.
     */
    private static Typed wholeAnswer(String raw, int n) {
        if (!DIGITS.matcher(raw).matches()) {
            return null;
        }
        String digits = raw.replaceAll("\\D", "");
        boolean separated = digits.length() != raw.length();
        if (!separated && (digits.length() != n || n < 2) && digits.length() <= 3) {
            return null; // a level, a menu number or a row number
        }
        if (digits.length() != n) {
            return new Typed.BadRow(digits.length(), n, false);
        }
        java.util.List<Choice> choices = new java.util.ArrayList<>(n);
        for (char c : digits.toCharArray()) {
            if (c < '1' || c > '4') {
                return new Typed.BadRow(n, n, true);
            }
            choices.add(LEVELS[c - '1']);
        }
        return new Typed.Event(new BallotEvent.RateAll(choices));
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
