package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.Votes;
import vn.tinnhiem.zalo.ZaloPlatform;

/**
 * Issue 11, item 4: an invite code never claims an entry the vote file pins to another
 * account, and the organisers' alert names the account that tried.
 */
class InviteCodeCheckInTest {
    private static final Messages VI = Messages.of(java.util.Locale.forLanguageTag("vi")).addressing("đồng chí"); // QĐ 96 votes say "đồng chí"
    private static final long PINNED_ID = Votes.participantTelegramId(1);
    private static final Account PINNED = account(PINNED_ID, "thatthat");
    private static final Account INTRUDER = account(777_000_001L, "keGian");
    private static final Account ORGANISER = account(Votes.ORGANISER_ID, null);

    private VoteDefinition vote;
    private InMemoryVoteStore store;
    private ChatFlow flow;
    private final Codes codes = new Codes();

    private static Account account(long id, String username) {
        return new Account(TelegramPlatform.PLATFORM, Long.toString(id), username, "Tài khoản " + id, "vi");
    }

    @BeforeEach
    void setUp() {
        vote = Votes.builder("v1").participants(2)
                .participant(new Person("p03", "Hoàng Văn Ba", List.of()))
                .participant(new Person("p04", "Chỉ Zalo", RosterFields.identities(null, null, null, "6ede9afa66b88fe6d104")))
                .build();
        store = new InMemoryVoteStore();
        flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, codes,
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC), List.of(TelegramPlatform.PLATFORM, ZaloPlatform.PLATFORM));
    }

    /** A code in the store for {@code personId}, as {@code invites} issued for every entry before the fix. */
    private String codeFor(String personId) {
        String code = codes.invite();
        store.issueInvites("v1", Map.of(personId, code));
        return code;
    }

    private static List<String> textsTo(List<Reply> replies, Account to) {
        return replies.stream().filter(r -> r instanceof Reply.Send s && s.to().equals(to.key()))
                .map(r -> ((Reply.Send) r).text()).toList();
    }

    @Test
    void aCodeDoesNotClaimAnEntryPinnedToAnotherTelegramAccount() {
        String code = codeFor("p01");
        List<Reply> tried = flow.handle(new Inbound.Start(INTRUDER, code));

        assertEquals(List.of(VI.get("checkin.code.pinned", vote.title())), textsTo(tried, INTRUDER));
        assertEquals(Optional.empty(), store.personOf("v1", INTRUDER.key()));
        assertEquals(Optional.empty(), store.accountOf("v1", "p01"));
        // The alert names the account that tried, not the pinned one.
        String alert = String.join("\n", textsTo(tried, ORGANISER));
        assertTrue(alert.contains("777000001") && alert.contains("@keGian") && alert.contains("Người 1"), alert);
        assertFalse(alert.contains(Long.toString(PINNED_ID)), alert);

        // The pinned account keeps its entry.
        List<Reply> real = flow.handle(new Inbound.Start(PINNED, null));
        assertEquals(VI.get("checkin.welcome", "Người 1", vote.title(), vote.unit()) + "\n" + VI.get("checkin.waiting"),
                textsTo(real, PINNED).get(0));
        assertEquals(Optional.of(PINNED.key()), store.accountOf("v1", "p01"));
        assertTrue(textsTo(real, ORGANISER).isEmpty(), "no alert about the rightful account");
    }

    @Test
    void aTypedCodeForAPinnedEntryIsRefusedTooAndCountsAsAWrongGuess() {
        String code = Codes.grouped(codeFor("p02")).toLowerCase();
        for (int i = 0; i < 5; i++) {
            flow.handle(new Inbound.Text(INTRUDER, code));
        }
        List<Reply> sixth = flow.handle(new Inbound.Text(INTRUDER, code));
        assertTrue(textsTo(sixth, INTRUDER).get(0).equals(VI.get("checkin.code.throttled", 15)), sixth.toString());
        assertEquals(Optional.empty(), store.accountOf("v1", "p02"));
    }

    @Test
    void thePinnedAccountItselfMayUseItsCode() {
        String code = codeFor("p01");
        List<Reply> r = flow.handle(new Inbound.Start(PINNED, code));
        assertEquals(Optional.of(PINNED.key()), store.accountOf("v1", "p01"), r.toString());
    }

    @Test
    void aCodeStillChecksInAnEntryNothingElseRecognises() {
        String code = codeFor("p03");
        List<Reply> r = flow.handle(new Inbound.Start(INTRUDER, code.toLowerCase()));
        assertEquals(Optional.of(INTRUDER.key()), store.accountOf("v1", "p03"), r.toString());
    }

    @Test
    void anEntryPinnedToAZaloIdIsClaimedByNoOtherAccountOnAnyPlatform() {
        // Issue 18 (taking over issue 17's rule): a Zalo id pins the entry as a Telegram id does.
        String code = codeFor("p04");
        Account otherZalo = new Account(ZaloPlatform.PLATFORM, "6ede9afa66b88fe6d999", null, null, "vi");
        List<Reply> refused = flow.handle(new Inbound.Start(otherZalo, code));
        assertEquals(Optional.empty(), store.accountOf("v1", "p04"), refused.toString());
        List<Reply> telegram = flow.handle(new Inbound.Start(INTRUDER, code));
        assertEquals(List.of(VI.get("checkin.code.pinned", vote.title())), textsTo(telegram, INTRUDER));
        assertEquals(Optional.empty(), store.accountOf("v1", "p04"));
    }

    @Test
    void whenThePinnedAccountFindsItsEntryTakenTheAlertSaysItIsTheRightfulOne() {
        // Left over from before the fix: a code-holder already holds the pinned entry.
        store.checkIn("v1", "p01", INTRUDER.key());
        List<Reply> r = flow.handle(new Inbound.Start(PINNED, null));
        String alert = String.join("\n", textsTo(r, ORGANISER));
        assertEquals(VI.get("checkin.conflict.pinned.organisers", "Người 1",
                "Tài khoản " + PINNED_ID + " @thatthat (tg:" + PINNED_ID + ")", vote.title()), alert);
    }

    /** Issue 18, item 4: a code of an entry checked in from another account says so, and the organisers hear of it. */
    @Test
    void aCodeOfAnEntryCheckedInElsewhereIsRefusedAsSuchAndReported() {
        String code = codeFor("p03");
        Account first = account(777_000_003L, null);
        flow.handle(new Inbound.Start(first, code.toLowerCase()));
        String second = codeFor("p03");
        assertTrue(second != null);
        Account other = account(777_000_033L, "nguoikhac");
        List<Reply> r = flow.handle(new Inbound.Start(other, second));
        assertEquals(List.of(VI.get("checkin.entry.taken", "Hoàng Văn Ba", vote.title())), textsTo(r, other));
        String alert = String.join("\n", textsTo(r, ORGANISER));
        assertTrue(alert.contains("777000033") && alert.contains("Hoàng Văn Ba"), r.toString());
        assertEquals(Optional.of(first.key()), store.accountOf("v1", "p03"));
    }
}
