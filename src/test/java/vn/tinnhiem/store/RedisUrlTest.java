package vn.tinnhiem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedisUrlTest {

    @Test
    void hostAloneDefaultsToPort6379AndDatabase0() {
        assertEquals(new RedisUrl("localhost", 6379, null, null, 0, false), RedisUrl.parse("redis://localhost"));
    }

    @Test
    void portAndDatabaseAreRead() {
        RedisUrl url = RedisUrl.parse("redis://redis.internal:6380/3");
        assertEquals("redis.internal", url.host());
        assertEquals(6380, url.port());
        assertEquals(3, url.database());
        assertFalse(url.tls());
    }

    @Test
    void userAndPasswordAreRead() {
        RedisUrl url = RedisUrl.parse("redis://bot:s3cret@10.0.0.5:6379/1");
        assertEquals("bot", url.user());
        assertEquals("s3cret", url.password());
    }

    @Test
    void passwordWithoutUserUsesTheDefaultUser() {
        RedisUrl url = RedisUrl.parse("redis://:s3cret@host:6379");
        assertNull(url.user());
        assertEquals("s3cret", url.password());
    }

    @Test
    void userInfoWithoutColonIsAPassword() {
        RedisUrl url = RedisUrl.parse("redis://s3cret@host");
        assertNull(url.user());
        assertEquals("s3cret", url.password());
    }

    @Test
    void percentEncodedPasswordIsDecodedAndPlusStaysPlus() {
        assertEquals("p@ss:w/rd+1", RedisUrl.parse("redis://u:p%40ss%3Aw%2Frd+1@host").password());
    }

    @Test
    void redissMeansTls() {
        RedisUrl url = RedisUrl.parse("rediss://default:pw@cache.example.com:6380/0");
        assertTrue(url.tls());
        assertEquals(6380, url.port());
    }

    @Test
    void ipv6HostLosesItsBrackets() {
        assertEquals("::1", RedisUrl.parse("redis://[::1]:7000").host());
    }

    @Test
    void toStringMasksThePassword() {
        String shown = RedisUrl.parse("redis://bot:s3cret@host:6379/2").toString();
        assertEquals("redis://bot:***@host:6379/2", shown);
        assertFalse(shown.contains("s3cret"));
    }

    @Test
    void otherSchemesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("http://host:6379"));
    }

    @Test
    void nonNumericDatabaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis://host/abc"));
    }

    @Test
    void emptyOrHostlessUrlIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis:///0"));
    }

    @Test
    void malformedUrlErrorDoesNotEchoThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("redis://u:top secret@host"));
        assertFalse(e.getMessage().contains("secret"));
    }
}
