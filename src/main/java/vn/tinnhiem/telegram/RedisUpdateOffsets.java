package vn.tinnhiem.telegram;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import vn.tinnhiem.store.RedisUrl;

/** {@link UpdateOffsets} in Redis under {@code tn:tg:offset}, next to the votes it protects. */
public final class RedisUpdateOffsets implements UpdateOffsets {
    public static final String KEY = "tn:tg:offset";

    private final UnifiedJedis redis;

    public RedisUpdateOffsets(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** On its own small connection to REDIS_URL (the store's pool is its own). */
    public static RedisUpdateOffsets fromUrl(String redisUrl) {
        RedisUrl url = RedisUrl.parse(redisUrl);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().database(url.database())
                .ssl(url.tls()).clientName("tinnhiem-offsets");
        if (url.user() != null) {
            config.user(url.user());
        }
        if (url.password() != null) {
            config.password(url.password());
        }
        return new RedisUpdateOffsets(RedisClient.builder().hostAndPort(url.host(), url.port())
                .clientConfig(config.build()).build());
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
