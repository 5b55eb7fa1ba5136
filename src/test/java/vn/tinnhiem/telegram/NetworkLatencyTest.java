package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * The Bot API is a network round trip away: from Vietnam, a call to Telegram takes tens to
 * hundreds of milliseconds, and the outbox waits for each. A hall presses at once; every voter's
 * press must still be answered, and their screen changed, within about a second. With a few
 * calls in flight at a time (the outbox had 4 workers) the 80 presses below took 40 round trips
 * to answer and 80 to show: 8 and 16 s at 200 ms.
 */
class NetworkLatencyTest {
    private static final int VOTERS = 80;
    private static final Duration ROUND_TRIP = Duration.ofMillis(200);

    @Test
    void aHallPressingAtOnceIsAnsweredWithinASecondOrTwoWhenEachCallTakesARoundTrip() throws Exception {
        VoteDefinition vote = Votes.builder("net").participants(VOTERS)
                .leaders(new Leader("l0", "Lãnh đạo 1", "Phó Cục trưởng"), new Leader("l1", "Lãnh đạo 2", "Vụ trưởng"))
                .build();
        try (RedisServer redis = RedisServer.start(); FakeBotApi api = new FakeBotApi();
                RedisVoteStore store = RedisVoteStore.fromUrl(redis.url(), VoteStore.DEFAULT_DRAFT_TTL)) {
            TelegramBot bot = BotHarness.startOnRedis(vote, store, redis, api);
            try {
                List<Updates.TgUser> voters = new ArrayList<>();
                for (int i = 1; i <= VOTERS; i++) {
                    Updates.TgUser u = Updates.user(Votes.participantTelegramId(i));
                    voters.add(u);
                    api.push(Updates.start(u, null));
                }
                api.await("every check-in answered", a -> voters.stream().allMatch(u -> !a.sentTo(u.id()).isEmpty()),
                        Duration.ofSeconds(60));
                api.push(Updates.command(Updates.user(Votes.ORGANISER_ID), "open"));
                api.await("every ballot", a -> voters.stream().allMatch(u -> a.latestWithButtons(u.id()) != null),
                        Duration.ofSeconds(60));
                Thread.sleep(500); // the ballots' message ids are recorded

                api.latency(ROUND_TRIP);
                Map<Long, FakeBotApi.Shown> shown = new HashMap<>();
                Map<String, Long> pressedAt = new HashMap<>();
                int answersBefore = api.calls("answercallbackquery").size();
                synchronized (api) { // the taps of a hall, queued between two getUpdates
                    for (Updates.TgUser u : voters) {
                        FakeBotApi.Shown ballot = api.latestWithButtons(u.id());
                        shown.put(u.id(), ballot);
                        var press = Updates.press(u, ballot.messageId(), CallbackData.rate(vote.id(), 0, Choice.HIGH));
                        api.push(press);
                        pressedAt.put(Updates.pressId(press), System.nanoTime());
                    }
                }
                long start = System.nanoTime();
                api.await("every ballot to show the press", a -> voters.stream().allMatch(u -> {
                    FakeBotApi.Shown before = shown.get(u.id());
                    return a.message(u.id(), before.messageId()).version() > before.version();
                }), Duration.ofSeconds(60));
                double screens = (System.nanoTime() - start) / 1e9;

                List<FakeBotApi.Call> answers = api.calls("answercallbackquery");
                assertEquals(VOTERS, answers.size() - answersBefore, "one answer per press");
                long slowest = 0;
                for (FakeBotApi.Call c : answers.subList(answersBefore, answers.size())) {
                    slowest = Math.max(slowest, c.atNanos() - pressedAt.get(c.param("callback_query_id")));
                }
                double answer = slowest / 1e9;
                System.out.printf("%d presses at once, %d ms a call: every press answered within %.2f s, "
                        + "every screen changed within %.2f s%n", VOTERS, ROUND_TRIP.toMillis(), answer, screens);
                // At 200 ms a call: a getUpdates, the press's handling, then one call each.
                assertTrue(answer < 2.0, "slowest answer " + answer + " s");
                assertTrue(screens < 3.0, "last screen after " + screens + " s");
            } finally {
                bot.close();
            }
        }
    }
}
