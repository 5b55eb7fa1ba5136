package vn.tinnhiem.store;

import java.time.Duration;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import vn.tinnhiem.core.chat.HandledUpdates;

/**
 * {@link HandledUpdates} in Redis, shared by every replica: {@code tn:handled:<scope>:{<account>}}
 * is the set of the account's message ids handled lately, kept {@link #KEPT} after its last
 * message (a platform redelivers within hours). Keys are {@code <account>/<message id>}, as the
 * Zalo handler makes them.
 *
 * <p>One set per account, not one key per message: at close the store deletes the sets of the
 * vote's accounts ({@link #forget}), since message ids and their expiry times follow the order
 * in which people wrote, and so the order in which they submitted (SPEC 4, "not even by order").
 */
public final class RedisHandledUpdates implements HandledUpdates {
    static final Duration KEPT = Duration.ofDays(1);
    /** The scope of Zalo's messages. */
    public static final String ZALO = "zalo";

    private final UnifiedJedis redis;
    private final String scope;

    /** @param scope the platform, e.g. {@link #ZALO} */
    public RedisHandledUpdates(UnifiedJedis redis, String scope) {
        this.redis = redis;
        this.scope = scope;
    }

    /** The set of {@code account}'s handled message ids (its own cluster slot, by the hash tag). */
    static String key(String scope, String account) {
        if (account.indexOf('{') >= 0 || account.indexOf('}') >= 0) {
            throw new IllegalArgumentException("account key must not contain braces");
        }
        return RedisVoteStore.NAMESPACE + ":handled:" + scope + ":{" + account + "}";
    }

    @Override
    public boolean handled(String key) {
        int slash = key.indexOf('/');
        return redis.sismember(key(scope, key.substring(0, Math.max(slash, 0))), key.substring(slash + 1));
    }

    @Override
    public void remember(String key) {
        int slash = key.indexOf('/');
        String set = key(scope, key.substring(0, Math.max(slash, 0)));
        try (AbstractPipeline p = redis.pipelined()) {
            p.sadd(set, key.substring(slash + 1));
            p.pexpire(set, KEPT.toMillis());
            p.sync();
        }
    }

    /** Deletes what is remembered of {@code account}'s messages in {@code scope} (the close of a vote). */
    static void forget(AbstractPipeline p, String scope, String account) {
        p.unlink(key(scope, account));
    }
}
