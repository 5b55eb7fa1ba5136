package vn.tinnhiem.telegram;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.telegram.telegrambots.meta.api.objects.Update;
import vn.tinnhiem.core.chat.AccountTurns;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Inbound;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.ops.Telemetry;
import vn.tinnhiem.ops.UpdateSpan;

/**
 * One update, start to finish: map it, let the flow handle it, queue the replies. Shared by
 * the poller's workers and the webhook. Updates from one account are handled one at a time
 * and in order ({@link AccountTurns}: in this process, or across replicas through Redis); different
 * accounts run in parallel.
 */
public final class UpdateHandler {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UpdateHandler.class);

    private final ChatFlow flow;
    private final UpdateMapper mapper;
    private final Consumer<List<Reply>> deliver;
    private final BiConsumer<List<Reply>, String> ownChat;
    private final AccountTurns turns;
    private volatile Telemetry telemetry = Telemetry.NONE;

    /** @param deliver where replies go: the router to every running platform's outbox */
    public UpdateHandler(ChatFlow flow, UpdateMapper mapper, Consumer<List<Reply>> deliver) {
        this(flow, mapper, deliver, (replies, actor) -> deliver.accept(replies));
    }

    /**
     * @param deliver what goes to other chats (broadcasts): the router to every platform's outbox
     * @param ownChat what goes back to the chat of the person who acted, with their account key:
     *                Telegram's outbox, which sends it as a reply (paced per chat only)
     */
    public UpdateHandler(ChatFlow flow, UpdateMapper mapper, Consumer<List<Reply>> deliver,
            BiConsumer<List<Reply>, String> ownChat) {
        this(flow, mapper, deliver, ownChat, AccountTurns.inProcess());
    }

    /** @param turns how updates of one account are kept one at a time (within this process, or across replicas) */
    public UpdateHandler(ChatFlow flow, UpdateMapper mapper, Consumer<List<Reply>> deliver,
            BiConsumer<List<Reply>, String> ownChat, AccountTurns turns) {
        this.flow = flow;
        this.mapper = mapper;
        this.deliver = deliver;
        this.ownChat = ownChat;
        this.turns = turns;
    }

    /**
     * The account an update comes from ("tg:…"), which orders it among the others; empty for an
     * update the bot ignores.
     */
    public Optional<String> accountOf(Update update) {
        return mapper.map(update).map(in -> in.from().key());
    }

    /**
     * Handles the update; when this returns normally the update is done with: its effects are
     * stored and its replies queued, or the store was down, nothing changed and the user was
     * told to try again. Throws on anything unexpected: the update must then come again.
     */
    public void handle(Update update) {
        Optional<Inbound> in = mapper.map(update);
        if (in.isEmpty()) {
            return;
        }
        // Timed and logged (one line, no choice, no person), and its replies' delivery timed.
        try (UpdateSpan span = telemetry.received(in.get())) {
            handle(in, update);
            span.handled();
        }
    }

    /** Reports each update (a log line, metrics) to {@code t}. */
    public void observe(Telemetry t) {
        telemetry = java.util.Objects.requireNonNull(t, "telemetry");
    }

    private void handle(Optional<Inbound> in, Update update) {
        List<Reply> replies;
        try {
            replies = turns.inTurn(in.get().from().key(), update.getUpdateId() == null ? -1 : update.getUpdateId(),
                    () -> flow.handle(in.get()));
            if (replies == null) {
                return; // handled already, and a later update of the account after it
            }
        } catch (ChatFlow.Unavailable e) {
            // Nothing changed and the user is told to try again: the update is done with.
            log.warn("Store unavailable while handling update {}: {}", update.getUpdateId(),
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            replies = e.replies();
        }
        // What goes back to the chat of the person who acted is a reply; anything else a broadcast.
        String actor = in.get().from().key();
        List<Reply> own = replies.stream().filter(r -> actor.equals(r.to())).toList();
        List<Reply> others = replies.stream().filter(r -> !actor.equals(r.to())).toList();
        if (!own.isEmpty()) {
            ownChat.accept(own, actor);
        }
        if (!others.isEmpty()) {
            deliver.accept(others);
        }
    }

    /** Deadlines: closes what is due and queues the announcements (broadcasts: nobody just acted). */
    public void tick() {
        deliver.accept(flow.tick());
    }
}
