package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.ResultFiles;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.store.RedisAccountTurns;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * Issue 9, item 1: one account's updates are handled one after the other, in update order,
 * also when they reach two replicas at once. Two update handlers (two replicas) on one real
 * Redis; the store is slowed on the first press so the two would overlap without a turn
 * shared in Redis (each process's own locks cannot see the other's).
 */
class ReplicaTurnsTest {
    private static final RedisServer redis = RedisServer.shared();
    private static final VoteDefinition VOTE = Votes.builder("v1").participants(3).build();
    private static final Updates.TgUser VOTER = Updates.user(Votes.participantTelegramId(1));

    /** When each press ran in the store: {update tag, start, end} in nanoseconds. */
    private final List<long[]> presses = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void empty() {
        redis.flushAll();
    }

    /** A replica: its own store client (slowed on the first press) and flow, and the Redis turns. */
    private UpdateHandler replica(List<Reply> said) {
        VoteStore real = new RedisVoteStore(redis.client(), VoteStore.DEFAULT_DRAFT_TTL);
        VoteStore slowed = (VoteStore) Proxy.newProxyInstance(VoteStore.class.getClassLoader(),
                new Class<?>[] {VoteStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("pressBallot") && !method.getName().equals("press")) {
                        return invoke(real, method, args);
                    }
                    long start = System.nanoTime();
                    if (presses.isEmpty()) {
                        Thread.sleep(500);
                    }
                    Object result = invoke(real, method, args);
                    presses.add(new long[] {presses.size(), start, System.nanoTime()});
                    return result;
                });
        ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(VOTE)), slowed, new Codes(), Clock.systemUTC(),
                List.of(TelegramPlatform.PLATFORM), ResultFiles.NONE);
        return new UpdateHandler(flow, new UpdateMapper(FakeBotApi.BOT_USERNAME), said::addAll,
                (replies, actor) -> said.addAll(replies), new RedisAccountTurns(redis.client()));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static org.telegram.telegrambots.meta.api.objects.Update update(ObjectNode json, int id) {
        json.put("update_id", id);
        return LenientGetUpdates.read(json);
    }

    private void openWithVoterIn(UpdateHandler a) {
        a.handle(update(Updates.start(VOTER, null), 1));
        for (int i = 2; i <= 3; i++) {
            a.handle(update(Updates.start(Updates.user(Votes.participantTelegramId(i)), null), i));
        }
        a.handle(update(Updates.command(Updates.user(Votes.ORGANISER_ID), "open"), 4));
    }

    @Test
    void twoPressesOfOneVoterAtTwoReplicasAtOnceAreHandledOneAfterTheOther() throws Exception {
        List<Reply> saidA = Collections.synchronizedList(new ArrayList<>());
        List<Reply> saidB = Collections.synchronizedList(new ArrayList<>());
        UpdateHandler a = replica(saidA);
        UpdateHandler b = replica(saidB);
        openWithVoterIn(a);
        var first = update(Updates.press(VOTER, 3, CallbackData.rate("v1", 0, Choice.HIGH)), 10);
        var second = update(Updates.press(VOTER, 3, CallbackData.rate("v1", 1, Choice.MEDIUM)), 11);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> one = pool.submit(() -> a.handle(first));
            Thread.sleep(100); // the first is inside the slow store when the second arrives at the other replica
            Future<?> two = pool.submit(() -> b.handle(second));
            one.get(20, TimeUnit.SECONDS);
            two.get(20, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, presses.size(), "both presses reached the store");
        long[] p1 = presses.get(0);
        long[] p2 = presses.get(1);
        assertTrue(p1[2] <= p2[1], "the second press started only after the first was done (first ran "
                + p1[1] + ".." + p1[2] + ", second started " + p2[1] + ")");
        // In update order, so both count: leader 1 high, leader 2 medium, the ballot at leader 3.
        VoteStore store = new RedisVoteStore(redis.client(), VoteStore.DEFAULT_DRAFT_TTL);
        assertEquals(2, store.draft("v1", "p01", 3).cursor(), store.draft("v1", "p01", 3).encode());
    }

    @Test
    void anUpdateDeliveredAgainAfterItsSuccessorWasHandledIsNotHandledAgain() {
        List<Reply> said = Collections.synchronizedList(new ArrayList<>());
        UpdateHandler a = replica(said);
        UpdateHandler b = replica(said);
        openWithVoterIn(a);
        ObjectNode rate = Updates.press(VOTER, 3, CallbackData.rate("v1", 0, Choice.HIGH));
        a.handle(update(rate.deepCopy(), 10));
        b.handle(update(Updates.press(VOTER, 3, CallbackData.rate("v1", 1, Choice.LOW)), 11));
        said.clear();
        // Update 10 again, late (it waited in a queue while Telegram delivered it elsewhere): nothing happens.
        a.handle(update(rate.deepCopy(), 10));
        assertEquals(List.of(), said);
        // Update 11 again (its replica may have died before replying): handled again, idempotently.
        b.handle(update(Updates.press(VOTER, 3, CallbackData.rate("v1", 1, Choice.LOW)), 11));
        assertTrue(said.stream().anyMatch(r -> r instanceof Reply.Answer), said.toString());
    }
}
