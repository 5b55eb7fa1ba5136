package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisCluster;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.VoteFiles;
import vn.tinnhiem.testing.Votes;

/**
 * Issue 9, item 3, through the real bot: {@code tinnhiem run} (its own JVM, the real
 * TelegramBots client, the fake Bot API) on {@code REDIS_URL=redis-cluster://…}. 200
 * participants vote at once; after 60 ballots the master holding the vote's slot is killed
 * with SIGKILL, its replica is promoted, and the killed node comes back as the new master's
 * replica. Voters told to try again try again. Expected: every participant counted once, the
 * exact tally, one receipt each.
 */
class TelegramClusterFailoverTest {
    private static final int PARTICIPANTS = 200;
    private static final String VOTE = "cluster-vote";
    private static final List<String> LEADERS = List.of("director", "deputy1", "deputy2");

    @Test
    void aVoteOf200ThroughTheBotSurvivesTheFailoverOfItsMaster() throws Exception {
        Path dir = Files.createTempDirectory("tinnhiem-cluster-bot-");
        Path config = VoteFiles.writeThreeLeaderVote(dir.resolve("vote.json"), VOTE, "Lấy phiếu tín nhiệm (cluster)", PARTICIPANTS);
        Path log = dir.resolve("bot.log");
        try (RedisCluster cluster = RedisCluster.start(); FakeBotApi api = new FakeBotApi();
             RedisVoteStore store = RedisVoteStore.fromUrl(cluster.url(), Duration.ofHours(1))) {
            Crowd crowd = new Crowd(api, VOTE, LEADERS.size(), 2000);
            Random choices = new Random(42);
            for (int i = 1; i <= PARTICIPANTS; i++) {
                crowd.add(String.format("p%03d", i), Votes.participantTelegramId(i), choices);
            }
            BotProcess bot = BotProcess.start(api.url(), cluster.url(), config, null, true, log);
            try {
                Duration timeout = Duration.ofSeconds(120);
                crowd.checkIn();
                api.await("every participant checked in", a -> crowd.voters.stream().allMatch(v -> a.sentTo(v.chatId())
                        .stream().anyMatch(t -> t.contains("Phiếu sẽ được gửi tới đồng chí"))), timeout);
                Updates.TgUser organiser = Updates.user(Votes.ORGANISER_ID);
                api.push(Updates.command(organiser, "open"));
                api.await("the vote open", a -> a.sentTo(organiser.id()).stream().anyMatch(t -> t.startsWith("🟢")),
                        timeout);
                crowd.patience();

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                CompletableFuture<String> failover = null;
                while (crowd.step() > 0) {
                    if (failover == null && store.voters(VOTE).size() >= 60) {
                        failover = CompletableFuture.supplyAsync(() -> {
                            RedisServer master = cluster.masterOf("tn:{" + VOTE + "}:state");
                            List<RedisServer> replicas = cluster.replicasOf(master);
                            cluster.kill(master);
                            RedisServer promoted = cluster.awaitPromotion(master, replicas);
                            cluster.restart(master);
                            return "killed " + master.port() + ", promoted " + promoted.port();
                        });
                    }
                    if (System.nanoTime() > deadline || !bot.alive()) {
                        fail("not everyone confirmed in time (" + store.voters(VOTE).size() + " counted)\n" + bot.tail());
                    }
                    Thread.sleep(20);
                }
                assertTrue(failover != null, "the vote ended before the failover");
                String what = failover.get(60, TimeUnit.SECONDS);
                System.out.printf("cluster failover through the bot (%s): %d presses, %d retries%n", what,
                        crowd.presses(), crowd.retries());

                Tally tally = store.tally(VOTE, LEADERS);
                assertEquals(PARTICIPANTS, tally.returned(), "every participant counted once");
                assertEquals(PARTICIPANTS, store.voters(VOTE).size());
                List<String> receipts = store.receipts(VOTE);
                assertEquals(PARTICIPANTS, new HashSet<>(receipts).size(), "one distinct receipt each");
                for (int k = 0; k < LEADERS.size(); k++) {
                    LeaderCounts expected = LeaderCounts.ZERO;
                    for (Crowd.Voter v : crowd.voters) {
                        expected = expected.plus(v.choices[k]);
                    }
                    assertEquals(expected, tally.counts().get(k), LEADERS.get(k) + "'s marks are the voters' choices");
                }
                for (Crowd.Voter v : crowd.voters) {
                    assertTrue(receipts.contains(v.receipt), v.personId + "'s receipt " + v.receipt + " is published");
                }
            } finally {
                bot.close();
            }
        }
        for (Path p : List.of(log, config, dir)) {
            Files.deleteIfExists(p);
        }
    }

}
