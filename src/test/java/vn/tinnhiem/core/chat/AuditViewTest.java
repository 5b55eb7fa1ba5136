package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.Votes;

/**
 * /audit as a supervisor reads it: in the vote's language, times in the vote's zone, staff by
 * name; before, "quorum present=12 summoned=14 by=org2" and ISO times (issue 22).
 */
class AuditViewTest {
    private static final Pattern RAW = Pattern.compile("\\b(present|summoned|by|count|recipients|receipts|returned|rows)="
            + "|sha256=|\\d{4}-\\d{2}-\\d{2}T|\\s{2}(quorum|reminded|announced|checked|opened|closed|results)\\s{2}");

    @ParameterizedTest
    @CsvSource({"vi, 'Có mặt 2/3, đủ 2/3; người bắt đầu: Ban tổ chức', '10:00:00 28/11/2026'",
            "en, 'Present 2 of 3, quorum of 2/3 reached; opened by Ban tổ chức', '10:00:00, 28 Nov 2026'"})
    void theAuditLogReadsInTheVotesLanguage(String language, String quorumLine, String time) {
        VoteDefinition vote = Votes.reference("v1", 3);
        InMemoryVoteStore store = new InMemoryVoteStore();
        ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC), List.of(TelegramPlatform.PLATFORM));
        Account organiser = new Account(TelegramPlatform.PLATFORM, Long.toString(Votes.ORGANISER_ID), null, null, "vi");
        Account supervisor = new Account(TelegramPlatform.PLATFORM, Long.toString(Votes.SUPERVISOR_ID), null, null,
                language);
        for (int i = 1; i <= 2; i++) {
            flow.handle(new Inbound.Start(new Account(TelegramPlatform.PLATFORM,
                    Long.toString(Votes.participantTelegramId(i)), null, null, "vi"), null));
        }
        flow.handle(new Inbound.Command(organiser, "open", List.of()));
        flow.handle(new Inbound.Command(organiser, "remind", List.of()));
        flow.handle(new Inbound.Command(organiser, "close", List.of("force")));

        String audit = ((Reply.Send) flow.handle(new Inbound.Command(supervisor, "audit", List.of())).get(0)).text();

        assertFalse(RAW.matcher(audit).find(), audit);
        assertTrue(audit.contains(quorumLine), audit);
        assertTrue(audit.contains(time), "the vote's time zone (+07:00): " + audit);
        assertTrue(audit.lines().count() >= 8, audit);
    }
}
