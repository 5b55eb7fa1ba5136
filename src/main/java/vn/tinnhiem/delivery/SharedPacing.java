package vn.tinnhiem.delivery;

/**
 * Pacing that holds across replicas: N bot processes behind a load balancer send to one
 * platform, whose limits count the bot's messages, not one process's. Asked by an outbox just
 * before each call to a chat ({@code take}); an outbox keeps its own pacing too (the fast path,
 * and all a single process needs: {@link #NONE}).
 *
 * <p>Each limit is a budget shared by every replica: one per chat (a voter's presses may land on
 * different replicas, and their replies together must stay under the chat's limit), and one for
 * broadcasts overall (the bulk budget). In Redis: {@link RedisPacing}.
 */
public interface SharedPacing {

    /**
     * Takes one message from {@code chat}'s budget, and from the bulk budget when
     * {@code broadcast}. Returns 0 when taken; otherwise the nanoseconds to wait before asking
     * again, having taken nothing.
     */
    long take(String chat, boolean broadcast);

    /** One process: nothing shared to ask. */
    SharedPacing NONE = (chat, broadcast) -> 0;
}
