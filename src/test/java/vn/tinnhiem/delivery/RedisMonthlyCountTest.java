package vn.tinnhiem.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import vn.tinnhiem.testing.RedisServer;

/** The month's messages of one bot, shared in Redis by its processes, kept apart from other bots and months. */
class RedisMonthlyCountTest {
    @Test
    void processesOfOneBotAddUpAndAMonthStartsAtZero() {
        RedisServer server = RedisServer.shared();
        server.flushAll();
        UnifiedJedis redis = server.client();
        // 30 November 2026, 18:00 UTC, is 1 December in Vietnam: the month is Vietnam's.
        Clock lateNovemberUtc = Clock.fixed(Instant.parse("2026-11-30T18:00:00Z"), ZoneOffset.UTC);
        MonthlyCount a = new RedisMonthlyCount(redis, "zalo", "1459232241454765289", lateNovemberUtc);
        MonthlyCount b = new RedisMonthlyCount(redis, "zalo", "1459232241454765289", lateNovemberUtc);
        MonthlyCount other = new RedisMonthlyCount(redis, "zalo", "999", lateNovemberUtc);
        a.add(1);
        b.add(2);
        other.add(5);
        assertEquals(3, a.count());
        assertEquals(3, b.count(), "two processes of one bot count together");
        assertEquals(YearMonth.of(2026, 12), a.month());
        long ttl = redis.ttl("tn:sent:zalo:1459232241454765289:2026-12");
        assertTrue(ttl > 0 && ttl <= RedisMonthlyCount.KEPT.toSeconds(), "kept a while, then gone: " + ttl);
        MonthlyCount january = new RedisMonthlyCount(redis, "zalo", "1459232241454765289",
                Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertEquals(0, january.count(), "a new month starts from zero");
    }
}
