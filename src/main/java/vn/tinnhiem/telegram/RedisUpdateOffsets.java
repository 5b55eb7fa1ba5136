package vn.tinnhiem.telegram;

import redis.clients.jedis.UnifiedJedis;

/** {@link UpdateOffsets} in Redis under {@code tn:tg:offset}, next to the votes it protects. */
public final class RedisUpdateOffsets implements UpdateOffsets {
    public static final String KEY = "tn:tg:offset";

    private final UnifiedJedis redis;

    public RedisUpdateOffsets(UnifiedJedis redis) {
        this.redis = redis;
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
