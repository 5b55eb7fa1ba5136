package vn.tinnhiem.telegram;

import java.util.List;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.Update;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Inbound;
import vn.tinnhiem.core.chat.Reply;

/**
 * One update, start to finish: map it, let the flow handle it, queue the replies. Shared by
 * the poller and the webhook. Updates from one account are handled one at a time, in order;
 * different accounts run in parallel (webhook mode).
 */
public final class UpdateHandler {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UpdateHandler.class);
    private static final int STRIPES = 64;

    private final ChatFlow flow;
    private final UpdateMapper mapper;
    private final Outbox outbox;
    private final Object[] locks = new Object[STRIPES];

    public UpdateHandler(ChatFlow flow, UpdateMapper mapper, Outbox outbox) {
        this.flow = flow;
        this.mapper = mapper;
        this.outbox = outbox;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
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
        List<Reply> replies;
        try {
            synchronized (locks[Math.floorMod(in.get().from().key().hashCode(), STRIPES)]) {
                replies = flow.handle(in.get());
            }
        } catch (ChatFlow.Unavailable e) {
            // Nothing changed and the user is told to try again: the update is done with.
            log.warn("Store unavailable while handling update {}: {}", update.getUpdateId(),
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            replies = e.replies();
        }
        // What goes back to the chat of the person who acted is a reply; anything else a broadcast.
        outbox.deliver(replies, in.get().from().key());
    }

    /** Deadlines: closes what is due and queues the announcements (broadcasts: nobody just acted). */
    public void tick() {
        outbox.deliver(flow.tick());
    }
}
