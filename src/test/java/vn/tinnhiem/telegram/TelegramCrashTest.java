package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.CrashPoints;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.VoteFiles;
import vn.tinnhiem.testing.Votes;

/**
 * {@code kill -9} of the bot process while 200 participants vote through the fake Bot API,
 * then a restart on the same Redis and the same fake Telegram, which redelivers every update
 * whose offset was not confirmed. The bot runs as its own JVM ({@link BotProcess}); four kill
 * points are exact ({@link CrashPoints}), the fifth is an external SIGKILL at a random moment.
 *
 * <p>After every kill, at the moment of the kill and again once everyone has voted:
 * <ul>
 *   <li>every ballot whose confirmation (with its receipt) reached its voter is counted, and
 *       nothing is lost: at the end all 200 are counted;</li>
 *   <li>nothing is counted twice: ballots returned = distinct voters = receipts, each
 *       leader's marks add up to the ballots returned and equal, mark by mark, what the
 *       voters who submitted chose;</li>
 *   <li>a voter is only ever shown one receipt, also when the kill fell between counting the
 *       ballot and confirming it;</li>
 *   <li>drafts resume where they were: no ballot shown after the restart is further back
 *       than the draft was at the kill.</li>
 * </ul>
 *
 * <p>Each default test takes about 6 s: the bot runs with {@code -Dtinnhiem.pacing=fast}.
 * The soak test ({@code @Tag("soak")}, about two minutes) keeps Telegram's real rate limits
 * and kills the same vote ten times: {@code mvn -B test -Dsurefire.excludedGroups=none
 * -Dtest=TelegramCrashTest}. Every run prints its figures; the bot's output is in
 * a {@code tinnhiem-crash-*} temporary directory ({@code bot.log}).
 */
class TelegramCrashTest {
    private static final int PARTICIPANTS = 200;
    private static final String VOTE = "crash-vote";
    private static final Messages VI = Messages.of(Messages.VIETNAMESE).addressing("đồng chí"); // QĐ 96 votes say "đồng chí"

    private final RedisServer redis = RedisServer.shared();

    @BeforeEach
    void freshRedis() {
        redis.flushAll();
    }

    @Test
    void killedBeforeHandlingAnUpdateLosesNothing() throws Exception {
        Figures f = runOne(Kill.at(CrashPoints.UPDATE_RECEIVED, 850));
        assertTrue(f.draftsInProgress > 0, "the kill fell mid-ballot for someone");
    }

    @Test
    void killedBetweenCountingASubmitAndConfirmingItConfirmsWithTheSameReceipt() throws Exception {
        Figures f = runOne(Kill.at(CrashPoints.SUBMIT_STORED, 100));
        assertTrue(f.countedUnconfirmed >= 1, "the 100th submit was counted and not confirmed at the kill");
        assertTrue(f.redeliveredSubmitsConfirmed >= 1, "the submit Telegram delivered again was confirmed");
    }

    @Test
    void killedAfterHandlingButBeforeSavingTheOffsetCountsNothingTwice() throws Exception {
        runOne(Kill.at(CrashPoints.UPDATE_PROCESSED, 650));
    }

    @Test
    void killedWithRepliesQueuedButNotSentLosesNothing() throws Exception {
        runOne(Kill.at(CrashPoints.REPLY_BEFORE_SEND, 1900));
    }

    @Test
    void killedAtARandomMomentOfTheMassVoteLosesNothing() throws Exception {
        long seed = System.nanoTime();
        // Somewhere between a fifth and four fifths of the 800 presses answered.
        int answers = 160 + new Random(seed).nextInt(480);
        System.out.println("random kill: seed " + seed + ", after " + answers + " answered presses");
        runOne(Kill.randomAfter(answers));
    }

    /**
     * The long version: Telegram's real rate limits (so replies queue up for seconds and the
     * outbox holds a lot when the kill comes), and ten kills in one vote, every kind twice.
     */
    @Test
    @Tag("soak")
    void tenKillsDuringOneVoteAtTelegramsPaceLoseNothing() throws Exception {
        Random random = new Random(System.nanoTime());
        List<Kill> kills = List.of(Kill.randomAfter(50 + random.nextInt(100)),
                Kill.at(CrashPoints.UPDATE_RECEIVED, 100 + random.nextInt(100)),
                Kill.at(CrashPoints.SUBMIT_STORED, 1 + random.nextInt(10)),
                Kill.at(CrashPoints.UPDATE_PROCESSED, 50 + random.nextInt(100)),
                Kill.at(CrashPoints.REPLY_BEFORE_SEND, 50 + random.nextInt(200)),
                Kill.randomAfter(20 + random.nextInt(100)),
                Kill.at(CrashPoints.SUBMIT_STORED, 1 + random.nextInt(10)),
                Kill.at(CrashPoints.UPDATE_RECEIVED, 10 + random.nextInt(50)),
                Kill.at(CrashPoints.REPLY_BEFORE_SEND, 10 + random.nextInt(50)),
                Kill.at(CrashPoints.UPDATE_PROCESSED, 10 + random.nextInt(30)));
        List<Figures> figures = run(kills, false);
        assertEquals(kills.size(), figures.size());
    }

