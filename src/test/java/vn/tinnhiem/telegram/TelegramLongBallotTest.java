package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.BallotView;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.testing.LongestVote;
import vn.tinnhiem.testing.Votes;

/**
 * A 100-leader ballot of the longest names, positions and title through the real TelegramBots
 * client and the fake Bot API, which refuses what Telegram refuses (a text over 4096 UTF-16
 * units, button data over 64 bytes, more than 100 buttons): every screen is taken, the review
 * is paged, a row on its last page is changed in two taps and the page comes back, and the
 * count is exact.
 */
class TelegramLongBallotTest {
    private static final Messages VI = Messages.of(Messages.VIETNAMESE).addressing("đồng chí"); // QĐ 96 votes say "đồng chí"

    @TempDir
    Path dir;

    @Test
    void aHundredLeaderBallotIsTakenByTelegramScreenByScreenAndCountedExactly() throws Exception {
        VoteDefinition vote = LongestVote.write(dir, "vi");
        Updates.TgUser voter = Updates.user(Votes.participantTelegramId(1));
        Updates.TgUser organiser = Updates.user(Votes.ORGANISER_ID);
        try (BotHarness h = new BotHarness(vote)) {
            for (int i = 1; i <= 3; i++) {
                Updates.TgUser p = Updates.user(Votes.participantTelegramId(i));
                h.say(Updates.start(p, null), p.id());
            }
            h.say(Updates.command(organiser, "open"), organiser.id());
            h.api.await("the ballot", a -> a.latestWithButtons(voter.id()) != null, BotHarness.WAIT);

            List<Choice> chosen = new ArrayList<>();
            for (int k = 0; k < LongestVote.N; k++) {
                Choice c = Choice.values()[(k * 3 + k / 7) % 4];
                chosen.add(c);
                FakeBotApi.Shown shown = h.api.latestWithButtons(voter.id());
                assertTrue(shown.text().contains("Người được lấy phiếu " + (k + 1) + "/100"), shown.text());
                assertEquals(6, shown.buttons().size() + (k == 0 ? 1 : 0), "levels, blank, back and the list");
                h.press(voter, BallotView.choiceLabel(c, VI), true);
            }
            assertEquals(0, h.api.malformed(), "Telegram took every leader's screen and the review");
            FakeBotApi.Shown review = h.api.latestWithButtons(voter.id());
            assertTrue(review.text().contains("(trang 1/10: dòng 1–10 trên 100)"), review.text());
            assertEquals(10 + 10 + 2, review.buttons().size(), "ten rows, ten pages, submit and back");

            // The last page, then row 95 changed: two taps back to the page holding it.
            h.press(voter, "91–100", true);
            FakeBotApi.Shown last = h.api.latestWithButtons(voter.id());
            assertTrue(last.text().contains("(trang 10/10: dòng 91–100 trên 100)"), last.text());
            h.press(voter, VI.get("ballot.button.change", 95), true);
            assertTrue(h.api.latestWithButtons(voter.id()).text().contains("Sửa dòng 95/100"));
            Choice changed = chosen.get(94) == Choice.LOW ? Choice.HIGH : Choice.LOW;
            chosen.set(94, changed);
            h.press(voter, BallotView.choiceLabel(changed, VI), true);
            FakeBotApi.Shown back = h.api.latestWithButtons(voter.id());
            assertEquals(last.messageId(), back.messageId(), "one message, edited in place");
            assertTrue(back.text().contains("(trang 10/10: dòng 91–100 trên 100)")
                    && back.text().contains("): " + BallotView.reviewLabel(changed, VI)), back.text());

            h.press(voter, VI.get("ballot.button.submit"), true);
            h.press(voter, VI.get("ballot.button.confirm"), true);
            h.api.await("the confirmation", a -> a.message(voter.id(), back.messageId()).text().contains("Mã biên nhận"),
                    BotHarness.WAIT);
            assertEquals(0, h.api.malformed(), "Telegram took every screen");
            for (FakeBotApi.Shown s : h.api.chat(voter.id())) {
                assertTrue(s.text().length() <= FakeBotApi.MAX_TEXT, s.text());
            }
            List<LeaderCounts> counts = h.store.tally(vote.id(), vote.leaders().stream().map(Leader::id).toList())
                    .counts();
            for (int k = 0; k < LongestVote.N; k++) {
                assertEquals(LeaderCounts.ZERO.plus(chosen.get(k)), counts.get(k), "leader " + (k + 1));
            }
        }
    }
}
