package vn.tinnhiem.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.store.StoreOutages;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * The starting point of the Redis failure tests: a test redis-server with
 * {@code appendonly yes} and {@code appendfsync always} in {@code dir}, the store the bot uses (outages translated as in
 * production), and the reference vote with {@code n} participants, all checked in and opened.
 */
final class OpenVoteOnRedis implements AutoCloseable {
    final RedisServer redis;
    final VoteStore store;
    final FlowDriver bot;

    OpenVoteOnRedis(Path dir, String voteId, int n, IntFunction<Account> voter) {
        // appendfsync always, as SECURITY.md asks for a real vote: these tests kill Redis with
        // SIGKILL and expect every write it confirmed to be there when it comes back. With the
        // default everysec Redis may reply before it has written the AOF: while the previous
        // second's fsync still runs (a busy disk), it holds the write back for up to 2 s, and a
        // SIGKILL then loses writes it had confirmed (issue 11, item 8: "participant 8 moved
        // during the outage", the last press before the kill, was such a write).
        redis = RedisServer.startAppendOnly(dir, List.of("--appendfsync", "always"));
        store = StoreOutages.translated(RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1)));
        bot = new FlowDriver(Votes.reference(voteId, n), store);
        for (int i = 1; i <= n; i++) {
            bot.start(voter.apply(i));
        }
        bot.command(FlowDriver.ORGANISER, "open");
    }

    @Override
    public void close() {
        store.close();
        redis.close();
    }
}
