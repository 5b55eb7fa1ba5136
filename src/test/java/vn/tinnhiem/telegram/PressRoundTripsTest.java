package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * Issue 12, item 2: at most 1.2 Redis round trips per press and per submit, end to end in the
 * bot. The whole Telegram path (getUpdates, the poller's workers, the flow, the Redis store, the
 * offsets, the outbox and its report of sent ballots) runs against its own redis-server, whose
 * {@code total_reads_processed} counts every request the bot sends (a request is one round trip).
 *
 * <p>A hall votes the way a hall does: everybody presses at about the same time, so updates
 * come in batches and the offset is saved once per batch. A count, never a timing.
 */
class PressRoundTripsTest {
    private static final int VOTERS = 40;
    private static final int LEADERS = 5;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aPressAndASubmitCostAtMostOnePointTwoRoundTripsEndToEnd() throws Exception {
        Leader[] leaders = new Leader[LEADERS];
        for (int k = 0; k < LEADERS; k++) {
            leaders[k] = new Leader("l" + k, "Lãnh đạo " + (k + 1), "Phó Cục trưởng");
        }
        VoteDefinition vote = Votes.builder("rt").participants(VOTERS).leaders(leaders).build();
        try (RedisServer redis = RedisServer.start(); FakeBotApi api = new FakeBotApi();
                RedisVoteStore store = RedisVoteStore.fromUrl(redis.url(), VoteStore.DEFAULT_DRAFT_TTL)) {
            // Deadlines are checked once an hour, so the count holds the bot's updates only.
            TelegramBot bot = BotHarness.startOnRedis(vote, store, redis, api);
            try {
                List<Updates.TgUser> voters = new ArrayList<>();
                for (int i = 1; i <= VOTERS; i++) {
                    Updates.TgUser u = Updates.user(Votes.participantTelegramId(i));
                    voters.add(u);
                    api.push(Updates.start(u, null));
                }
                api.await("every check-in answered", a -> voters.stream().allMatch(u -> !a.sentTo(u.id()).isEmpty()),
                        WAIT);
                api.push(Updates.command(Updates.user(Votes.ORGANISER_ID), "open"));
                api.await("every ballot", a -> voters.stream().allMatch(u -> a.latestWithButtons(u.id()) != null),
                        WAIT);
                quiet(redis);

                Random random = new Random(5);
                Map<Long, Choice[]> chosen = new HashMap<>();
                for (Updates.TgUser u : voters) {
                    Choice[] c = new Choice[LEADERS];
                    for (int k = 0; k < LEADERS; k++) {
                        c[k] = Choice.values()[random.nextInt(Choice.values().length)];
                    }
                    chosen.put(u.id(), c);
                }
                RedisServer.Counters before = redis.counters();
                for (int k = 0; k < LEADERS; k++) {
                    int leader = k;
                    everybodyPresses(api, voters, u -> CallbackData.rate(vote.id(), leader, chosen.get(u.id())[leader]));
                }
                RedisServer.Counters presses = redis.counters().since(before);

                // The review's «Gửi phiếu», then the measured submit: «Xác nhận gửi phiếu».
                everybodyPresses(api, voters, u -> CallbackData.finish(vote.id()));
                before = redis.counters();
                everybodyPresses(api, voters, u -> CallbackData.submit(vote.id()));
                api.await("every confirmation", a -> voters.stream().allMatch(u -> a.chat(u.id()).stream()
                        .anyMatch(s -> Crowd.RECEIPT.matcher(s.text()).find())), WAIT);
                RedisServer.Counters submits = redis.counters().since(before);

                double perPress = presses.roundTrips() / (double) (VOTERS * LEADERS);
                double perSubmit = submits.roundTrips() / (double) VOTERS;
                System.out.printf("Redis round trips: %.3f per press (%d for %d), %.3f per submit (%d for %d)%n",
                        perPress, presses.roundTrips(), VOTERS * LEADERS, perSubmit, submits.roundTrips(), VOTERS);
                assertTrue(perPress <= 1.2, "round trips per press: " + perPress);
                assertTrue(perSubmit <= 1.2, "round trips per submit: " + perSubmit);

                // And the results are exact.
                Tally tally = store.tally(vote.id(), vote.leaders().stream().map(Leader::id).toList());
                assertEquals(VOTERS, tally.returned());
                for (int k = 0; k < LEADERS; k++) {
                    int[] n = new int[4];
                    for (Choice[] c : chosen.values()) {
                        n[c[k].ordinal()]++;
                    }
                    assertEquals(new LeaderCounts(n[Choice.HIGH.ordinal()], n[Choice.MEDIUM.ordinal()],
                            n[Choice.LOW.ordinal()], n[Choice.BLANK.ordinal()]), tally.counts().get(k));
                }
            } finally {
                bot.close();
            }
        }
    }

