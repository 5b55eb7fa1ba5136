package vn.tinnhiem.telegram;

import redis.clients.jedis.UnifiedJedis;
import vn.tinnhiem.store.RedisConnection;

/** {@link UpdateOffsets} in Redis under {@code tn:tg:offset}, next to the votes it protects. */
public final class RedisUpdateOffsets implements UpdateOffsets {
    public static final String KEY = "tn:tg:offset";

    private final UnifiedJedis redis;

    public RedisUpdateOffsets(UnifiedJedis redis) {
        this.redis = redis;
    }

    /**
     * On its own small connection to REDIS_URL (the store's pool is its own), any form of it
     * (one server, cluster, Sentinel). The offset is one key, so one slot of a cluster.
     */
    public static RedisUpdateOffsets fromUrl(String redisUrl) {
        return new RedisUpdateOffsets(RedisConnection.open(redisUrl, RedisConnection.Settings.small("tinnhiem-offsets"))
                .client());
    }

    @Override
    public long load() {
        String v = redis.get(KEY);
        return v == null ? 0 : Long.parseLong(v);
    }

    @Override
    public void save(long next) {
        redis.set(KEY, Long.toString(next));
    }
}
