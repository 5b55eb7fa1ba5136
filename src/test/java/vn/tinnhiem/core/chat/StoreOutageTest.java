package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.StoreUnavailableException;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.Votes;

class StoreOutageTest {
    private final AtomicBoolean down = new AtomicBoolean();
    /** When set, only this store method fails, once. */
    private final java.util.concurrent.atomic.AtomicReference<String> failOnce =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final InMemoryVoteStore real = new InMemoryVoteStore();

    /** The in-memory store behind a switch that makes every call fail like an unreachable Redis. */
    private VoteStore switchable() {
        return (VoteStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {VoteStore.class},
                (proxy, method, args) -> {
                    if (down.get() || method.getName().equals(failOnce.get()) && failOnce.getAndSet(null) != null) {
                        throw new StoreUnavailableException("connection refused", null);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void pressDuringOutageIsAnsweredTryAgainInTheUsersLanguageAndChangesNothing() {
        ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(Votes.reference("v1", 1))), switchable(),
                new Codes(), Clock.systemUTC(), List.of(TelegramPlatform.PLATFORM));
        Account voter = new Account(TelegramPlatform.PLATFORM, Long.toString(Votes.participantTelegramId(1)), null, null,
                "en");
        flow.handle(new Inbound.Start(voter, null));
        flow.handle(new Inbound.Command(new Account(TelegramPlatform.PLATFORM, Long.toString(Votes.ORGANISER_ID), null,
                null, "vi"), "open", List.of()));

        down.set(true);
        ChatFlow.Unavailable e = assertThrows(ChatFlow.Unavailable.class, () -> flow.handle(
                new Inbound.Press(voter, "7", CallbackData.rate("v1", 0, Choice.LOW), "q1")));
        Reply.Answer answer = (Reply.Answer) e.replies().get(0);
        assertTrue(answer.text().contains("temporarily unavailable"), answer.text());
        assertEquals("q1", answer.pressId());

        down.set(false);
        assertEquals(0, real.draft("v1", "p01", 3).cursor(), "the failed press changed the draft");
        List<Reply> retry = flow.handle(new Inbound.Press(voter, "7", CallbackData.rate("v1", 0, Choice.LOW), "q2"));
        assertEquals(1, real.draft("v1", "p01", 3).cursor(), "the retried press was not applied: " + retry);
    }

    @Test
    void aCloseInterruptedBeforeTheAnnouncementIsAnnouncedOnceByTheNextTick() {
        ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(Votes.reference("v1", 1))), switchable(),
                new Codes(), Clock.systemUTC(), List.of(TelegramPlatform.PLATFORM));
        Account organiser = new Account(TelegramPlatform.PLATFORM, Long.toString(Votes.ORGANISER_ID), null, null, "vi");
        flow.handle(new Inbound.Start(new Account(TelegramPlatform.PLATFORM, Long.toString(Votes.participantTelegramId(1)),
                null, null, "vi"), null));
        flow.handle(new Inbound.Command(organiser, "open", List.of()));

        failOnce.set("tally"); // Redis goes away right after the vote is closed.
        assertThrows(ChatFlow.Unavailable.class, () -> flow.handle(new Inbound.Command(organiser, "close", List.of("force"))));
        assertEquals(vn.tinnhiem.core.VoteState.CLOSED, real.state("v1"));

        List<Reply> announced = flow.tick();
        assertTrue(announced.stream().anyMatch(r -> r.to().equals("tg:" + Votes.SUPERVISOR_ID)
                && r.toString().contains("KẾT QUẢ")), announced.toString());
        assertTrue(flow.tick().isEmpty(), "announced twice");
        List<Reply> again = flow.handle(new Inbound.Command(organiser, "close", List.of("force")));
        assertEquals(1, again.size(), "a repeated /close only says it is closed: " + again);
        assertEquals(1, real.auditLog("v1").stream().filter(e -> e.event().equals("results")).count());
        assertEquals(1, real.auditLog("v1").stream().filter(e -> e.event().equals("announced")).count());
    }
}
