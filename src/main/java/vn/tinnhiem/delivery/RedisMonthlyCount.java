package vn.tinnhiem.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link MonthlyCount} in Redis, shared by every process of one bot:
 * {@code tn:sent:<platform>:<bot id>:<yyyy-MM>}, a counter kept 40 days after its month's last
 * message. A Redis failure is logged and the message still counts as sent (it was): the count
 * is an estimate for the organisers, never a gate.
 */
public final class RedisMonthlyCount implements MonthlyCount {
    private static final Logger log = LoggerFactory.getLogger(RedisMonthlyCount.class);
    static final Duration KEPT = Duration.ofDays(40);

    private final UnifiedJedis redis;
    private final String prefix;
    private final Clock clock;

    /** @param bot the bot's own id (getMe), so two bots on one Redis keep apart */
    public RedisMonthlyCount(UnifiedJedis redis, String platform, String bot, Clock clock) {
        this.redis = redis;
        this.prefix = "tn:sent:" + platform + ":" + bot + ":";
        this.clock = clock;
    }

    private String key() {
        return prefix + month();
    }

    @Override
    public void add(int n) {
        String key = key();
        try (AbstractPipeline p = redis.pipelined()) {
            p.incrBy(key, n);
            p.expire(key, KEPT.toSeconds());
            p.sync();
        } catch (JedisException e) {
            log.warn("Could not count a sent message in Redis: {}", e.toString());
        }
    }

    @Override
    public long count() {
        try {
            String v = redis.get(key());
            return v == null ? 0 : Long.parseLong(v);
        } catch (JedisException | NumberFormatException e) {
            log.warn("Could not read the month's sent messages from Redis: {}", e.toString());
            return -1;
        }
    }

    @Override
    public YearMonth month() {
        return YearMonth.now(clock.withZone(ZONE));
    }
}
