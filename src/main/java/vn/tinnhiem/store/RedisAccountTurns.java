package vn.tinnhiem.store;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import vn.tinnhiem.core.chat.AccountTurns;

/**
 * {@link AccountTurns} across replicas: a short lease per account in Redis.
 * {@code tn:turn:{<account>}} holds the token of the replica handling one of the account's
 * updates and expires after {@link #LEASE} (a replica that dies mid-update holds up the
 * account's next update that long at most); {@code tn:turn:{<account>}:last} keeps the number
 * of the last update handled, for a day, or until a vote the account is in closes: update
 * numbers follow the order in which people acted, so the store deletes them then
 * ({@link #forget}; SPEC 4, "not even by order"). A late duplicate arriving after that is
 * handled again, which is safe: handling is idempotent, and after close it changes nothing. Another replica waits for the turn, up to
 * {@link #WAIT}, then gives up ({@link AccountTurns.Busy}: the webhook answers 500 and the
 * platform delivers the update again).
 *
 * <p>Fencing: the turn is given back, and the update's number recorded, only by the replica
 * that still holds it; one whose lease ran out (a pause longer than {@link #LEASE}) logs it.
 * An update older than the last one handled for the account is not handled again: Telegram
 * sends a chat's next update only after the previous one was answered 2xx, so an older one is
 * a delivery that waited (in a queue, behind a slow proxy) while Telegram, without an answer
 * in time, delivered it again elsewhere, where it was handled and answered. Handling it now
 * would redo it after its successors (a ballot sent again at an old position, say). The same
 * update again (equal number) is handled again: its first handling may have died with its
 * replica before its replies went out, and handling is idempotent.
 *
 * <p>Costs two round trips per update: the turn is only for webhook replicas.
 */
public final class RedisAccountTurns implements AccountTurns {
    private static final Logger log = LoggerFactory.getLogger(RedisAccountTurns.class);
    private static final LuaScript TAKE = LuaScript.unreplicatedResource("turn-take");
    private static final LuaScript GIVE = LuaScript.unreplicatedResource("turn-give");
    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration WAIT = Duration.ofSeconds(8);
    private static final Duration KEEP_LAST = Duration.ofDays(1);

    private final UnifiedJedis redis;
    private final Duration lease;
    private final Duration wait;

    public RedisAccountTurns(UnifiedJedis redis) {
        this(redis, LEASE, WAIT);
    }

    RedisAccountTurns(UnifiedJedis redis, Duration lease, Duration wait) {
        this.redis = redis;
        this.lease = lease;
        this.wait = wait;
    }

    static String key(String account) {
        if (account.indexOf('{') >= 0 || account.indexOf('}') >= 0) {
            throw new IllegalArgumentException("account key must not contain braces");
        }
        return RedisVoteStore.NAMESPACE + ":turn:{" + account + "}";
    }

    /** Deletes the record of {@code account}'s last update (the close of a vote). */
    static void forget(redis.clients.jedis.AbstractPipeline p, String account) {
        p.unlink(key(account) + ":last");
    }

    @Override
    public <T> T inTurn(String account, long sequence, Supplier<T> work) {
        String turn = key(account);
        String last = turn + ":last";
        String token = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 1_000_000L;
        long lastDone;
        while (true) {
            lastDone = ((Number) TAKE.run(redis, List.of(turn, last), List.of(token,
                    Long.toString(lease.toMillis())))).longValue();
            if (lastDone != -2) {
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new Busy("another update of the same account is still being handled");
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 20_000_000L);
        }
        if (sequence >= 0 && sequence < lastDone) {
            log.info("Update {} comes after update {} of the same account was handled: a late duplicate, not handled"
                    + " again", sequence, lastDone);
            GIVE.run(redis, List.of(turn, last), List.of(token, "-1", Long.toString(KEEP_LAST.toMillis())));
            return null;
        }
        boolean done = false;
        try {
            T result = work.get();
            done = true;
            return result;
        } finally {
            Object held = GIVE.run(redis, List.of(turn, last), List.of(token, Long.toString(done ? sequence : -1),
                    Long.toString(KEEP_LAST.toMillis())));
            if (!Long.valueOf(1).equals(held)) {
                log.warn("An account's turn ran out while its update {} was handled (longer than {} s): another "
                        + "replica may have handled its next update meanwhile", sequence, lease.toSeconds());
            }
        }
    }
}
