package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Votes;

/**
 * The poller handles a getUpdates batch on its workers: different accounts at once, each
 * account's updates in the order Telegram sent them, and the offset saved only once the whole
 * batch is handled. Shown without timing: one voter's press waits inside the store until
 * another voter's press, later in the same batch, has been handled, which a poller handling
 * the batch one update at a time could never do.
 */
class PollerLanesTest {
    private static final Updates.TgUser A = Updates.user(Votes.participantTelegramId(1));
    private static final Updates.TgUser B = Updates.user(Votes.participantTelegramId(2));
    private static final Updates.TgUser ORGANISER = Updates.user(Votes.ORGANISER_ID);

    @Test
    void aBatchRunsAccountsInParallelEachInOrderAndSavesTheOffsetAfterAll() throws Exception {
        VoteDefinition vote = Votes.reference("v1", 2);
        InMemoryVoteStore memory = new InMemoryVoteStore();
        AtomicBoolean armed = new AtomicBoolean();
        CountDownLatch bHandled = new CountDownLatch(1);
        AtomicBoolean aWaitedForB = new AtomicBoolean();
        AtomicLong savedWhileAWaited = new AtomicLong(-1);
        UpdateOffsets.InMemory saved = new UpdateOffsets.InMemory();
        // The real store, except that A's first ballot press waits for B's.
        VoteStore store = (VoteStore) Proxy.newProxyInstance(VoteStore.class.getClassLoader(),
                new Class<?>[] {VoteStore.class}, (proxy, method, args) -> {
                    boolean press = armed.get() && method.getName().equals("pressBallot");
                    if (press && args[1].equals("tg:" + A.id()) && args[4].equals(new BallotEvent.Rate(0, Choice.HIGH))) {
                        aWaitedForB.set(bHandled.await(10, TimeUnit.SECONDS));
                        savedWhileAWaited.set(saved.load());
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (press && args[1].equals("tg:" + B.id())) {
                            bHandled.countDown();
                        }
                    }
                });
        ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                List.of(TelegramPlatform.PLATFORM));
        try (FakeBotApi api = new FakeBotApi()) {
            TelegramBot bot = TelegramBot.start(BotHarness.settings(api.url(), null), flow, saved);
            try {
                api.push(Updates.start(A, null));
                api.push(Updates.start(B, null));
                api.push(Updates.command(ORGANISER, "open"));
                api.await("both ballots", a -> a.latestWithButtons(A.id()) != null && a.latestWithButtons(B.id()) != null,
                        BotHarness.WAIT);
                int ballotA = api.latestWithButtons(A.id()).messageId();
                int ballotB = api.latestWithButtons(B.id()).messageId();
                armed.set(true);
                int first;
                int last;
                synchronized (api) { // one batch: A, A again, then B
                    first = api.push(Updates.press(A, ballotA, CallbackData.rate("v1", 0, Choice.HIGH)));
                    api.push(Updates.press(A, ballotA, CallbackData.rate("v1", 1, Choice.MEDIUM)));
                    last = api.push(Updates.press(B, ballotB, CallbackData.rate("v1", 0, Choice.LOW)));
                }
                api.await("the batch handled and confirmed", a -> saved.load() == last + 1, BotHarness.WAIT);
                assertTrue(aWaitedForB.get(), "B's press, later in the batch, was not handled while A's waited");
                assertTrue(savedWhileAWaited.get() <= first, "the offset moved past an update still being handled: "
                        + savedWhileAWaited.get());
                assertEquals("2:HM-", memory.draft("v1", "p01", 3).encode(), "A's presses were handled in order");
                assertEquals("1:L--", memory.draft("v1", "p02", 3).encode());
            } finally {
                bot.close();
            }
        }
    }
}
