package vn.tinnhiem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.testing.LogCapture;
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
        try (LogCapture logs = LogCapture.start();
             RedisVoteStore store = RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1))) {
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
}
