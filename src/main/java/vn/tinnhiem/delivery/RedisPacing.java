package vn.tinnhiem.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import vn.tinnhiem.store.LuaScript;

/**
 * {@link SharedPacing} in Redis: one script call per message ({@code redis/pace.lua}, a GCRA on
 * Redis's clock). Keys, all under the platform's hash tag so one script may take from a chat's
 * budget and the bulk budget at once (also on a cluster):
 * <pre>
 *   tn:pace:{tg}:bulk          the broadcast budget of all replicas together
 *   tn:pace:{tg}:chat:&lt;id&gt;     one chat's budget; expires once the chat is idle
 * </pre>
 * When Redis cannot be asked, a message goes on its outbox's own pacing (logged at most once a
 * minute): a few 429s are better than silence, and each 429 is still honoured.
 */
public final class RedisPacing implements SharedPacing {
    private static final Logger log = LoggerFactory.getLogger(RedisPacing.class);
    private static final LuaScript PACE = LuaScript.unreplicatedResource("pace");

    /** A budget: {@code burst} messages at once, then one per {@code interval}. */
    public record Budget(Duration interval, int burst) {
        public Budget {
            if (interval.isNegative() || interval.isZero() || burst < 1) {
                throw new IllegalArgumentException("a budget needs a positive interval and burst");
            }
        }
    }

    private final UnifiedJedis redis;
    private final String prefix;
    private final Budget chat;
    private final Budget bulk;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(2));

    /** @param platform a short name for the keys, e.g. "tg" or "zalo" */
    public RedisPacing(UnifiedJedis redis, String platform, Budget chat, Budget bulk) {
        if (!platform.matches("[a-z]{1,16}")) {
            throw new IllegalArgumentException("platform must be 1-16 of a-z");
        }
        this.redis = redis;
        this.prefix = "tn:pace:{" + platform + "}:";
        this.chat = chat;
        this.bulk = bulk;
    }

    @Override
    public long take(String chatId, boolean broadcast) {
        List<String> keys = broadcast ? List.of(prefix + "chat:" + chatId, prefix + "bulk")
                : List.of(prefix + "chat:" + chatId);
        try {
            Object wait = PACE.run(redis, keys, List.of(micros(chat.interval()), Integer.toString(chat.burst()),
                    micros(bulk.interval()), Integer.toString(bulk.burst())));
            return TimeUnit.MICROSECONDS.toNanos(((Number) wait).longValue());
        } catch (JedisException e) {
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (now - last > TimeUnit.MINUTES.toNanos(1) && lastWarning.compareAndSet(last, now)) {
                log.warn("Shared pacing unavailable, sending on this replica's own pacing: {}", e.toString());
            }
            return 0;
        }
    }

    private static String micros(Duration d) {
        return Long.toString(Math.max(1, d.toNanos() / 1000));
    }
}
