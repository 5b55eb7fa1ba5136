package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.Votes;

/**
 * Hostile input: generated updates of every kind, forged callback data, junk commands and
 * huge texts. Zero unhandled exceptions, and input the flow must refuse changes nothing.
 */
class FlowFuzzTest {
    private static final int INPUTS = 100_000;
    private VoteDefinition vote;
    private InMemoryVoteStore store;
    private ChatFlow flow;
    private final Random random = new Random(20261128);

    @BeforeEach
    void setUp() {
        vote = Votes.reference("v1", 6);
        store = new InMemoryVoteStore();
        flow = new ChatFlow(new VoteRegistry(List.of(vote, Votes.reference("other", 2))), store, new Codes(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC), List.of(TelegramPlatform.PLATFORM));
        for (int i = 1; i <= 6; i++) {
            flow.handle(new Inbound.Start(participant(i), null));
        }
        flow.handle(new Inbound.Command(tg(Votes.ORGANISER_ID), "open", List.of("v1")));
        assertEquals(vn.tinnhiem.core.VoteState.OPEN, store.state("v1"));
        // p01 is half-way through a ballot, so forged presses have a draft to disturb.
        flow.handle(new Inbound.Press(participant(1), "1", CallbackData.rate("v1", 0, Choice.HIGH), "q"));
    }

    private static Account tg(long id) {
        return new Account(TelegramPlatform.PLATFORM, Long.toString(id), null, null, null);
    }

    private static Account participant(int i) {
        return tg(Votes.participantTelegramId(i));
    }

    /** Everything a refused input must leave untouched. */
    private String snapshot() {
        StringBuilder b = new StringBuilder();
        for (String id : List.of("v1", "other")) {
            b.append(store.state(id)).append(store.checkedIn(id)).append(store.voters(id))
                    .append(store.tally(id, List.of("director", "deputy1", "deputy2")))
                    .append(store.receipts(id)).append(store.auditLog(id).size());
            for (int i = 1; i <= 6; i++) {
                b.append(store.draft(id, String.format("p%02d", i), 3).encode());
            }
        }
        return b.toString();
    }

    @Test
    void forgedCallbackDataNeverChangesStateNorThrows() {
        String before = snapshot();
        for (int n = 0; n < INPUTS; n++) {
            String data = forgedData();
            Account who = random.nextInt(4) == 0 ? tg(random.nextLong()) : participant(1 + random.nextInt(6));
            List<Reply> replies = handle(new Inbound.Press(who, Integer.toString(random.nextInt()), data, "q" + n));
            assertTrue(replies.get(0) instanceof Reply.Answer, "every press is answered first: " + data);
        }
        assertEquals(before, snapshot(), "invalid presses changed the store");
        // The check can fail: one real press does change the snapshot.
        handle(new Inbound.Press(participant(2), "1", CallbackData.rate("v1", 0, Choice.BLANK), "real"));
        assertTrue(!before.equals(snapshot()), "snapshot does not see a real change");
    }

    @Test
    void junkCommandsTextsAndContactsNeverThrow() {
        String before = snapshot();
        for (int n = 0; n < INPUTS; n++) {
            Account who = randomAccount();
            Inbound in = switch (random.nextInt(4)) {
                case 0 -> new Inbound.Command(who, junk(12), junkArgs());
                case 1 -> new Inbound.Text(who, junk(200));
                case 2 -> new Inbound.ContactShared(who, junk(20), false);
                default -> new Inbound.Start(who, junk(70));
            };
            handle(in);
        }
        // A 10 MB text is refused like any other text that is not an invite code.
        List<Reply> huge = handle(new Inbound.Text(participant(2), "A".repeat(10 * 1024 * 1024)));
        assertEquals(1, huge.size());
        assertEquals(before, snapshot(), "junk input changed the store");
    }

