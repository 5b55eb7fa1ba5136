package vn.tinnhiem.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test sentinels are real: they promote the replica when the master is killed, and everything is cleaned up. */
class RedisSentinelsTest {

    @Test
    void killingTheMasterPromotesTheReplica() {
        Path dir;
        List<RedisServer> all;
        try (RedisSentinels set = RedisSentinels.start()) {
            assertTrue(set.url().matches("redis-sentinel://(127\\.0\\.0\\.1:\\d+,){2}127\\.0\\.0\\.1:\\d+/0#tinnhiem"),
                    set.url());
            RedisServer master = set.master();
            assertEquals(set.servers().get(0), master);
            master.jedis().set("k", "before");
            assertEquals(1, master.jedis().waitReplicas(1, 5000));
            dir = master.dir().getParent();
            all = new java.util.ArrayList<>(set.servers());
            all.addAll(set.sentinels());

            RedisServer killed = set.killMaster();
            RedisServer promoted = set.awaitNewMaster(killed);
            assertNotEquals(killed, promoted);
            assertEquals(set.servers().get(1), promoted);
            assertEquals("before", promoted.jedis().get("k"));
        }
        assertFalse(Files.exists(dir), "the directory is deleted");
        all.forEach(p -> assertFalse(p.isRunning(), "every process stopped"));
    }
}