    /**
     * A late check-in ({@code /start} on an open vote: "welcome" and a fresh ballot) costs at most
     * 3 Redis round trips end to end: one for the check-in with everything its reply needs, one
     * for recording the ballot copy once Telegram has given it an id, and a share of the batch's
     * offset save. (Before: 12, a read per question the flow asked.)
     */
    @Test
    void aCheckInOnAnOpenVoteCostsAtMostThreeRoundTripsEndToEnd() throws Exception {
        int participants = 50;
        VoteDefinition vote = Votes.builder("ci").participants(participants)
                .leaders(new Leader("l0", "Lãnh đạo 1", "Phó Cục trưởng"), new Leader("l1", "Lãnh đạo 2", "Vụ trưởng"))
                .build();
        try (RedisServer redis = RedisServer.start(); FakeBotApi api = new FakeBotApi();
                RedisVoteStore store = RedisVoteStore.fromUrl(redis.url(), VoteStore.DEFAULT_DRAFT_TTL)) {
            store.openVote(vote.id(), vn.tinnhiem.core.FrozenDefinition.of(vote), java.time.Instant.now());
            // Deadlines are checked once an hour, so the count holds the bot's updates only.
            TelegramBot bot = BotHarness.startOnRedis(vote, store, redis, api);
            try {
                List<Updates.TgUser> voters = new ArrayList<>();
                for (int i = 1; i <= participants; i++) {
                    voters.add(Updates.user(Votes.participantTelegramId(i)));
                }
                quiet(redis);
                long setups = redis.connectionSetups();
                RedisServer.Counters before = redis.counters();
                synchronized (api) {
                    for (Updates.TgUser u : voters) {
                        api.push(Updates.start(u, null));
                    }
                }
                api.await("every ballot", a -> voters.stream().allMatch(u -> a.latestWithButtons(u.id()) != null),
                        WAIT);
                int readings = quiet(redis);
                RedisServer.Counters checkIns = redis.counters().since(before);
                // Less the set-up of connections the pool opened meanwhile (the outbox's workers
                // record the ballots they sent in parallel): paid once, not per check-in.
                long roundTrips = checkIns.roundTrips() - readings - (redis.connectionSetups() - setups);
                double perCheckIn = roundTrips / (double) participants;
                System.out.printf("Redis round trips: %.3f per check-in on an open vote (%d for %d)%n",
                        perCheckIn, roundTrips, participants);
                assertTrue(perCheckIn <= 3, "round trips per check-in: " + perCheckIn);

                // The same replies as ever: welcome, the note before the ballot, then the ballot, recorded
                // as the live copy.
                for (Updates.TgUser u : voters) {
                    assertEquals(3, api.chat(u.id()).size(), "welcome, note and ballot for " + u.id());
                    assertTrue(api.chat(u.id()).get(0).text().contains(vote.title()));
                }
                assertEquals(participants, store.ballotMessages(vote.id()).values().stream()
                        .filter(r -> !r.startsWith("~")).count(), "every ballot recorded live");
            } finally {
                bot.close();
            }
        }
    }

    /** Every voter presses on their ballot at once; returns once every ballot has changed. */
    private static void everybodyPresses(FakeBotApi api, List<Updates.TgUser> voters,
            java.util.function.Function<Updates.TgUser, String> data) {
        Map<Long, FakeBotApi.Shown> shown = new HashMap<>();
        // Queued together, as Telegram queues the taps of a hall between two getUpdates.
        synchronized (api) {
            for (Updates.TgUser u : voters) {
                FakeBotApi.Shown ballot = api.latestWithButtons(u.id());
                shown.put(u.id(), ballot);
                api.push(Updates.press(u, ballot.messageId(), data.apply(u)));
            }
        }
        api.await("every ballot to change", a -> voters.stream().allMatch(u -> {
            FakeBotApi.Shown before = shown.get(u.id());
            return a.message(u.id(), before.messageId()).version() > before.version();
        }), WAIT);
    }

    /**
     * Waits until the bot has stopped talking to Redis (the ballots' reports are recorded);
     * returns how many INFOs it sent doing so.
     */
    private static int quiet(RedisServer redis) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 100; i++) {
            long now = redis.counters().roundTrips() - i; // less this loop's own INFOs
            if (now == last) {
                return i + 1;
            }
            last = now;
            Thread.sleep(200);
        }
        return 100;
    }
}
