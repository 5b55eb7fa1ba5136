package vn.tinnhiem.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.Platform;
import vn.tinnhiem.core.chat.ResultFiles;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.delivery.ReplyRouter;
import vn.tinnhiem.ops.Telemetry;
import vn.tinnhiem.store.InMemoryVoteStore;

/** A running bot wired to a {@link FakeBotApi}, with a user's-eye view for tests. */
final class BotHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final FakeBotApi api = new FakeBotApi();
    final VoteStore store;
    final ChatFlow flow;
    final UpdateOffsets offsets;
    final TelegramBot bot;

    BotHarness(VoteDefinition vote) throws Exception {
        this(vote, new InMemoryVoteStore(), new UpdateOffsets.InMemory(), null);
    }

    /** With {@code pacing} instead of the fast test pacing (tests about the outbox's timing). */
    BotHarness(VoteDefinition vote, Pacing pacing) throws Exception {
        this.store = new InMemoryVoteStore();
        this.offsets = new UpdateOffsets.InMemory();
        this.flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                List.of(TelegramPlatform.PLATFORM), ResultFiles.NONE);
        TelegramBot.Settings fast = settings(api.url(), null);
        this.bot = TelegramBot.start(new TelegramBot.Settings(fast.token(), fast.apiUrl(), fast.longPoll(), fast.tick(),
                pacing, fast.maxBackoff(), null), flow, offsets);
    }

    BotHarness(VoteDefinition vote, ResultFiles files) throws Exception {
        this(vote, new InMemoryVoteStore(), new UpdateOffsets.InMemory(), null, files);
    }

    BotHarness(VoteDefinition vote, InMemoryVoteStore store, UpdateOffsets offsets, TelegramBot.Webhook webhook)
            throws Exception {
        this(vote, store, offsets, webhook, ResultFiles.NONE);
    }

    BotHarness(VoteDefinition vote, InMemoryVoteStore store, UpdateOffsets offsets, TelegramBot.Webhook webhook,
            ResultFiles files) throws Exception {
        this.store = store;
        this.offsets = offsets;
        this.flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                List.of(TelegramPlatform.PLATFORM), files);
        this.bot = TelegramBot.start(settings(api.url(), webhook), flow, offsets);
    }

    /** On {@code store} (e.g. Redis), reporting to {@code telemetry}; long polling, or {@code webhook}. */
    BotHarness(VoteDefinition vote, VoteStore store, Telemetry telemetry, TelegramBot.Webhook webhook)
            throws Exception {
        this.store = store;
        this.offsets = new UpdateOffsets.InMemory();
        this.flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                List.of(TelegramPlatform.PLATFORM), ResultFiles.NONE);
        this.bot = TelegramBot.start(settings(api.url(), webhook), flow, offsets,
                new ReplyRouter(List.of(TelegramPlatform.PLATFORM), Duration.ZERO), telemetry);
    }

    /**
     * The real bot on {@code store}, its offsets in {@code redis}, long polling {@code api};
     * deadlines are checked once an hour, so that what Redis does is the updates' work (tests
     * that count Redis's round trips or time the bot).
     */
    static TelegramBot startOnRedis(VoteDefinition vote, VoteStore store, vn.tinnhiem.testing.RedisServer redis,
            FakeBotApi api) throws Exception {
        ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                List.of(TelegramPlatform.PLATFORM));
        return TelegramBot.start(new TelegramBot.Settings(FakeBotApi.TOKEN, api.url(), Duration.ofSeconds(1),
                Duration.ofHours(1), Pacing.fast(), Duration.ofMillis(200), null), flow,
                RedisUpdateOffsets.fromUrl(redis.url()));
    }

    static TelegramBot.Settings settings(String url, TelegramBot.Webhook webhook) {
        return new TelegramBot.Settings(FakeBotApi.TOKEN, url, Duration.ofSeconds(1), Duration.ofMillis(200),
                Pacing.fast(), Duration.ofMillis(200), webhook);
    }

    /** Sends an update and waits until the bot has answered it with at least one call more. */
    void say(ObjectNode update, long chatId) {
        int before = api.sentTo(chatId).size();
        api.push(update);
        api.await("a reply in chat " + chatId, a -> a.sentTo(chatId).size() > before, WAIT);
    }

    /**
     * Waits until some message in the chat contains {@code needle}. Check-in sends a welcome
     * and then a ballot or a "not open yet" note, so "the latest message" would be a race.
     */
    void awaitText(long chatId, String needle) {
        api.await("\"" + needle + "\" in chat " + chatId,
                a -> a.sentTo(chatId).stream().anyMatch(t -> t.contains(needle)), WAIT);
    }

    /** The latest text sent to a chat. */
    String last(long chatId) {
        List<String> s = api.sentTo(chatId);
        return s.isEmpty() ? null : s.get(s.size() - 1);
    }

    /**
     * Presses the button labelled {@code label} (or its "current" variant) on the latest
     * message with buttons in the user's chat; waits for the answer and, if {@code changes},
     * for the message to change. Returns the answer's text (null if none).
     */
    String press(Updates.TgUser user, String label, boolean changes) {
        FakeBotApi.Shown shown = api.latestWithButtons(user.id());
        if (shown == null) {
            throw new AssertionError("no buttons in chat " + user.id());
        }
        String data = shown.buttons().stream().filter(b -> b[0].equals(label) || b[0].equals("✓ " + label))
                .map(b -> b[1]).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label + " on: " + shown.text()));
        return pressData(user, shown, data, changes);
    }

    String pressData(Updates.TgUser user, FakeBotApi.Shown shown, String data, boolean changes) {
        ObjectNode update = Updates.press(user, shown.messageId(), data);
        String id = Updates.pressId(update);
        api.push(update);
        api.await("the answer to " + id, a -> a.answerTo(id) != null, WAIT);
        if (changes) {
            api.await("message " + shown.messageId() + " to change",
                    a -> a.message(user.id(), shown.messageId()).version() > shown.version(), WAIT);
        }
        return api.answerTo(id).param("text");
    }

    @Override
    public void close() {
        bot.close();
        api.close();
    }
}
