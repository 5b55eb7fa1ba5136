package vn.tinnhiem.store;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.testing.RedisSentinels;

/**
 * The store contract on a real master and replica watched by three sentinels, through
 * {@code REDIS_URL=redis-sentinel://…#master}: every write confirmed by the replica (WAIT),
 * the whole contract as on one server.
 */
class RedisSentinelVoteStoreTest extends VoteStoreContract {
    private static RedisSentinels sentinels;

    @BeforeAll
    static void startSentinels() {
        sentinels = RedisSentinels.start();
    }

    @AfterAll
    static void stopSentinels() {
        sentinels.close();
    }

    @Override
    protected void resetStorage() {
        sentinels.flushAll();
    }

    @Override
    protected VoteStore newStore(Duration draftTtl) {
        return RedisVoteStore.fromUrl(sentinels.url(), draftTtl);
    }
}
