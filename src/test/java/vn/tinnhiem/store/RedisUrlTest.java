package vn.tinnhiem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

    // ---- cluster ----

    @Test
    void clusterFormListsItsNodes() {
        RedisUrl url = RedisUrl.parse("redis-cluster://10.0.0.1:7000,10.0.0.2:7001,node3");
        assertEquals(RedisUrl.Mode.CLUSTER, url.mode());
        assertEquals(List.of(new RedisUrl.Node("10.0.0.1", 7000), new RedisUrl.Node("10.0.0.2", 7001),
                new RedisUrl.Node("node3", 6379)), url.nodes());
        assertEquals(0, url.database());
        assertFalse(url.tls());
        assertNull(url.masterName());
        assertTrue(url.mode().replicated());
    }

    @Test
    void clusterFormTakesUserAndPasswordAndTls() {
        RedisUrl url = RedisUrl.parse("rediss-cluster://bot:p%40ss@a:7000,[::1]:7001");
        assertTrue(url.tls());
        assertEquals("bot", url.user());
        assertEquals("p@ss", url.password());
        assertEquals(new RedisUrl.Node("::1", 7001), url.nodes().get(1));
        assertEquals("rediss-cluster://bot:***@a:7000,[::1]:7001", url.toString());
    }

    @Test
    void clusterFormRefusesADatabaseOtherThanZero() {
        assertEquals(0, RedisUrl.parse("redis-cluster://a:7000/0").database());
        assertMessage("REDIS_URL names database 3, but a Redis Cluster has database 0 only",
                "redis-cluster://u:s3cret@a:7000/3");
    }

    @Test
    void clusterFormRefusesAnEmptyEntryABadPortAndAMasterName() {
        assertMessage("REDIS_URL has an empty entry in its list of hosts", "redis-cluster://:s3cret@a:7000,,b:7001");
        assertMessage("REDIS_URL port must be a number, not 'x'", "redis-cluster://:s3cret@a:x");
        assertMessage("REDIS_URL port out of range: 70000", "redis-cluster://:s3cret@a:70000");
        assertMessage("REDIS_URL has no host", "redis-cluster://:s3cret@");
        assertMessage("REDIS_URL has no host", "redis-cluster://:s3cret@:7000");
        assertMessage("REDIS_URL names a sentinel master ('#…'), which only redis-sentinel:// takes",
                "redis-cluster://:s3cret@a:7000#mymaster");
        assertMessage("REDIS_URL has an IPv6 address without its closing ']'", "redis-cluster://:s3cret@[::1:7000");
    }

    // ---- sentinel ----

    @Test
    void sentinelFormNamesSentinelsDatabaseAndMaster() {
        RedisUrl url = RedisUrl.parse("redis-sentinel://s3cret@s1:26379,s2:26380,s3/2#mymaster");
        assertEquals(RedisUrl.Mode.SENTINEL, url.mode());
        assertEquals(List.of(new RedisUrl.Node("s1", 26379), new RedisUrl.Node("s2", 26380),
                new RedisUrl.Node("s3", 26379)), url.nodes());
        assertEquals(2, url.database());
        assertEquals("mymaster", url.masterName());
        assertNull(url.user());
        assertEquals("s3cret", url.password());
        assertEquals("redis-sentinel://:***@s1:26379,s2:26380,s3:26379/2#mymaster", url.toString());
    }

    @Test
    void sentinelFormNeedsTheMasterName() {
        assertMessage("REDIS_URL needs the master's name after '#', as in redis-sentinel://host:26379/0#mymaster",
                "redis-sentinel://s3cret@s1:26379/0");
        assertMessage("REDIS_URL needs the master's name after '#', as in redis-sentinel://host:26379/0#mymaster",
                "redis-sentinel://s3cret@s1:26379/0#");
    }

    @Test
    void sentinelFormRefusesABadDatabase() {
        assertMessage("REDIS_URL database must be a number, not 'x'", "redis-sentinel://s3cret@s1/x#m");
    }

    @Test
    void aListOfHostsNeedsTheClusterOrSentinelScheme() {
        assertMessage("REDIS_URL names one server only; a list of hosts needs redis-cluster:// or redis-sentinel://",
                "redis://:s3cret@a:7000,b:7001");
    }

    @Test
    void aMasterNameNeedsTheSentinelScheme() {
        assertMessage("REDIS_URL names a sentinel master ('#…'), which only redis-sentinel:// takes",
                "redis://:s3cret@a:6379#mymaster");
    }

    @Test
    void unknownSchemeNamesEveryForm() {
        assertMessage("REDIS_URL must start with redis://, rediss://, redis-cluster://, rediss-cluster:// or "
                + "redis-sentinel://", "redis-clusters://:s3cret@a:7000");
    }

    @Test
    void whitespaceInAListIsReportedByPositionOnly() {
        assertMessage("REDIS_URL is not a valid URL (at index 21)", "redis-cluster://u:top s3cret@a:7000");
    }

    @Test
    void aBadEscapeInThePasswordIsReportedWithoutIt() {
        assertMessage("REDIS_URL has a malformed %-escape in its user or password", "redis-cluster://u:s3cret%zz@a:7000");
    }

    /** Parsing {@code url} fails with exactly {@code message}, which never holds the password. */
    private static void assertMessage(String message, String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(url));
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
}
