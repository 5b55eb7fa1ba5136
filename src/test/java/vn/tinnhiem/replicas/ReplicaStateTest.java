package vn.tinnhiem.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.FlowMemory;
import vn.tinnhiem.core.chat.Inbound;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.core.chat.ResultFiles;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.store.RedisGuessCounts;
import vn.tinnhiem.store.RedisLanguageNotes;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * Issue 9, item 1: what the flow remembers holds across replicas. Each test runs two flows on one
 * real Redis, as two bot replicas behind a load balancer would, and would fail if that state
 * lived in one process (as it did: a flag and a lock in the announcer, maps in the throttle, the
 * languages and the staff memo).
 */
class ReplicaStateTest {
    private static final RedisServer redis = RedisServer.shared();
    private static final Instant T0 = Instant.parse("2026-11-30T03:00:00Z");

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final MutableClock clock = new MutableClock(T0);

    @BeforeEach
    void empty() {
        redis.flushAll();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** A clock the test moves; shared by both replicas (their clocks agree well enough). */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** One replica: its own store client, flow and memory, on the shared Redis. */
    private ChatFlow replica(VoteDefinition vote, ResultFiles files) {
        VoteStore store = new RedisVoteStore(redis.client(), VoteStore.DEFAULT_DRAFT_TTL);
        closing.add(store);
        return new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), clock,
                List.of(TelegramPlatform.PLATFORM), files,
                new FlowMemory(new RedisGuessCounts(redis.client()), new RedisLanguageNotes(redis.client())));
    }

    private static Account tg(long id, String lang) {
        return new Account(TelegramPlatform.PLATFORM, Long.toString(id), null, null, lang);
    }

    private static final Account ORGANISER = tg(Votes.ORGANISER_ID, "vi");

    @Test
    void resultsAreAnnouncedOnceWhenTwoReplicasTickPastTheDeadlineTogether() throws Exception {
        VoteDefinition vote = Votes.builder("v1").participants(3).deadline(T0.plusSeconds(60)).build();
        // Drawing the files is slow: both replicas are inside the announcement at once unless
        // something outside the process lets only one in.
        CyclicBarrier bothInside = new CyclicBarrier(2);
        ResultFiles slow = (results, receipts, audit, language, at) -> {
            try {
                bothInside.await(3, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Only one got in: what the test wants; go on.
            }
            return List.of(new ResultFiles.File("results.csv", "text/csv", new byte[] {'x'}));
        };
        ChatFlow a = replica(vote, slow);
        ChatFlow b = replica(vote, slow);
        for (int i = 1; i <= 3; i++) {
            a.handle(new Inbound.Start(tg(Votes.participantTelegramId(i), "vi"), null));
        }
        a.handle(new Inbound.Command(ORGANISER, "open", List.of()));
        clock.advance(Duration.ofMinutes(2));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<Reply>> fromA = pool.submit(a::tick);
            Future<List<Reply>> fromB = pool.submit(b::tick);
            List<Reply> ra = fromA.get(30, TimeUnit.SECONDS);
            List<Reply> rb = fromB.get(30, TimeUnit.SECONDS);
            assertTrue(ra.isEmpty() != rb.isEmpty(), "exactly one replica announces: " + ra.size() + " and "
                    + rb.size() + " replies");
            List<Reply> all = new ArrayList<>(ra);
            all.addAll(rb);
            assertEquals(1, all.stream().filter(r -> r instanceof Reply.Document d && d.to().equals(ORGANISER.key()))
                    .count(), all.toString());
        } finally {
            pool.shutdownNow();
        }
        // And later ticks, on either replica, announce nothing more.
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(), a.tick());
        assertEquals(List.of(), b.tick());
        VoteStore store = new RedisVoteStore(redis.client(), VoteStore.DEFAULT_DRAFT_TTL);
        assertEquals(1, store.auditLog("v1").stream().filter(e -> e.event().equals("announced")).count());
    }

    @Test
    void aReplicaThatDiesHoldingTheClaimHoldsUpTheAnnouncementOnlyUntilTheClaimLapses() {
        VoteStore one = new RedisVoteStore(redis.client(), VoteStore.DEFAULT_DRAFT_TTL);
        assertTrue(one.claimAnnouncement("v2", "replica-1", Duration.ofMillis(300)));
        assertFalse(one.claimAnnouncement("v2", "replica-2", Duration.ofMillis(300)), "held by replica 1");
        // Replica 1 "dies"; once its lease has run out replica 2 takes over and records the announcement.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!one.claimAnnouncement("v2", "replica-2", Duration.ofSeconds(30))) {
            assertTrue(System.nanoTime() < until, "the claim never lapsed");
        }
        assertTrue(one.recordAnnounced("v2", "replica-2", new AuditEntry(T0, "announced", "recipients=1")));
        // Replica 1 comes back from a long pause: its announcement is not sent.
        assertFalse(one.recordAnnounced("v2", "replica-1", new AuditEntry(T0, "announced", "recipients=1")));
        assertFalse(one.claimAnnouncement("v2", "replica-1", Duration.ofSeconds(30)), "announced already");
    }

    @Test
    void wrongCodesSpreadOverTwoReplicasAreCountedTogether() {
        VoteDefinition vote = Votes.builder("v1").participants(3).build();
        ChatFlow a = replica(vote, ResultFiles.NONE);
        ChatFlow b = replica(vote, ResultFiles.NONE);
        Account guesser = tg(555_000_001L, "vi");
        Codes codes = new Codes();
        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? a : b).handle(new Inbound.Text(guesser, Codes.grouped(codes.invite())));
        }
        List<Reply> sixth = a.handle(new Inbound.Text(guesser, Codes.grouped(codes.invite())));
        Messages vi = Messages.of(Messages.VIETNAMESE).forVote(vote);
        assertEquals(vi.get("checkin.code.throttled", 15), ((Reply.Send) sixth.get(0)).text(), sixth.toString());
        // The window ends for both replicas.
        clock.advance(Duration.ofMinutes(16));
        List<Reply> later = b.handle(new Inbound.Text(guesser, Codes.grouped(codes.invite())));
        assertFalse(((Reply.Send) later.get(0)).text().equals(vi.get("checkin.code.throttled", 1)), later.toString());
    }

    @Test
    void aBroadcastFromAnotherReplicaIsInTheLanguageThePersonWroteIn() {
        VoteDefinition vote = Votes.builder("v1").participants(3).build();
        ChatFlow a = replica(vote, ResultFiles.NONE);
        ChatFlow b = replica(vote, ResultFiles.NONE);
        Account english = tg(Votes.participantTelegramId(1), "en");
        a.handle(new Inbound.Start(english, null));
        for (int i = 2; i <= 3; i++) {
            b.handle(new Inbound.Start(tg(Votes.participantTelegramId(i), "vi"), null));
        }
        List<Reply> opened = b.handle(new Inbound.Command(ORGANISER, "open", List.of()));
        // The ballot, after the short note that comes before the first leader.
        String ballot = opened.stream().filter(r -> r.to().equals(english.key()) && r instanceof Reply.Send)
                .map(r -> ((Reply.Send) r).text()).filter(t -> t.contains("Leader 1 of")).findFirst()
                .orElseThrow(() -> new AssertionError(opened.toString()));
        assertTrue(ballot.contains(vote.title()), ballot);
        assertTrue(ballot.contains("Please choose a level of confidence"), "in English: " + ballot);
    }

    @Test
    void staffWritingFromAnotherAccountOnAnotherReplicaIsFollowed() {
        // An organiser known by username only: announcements reach the account they last wrote from.
        Person boss = new Person("org9", "Trần Văn Sếp", RosterFields.identities(null, "sep_tran", null, null));
        VoteDefinition vote = Votes.builder("v1").participants(3).organiser(boss).build();
        ChatFlow a = replica(vote, ResultFiles.NONE);
        ChatFlow b = replica(vote, ResultFiles.NONE);
        Account phone = new Account(TelegramPlatform.PLATFORM, "700000001", "sep_tran", null, "vi");
        Account laptop = new Account(TelegramPlatform.PLATFORM, "700000002", "sep_tran", null, "vi");
        a.handle(new Inbound.Command(phone, "status", List.of()));
        b.handle(new Inbound.Command(laptop, "status", List.of()));
        clock.advance(Duration.ofMinutes(2));
        a.handle(new Inbound.Command(phone, "status", List.of()));
        VoteStore store = new RedisVoteStore(redis.client(), VoteStore.DEFAULT_DRAFT_TTL);
        assertEquals(phone.key(), store.staffAccounts("v1").get("org9"));
    }
}
