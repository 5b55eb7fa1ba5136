package vn.tinnhiem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.testing.LogCapture;
import vn.tinnhiem.testing.RedisCluster;
import vn.tinnhiem.testing.RedisSentinels;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * Issue 18, item 4: Jedis warned "does not support RESP3 protocol auto-negotiation" for every
 * connection it made to a node (the durability check, the close-time compaction, the sentinels'
 * replicas), dozens of lines at start. The client is configured for the protocol it speaks.
 */
class ProtocolWarningTest {
    private static long warnings(LogCapture logs) {
        return logs.lines().stream().filter(l -> l.contains("auto-negotiation")).count();
    }

    /** Opens a store, checks durability (one connection per node), opens, closes and compacts a vote. */
    private static void exercise(String url) {
        try (RedisVoteStore store = RedisVoteStore.fromUrl(url, Duration.ofHours(1))) {
            store.openVote("pw", Votes.frozen("pw", "fp"), Instant.now());
            store.closeVote("pw", Instant.now(), "x");
            store.compactHistory("pw");
            assertTrue(store.auditLog("pw").size() >= 2);
        }
    }

    @Test
    void noProtocolWarningOnOneServerAClusterOrBehindSentinel() {
        try (LogCapture logs = LogCapture.start(Level.DEBUG)) {
            try (RedisServer one = RedisServer.start()) {
                exercise(one.url());
            }
            try (RedisCluster cluster = RedisCluster.start()) {
                exercise(cluster.url());
            }
            try (RedisSentinels sentinels = RedisSentinels.start()) {
                exercise(sentinels.url());
            }
            assertEquals(0, warnings(logs), warnings(logs) + " warnings, e.g. " + logs.lines().stream()
                    .filter(l -> l.contains("auto-negotiation")).findFirst().orElse(""));
        }
    }
}
