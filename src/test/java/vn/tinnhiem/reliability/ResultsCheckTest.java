package vn.tinnhiem.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * Issue 11, item 7: "the number of receipts equals the ballots returned" used to be read
 * from the one hash that holds both, so it could not fail. The check at close now sets the
 * rows counted for each leader (the counts hash) against the ballots returned and the
 * receipts (the voted hash): two structures the store keeps apart. It records the outcome
 * in the audit log, and a count planted in Redis behind the bot's back is caught.
 */
class ResultsCheckTest {
    private static final String VOTE = "check";
    private static final int N = 6;
    private static final RedisServer server = RedisServer.shared();

    private VoteStore store;
    private FlowDriver bot;

    @BeforeEach
    void setUp() {
        server.flushAll();
        store = new RedisVoteStore(server.client(), Duration.ofHours(1));
        bot = new FlowDriver(Votes.reference(VOTE, N), store);
        for (int i = 1; i <= N; i++) {
            bot.start(FlowDriver.participant(i, "vi"));
        }
        bot.command(FlowDriver.ORGANISER, "open");
        for (int i = 1; i <= 5; i++) {
            bot.voteThrough(FlowDriver.participant(i, "vi"), List.of(Choice.HIGH, Choice.values()[i % 4], Choice.LOW));
        }
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private String closeAndCheck(Consumer<Jedis> tamper) {
        tamper.accept(server.jedis());
        List<Reply> replies = bot.command(FlowDriver.ORGANISER, "close force");
        List<AuditEntry> checked = store.auditLog(VOTE).stream().filter(e -> e.event().equals("checked")).toList();
        assertEquals(1, checked.size(), store.auditLog(VOTE).toString());
        boolean warned = replies.stream().anyMatch(r -> r instanceof Reply.Send s
                && s.to().equals(FlowDriver.ORGANISER.key()) && s.text().contains("kiểm tra không khớp"));
        assertEquals(checked.get(0).detail().contains("MISMATCH"), warned, "the organiser's warning: " + replies);
        return checked.get(0).detail();
    }

    @Test
    void aCountThatAddsUpIsRecordedAsChecked() {
        assertEquals("receipts=5 returned=5 rows=ok", closeAndCheck(jedis -> { }));
    }

    @Test
    void aRowCountedWithoutAReceiptIsCaught() {
        String detail = closeAndCheck(jedis -> jedis.hincrBy("tn:{" + VOTE + "}:counts", "deputy1:M", 1));
        assertEquals("receipts=5 returned=5 MISMATCH deputy1_rows=6", detail);
    }

    @Test
    void aReceiptWithoutRowsIsCaught() {
        String detail = closeAndCheck(jedis -> jedis.hset("tn:{" + VOTE + "}:voted", "p06", "ZZZZZ-ZZZZZ"));
        assertEquals("receipts=6 returned=6 MISMATCH director_rows=5 deputy1_rows=5 deputy2_rows=5", detail);
    }

    @Test
    void unbalancedLeadersAreThoseWhoseRowsDoNotAddUpToTheBallotsReturned() {
        Tally t = new Tally(9, 4, List.of(new LeaderCounts(1, 1, 1, 1), new LeaderCounts(4, 0, 0, 1),
                new LeaderCounts(0, 0, 0, 4), new LeaderCounts(0, 3, 0, 0)));
        assertEquals(List.of(1, 3), t.unbalancedLeaders());
    }
}
