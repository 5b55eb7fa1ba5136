package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.LongestVote;

/**
 * Issue 12, item 3: a ballot of 100 leaders, the most a definition allows, with the longest
 * title, names and positions it allows and a deadline, walked end to end on buttons. Every
 * screen fits Telegram's 4096 UTF-16 units with a small keyboard of data within 64 bytes; the
 * review is paged; a row is changed from the review in two taps and the review comes back;
 * any leader is a few taps from any screen; and the counts are exactly what was chosen.
 */
class LongBallotTest {
    /** Telegram's limit for a message's text, in UTF-16 code units (what Java's length() counts). */
    private static final int TELEGRAM_TEXT = 4096;
    /** Buttons on one screen at most: 10 rows' edits, 10 pages, submit and back. */
    private static final int MOST_BUTTONS = 22;
    private static final int N = 100;

    @TempDir
    Path dir;

    @Test
    void aHundredLeaderBallotWalkedReviewedChangedAndSubmittedWithinTelegramsLimits() throws Exception {
        InMemoryVoteStore store = new InMemoryVoteStore();
        FlowDriver d = new FlowDriver(LongestVote.write(dir, "vi"), store);
        VoteDefinition vote = d.vote;
        Account[] voters = {FlowDriver.participant(1, "vi"), FlowDriver.participant(2, "en"),
                FlowDriver.participant(3, "vi")};
        for (Account a : voters) {
            d.start(a);
        }
        d.command(FlowDriver.ORGANISER, "open");
        Map<Integer, List<Choice>> chosen = new TreeMap<>();

        // Voter 1: every leader in turn; each screen says k/n and fits.
        Account v1 = voters[0];
        List<Choice> c1 = choices(1);
        for (int k = 0; k < N; k++) {
            Screen s = screen(d.press(v1, d.rate(k, c1.get(k))));
            check(s, vote);
            if (k + 1 < N) {
                assertTrue(s.text.contains("Người được lấy phiếu " + (k + 2) + "/100"), s.text);
            }
        }
        Screen review = latest(d, v1);
        assertTrue(review.text.contains("trang 1/10: dòng 1–10 trên 100"), review.text);
        // Every page of the review, each one tap away from any other.
        for (int p = 9; p >= 0; p--) {
            Screen page = screen(d.press(v1, data(review, "g:" + vote.id() + ":" + p)));
            check(page, vote);
            int first = p * 10 + 1;
            assertTrue(page.text.contains("trang " + (p + 1) + "/10: dòng " + first + "–" + (first + 9)), page.text);
            assertTrue(page.text.contains("\n" + first + ". " + vote.leaders().get(first - 1).fullName()), page.text);
            assertFalse(page.text.contains("\n" + (first + 10) + ". "), "ten rows a page: " + page.text);
            if (c1.subList(first - 1, first + 9).contains(Choice.BLANK)) {
                assertTrue(page.text.contains("Bỏ trống ⚠️ không hợp lệ đối với người này"), page.text);
            }
            review = page;
        }

        // Change row 3 from the review: two taps, and the review (its first page) is back.
        int taps = 0;
        Screen editing = screen(d.press(v1, data(review, "e:" + vote.id() + ":2")));
        taps++;
        check(editing, vote);
        assertTrue(editing.text.contains("Sửa dòng 3/100"), editing.text);
        Choice before = c1.get(2);
        c1.set(2, before == Choice.LOW ? Choice.HIGH : Choice.LOW);
        Screen back = screen(d.press(v1, data(editing, d.rate(2, c1.get(2)))));
        taps++;
        check(back, vote);
        assertEquals(2, taps);
        assertTrue(back.text.contains("trang 1/10") && back.text.contains("\n3. " + vote.leaders().get(2).fullName()),
                back.text);
        assertTrue(back.text.contains("): " + BallotView.reviewLabel(c1.get(2), Messages.of(Messages.VIETNAMESE))),
                back.text);

        // Row 95: to its page, the edit, the level; back on the page holding row 95.
        screen(d.press(v1, data(back, "g:" + vote.id() + ":9")));
        Screen row95 = screen(d.press(v1, data(latest(d, v1), "e:" + vote.id() + ":94")));
        c1.set(94, Choice.MEDIUM);
        Screen page10 = screen(d.press(v1, data(row95, d.rate(94, Choice.MEDIUM))));
        assertTrue(page10.text.contains("trang 10/10") && page10.text.contains("95. "), page10.text);
        Screen confirm = screen(d.press(v1, data(page10, d.finish())));
        check(confirm, vote);
        assertTrue(d.press(v1, data(confirm, d.submit())).stream().anyMatch(r -> r instanceof Reply.Answer),
                "submitted from the page it came back to, through the confirmation");
        chosen.put(1, c1);

        // Voter 2 (English): from leader 50, jumps to leader 85 through the list and goes on at 51.
        Account v2 = voters[1];
        List<Choice> c2 = choices(2);
        for (int k = 0; k < 50; k++) {
            d.press(v2, d.rate(k, c2.get(k)));
        }
        Screen at51 = latest(d, v2);
        assertTrue(at51.text.contains("Leader 51 of 100"), at51.text);
        Screen list = screen(d.press(v2, data(at51, "l:" + vote.id() + ":50")));
        check(list, vote);
        assertTrue(list.text.contains("page 6 of 10: rows 51–60 of 100"), list.text);
        assertTrue(list.text.contains("50 rows are not chosen yet"), list.text);
        assertTrue(list.buttons.stream().noneMatch(b -> b.data().equals(d.submit()) || b.data().equals(d.finish())),
                "no Submit while rows are left");
        assertTrue(list.buttons.stream().anyMatch(b -> b.label().equals("▶ Go on: leader 51 of 100")
                && b.data().equals("b:" + vote.id() + ":100")), "go on at the first row not chosen");
        Screen page9 = screen(d.press(v2, data(list, "g:" + vote.id() + ":8")));
        Screen row85 = screen(d.press(v2, data(page9, "e:" + vote.id() + ":84")));
        assertTrue(row85.text.contains("Changing row 85 of 100"), "leader 85 three taps from leader 51: " + row85.text);
        Screen afterRow85 = screen(d.press(v2, data(row85, d.rate(84, c2.get(84)))));
        assertTrue(afterRow85.text.contains("page 9 of 10") && afterRow85.text.contains("49 rows are not chosen yet"),
                afterRow85.text);
        Screen goOn = screen(d.press(v2, data(afterRow85, "b:" + vote.id() + ":100")));
        assertTrue(goOn.text.contains("Leader 51 of 100"), "go on at the first row not chosen: " + goOn.text);
        for (int k = 50; k < N; k++) {
            Screen s = screen(d.press(v2, d.rate(k, c2.get(k))));
            check(s, vote);
            if (k >= 83 && k + 1 < N && k + 1 != 84) {
                assertTrue(s.text.contains("Leader " + (k + 2) + " of 100"), s.text);
            }
        }
        assertTrue(d.press(v2, d.submit()).stream().anyMatch(r -> r instanceof Reply.Edit e
                && e.text().contains("Receipt code")), "submitted");
        chosen.put(2, c2);

        // Voter 3: the straight walk, as most people will.
        chosen.put(3, choices(3));
        d.voteThrough(voters[2], chosen.get(3));

        d.command(FlowDriver.ORGANISER, "close force");
        List<LeaderCounts> counts = store.tally(vote.id(), d.leaderIds()).counts();
        assertEquals(3, store.voters(vote.id()).size());
        for (int k = 0; k < N; k++) {
            LeaderCounts expected = LeaderCounts.ZERO;
            for (List<Choice> c : chosen.values()) {
                expected = expected.plus(c.get(k));
            }
            assertEquals(expected, counts.get(k), "leader " + (k + 1));
        }
    }