    /**
     * Zalo-style participants type junk at their text menu: nothing throws, every text is
     * answered with text only, a text the menu does not understand changes nothing, and the
     * counts always add up to the ballots returned.
     */
    @Test
    void junkTypedAtATextMenuIsAnsweredAndChangesNothingItDoesNotUnderstand() {
        Votes.Builder b = Votes.builder("z");
        for (int i = 1; i <= 4; i++) {
            b.participant(new vn.tinnhiem.core.Person("z" + i, "Zalo " + i,
                    vn.tinnhiem.config.RosterFields.identities(null, null, null, "6ede9afa66b88fe6d" + i)));
        }
        InMemoryVoteStore zstore = new InMemoryVoteStore();
        ChatFlow zflow = new ChatFlow(new VoteRegistry(List.of(b.build())), zstore, new Codes(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC),
                List.of(TelegramPlatform.PLATFORM, vn.tinnhiem.zalo.ZaloPlatform.PLATFORM));
        List<Account> voters = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Account a = new Account(vn.tinnhiem.zalo.ZaloPlatform.PLATFORM, "6ede9afa66b88fe6d" + i, null, null, null);
            voters.add(a);
            zflow.handle(new Inbound.Start(a, null));
        }
        zflow.handle(new Inbound.Command(tg(Votes.ORGANISER_ID), "open", List.of()));
        int understood = 0;
        for (int n = 0; n < INPUTS / 4; n++) {
            Account who = voters.get(random.nextInt(4));
            String person = "z" + who.userId().substring(who.userId().length() - 1);
            String text = random.nextInt(5) == 0 ? List.of("1", "2", "3", "4", "0", "gửi", "sửa 2", "cao", "back")
                    .get(random.nextInt(9)) : junk(30);
            String before = zstore.draft("z", person, 3).encode();
            boolean voted = zstore.hasVoted("z", person);
            List<Reply> replies;
            try {
                replies = zflow.handle(new Inbound.Text(who, text));
            } catch (RuntimeException e) {
                fail("unhandled " + e + " for a typed text", e);
                return;
            }
            assertFalse(replies.isEmpty(), "every typed text is answered");
            for (Reply r : replies) {
                assertTrue(r instanceof Reply.Send s && s.keyboard() instanceof Keyboard.None, "text only: " + r);
            }
            if (!voted && TextBallot.parse(text, vn.tinnhiem.core.Draft.decode(before, 0))
                    instanceof TextBallot.Typed.Unknown) {
                assertEquals(before, zstore.draft("z", person, 3).encode(), "not understood, yet changed: " + text);
                assertEquals(voted, zstore.hasVoted("z", person));
            } else {
                understood++;
            }
            var tally = zstore.tally("z", List.of("director", "deputy1", "deputy2"));
            for (var c : tally.counts()) {
                assertEquals(tally.returned(), c.valid() + c.blank(), "rows add up to the ballots returned");
            }
        }
        assertTrue(understood > 0, "some texts were answers, so the check above could fail");
    }

    private List<Reply> handle(Inbound in) {
        try {
            return flow.handle(in);
        } catch (RuntimeException e) {
            fail("unhandled " + e + " for " + in.getClass().getSimpleName(), e);
            return List.of();
        }
    }

    private Account randomAccount() {
        return switch (random.nextInt(3)) {
            case 0 -> participant(1 + random.nextInt(6));
            // Participants' Telegram ids are in the 200 million range; these never are.
            case 1 -> tg(300_000_000L + random.nextInt(1_000_000));
            default -> new Account(TelegramPlatform.PLATFORM, Long.toString(random.nextLong() & Long.MAX_VALUE),
                    junk(10), junk(10), junk(5));
        };
    }

    private List<String> junkArgs() {
        List<String> args = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            args.add(junk(40));
        }
        return args;
    }

    /** Callback data that must be refused: near-misses of the real grammar and plain garbage. */
    private String forgedData() {
        String v = random.nextBoolean() ? "v1" : random.nextBoolean() ? "other" : junk(8);
        int k = random.nextBoolean() ? 3 + random.nextInt(200) : -1 - random.nextInt(5);
        return switch (random.nextInt(9)) {
            case 0 -> "r:" + v + ":" + k + ":H";
            case 1 -> "r:v1:0:" + "ACDEFGIJKNOPQRSTUVWXYZ".charAt(random.nextInt(22)); // no H, M, L, B
            case 2 -> "s:v1:" + junk(5);
            case 3 -> "b:v1:" + k;
            case 4 -> "r:v1:0:H" + "x".repeat(60);
            case 5 -> "r:other:0:H"; // p01..p06 are not on the roster of "other"
            case 6 -> "s:other";
            case 7 -> new String(new char[] {'r', ':', '\uD800', 'v', '1'});
            default -> junk(80);
        };
    }

    private String junk(int max) {
        int len = random.nextInt(max + 1);
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                b.append("rbsepo:-0123456789vHMLB/ ".charAt(random.nextInt(25)));
            } else if (kind < 8) {
                b.append((char) (32 + random.nextInt(95)));
            } else {
                b.append((char) random.nextInt(0x10000));
            }
        }
        return b.toString();
    }
}
