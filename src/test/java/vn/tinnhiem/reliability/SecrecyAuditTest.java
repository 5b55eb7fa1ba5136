package vn.tinnhiem.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.core.chat.Inbound;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.core.chat.Platform;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.export.ResultFilesExport;
import vn.tinnhiem.ops.Observability;
import vn.tinnhiem.ops.ObservedStore;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.store.StoreOutages;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.zalo.ZaloPlatform;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.LogCapture;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * The secrecy audit (issue 5, item 6; SPEC 4): after a full vote through the flow on Redis
 * with {@code appendonly yes}, nothing in Redis (every key of every type, the slow log, the
 * append-only files on disk), in the logs or in the messages sent pairs a participant with a
 * choice. "Pairing" is defined in {@link SecrecyScanner}. Each scan is shown to catch a
 * pairing: a real one before close (drafts, the slow log, the append-only file), and
 * planted ones afterwards. The per-update log line (logger {@code tinnhiem.update}, issue 9) is
 * read too: one line per update, every field from a closed vocabulary, so it names no one. Nor by order (issue 11): after close every key read in its stored
 * order, the append-only files and an RDB dump are checked by {@link OrderScanner}.
 */
class SecrecyAuditTest {
    private static final String VOTE = "secret";
    private static final int N = 10;

    @TempDir
    Path dir;
    private RedisServer redis;
    private VoteStore store;

