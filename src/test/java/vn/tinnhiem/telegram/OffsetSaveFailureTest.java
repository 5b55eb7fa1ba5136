package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.ResultFiles;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.delivery.ReplyRouter;
import vn.tinnhiem.ops.Observability;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Votes;

/**
 * When the update offset cannot be saved (Redis down), the batch comes again, and each time its
 * updates are handled again, each telling its sender something ("try again" in an outage). The
 * pause before the batch comes again doubles like any failure's, rather than staying at 100 ms,
 * which sent a voter about ten messages a second for as long as the outage lasted. Counted, not
 * timed: over three seconds a doubling pause (0.1 + 0.2 + 0.4 + 0.8 + 1.6 s) allows at most six
 * handlings, and a slower machine only fewer. And an offset that cannot be read as the bot
 * starts is read again, rather than ending the poller for good.
 */
class OffsetSaveFailureTest {
    private final FakeBotApi api = new FakeBotApi();

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void aBatchWhoseOffsetCannotBeSavedComesAgainAfterADoublingPause() throws Exception {
        AtomicBoolean redisDown = new AtomicBoolean(true);
        UpdateOffsets failing = new UpdateOffsets() {
            private final UpdateOffsets.InMemory saved = new UpdateOffsets.InMemory();

            @Override
            public long load() {
                return saved.load();
            }

            @Override
            public void save(long next) {
                if (redisDown.get()) {
                    throw new IllegalStateException("Redis unreachable");
                }
                saved.save(next);
            }
        };
        // The test settings, but production's longest pause (the test's 200 ms would cap the doubling).
        TelegramBot.Settings fast = BotHarness.settings(api.url(), null);
        TelegramBot.Settings settings = new TelegramBot.Settings(fast.token(), fast.apiUrl(), fast.longPoll(),
                fast.tick(), fast.pacing(), Duration.ofSeconds(30), null);
        ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(Votes.reference("v1", 3))), new InMemoryVoteStore(),
                new Codes(), Clock.systemUTC(), List.of(TelegramPlatform.PLATFORM), ResultFiles.NONE);
        try (Observability ops = new Observability(Set.of("v1"), () -> { });
                TelegramBot bot = TelegramBot.start(settings, flow, failing, new ReplyRouter(
                        List.of(TelegramPlatform.PLATFORM), Duration.ZERO), ops)) {
            long id = Votes.participantTelegramId(1);
            api.push(Updates.start(Updates.user(id), null));
            api.await("the welcome", a -> a.sentTo(id).stream().anyMatch(t -> t.contains("Xin chào")),
                    BotHarness.WAIT);
            Thread.sleep(3000);
            int handled = count(ops);
            assertTrue(handled >= 2, "the batch came again: " + handled);
            assertTrue(handled <= 6, "the batch came again " + handled + " times in three seconds");

            redisDown.set(false);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (failing.load() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(failing.load() > 0, "the offset is saved once Redis is back");
            int after = count(ops);
            Thread.sleep(1000);
            assertEquals(after, count(ops), "once saved, the update is not handled again");
        }
    }

    @Test
    void anOffsetThatCannotBeReadAtStartIsReadAgainAndPollingBegins() throws Exception {
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger(2);
        UpdateOffsets unreadable = new UpdateOffsets() {
            private final UpdateOffsets.InMemory saved = new UpdateOffsets.InMemory();

            @Override
            public long load() {
                if (refusals.getAndDecrement() > 0) {
                    throw new IllegalStateException("Redis unreachable");
                }
                return saved.load();
            }

            @Override
            public void save(long next) {
                saved.save(next);
            }
        };
        ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(Votes.reference("v1", 3))), new InMemoryVoteStore(),
                new Codes(), Clock.systemUTC(), List.of(TelegramPlatform.PLATFORM), ResultFiles.NONE);
        try (TelegramBot bot = TelegramBot.start(BotHarness.settings(api.url(), null), flow, unreadable)) {
            long id = Votes.participantTelegramId(1);
            api.push(Updates.start(Updates.user(id), null));
            api.await("the welcome, once the offset could be read",
                    a -> a.sentTo(id).stream().anyMatch(t -> t.contains("Xin chào")), BotHarness.WAIT);
            assertTrue(refusals.get() < 0, "read again after two failures");
        }
    }

    /** Times the /start was handled, whatever it said. */
    private static int count(Observability ops) {
        String prefix = "tinnhiem_updates_total{kind=\"start\",";
        return ops.scrape().lines().filter(l -> l.startsWith(prefix))
                .mapToInt(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
