package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.BallotView;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.testing.BallotCopiesSeen;
import vn.tinnhiem.testing.Votes;

/**
 * The outbox's two kinds of traffic (issue 12, item 1), through the real client against a fake
 * Telegram that enforces the per-chat limit and the bulk budget: replies are not held up by a
 * broadcast, waiting edits of one message coalesce, 5xx answers are retried, and a ballot whose
 * answer was lost leaves one live copy.
 */
class TelegramTrafficTest {
    private static final Messages VI = Messages.of(Messages.VIETNAMESE).addressing("đồng chí"); // QĐ 96 votes say "đồng chí"
    private static final Updates.TgUser ORGANISER = Updates.user(Votes.ORGANISER_ID);

    @Test
    void aReplyIsNotDelayedByABroadcastOfHundreds() throws Exception {
        int n = 200;
        VoteDefinition vote = Votes.reference("v1", n + 1);
        try (BotHarness h = new BotHarness(vote, Pacing.TELEGRAM)) {
            h.api.enforce(FakeBotApi.Limits.TELEGRAM);
            for (int i = 1; i <= n; i++) {
                h.api.push(Updates.start(Updates.user(Votes.participantTelegramId(i)), null));
            }
            long lastChat = Votes.participantTelegramId(n);
            h.api.await("every check-in answered", a -> !a.chat(lastChat).isEmpty(), Duration.ofSeconds(60));
            h.say(Updates.command(ORGANISER, "open"), ORGANISER.id());
            // The ballots go out at ~30/s, so the broadcast lasts about 7 s. A late check-in now:
            long late = Votes.participantTelegramId(n + 1);
            long pushed = System.nanoTime();
            h.api.push(Updates.start(Updates.user(late), null));
            h.api.await("the late participant's ballot", a -> a.latestWithButtons(late) != null, BotHarness.WAIT);
            long waited = System.nanoTime() - pushed;
            long ballotsOut = java.util.stream.LongStream.rangeClosed(1, n)
                    .filter(i -> h.api.latestWithButtons(Votes.participantTelegramId((int) i)) != null).count();
            assertTrue(ballotsOut < n, "the broadcast was already over (" + ballotsOut + " ballots): nothing shown");
            assertTrue(waited < Duration.ofMillis(1500).toNanos(), "the reply waited " + waited / 1_000_000
                    + " ms behind a broadcast (" + ballotsOut + " of " + n + " ballots out)");

            // A press by the late participant is answered and its screen edited while the broadcast runs on.
            Updates.TgUser lateUser = Updates.user(late);
            FakeBotApi.Shown ballot = h.api.latestWithButtons(late);
            long pressed = System.nanoTime();
            h.press(lateUser, BallotView.choiceLabel(Choice.HIGH, VI), true);
            long screen = System.nanoTime() - pressed;
            assertTrue(screen < Duration.ofMillis(1500).toNanos(), "the edit took " + screen / 1_000_000 + " ms");
            assertTrue(h.api.message(late, ballot.messageId()).version() > ballot.version());

            h.api.await("every ballot out", a -> java.util.stream.IntStream.rangeClosed(1, n)
                    .allMatch(i -> a.latestWithButtons(Votes.participantTelegramId(i)) != null), Duration.ofSeconds(60));
            assertEquals(0, h.api.tooManyRequests(), "the fake Telegram refused calls with 429");
        }
    }