    @BeforeEach
    void setUp() {
        // rdbcompression no: the RDB files (and the AOF's RDB preamble) keep small keys as they
        // are in memory, so the scans can read them (and their order) from the raw bytes.
        redis = RedisServer.startAppendOnly(dir, List.of("--rdbcompression", "no"));
        // Every command goes to the slow log, as a slow press would: close must clear it.
        redis.jedis().configSet("slowlog-log-slower-than", "0");
        redis.jedis().configSet("slowlog-max-len", "100000");
        store = StoreOutages.translated(RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1)));
    }

    @AfterEach
    void tearDown() {
        store.close();
        redis.close();
    }

    private static final String[] NAMES = {"Zynh Quế Đinh", "Xoan Vũ Khánh", "Ỷ Lan Quyzt", "Bảo Zachary Lưu",
        "Yvette Hồ Thị", "Quách Wyn", "Kha Zolt Trương", "Mộc Vyx Hà", "Ưng Qira Phan", "Tạ Jax Mạnh"};

    /**
     * These vote on Zalo, by typing at the numbered text menu; the others press buttons on
     * Telegram. Chosen so that the platform split is no more ordered than the roster against
     * {@link #SUBMISSION_ORDER} (stored account keys sort Telegram before Zalo).
     */
    private static final Set<Integer> ON_ZALO = Set.of(7, 8);

    private static SecrecyScanner.Person personOf(int i) {
        if (ON_ZALO.contains(i)) {
            String zalo = Long.toString(8_800_000_000_000_000L + 41L * i);
            return new SecrecyScanner.Person(String.format("zqv-%02d", i), "zl:" + zalo, zalo,
                    NAMES[i - 1] + " " + i);
        }
        long tg = 7_770_000L + 37L * i;
        return new SecrecyScanner.Person(String.format("zqv-%02d", i), "tg:" + tg, Long.toString(tg),
                NAMES[i - 1] + " " + i);
    }

    private static Account accountOf(int i) {
        if (ON_ZALO.contains(i)) {
            return new Account(ZaloPlatform.PLATFORM, personOf(i).userId(), null, NAMES[i - 1], null);
        }
        return new Account(TelegramPlatform.PLATFORM, personOf(i).userId(), "user_zq" + i, NAMES[i - 1],
                i % 3 == 0 ? "en" : "vi");
    }

    /** The same walk as the buttons below (a wrong first row, back twice), typed; returns the last replies. */
    private static List<Reply> typeThrough(FlowDriver bot, Account who, List<Choice> c) {
        for (String typed : List.of("3", number(c.get(1)), "0", "0", number(c.get(0)), number(c.get(1)),
                number(c.get(2)))) {
            bot.handle(new Inbound.Text(who, typed));
        }
        return bot.handle(new Inbound.Text(who, "gửi"));
    }

    private static String number(Choice c) {
        return Integer.toString(c.ordinal() + 1);
    }

    /** Far from roster order: Spearman's rho against it is 0. */
    private static final int[] SUBMISSION_ORDER = {5, 2, 8, 3, 6, 1, 7, 4};

    private static List<Choice> choicesOf(int i) {
        Choice[] all = Choice.values();
        return List.of(all[i % 4], all[(i + 1) % 4], all[(i * 3) % 4]);
    }

    @Test
    void afterAFullVoteNothingPairsAParticipantWithAChoice() {
        Votes.Builder b = Votes.builder(VOTE);
        List<SecrecyScanner.Person> people = new ArrayList<>();
        for (int i = 1; i <= N; i++) {
            SecrecyScanner.Person p = personOf(i);
            people.add(p);
            b.participant(new Person(p.id(), p.name(), ON_ZALO.contains(i)
                    ? RosterFields.identities(null, null, null, p.userId())
                    : RosterFields.identities(Long.parseLong(p.userId()), null, null, null)));
        }
        VoteDefinition vote = b.build();
        SecrecyScanner scanner = new SecrecyScanner(people);
        Map<String, Integer> submittedAt = new HashMap<>();
        List<String> submitted = new ArrayList<>();
        List<String> receipts = new ArrayList<>();
        List<List<Choice>> ballots = new ArrayList<>();
        List<SecrecyScanner.Finding> logFindings;
        List<String> logLines;
        int updates;
        // As `run` wires it: each update in a span that logs one line, the store telling it the outcome.
        Observability ops = new Observability(Set.of(VOTE), () -> store.state(VOTE));
        try (LogCapture logs = LogCapture.start()) {
            FlowDriver bot = new FlowDriver(vote, ObservedStore.wrap(store, ops::storeError), new ResultFilesExport(),
                    ops);
            for (int i = 1; i <= N; i++) {
                bot.start(accountOf(i));
            }
            bot.command(FlowDriver.ORGANISER, "open");
            // 1-8 vote (some go back and change a row first), not in roster order; 9 and 10 stop half-way.
            for (int i : SUBMISSION_ORDER) {
                List<Choice> c = choicesOf(i);
                if (ON_ZALO.contains(i)) {
                    List<Reply> r = typeThrough(bot, accountOf(i), c);
                    assertNotNull(FlowDriver.receiptIn(r), r.toString());
                    submittedAt.put(personOf(i).accountKey(), bot.sent().size() - r.size());
                    submitted.add(personOf(i).id());
                    receipts.add(FlowDriver.receiptIn(r));
                    ballots.add(c);
                    continue;
                }
                bot.press(accountOf(i), bot.rate(0, Choice.LOW));
                bot.press(accountOf(i), bot.rate(1, c.get(1)));
                bot.press(accountOf(i), "b:" + VOTE + ":2");
                bot.press(accountOf(i), "b:" + VOTE + ":1");
                bot.press(accountOf(i), bot.rate(0, c.get(0)));
                bot.press(accountOf(i), bot.rate(1, c.get(1)));
                bot.press(accountOf(i), bot.rate(2, c.get(2)));
                List<Reply> r = bot.press(accountOf(i), bot.submit());
                assertNotNull(FlowDriver.receiptIn(r), r.toString());
                submittedAt.put(personOf(i).accountKey(), bot.sent().size() - r.size());
                submitted.add(personOf(i).id());
                receipts.add(FlowDriver.receiptIn(r));
                ballots.add(c);
            }
            for (int i = 9; i <= N; i++) {
                bot.press(accountOf(i), bot.rate(0, choicesOf(i).get(0)));
                bot.press(accountOf(i), bot.rate(1, choicesOf(i).get(1)));
            }
            bot.command(FlowDriver.ORGANISER, "status");
            bot.command(FlowDriver.ORGANISER, "remind");

            // Before close the scans find the pairings that really exist: the unfinished drafts,
            // the slow log of the presses, and the submits recorded in the append-only file.
            Jedis jedis = redis.jedis();
            List<SecrecyScanner.Finding> live = new SecrecyScanner(people).scanRedis(jedis);
            assertTrue(live.stream().anyMatch(f -> f.where().contains(":draft:zqv-09")), live.toString());
            assertTrue(live.stream().anyMatch(f -> f.where().startsWith("slowlog")), "slow log: " + live);
            assertFalse(SecrecyScanner.scanAppendOnlyFiles(dir, people).isEmpty(),
                    "the append-only file scan found no submit before close");

            bot.command(FlowDriver.ORGANISER, "close force");
            assertEquals(VoteState.CLOSED, store.state(VOTE));
            bot.command(FlowDriver.ORGANISER, "results");
            bot.start(accountOf(9));
            bot.press(accountOf(10), bot.rate(2, Choice.HIGH));

            // Redis: every key and value, and the slow log.
            List<SecrecyScanner.Finding> inRedis = scanner.scanRedis(jedis);
            assertEquals(List.of(), inRedis, "Redis pairs a participant with a choice");
            assertEquals(Set.of(), jedis.keys("*draft*"), "drafts survived the close");
            // The append-only files on disk: compacted at close, no submit history, no drafts.
            assertEquals(List.of(), SecrecyScanner.scanAppendOnlyFiles(dir, people), "append-only files");
            assertFalse(SecrecyScanner.appendOnlyFilesMention(dir, "HINCRBY"), "the AOF still records increments");
            // Not even by order (issue 11): every key in its stored order, the AOF files and an
            // RDB dump list no one in the order they submitted, and the counts spell no ballot.
            OrderScanner order = new OrderScanner(submitted, receipts, bot.leaderIds(), ballots);
            List<OrderScanner.Finding> ordered = new ArrayList<>(order.scanRedis(jedis, "redis"));
            SecrecyScanner.appendOnlyFiles(dir).forEach(f -> ordered.addAll(order.scanFile(f)));
            assertEquals("OK", jedis.save());
            ordered.addAll(order.scanFile(dir.resolve("dump.rdb")));
            assertEquals(List.of(), ordered, "something stored follows the order of submissions");
            assertTrue(order.judgedWhere().containsAll(List.of("redis HKEYS tn:{secret}:voted",
                    "redis HVALS tn:{secret}:voted")), "who voted was not judged: " + order.judgedWhere());
            assertTrue(order.judgedWhere().stream().anyMatch(w -> w.startsWith("dump.rdb tn:{secret}:voted")),
                    "the RDB was not read: " + order.judgedWhere());
            // Messages.
            List<Reply> sent = bot.sent();
            assertEquals(List.of(), scanner.scanReplies(sent, submittedAt), "a message pairs a participant");
            for (int i = 1; i <= 8; i++) {
                assertFinalBallotShowsNoChoice(sent, accountOf(i));
            }
            logLines = logs.lines();
            logFindings = scanner.scanLogs(logLines);
            updates = bot.updates();
        } finally {
            ops.close();
        }
        assertEquals(List.of(), logFindings, "the logs pair a participant with a choice");
        assertUpdateLinesNameNoOne(logLines, updates);
        System.out.printf("secrecy: %d Redis keys with %d values, %d slow-log entries, %d AOF files, %d log lines, "
                + "%d messages (%d results files) scanned: no pairing%n", scanner.keys, scanner.values,
                scanner.slowlogEntries, SecrecyScanner.appendOnlyFiles(dir).size(), scanner.logLines, scanner.replies,
                scanner.documents);
        assertTrue(scanner.keys >= 7 && scanner.values > 40 && scanner.replies > 100, "too little was scanned");
        // At close the organiser and the supervisor get PDF, XLSX, CSV and PNG; /results sends them again.
        assertEquals(12, scanner.documents, "results files scanned");

        // The scanners catch planted pairings: in Redis, in the logs and in a message.
        redis.jedis().set("tn:{" + VOTE + "}:leak", personOf(4).id() + "|" + "2:HM-");
        List<SecrecyScanner.Finding> planted = new SecrecyScanner(people).scanRedis(redis.jedis());
        assertTrue(planted.stream().anyMatch(f -> f.where().equals("redis key tn:{" + VOTE + "}:leak")), planted.toString());
        // The slow log caught the SET as well: it is scanned too.
        assertTrue(planted.stream().anyMatch(f -> f.where().startsWith("slowlog")), planted.toString());
        try (LogCapture logs = LogCapture.start()) {
            LoggerFactory.getLogger("planted").info("{} chose {}", personOf(5).name(), "Tín nhiệm thấp");
            LoggerFactory.getLogger("planted").info("draft {} for {}", "1:L--", personOf(6).accountKey());
            assertEquals(2, new SecrecyScanner(people).scanLogs(logs.lines()).size());
        }
        Reply leak = new Reply.Send("tg:" + Votes.ORGANISER_ID,
                "1. Nguyễn Văn An (Cục trưởng): Tín nhiệm cao — " + personOf(7).name(), Keyboard.NONE);
        assertEquals(1, new SecrecyScanner(people).scanReplies(List.of(leak), Map.of()).size());
        Reply.Document leakyFile = new Reply.Document("tg:" + Votes.ORGANISER_ID, "ket-qua.csv", "text/csv",
                (personOf(3).id() + ",director:L\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        assertEquals(1, new SecrecyScanner(people).scanReplies(List.of(leakyFile), Map.of()).size());
        Reply late = new Reply.Send(personOf(8).accountKey(), "✓ Tín nhiệm cao", Keyboard.NONE);
        assertEquals(1, new SecrecyScanner(people).scanReplies(List.of(late), Map.of(personOf(8).accountKey(), 0))
                .size(), "a voter was shown a choice after submitting");
    }

    /**
     * One line per update, and nothing in it but the platform, this vote's id, the kind of update,
     * the kind of button (never its leader or choice), an outcome word and the handling time: no
     * person, account, chat, callback data, text typed, receipt or choice can be in it, so no
     * line, and no sequence of lines, pairs anyone with anything. The submits are in it (eight
     * ballots were counted), without who submitted them.
     */
    private static void assertUpdateLinesNameNoOne(List<String> logLines, int updates) {
        List<String> lines = logLines.stream().filter(l -> l.contains(" " + Observability.UPDATE_LOGGER + " "))
                .toList();
        assertEquals(updates, lines.size(), "one line per update");
        Pattern vocabulary = Pattern.compile("INFO tinnhiem\\.update \\[[^]]+] platform=(telegram|zalo) "
                + "vote=(" + VOTE + "|-) kind=(press|text|command|start|contact) "
                + "action=(rate|back|change|finish|submit|pick|force_open|force_close|invalid|-) outcome=[a-z_]+ ms=\\d+\\.\\d");
        for (String line : lines) {
            assertTrue(vocabulary.matcher(line).matches(), line);
        }
        assertEquals(8, lines.stream().filter(l -> l.contains(" outcome=submitted ")).count(),
                String.join("\n", lines));
    }

    /** The last edit of the voter's ballot message: the confirmation, without choices or buttons. */
    /** The last ballot message (an edit on Telegram; on Zalo, which cannot edit, the confirmation sent). */
    private static void assertFinalBallotShowsNoChoice(List<Reply> sent, Account who) {
        String text = null;
        Keyboard keyboard = null;
        for (Reply r : sent) {
            if (r instanceof Reply.Edit e && e.to().equals(who.key())) {
                text = e.text();
                keyboard = e.keyboard();
            } else if (!who.can().edits() && r instanceof Reply.Send s && s.to().equals(who.key())
                    && FlowDriver.receiptIn(List.of(s)) != null && text == null) {
                text = s.text();
                keyboard = s.keyboard();
            }
        }
        assertNotNull(text);
        assertNotNull(FlowDriver.receiptIn(List.of(new Reply.Send(who.key(), text, keyboard))), text);
        assertInstanceOf(Keyboard.None.class, keyboard);
        assertFalse(SecrecyScanner.ANY_CHOICE.matcher(text).find(), text);
    }
}
