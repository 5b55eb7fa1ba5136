package vn.tinnhiem.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisServerTest {

    @Test
    void missingBinaryFailsWithTheInstallCommand() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RedisServer.findOnPath("redis-server", "/nonexistent"));
        assertEquals("redis-server not found: install it with `apt-get install redis-server`", e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> RedisServer.findOnPath("redis-cli", "/nonexistent", "redis-tools"));
        assertEquals("redis-cli not found: install it with `apt-get install redis-tools`", e.getMessage());
    }

    @Test
    void sharedServerAvoidsTheDefaultPortAndFlushes() {
        RedisServer server = RedisServer.shared();
        assertNotEquals(6379, server.port());
        server.client().set("k", "v");
        server.flushAll();
        assertNull(server.client().get("k"));
    }

    @Test
    void appendOnlyServerKeepsItsDataAcrossARestartOnTheSamePort(@TempDir Path dir) {
        try (RedisServer server = RedisServer.startAppendOnly(dir)) {
            int port = server.port();
            server.client().set("kept", "yes");
            server.restart();
            assertEquals(port, server.port());
            assertEquals("yes", server.client().get("kept"));
        }
    }
}