    @Test
    void everyScreenOfTheLongestBallotFitsInEnglishToo() throws Exception {
        FlowDriver d = new FlowDriver(LongestVote.write(dir, "en"), new InMemoryVoteStore());
        Account voter = FlowDriver.participant(1, null);
        d.start(voter);
        d.handle(new Inbound.Command(FlowDriver.ORGANISER, "open", List.of("force")));
        for (int k = 0; k < N; k++) {
            check(screen(d.press(voter, d.rate(k, Choice.BLANK))), d.vote);
        }
        Screen review = latest(d, voter);
        for (int p = 0; p < 10; p++) {
            Screen page = screen(d.press(voter, data(review, "g:" + d.vote.id() + ":" + p)));
            check(page, d.vote);
            assertEquals(10, page.text.split("⚠️ not valid for this leader", -1).length - 1,
                    "every blank row marked: " + page.text);
        }
    }

    /** Choices for voter v: every level and blank, spread differently per voter. */
    private static List<Choice> choices(int v) {
        List<Choice> out = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            out.add(Choice.values()[(k * 7 + v * 3 + k / 9) % 4]);
        }
        return out;
    }

    // ---- screens ----

    /** A ballot screen as the voter sees it: text and buttons (label, data). */
    record Screen(String text, List<Keyboard.Button> buttons) {}

    /** The last ballot screen among replies (an edit of the ballot, or a new one). */
    private static Screen screen(List<Reply> replies) {
        Screen found = null;
        for (Reply r : replies) {
            if (r instanceof Reply.Edit e && e.keyboard() instanceof Keyboard.Inline in) {
                found = new Screen(e.text(), in.buttons());
            } else if (r instanceof Reply.Send s && s.keyboard() instanceof Keyboard.Inline in) {
                found = new Screen(s.text(), in.buttons());
            }
        }
        if (found == null) {
            throw new AssertionError("no ballot screen in " + replies);
        }
        return found;
    }

    private static Screen latest(FlowDriver d, Account who) {
        List<Reply> mine = d.sent().stream().filter(r -> r.to().equals(who.key())).toList();
        return screen(mine);
    }

    /** The data of a button the screen shows; fails when it has none such (a press needs a button to press). */
    private static String data(Screen s, String data) {
        assertTrue(s.buttons.stream().anyMatch(b -> b.data().equals(data)), "no button " + data + " on " + s.text);
        return data;
    }

    /** Telegram's limits on one screen: text, number of buttons, each button's data. */
    private static void check(Screen s, VoteDefinition vote) {
        assertTrue(s.text.length() <= TELEGRAM_TEXT, s.text.length() + " UTF-16 units: " + s.text);
        assertTrue(s.buttons.size() <= MOST_BUTTONS, s.buttons.size() + " buttons on " + s.text);
        for (Keyboard.Button b : s.buttons) {
            assertTrue(b.data().getBytes(StandardCharsets.UTF_8).length <= CallbackData.MAX_BYTES, b.data());
            assertTrue(CallbackData.parse(b.data()).isPresent(), "the grammar takes its own data: " + b.data());
        }
        assertTrue(s.text.contains(vote.title()), "the heading is whole");
    }
}
