package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.BallotView;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.testing.BallotCopiesSeen;
import vn.tinnhiem.testing.Votes;

/**
 * One live ballot copy per participant (issue 11, item 2), through the real TelegramBots
 * client and the fake Bot API: a fresh copy sent by /start retires the older one, a press on
 * the older one changes nothing, and after Submit and at close no message in the chat shows
 * a choice or has a live ballot button.
 */
class TelegramBallotCopiesTest {
    private static final Messages VI = Messages.of(Messages.VIETNAMESE).addressing("đồng chí"); // QĐ 96 votes say "đồng chí"

    private static String label(Choice c) {
        return BallotView.choiceLabel(c, VI);
    }

    private static List<String> violations(BotHarness h, VoteDefinition vote, long chat, int liveAllowed,
            boolean choicesOnLive) {
        List<BallotCopiesSeen.Seen> seen = h.api.chat(chat).stream()
                .map(s -> new BallotCopiesSeen.Seen(Integer.toString(s.messageId()), s.text(), s.buttons())).toList();
        return BallotCopiesSeen.violations(vote, seen, VI, liveAllowed, choicesOnLive);
    }

    @Test
    void afterRemindOnlyTheNewCopyIsLiveAndAfterSubmitAndCloseNoMessageShowsAChoice() throws Exception {
        VoteDefinition vote = Votes.reference("v1", 3);
        Updates.TgUser p1 = Updates.user(Votes.participantTelegramId(1));
        Updates.TgUser p2 = Updates.user(Votes.participantTelegramId(2));
        Updates.TgUser p3 = Updates.user(Votes.participantTelegramId(3));
        Updates.TgUser organiser = Updates.user(Votes.ORGANISER_ID);
        try (BotHarness h = new BotHarness(vote)) {
            for (Updates.TgUser p : List.of(p1, p2, p3)) {
                h.say(Updates.start(p, null), p.id());
            }
            h.say(Updates.command(organiser, "open"), organiser.id());
            for (Updates.TgUser p : List.of(p1, p2)) {
                h.api.await("a ballot for " + p.id(), a -> a.latestWithButtons(p.id()) != null, BotHarness.WAIT);
            }

            // p1 rates everyone: the first copy is on the summary, showing the choices.
            h.press(p1, label(Choice.HIGH), true);
            h.press(p1, label(Choice.MEDIUM), true);
            h.press(p1, label(Choice.LOW), true);
            FakeBotApi.Shown first = h.api.latestWithButtons(p1.id());
            assertFalse(BallotCopiesSeen.choicesShown(vote, seen(first), VI).isEmpty(),
                    "the check can fail: the summary shows the choices");

            // A fresh copy: /start again (a /remind answers a voter this busy on the copy in use instead).
            h.api.push(Updates.start(p1, null));
            // The old copy is retired before the fresh one is sent: for a moment no copy has buttons.
            h.api.await("a fresh copy for p1", a -> a.latestWithButtons(p1.id()) != null
                    && a.latestWithButtons(p1.id()).messageId() != first.messageId(), BotHarness.WAIT);
            h.api.await("the first copy to be retired",
                    a -> a.message(p1.id(), first.messageId()).version() > first.version(), BotHarness.WAIT);
            assertEquals(List.of(), violations(h, vote, p1.id(), 1, true), "after a fresh copy");
            FakeBotApi.Shown second = h.api.latestWithButtons(p1.id());
            assertNotEquals(first.messageId(), second.messageId());

            // A press on the old copy (a client that still shows its buttons) changes nothing.
            String answer = h.pressData(p1, first, CallbackData.submit("v1"), false);
            assertEquals(VI.get("ballot.rejected.stale"), answer);
            assertFalse(h.store.hasVoted("v1", "p01"), "a press on a retired copy submitted the ballot");

            // Continue on the new copy: back to the last leader, leave it blank, submit.
            h.press(p1, VI.get("ballot.button.back"), true);
            h.press(p1, label(Choice.BLANK), true);
            h.press(p1, VI.get("ballot.button.submit"), true);
            h.press(p1, VI.get("ballot.button.confirm"), true);
            assertTrue(h.store.hasVoted("v1", "p01"));
            assertEquals(List.of(), violations(h, vote, p1.id(), 0, false), "after Submit");

            // p2 leaves a complete ballot unsubmitted; the vote closes.
            h.press(p2, label(Choice.LOW), true);
            h.press(p2, label(Choice.LOW), true);
            h.press(p2, label(Choice.HIGH), true);
            FakeBotApi.Shown unsubmitted = h.api.latestWithButtons(p2.id());
            h.say(Updates.command(organiser, "close force"), organiser.id());
            h.api.await("p2's ballot to close", a -> a.message(p2.id(), unsubmitted.messageId()).version()
                    > unsubmitted.version(), BotHarness.WAIT);
            for (Updates.TgUser p : List.of(p1, p2, p3)) {
                // Each chat's lane is served in turn: wait for its edits, but fail if they never come.
                h.api.await("chat " + p.id() + " without choices or live ballot buttons",
                        a -> violations(h, vote, p.id(), 0, false).isEmpty(), BotHarness.WAIT);
                assertEquals(List.of(), violations(h, vote, p.id(), 0, false), "after close, chat " + p.id());
            }
        }
    }

    private static BallotCopiesSeen.Seen seen(FakeBotApi.Shown s) {
        return new BallotCopiesSeen.Seen(Integer.toString(s.messageId()), s.text(), s.buttons());
    }
}
