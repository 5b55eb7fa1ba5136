package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.delivery.RedisPacing;
import vn.tinnhiem.delivery.SharedPacing;
import vn.tinnhiem.testing.RedisServer;

/**
 * Issue 9, item 1: the outboxes of two replicas, each paced as one process is (Telegram's
 * limits), together stay under the limits when they share budgets in Redis: one chat's
 * replies sent from both (a voter's presses land on either replica), and broadcasts from both
 * (the bulk budget). The fake Bot API enforces the limits and answers 429 over them; each
 * outbox on its own pacing alone would go over both.
 */
class SharedPacingTest {
    private static final RedisServer redis = RedisServer.shared();

    private final FakeBotApi api = new FakeBotApi();
    private final List<OkHttpClient> clients = new ArrayList<>();
    private final List<Outbox> outboxes = new ArrayList<>();

    @BeforeEach
    void limits() {
        redis.flushAll();
        api.enforce(FakeBotApi.Limits.TELEGRAM);
    }

    @AfterEach
    void close() {
        outboxes.forEach(o -> o.close(Duration.ZERO));
        clients.forEach(c -> c.dispatcher().executorService().shutdownNow());
        api.close();
    }

    /** A replica's outbox, Telegram's pacing, sharing {@code shared}. */
    private Outbox outbox(SharedPacing shared) throws Exception {
        OkHttpClient http = new OkHttpClient.Builder().build();
        clients.add(http);
        Outbox o = new Outbox(new BotApi(new OkHttpTelegramClient(http, FakeBotApi.TOKEN,
                TelegramBot.telegramUrl(api.url())), FakeBotApi.TOKEN), Pacing.TELEGRAM, 4, shared);
        outboxes.add(o);
        return o;
    }

    /** The budgets replicas share ({@code run --replicas}): a chat's as one process's, bulk at 25/s. */
    private static SharedPacing shared() {
        return new RedisPacing(redis.client(), "tg",
                new RedisPacing.Budget(Pacing.TELEGRAM.chatInterval(), Pacing.TELEGRAM.chatBurst()),
                new RedisPacing.Budget(Duration.ofMillis(40), 1));
    }

    /**
     * One reply from each outbox first, so both have their connections open: the test is about
     * the budget, not about a cold client holding granted calls back and sending them at once.
     */
    private void warmUp(Outbox a, Outbox b) {
        long chat = 399_000_000L;
        api.push(Updates.text(Updates.user(chat), "hi"));
        String actor = "tg:" + chat;
        a.deliver(List.of(new Reply.Send(actor, "a", Keyboard.NONE)), actor);
        b.deliver(List.of(new Reply.Send(actor, "b", Keyboard.NONE)), actor);
        api.await("warmed up", f -> f.sentTo(chat).size() == 2, Duration.ofSeconds(20));
    }

    @Test
    void repliesToOneChatFromTwoReplicasStayUnderTheChatLimit() throws Exception {
        long chat = 300_000_001L;
        api.push(Updates.text(Updates.user(chat), "hi")); // the user acted: replies, not bulk
        Outbox a = outbox(shared());
        Outbox b = outbox(shared());
        String actor = "tg:" + chat;
        List<Reply> three = List.of(new Reply.Send(actor, "1", Keyboard.NONE), new Reply.Send(actor, "2", Keyboard.NONE),
                new Reply.Send(actor, "3", Keyboard.NONE));
        a.deliver(three, actor);
        b.deliver(three, actor);
        api.await("six messages in the chat", f -> f.sentTo(chat).size() == 6, Duration.ofSeconds(20));
        assertEquals(0, api.tooManyRequests(), "no 429 for the chat");
    }

    @Test
    void broadcastsFromTwoReplicasStayUnderTheBulkLimit() throws Exception {
        Outbox a = outbox(shared());
        Outbox b = outbox(shared());
        warmUp(a, b);
        List<Reply> fromA = new ArrayList<>();
        List<Reply> fromB = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            fromA.add(new Reply.Send("tg:" + (310_000_000L + i), "ballot", Keyboard.NONE));
            fromB.add(new Reply.Send("tg:" + (320_000_000L + i), "ballot", Keyboard.NONE));
        }
        a.deliver(fromA);
        b.deliver(fromB);
        api.await("120 broadcasts", f -> f.count("sendmessage") - f.tooManyRequests() >= 122, Duration.ofSeconds(30));
        assertEquals(0, api.tooManyRequests(), "no 429 for the bulk budget");
    }
}