    @Test
    void aWaitingEditIsReplacedByANewerEditOfTheSameMessage() throws Exception {
        // One message a second in the chat, no burst: everything after the first call waits.
        Pacing slow = new Pacing(Duration.ofSeconds(1), 1, Duration.ofSeconds(3), Duration.ofNanos(1), 100, 5,
                Duration.ofMillis(20), Duration.ofSeconds(5));
        try (FakeBotApi api = new FakeBotApi();
                Outbox outbox = new Outbox(new BotApi(new OkHttpTelegramClient(FakeBotApi.TOKEN,
                        TelegramBot.telegramUrl(api.url())), FakeBotApi.TOKEN), slow, 2)) {
            long chat = 42;
            outbox.deliver(List.of(new Reply.Send("tg:42", "state 0", Keyboard.NONE)), "tg:42");
            api.await("the message", a -> !a.chat(chat).isEmpty(), BotHarness.WAIT);
            String id = Integer.toString(api.chat(chat).get(0).messageId());
            for (int i = 1; i <= 10; i++) {
                outbox.deliver(List.of(new Reply.Edit("tg:42", id, "state " + i, Keyboard.NONE)), "tg:42");
            }
            assertTrue(outbox.awaitIdle(Duration.ofSeconds(10)));
            assertEquals("state 10", api.chat(chat).get(0).text(), "the latest edit wins");
            int edits = api.calls("editmessagetext").size();
            assertTrue(edits <= 2, edits + " edits made for one waiting slot: " + api.calls("editmessagetext").stream()
                    .map(c -> c.param("text")).toList());
            assertTrue(outbox.stats().coalesced() >= 8, "coalesced " + outbox.stats().coalesced());
        }
    }

    @Test
    void badGatewayIsRetriedNotFinal() throws Exception {
        try (BotHarness h = new BotHarness(Votes.reference("v1", 1))) {
            long p1 = Votes.participantTelegramId(1);
            h.api.refuseNext("sendMessage", 2, 502, "Bad Gateway", null);
            h.api.refuseNext("answerCallbackQuery", 1, 503, "Service Unavailable", null);
            h.api.push(Updates.start(Updates.user(p1), null));
            h.api.await("the welcome", a -> !a.chat(p1).isEmpty(), BotHarness.WAIT);
            assertTrue(h.api.chat(p1).get(0).text().contains("Phiếu sẽ được gửi tới đồng chí"), h.api.sentTo(p1).toString());
            assertEquals(3, h.api.calls("sendmessage").size(), "two refused tries, then the message");
            assertEquals(1, h.api.chat(p1).size(), "the welcome once: " + h.api.sentTo(p1));
            h.say(Updates.command(ORGANISER, "open"), ORGANISER.id());
            h.api.await("a ballot", a -> a.latestWithButtons(p1) != null, BotHarness.WAIT);
            assertEquals("Đã ghi: Nguyễn Văn An — Tín nhiệm cao",
                    h.press(Updates.user(p1), BallotView.choiceLabel(Choice.HIGH, VI), true),
                    "the press is answered after a 503");
        }
    }

    @Test
    void aBallotWhoseAnswerWasLostLeavesOneLiveCopy() throws Exception {
        VoteDefinition vote = Votes.reference("v1", 1);
        long p1 = Votes.participantTelegramId(1);
        try (BotHarness h = new BotHarness(vote)) {
            h.say(Updates.start(Updates.user(p1), null), p1);
            // The ballot reaches the chat, but Telegram's answer is lost: the outbox sends it again.
            h.api.loseAnswersNextWithButtons("sendMessage", p1, 1, 502);
            h.say(Updates.command(ORGANISER, "open"), ORGANISER.id());
            // Welcome, the note before the ballot, the lost copy, the copy sent again.
            h.api.await("the ballot resent", a -> a.failures() == 1 && a.chat(p1).size() == 4, BotHarness.WAIT);
            h.api.await("one live copy", a -> violations(h, vote, p1).isEmpty(), BotHarness.WAIT);
            assertEquals(List.of(), violations(h, vote, p1));
            assertEquals(1, h.api.chat(p1).stream().filter(s -> !s.buttons().isEmpty()).count(),
                    "live ballot copies: " + h.api.chat(p1));
            assertTrue(h.api.chat(p1).get(2).version() > 0, "the lost copy was retired: " + h.api.chat(p1));
            // The copy left is the recorded one: a press on it moves the ballot.
            h.press(Updates.user(p1), BallotView.choiceLabel(Choice.HIGH, VI), true);
        }
    }

    private static List<String> violations(BotHarness h, VoteDefinition vote, long chat) {
        List<BallotCopiesSeen.Seen> seen = h.api.chat(chat).stream()
                .map(s -> new BallotCopiesSeen.Seen(Integer.toString(s.messageId()), s.text(), s.buttons())).toList();
        return BallotCopiesSeen.violations(vote, seen, VI, 1, true);
    }
}
