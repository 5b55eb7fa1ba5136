package vn.tinnhiem.store;

import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import vn.tinnhiem.core.chat.GuessCounts;

/**
 * {@link GuessCounts} in Redis, shared by every replica: {@code tn:guess:<account>} counts the
 * account's wrong codes and expires when its window ends.
 */
public final class RedisGuessCounts implements GuessCounts {
    private static final LuaScript FAILED = LuaScript.resource("guess-failed");

    private final UnifiedJedis redis;

    public RedisGuessCounts(UnifiedJedis redis) {
        this.redis = redis;
    }

    static String key(String account) {
        return RedisVoteStore.NAMESPACE + ":guess:" + account;
    }

    @Override
    public int failures(String account) {
        String n = redis.get(key(account));
        return n == null ? 0 : Integer.parseInt(n);
    }

    @Override
    public void failed(String account, Duration window) {
        FAILED.run(redis, List.of(key(account)), List.of(Long.toString(window.toMillis())));
    }

    @Override
    public void clear(String account) {
        redis.del(key(account));
    }

    @Override
    public Duration left(String account) {
        long ms = redis.pttl(key(account));
        return ms > 0 ? Duration.ofMillis(ms) : Duration.ZERO;
    }
}
