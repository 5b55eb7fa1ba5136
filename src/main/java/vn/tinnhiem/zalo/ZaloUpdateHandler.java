package vn.tinnhiem.zalo;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tinnhiem.core.chat.AccountTurns;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.HandledUpdates;
import vn.tinnhiem.core.chat.Inbound;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.ops.Telemetry;
import vn.tinnhiem.ops.UpdateSpan;

/**
 * One Zalo update, start to finish: map it, let the flow handle it, hand the replies to the
 * router. Shared by the poller and the webhook. Updates from one account are handled one at
 * a time; a message handled already (Zalo delivering a webhook update again) is not handled
 * twice. Handling is idempotent besides: a repeated "gửi" shows the same receipt.
 */
final class ZaloUpdateHandler {
    private static final Logger log = LoggerFactory.getLogger(ZaloUpdateHandler.class);
    private static final int REMEMBERED = 10_000;

    private final ChatFlow flow;
    private final ZaloUpdateMapper mapper = new ZaloUpdateMapper();
    private final Consumer<List<Reply>> deliver;
    private final AccountTurns turns;
    private volatile Telemetry telemetry = Telemetry.NONE;
    /** Message ids handled lately (in Redis for replicas: a redelivery may reach another one). */
    private final HandledUpdates handled;
    private final java.util.concurrent.atomic.AtomicLong withheld = new java.util.concurrent.atomic.AtomicLong();

    ZaloUpdateHandler(ChatFlow flow, Consumer<List<Reply>> deliver) {
        this(flow, deliver, AccountTurns.inProcess(), HandledUpdates.inMemory(REMEMBERED));
    }

    /**
     * @param turns   how updates of one account are kept one at a time (within this process, or across replicas)
     * @param handled which messages were handled already
     */
    ZaloUpdateHandler(ChatFlow flow, Consumer<List<Reply>> deliver, AccountTurns turns, HandledUpdates handled) {
        this.flow = flow;
        this.deliver = deliver;
        this.turns = turns;
        this.handled = handled;
    }

    /**
     * Handles the update; when this returns normally it is done with (effects stored, replies
     * queued, or the store was down and the user told to try again). Throws on anything
     * unexpected: in webhook mode Zalo then delivers it again.
     */
    void handle(JsonObject update) {
        Optional<Inbound> in = mapper.map(update);
        if (in.isEmpty()) {
            if (ZaloUpdateMapper.withheld(update)) {
                withheld.incrementAndGet();
                telemetry.cannotSendText("zalo");
            }
            return;
        }
        // Timed and logged (one line, no choice, no person), and its replies' delivery timed.
        try (UpdateSpan span = telemetry.received(in.get())) {
            handle(in, update);
            span.handled();
        }
    }

    /** Reports each update (a log line, metrics) to {@code t}. */
    void observe(Telemetry t) {
        telemetry = java.util.Objects.requireNonNull(t, "telemetry");
    }

    private void handle(Optional<Inbound> in, JsonObject update) {
        String messageId = ZaloUpdateMapper.messageId(update);
        String seen = messageId == null ? null : in.get().from().key() + "/" + messageId;
        List<Reply> replies = turns.inTurn(in.get().from().key(), -1, () -> {
            if (seen != null && handled.handled(seen)) {
                return null;
            }
            List<Reply> out;
            try {
                out = flow.handle(in.get());
            } catch (ChatFlow.Unavailable e) {
                // Nothing changed and the user is told to try again: the update is done with.
                log.warn("Store unavailable while handling a Zalo update: {}",
                        e.getCause() == null ? e.toString() : e.getCause().toString());
                out = e.replies();
            }
            if (seen != null) {
                handled.remember(seen);
            }
            return out;
        });
        if (replies == null) {
            return; // handled already
        }
        deliver.accept(replies);
    }



    /** Messages Zalo withheld with no sender to answer, since the start (for /status). */
    long withheld() {
        return withheld.get();
    }

    /** Deadlines: closes what is due and queues the announcements. */
    void tick() {
        deliver.accept(flow.tick());
    }
}
