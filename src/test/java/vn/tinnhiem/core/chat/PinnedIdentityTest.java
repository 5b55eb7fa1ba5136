package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.Votes;
import vn.tinnhiem.zalo.ZaloPlatform;

/**
 * Issue 18, item 1: an entry the vote file pins to a platform id is that account's only.
 * Its username (in any letter case) and phone number are for display, never for matching;
 * an account trying them is refused, audited, and reported to the organisers.
 */
class PinnedIdentityTest {
    private static final Messages VI = Messages.of(Locale.forLanguageTag("vi")).addressing("đồng chí"); // QĐ 96 votes say "đồng chí"
    private static final long BICH_NGOC_ID = 100_000_006L;
    private static final long PHUONG_ID = 100_000_021L;
    private static final Account ORGANISER = tg(Votes.ORGANISER_ID, null);

    private VoteDefinition vote;
    private InMemoryVoteStore store;
    private ChatFlow flow;
    private final Codes codes = new Codes();

    private static Account tg(long id, String username) {
        return new Account(TelegramPlatform.PLATFORM, Long.toString(id), username, "Tài khoản " + id, "vi");
    }

    @BeforeEach
    void setUp() {
        vote = Votes.builder("v1").participants(2)
                .participant(new Person("p06", "Ngô Thị Bích Ngọc",
                        RosterFields.identities(BICH_NGOC_ID, "bichngoc_ngo", "0900 000 106", null)))
                .participant(new Person("p04", "Hoàng Thị Lan", RosterFields.identities(null, "hoanglan_thads", null, null)))
                .participant(new Person("p10", "Chỉ Zalo", RosterFields.identities(null, "zalo_ma", null, "8800000000000110")))
                .organiser(new Person("org2", "Nguyễn Thị Phương",
                        RosterFields.identities(PHUONG_ID, "phuong_tochuc", null, null)))
                .build();
        store = new InMemoryVoteStore();
        flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, codes,
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC),
                List.of(TelegramPlatform.PLATFORM, ZaloPlatform.PLATFORM));
    }

    private static List<String> textsTo(List<Reply> replies, Account to) {
        return replies.stream().filter(r -> r instanceof Reply.Send s && s.to().equals(to.key()))
                .map(r -> ((Reply.Send) r).text()).toList();
    }

    private List<AuditEntry> takeovers() {
        return store.auditLog("v1").stream().filter(e -> e.event().equals("takeover")).toList();
    }

    @Test
    void aPinnedParticipantsUsernameInAnotherCaseDoesNotCheckIn() {
        Account impostor = tg(777_000_006L, "BichNgoc_NGO");
        List<Reply> tried = flow.handle(new Inbound.Start(impostor, null));

        assertEquals(List.of(VI.get("takeover.refused", vote.title())), textsTo(tried, impostor));
        assertEquals(Optional.empty(), store.accountOf("v1", "p06"));
        assertEquals(Optional.empty(), store.personOf("v1", impostor.key()));
        String alert = String.join("\n", textsTo(tried, ORGANISER));
        assertTrue(alert.contains("777000006") && alert.contains("Ngô Thị Bích Ngọc"), alert);
        assertEquals(1, takeovers().size());
        assertTrue(takeovers().get(0).detail().contains("person=p06") && takeovers().get(0).detail().contains("777000006"));

        // The real p06 checks in as usual, nobody warned.
        Account real = tg(BICH_NGOC_ID, "someone_else_now");
        List<Reply> welcome = flow.handle(new Inbound.Start(real, null));
        assertEquals(Optional.of(real.key()), store.accountOf("v1", "p06"), welcome.toString());
        assertTrue(textsTo(welcome, ORGANISER).isEmpty());
    }

    @Test
    void aPinnedOrganisersUsernameGetsNoStaffCommand() {
        Account impostor = tg(777_000_021L, "PHUONG_tochuc");
        for (String command : List.of("status", "open", "close", "audit", "results")) {
            List<Reply> r = flow.handle(new Inbound.Command(impostor, command, List.of()));
            assertEquals(List.of(VI.get("command.notallowed")), textsTo(r, impostor), command);
        }
        assertEquals(VoteState.DRAFT, store.state("v1"));
        assertFalse(store.staffAccounts("v1").containsValue(impostor.key()), "the impostor is not remembered as staff");
        // Audited and reported once, to the organisers by their ids.
        assertEquals(1, takeovers().size(), takeovers().toString());
        assertTrue(takeovers().get(0).detail().contains("person=org2"));
        assertTrue(new Audience(store, new Platforms(List.of(TelegramPlatform.PLATFORM))).organisers(vote)
                .stream().noneMatch(impostor.key()::equals));
    }

    @Test
    void theReportReachesTheOrganisers() {
        Account impostor = tg(777_000_022L, "phuong_tochuc");
        List<Reply> r = flow.handle(new Inbound.Command(impostor, "status", List.of()));
        String toOrg1 = String.join("\n", textsTo(r, ORGANISER));
        String toOrg2 = String.join("\n", textsTo(r, tg(PHUONG_ID, null)));
        assertTrue(toOrg1.contains("777000022") && toOrg1.contains("Nguyễn Thị Phương"), r.toString());
        assertEquals(toOrg1, toOrg2);
    }

    @Test
    void aPinnedParticipantsPhoneDoesNotCheckInAnotherAccount() {
        Account other = tg(777_000_106L, null);
        List<Reply> r = flow.handle(new Inbound.ContactShared(other, "+84900000106", true));
        assertEquals(List.of(VI.get("takeover.refused", vote.title())), textsTo(r, other));
        assertEquals(Optional.empty(), store.accountOf("v1", "p06"));
        assertEquals(1, takeovers().size());
    }

    @Test
    void anEntryWithoutAnIdIsStillRecognisedByUsername() {
        Account lan = tg(777_000_004L, "HoangLan_THADS");
        flow.handle(new Inbound.Start(lan, null));
        assertEquals(Optional.of(lan.key()), store.accountOf("v1", "p04"));
        assertTrue(takeovers().isEmpty());
    }

    @Test
    void aZaloPinHoldsAgainstATelegramAccountUsingTheEntrysCode() {
        String code = codes.invite();
        store.issueInvites("v1", Map.of("p10", code));
        Account telegram = tg(777_000_010L, "zalo_ma");
        List<Reply> r = flow.handle(new Inbound.Start(telegram, code));
        assertEquals(List.of(VI.get("checkin.code.pinned", vote.title())), textsTo(r, telegram));
        assertEquals(Optional.empty(), store.accountOf("v1", "p10"));

        // The Zalo account the file names checks in with its id alone.
        Account zalo = new Account(ZaloPlatform.PLATFORM, "8800000000000110", null, null, "vi");
        flow.handle(new Inbound.Start(zalo, null));
        assertEquals(Optional.of(zalo.key()), store.accountOf("v1", "p10"));
    }
}
