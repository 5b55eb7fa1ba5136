package vn.tinnhiem.store;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import vn.tinnhiem.core.chat.LanguageNotes;

/**
 * {@link LanguageNotes} in Redis, shared by every replica: {@code tn:lang:<account>} holds the
 * language tag (e.g. "en"), forgotten after {@link #KEPT} without news from the account.
 * The time left to live tells when the account last wrote, so at a vote's close the store
 * sets it to {@link #KEPT} for all the vote's accounts at once ({@link #level}).
 */
public final class RedisLanguageNotes implements LanguageNotes {
    static final Duration KEPT = Duration.ofDays(30);

    private final UnifiedJedis redis;

    public RedisLanguageNotes(UnifiedJedis redis) {
        this.redis = redis;
    }

    static String key(String account) {
        return RedisVoteStore.NAMESPACE + ":lang:" + account;
    }

    /** Gives {@code account}'s note the full time to live, as for every account of the vote closing. */
    static void level(redis.clients.jedis.AbstractPipeline p, String account) {
        p.pexpire(key(account), KEPT.toMillis());
    }

    @Override
    public void remember(String account, Locale language) {
        redis.set(key(account), language.toLanguageTag(), SetParams.setParams().px(KEPT.toMillis()));
    }

    @Override
    public Optional<Locale> of(String account) {
        String tag = redis.get(key(account));
        return tag == null ? Optional.empty() : Optional.of(Locale.forLanguageTag(tag));
    }
}
