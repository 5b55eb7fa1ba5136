package vn.tinnhiem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.testing.LogCapture;
import vn.tinnhiem.testing.RedisCluster;
import vn.tinnhiem.testing.RedisServer;

/**
 * Issue 11, item 8: with {@code appendfsync everysec} a killed Redis can lose writes it has
 * confirmed, so the bot's store warns at start-up unless Redis runs with {@code appendonly
 * yes} and {@code appendfsync always}.
 */
class RedisDurabilityCheckTest {
    @TempDir
    Path dir;

    private static List<String> warningsOnConnect(RedisServer redis) {
        return warningsOnConnect(redis.url());
    }

    private static List<String> warningsOnConnect(String url) {
        try (LogCapture logs = LogCapture.start();
             RedisVoteStore store = RedisVoteStore.fromUrl(url, Duration.ofHours(1))) {
            return logs.lines().stream().filter(l -> l.contains("confirmed can be lost")).toList();
        }
    }

    @Test
    void everysecIsWarnedAbout() {
        try (RedisServer redis = RedisServer.startAppendOnly(dir)) {
            List<String> warnings = warningsOnConnect(redis);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("appendonly yes and appendfsync everysec"), warnings.get(0));
        }
    }

    @Test
    void noAppendOnlyFileIsWarnedAbout() {
        try (RedisServer redis = RedisServer.start()) {
            List<String> warnings = warningsOnConnect(redis);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("appendonly no"), warnings.get(0));
        }
    }

    @Test
    void appendfsyncAlwaysIsNotWarnedAbout() {
        try (RedisServer redis = RedisServer.startAppendOnly(dir, List.of("--appendfsync", "always"))) {
            assertEquals(List.of(), warningsOnConnect(redis));
        }
    }

    @Test
    void onAClusterEveryNodeIsCheckedAndNamed() {
        try (RedisCluster cluster = RedisCluster.start()) {
            List<String> warnings = warningsOnConnect(cluster.url());
            assertEquals(6, warnings.size(), warnings.toString());
            for (RedisServer node : cluster.nodes()) {
                assertEquals(1, warnings.stream().filter(w -> w.contains("Redis 127.0.0.1:" + node.port() + " runs with "
                        + "appendonly yes and appendfsync everysec")).count(), "node " + node.port() + ": " + warnings);
            }
            // One replica left on everysec is still named: it may become the master.
            RedisServer replica = cluster.replicasOf(cluster.masterOf("x")).get(0);
            for (RedisServer node : cluster.nodes()) {
                if (node != replica) {
                    node.jedis().configSet("appendfsync", "always");
                }
            }
            warnings = warningsOnConnect(cluster.url());
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("Redis 127.0.0.1:" + replica.port() + " "), warnings.get(0));
            replica.jedis().configSet("appendfsync", "always");
            assertEquals(List.of(), warningsOnConnect(cluster.url()));
        }
    }
}
