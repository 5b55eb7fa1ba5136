package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vn.tinnhiem.testing.RedisServer;

class RedisUpdateOffsetsTest {
    @Test
    void offsetSurvivesAReconnectAndStartsAtZero() {
        RedisServer redis = RedisServer.shared();
        redis.flushAll();
        assertEquals(0, RedisUpdateOffsets.fromUrl(redis.url()).load());
        RedisUpdateOffsets.fromUrl(redis.url()).save(1234);
        assertEquals(1234, RedisUpdateOffsets.fromUrl(redis.url()).load(), "a new process reads what the last saved");
        assertEquals("1234", redis.jedis().get(RedisUpdateOffsets.KEY));
    }
}