    // ---- one run ----

    /**
     * Where to kill: at a crash point ("NAME:N", the N-th pass since that process started), or,
     * when {@code crash} is null, by SIGKILL from here once {@code answers} presses have been
     * answered since that process started.
     */
    record Kill(String crash, int answers) {
        static Kill at(String point, int n) {
            return new Kill(point + ":" + n, 0);
        }

        static Kill randomAfter(int answers) {
            return new Kill(null, answers);
        }

        @Override
        public String toString() {
            return crash != null ? crash : "SIGKILL after " + answers + " answers";
        }
    }

    /** What a run did up to one kill, for the report and for the tests' own checks. */
    record Figures(String kill, int presses, int retries, int starts, int confirmedAtKill, int countedAtKill,
            int countedUnconfirmed, int redeliveredSubmitsConfirmed, int draftsInProgress, int confirmed,
            int counted, int duplicates, int lost, double aliveSeconds, double totalSeconds) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "kill -9 at %s after %.1f s: at the kill confirmed=%d "
                    + "counted=%d counted-not-confirmed=%d (redelivered submit confirmed: %d) mid-ballot=%d "
                    + "| at the end: participants=%d presses=%d (retries %d) /start=%d confirmed=%d counted=%d "
                    + "duplicates=%d lost=%d, %.1f s in all",
                    kill, aliveSeconds, confirmedAtKill, countedAtKill, countedUnconfirmed, redeliveredSubmitsConfirmed,
                    draftsInProgress, PARTICIPANTS, presses, retries, starts, confirmed, counted, duplicates, lost,
                    totalSeconds);
        }
    }

    /** Redis and the voters' chats at one moment. */
    private record Snapshot(Set<String> voters, Tally tally, List<String> receipts, Map<String, Draft> drafts,
            Map<String, String> confirmed) {}

    private Figures runOne(Kill kill) throws Exception {
        return run(List.of(kill), true).get(0);
    }

    /**
     * Runs a vote through every kill in turn (checking the counts at each), restarting after
     * each; then lets everyone finish and checks everything. {@code fastPacing} swaps
     * Telegram's rate limits for fast ones (see RunCommand).
     */
    private List<Figures> run(List<Kill> kills, boolean fastPacing) throws Exception {
        long t0 = System.nanoTime();
        Duration timeout = fastPacing ? Duration.ofSeconds(90) : Duration.ofMinutes(5);
        Path dir = Files.createTempDirectory("tinnhiem-crash-");
        Path config = VoteFiles.writeThreeLeaderVote(dir.resolve("vote.json"), VOTE, "Lấy phiếu tín nhiệm (crash)", PARTICIPANTS);
        VoteDefinition vote = DefinitionLoader.load(config).get(0);
        List<String> leaderIds = vote.leaders().stream().map(l -> l.id()).toList();
        Path log = dir.resolve("bot.log");
        try (FakeBotApi api = new FakeBotApi(); RedisVoteStore store = new RedisVoteStore(redis.client(),
                VoteStore.DEFAULT_DRAFT_TTL)) {
            // At Telegram's pace a reply can take many seconds in a crowd: people wait longer.
            Crowd crowd = new Crowd(api, VOTE, leaderIds.size(), fastPacing ? 2000 : 20_000);
            Random choices = new Random(42);
            for (int i = 1; i <= PARTICIPANTS; i++) {
                crowd.add(String.format("p%03d", i), Votes.participantTelegramId(i), choices);
            }
            BotProcess bot = BotProcess.start(api.url(), redis.url(), config, kills.get(0).crash(), fastPacing, log);
            try {
                // Everyone checks in, then the organiser opens: 200 ballots go out.
                crowd.checkIn();
                awaitOrDie(api, bot, "every participant checked in",
                        a -> crowd.voters.stream().allMatch(v -> a.sentTo(v.chatId()).stream()
                                .anyMatch(t -> t.contains("Phiếu sẽ được gửi tới đồng chí"))), timeout);
                Updates.TgUser organiser = Updates.user(Votes.ORGANISER_ID);
                api.push(Updates.command(organiser, "open"));
                awaitOrDie(api, bot, "the vote open", a -> a.sentTo(organiser.id()).stream()
                        .anyMatch(t -> t.startsWith("🟢")), timeout);
                crowd.patience();

                List<Snapshot> atKill = new ArrayList<>();
                List<long[]> times = new ArrayList<>(); // started, killed, restarted
                long startedAt = t0;
                for (int i = 0; i < kills.size(); i++) {
                    Kill kill = kills.get(i);
                    int answersBefore = api.calls("answercallbackquery").size();
                    long deadline = System.nanoTime() + timeout.toNanos();
                    while (bot.alive()) {
                        if (crowd.step() == 0) {
                            fail("everyone voted and the bot never died at " + kill + "\n" + bot.tail());
                        }
                        if (kill.crash() == null
                                && api.calls("answercallbackquery").size() - answersBefore >= kill.answers()) {
                            bot.kill();
                        }
                        pause(deadline, "the kill at " + kill, bot);
                    }
                    long killedAt = System.nanoTime();
                    assertEquals(CrashPoints.EXIT_STATUS, bot.exitValue(), "killed, not ended: " + bot.tail());
                    Thread.sleep(300); // what the dead process had already sent finishes at the fake server
                    Snapshot s = snapshot(api, store, crowd, leaderIds);
                    checkCounts("at kill " + (i + 1) + " (" + kill + ")", s, crowd, leaderIds);
                    atKill.add(s);

                    // Restart on the same Redis and the same fake Telegram; everyone carries on.
                    long restartAt = System.nanoTime();
                    times.add(new long[] {startedAt, killedAt, restartAt});
                    startedAt = restartAt;
                    bot = BotProcess.start(api.url(), redis.url(), config,
                            i + 1 < kills.size() ? kills.get(i + 1).crash() : null, fastPacing, log);
                }
                long deadline = System.nanoTime() + timeout.toNanos();
                while (crowd.step() > 0) {
                    if (System.nanoTime() > deadline) {
                        fail("timed out waiting for everyone confirmed after the last restart: "
                                + stuck(api, store, crowd, vote.leaderCount()) + "\n" + bot.tail());
                    }
                    Thread.sleep(20);
                }
                long doneAt = System.nanoTime();
                Thread.sleep(300); // late duplicates: answered, and still nothing changes
                Snapshot end = snapshot(api, store, crowd, leaderIds);
                checkCounts("at the end", end, crowd, leaderIds);

                List<Figures> figures = new ArrayList<>();
                for (int i = 0; i < kills.size(); i++) {
                    long[] t = times.get(i);
                    Figures f = checkAfterRestart(kills.get(i).toString(), api, crowd, atKill.get(i), end, t[1],
                            t[2], vote.leaderCount(), (t[1] - t[0]) / 1e9, (doneAt - t0) / 1e9);
                    System.out.println(f);
                    figures.add(f);
                }
                // Kept when the run fails, for its bot.log.
                for (Path p : List.of(log, config, dir)) {
                    Files.deleteIfExists(p);
                }
                return figures;
            } finally {
                bot.close();
            }
        }
    }

    /** The counts agree with the voters, mark by mark; nothing is counted twice. */
    private static void checkCounts(String when, Snapshot s, Crowd crowd, List<String> leaderIds) {
        Tally t = s.tally();
        assertEquals(s.voters().size(), t.returned(), when + ": ballots returned = distinct voters");
        assertEquals(t.returned(), s.receipts().size(), when + ": one receipt per ballot returned");
        assertEquals(t.returned(), new HashSet<>(s.receipts()).size(), when + ": receipts are distinct");
        for (int k = 0; k < leaderIds.size(); k++) {
            LeaderCounts expected = LeaderCounts.ZERO;
            for (Crowd.Voter v : crowd.voters) {
                if (s.voters().contains(v.personId)) {
                    expected = expected.plus(v.choices[k]);
                }
            }
            LeaderCounts actual = t.counts().get(k);
            assertEquals(t.returned(), actual.valid() + actual.blank(), when + ": " + leaderIds.get(k)
                    + "'s marks add up to the ballots returned");
            assertEquals(expected, actual, when + ": " + leaderIds.get(k) + "'s marks are the voters' choices");
        }
        assertTrue(s.voters().containsAll(s.confirmed().keySet()), when + ": every confirmed ballot is counted");
        assertTrue(s.receipts().containsAll(s.confirmed().values()), when + ": every receipt shown is published");
    }

    private Figures checkAfterRestart(String kill, FakeBotApi api, Crowd crowd, Snapshot atKill, Snapshot end,
            long killedAt, long restartAt, int leaders, double alive, double total) {
        Map<String, Crowd.Voter> byPerson = new HashMap<>();
        crowd.voters.forEach(v -> byPerson.put(v.personId, v));
        assertEquals(byPerson.keySet(), end.voters(), "everyone is counted at the end");
        assertEquals(PARTICIPANTS, end.confirmed().size(), "everyone was confirmed");

        // One receipt per voter, ever; those counted before the kill keep theirs.
        Map<Long, Set<String>> shown = receiptsShown(api);
        for (Crowd.Voter v : crowd.voters) {
            Set<String> receipts = shown.getOrDefault(v.chatId(), Set.of());
            assertEquals(1, receipts.size(), v.personId + " was shown exactly one receipt: " + receipts);
        }
        Set<String> countedUnconfirmed = new TreeSet<>(atKill.voters());
        countedUnconfirmed.removeAll(atKill.confirmed().keySet());
        Map<String, Long> answeredAlready = answeredAlreadyVotedAfter(api, crowd, restartAt);
        int redelivered = 0;
        for (String p : countedUnconfirmed) {
            String receipt = end.confirmed().get(p);
            assertTrue(atKill.receipts().contains(receipt), p + " was counted before the kill and confirmed after it "
                    + "with the receipt issued then, not a new one");
            assertTrue(answeredAlready.containsKey(p), p + "'s repeated submit was answered 'already voted'");
            // The press Telegram delivered again (pushed before the kill), not only one pressed again since.
            redelivered += answeredAlready.get(p) < killedAt ? 1 : 0;
        }
        for (Map.Entry<String, String> e : atKill.confirmed().entrySet()) {
            assertEquals(e.getValue(), end.confirmed().get(e.getKey()), e.getKey() + " keeps the receipt");
        }

        // Drafts resume where they were: nothing shown after the restart is further back.
        int inProgress = 0;
        Map<Long, List<Integer>> positions = positionsShownAfter(api, crowd, leaders, restartAt);
        for (Crowd.Voter v : crowd.voters) {
            Draft d = atKill.drafts().get(v.personId);
            if (atKill.voters().contains(v.personId) || d.cursor() == 0) {
                continue;
            }
            inProgress++;
            for (int k = 0; k < d.cursor(); k++) {
                assertEquals(v.choices[k], d.choice(k), v.personId + "'s draft holds what they pressed");
            }
            List<Integer> after = positions.getOrDefault(v.chatId(), List.of());
            assertFalse(after.isEmpty(), v.personId + " saw their ballot or its confirmation after the restart");
            for (int p : after) {
                assertTrue(p >= d.cursor(), v.personId + " was at leader " + d.cursor() + " of " + leaders
                        + " at the kill and was shown position " + p + " after the restart");
            }
        }
        for (Crowd.Voter v : crowd.voters) {
            assertEquals(Draft.empty(leaders).encode(), end.drafts().get(v.personId).encode(),
                    "no draft is left after submit");
        }

        int lost = 0;
        for (String p : atKill.confirmed().keySet()) {
            lost += end.voters().contains(p) ? 0 : 1;
        }
        int duplicates = end.tally().returned() - end.voters().size()
                + end.receipts().size() - new HashSet<>(end.receipts()).size();
        return new Figures(kill, crowd.presses(), crowd.retries(), crowd.starts(), atKill.confirmed().size(),
                atKill.tally().returned(), countedUnconfirmed.size(), redelivered, inProgress, end.confirmed().size(),
                end.tally().returned(), duplicates, lost, alive, total);
    }

    // ---- reading Redis and the chats ----

    /** The first few voters not done yet: what they see and what Redis holds. */
    private static String stuck(FakeBotApi api, VoteStore store, Crowd crowd, int leaders) {
        StringBuilder b = new StringBuilder();
        crowd.voters.stream().filter(v -> v.receipt == null).limit(5).forEach(v -> {
            b.append("\n").append(v.personId).append(": voted=").append(store.hasVoted(VOTE, v.personId))
                    .append(" draft=").append(store.draft(VOTE, v.personId, leaders).encode())
                    .append(" presses=").append(v.presses).append(" starts=").append(v.starts)
                    .append(" actedOn=").append(v.actedOn);
            for (FakeBotApi.Shown s : api.chat(v.chatId())) {
                b.append("\n   #").append(s.messageId()).append(" v").append(s.version()).append(" pos=")
                        .append(crowd.position(s)).append(" ").append(s.text().lines().findFirst().orElse(""));
            }
            for (FakeBotApi.Call c : api.calls()) {
                if (c.params().path("chat_id").asLong() == v.chatId()) {
                    b.append("\n   ").append(c.method()).append(" ").append(c.atNanos() / 1_000_000 % 100_000)
                            .append(" ").append(String.valueOf(c.param("text")).lines().findFirst().orElse(""));
                }
            }
        });
        return b.toString();
    }

    private static Snapshot snapshot(FakeBotApi api, VoteStore store, Crowd crowd, List<String> leaderIds) {
        Map<String, Draft> drafts = new HashMap<>();
        Map<String, String> confirmed = new HashMap<>();
        for (Crowd.Voter v : crowd.voters) {
            drafts.put(v.personId, store.draft(VOTE, v.personId, leaderIds.size()));
            for (FakeBotApi.Shown s : api.chat(v.chatId())) {
                Matcher m = Crowd.RECEIPT.matcher(s.text());
                if (m.find()) {
                    confirmed.put(v.personId, m.group(1));
                }
            }
        }
        return new Snapshot(store.voters(VOTE), store.tally(VOTE, leaderIds), store.receipts(VOTE), drafts,
                confirmed);
    }

    /** Chat id → every receipt any message sent or edited into that chat carried. */
    private static Map<Long, Set<String>> receiptsShown(FakeBotApi api) {
        Map<Long, Set<String>> out = new HashMap<>();
        for (FakeBotApi.Call c : api.calls()) {
            if (c.method().equals("sendmessage") || c.method().equals("editmessagetext")) {
                Matcher m = Crowd.RECEIPT.matcher(String.valueOf(c.param("text")));
                if (m.find()) {
                    out.computeIfAbsent(c.params().path("chat_id").asLong(), k -> new TreeSet<>()).add(m.group(1));
                }
            }
        }
        return out;
    }

    /**
     * Chat id → the ballot positions of every message sent or edited into it after {@code since}:
     * the leader index, {@code leaders} for the summary, {@code leaders + 1} for the confirmation.
     */
    private static Map<Long, List<Integer>> positionsShownAfter(FakeBotApi api, Crowd crowd, int leaders,
            long since) {
        Map<Long, List<Integer>> out = new HashMap<>();
        for (FakeBotApi.Call c : api.calls()) {
            if (c.atNanos() < since || !(c.method().equals("sendmessage") || c.method().equals("editmessagetext"))) {
                continue;
            }
            long chat = c.params().path("chat_id").asLong();
            String text = String.valueOf(c.param("text"));
            int p = Crowd.RECEIPT.matcher(text).find() ? leaders + 1
                    : crowd.position(new FakeBotApi.Shown(chat, 0, text, markup(c.params()), 0));
            if (p >= 0) {
                out.computeIfAbsent(chat, k -> new ArrayList<>()).add(p);
            }
        }
        return out;
    }

    /**
     * Person id → when the earliest-pushed of their submit presses answered "already voted"
     * after {@code since} was pushed.
     */
    private static Map<String, Long> answeredAlreadyVotedAfter(FakeBotApi api, Crowd crowd, long since) {
        Map<String, Crowd.Voter> submitter = new HashMap<>(); // callback query id → voter
        for (Crowd.Voter v : crowd.voters) {
            v.submitPresses.keySet().forEach(id -> submitter.put(id, v));
        }
        Map<String, Long> out = new HashMap<>();
        String already = VI.get("ballot.rejected.already_voted");
        for (FakeBotApi.Call c : api.calls("answercallbackquery")) {
            String id = c.param("callback_query_id");
            Crowd.Voter who = submitter.get(id);
            if (c.atNanos() >= since && who != null && already.equals(c.param("text"))) {
                out.merge(who.personId, who.submitPresses.get(id), Math::min);
            }
        }
        return out;
    }

    private static JsonNode markup(JsonNode params) {
        JsonNode m = params.get("reply_markup");
        if (m != null && m.isTextual()) {
            try {
                return FakeBotApi.JSON.readTree(m.asText());
            } catch (Exception e) {
                return null;
            }
        }
        return m == null || m.isNull() ? null : m;
    }


    private static void awaitOrDie(FakeBotApi api, BotProcess bot, String what,
            java.util.function.Predicate<FakeBotApi> condition, Duration timeout) {
        try {
            api.await(what, condition, timeout);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + (bot.alive() ? "" : " (the bot died)") + "\n" + bot.tail());
        }
    }

    private static void pause(long deadline, String what, BotProcess bot) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            fail("timed out waiting for " + what + "\n" + bot.tail());
        }
        Thread.sleep(20);
    }
}
