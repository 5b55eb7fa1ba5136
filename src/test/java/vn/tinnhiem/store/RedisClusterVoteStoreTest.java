package vn.tinnhiem.store;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.testing.RedisCluster;

/**
 * The store contract on a real Redis Cluster (3 masters, 1 replica each), through
 * {@code REDIS_URL=redis-cluster://…}: every script's keys in one slot, every write confirmed
 * by a replica (WAIT), the whole contract as on one server.
 */
class RedisClusterVoteStoreTest extends VoteStoreContract {
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Override
    protected void resetStorage() {
        cluster.flushAll();
    }

    @Override
    protected VoteStore newStore(Duration draftTtl) {
        return RedisVoteStore.fromUrl(cluster.url(), draftTtl);
    }
}
