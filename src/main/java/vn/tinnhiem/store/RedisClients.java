package vn.tinnhiem.store;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** A pooled client to {@code REDIS_URL} for what replicas share besides the votes (turns, pacing, notes). */
public final class RedisClients {
    private RedisClients() {}

    public static UnifiedJedis open(String redisUrl, String clientName, int poolSize) {
        RedisUrl url = RedisUrl.parse(redisUrl);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().database(url.database())
                .ssl(url.tls()).clientName(clientName)
                .connectionTimeoutMillis((int) RedisVoteStore.TIMEOUT.toMillis())
                .socketTimeoutMillis((int) RedisVoteStore.TIMEOUT.toMillis());
        if (url.user() != null) {
            config.user(url.user());
        }
        if (url.password() != null) {
            config.password(url.password());
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMaxWait(RedisVoteStore.TIMEOUT);
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(RedisVoteStore.IDLE_CHECK);
        return RedisClient.builder().hostAndPort(url.host(), url.port()).clientConfig(config.build())
                .poolConfig(pool).build();
    }
}
