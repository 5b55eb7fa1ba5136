package vn.tinnhiem.store;

import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import vn.tinnhiem.core.chat.HandledUpdates;

/**
 * {@link HandledUpdates} in Redis, shared by every replica: {@code tn:handled:<scope>:<key>}
 * exists for {@link #KEPT} after the update was handled (a platform redelivers within hours).
 */
public final class RedisHandledUpdates implements HandledUpdates {
    static final Duration KEPT = Duration.ofDays(1);

    private final UnifiedJedis redis;
    private final String prefix;

    /** @param scope the platform, e.g. "zalo" */
    public RedisHandledUpdates(UnifiedJedis redis, String scope) {
        this.redis = redis;
        this.prefix = RedisVoteStore.NAMESPACE + ":handled:" + scope + ":";
    }

    @Override
    public boolean handled(String key) {
        return redis.exists(prefix + key);
    }

    @Override
    public void remember(String key) {
        redis.set(prefix + key, "1", SetParams.setParams().px(KEPT.toMillis()));
    }
}
