package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.Votes;

/**
 * The one-live-copy rule where the adapter's report of a sent ballot is missing or late: a
 * {@code kill -9} between the platform's answer and the record, or a copy still on its way
 * when the participant submits from another.
 */
class BallotCopiesTest {
    private static final Messages VI = Messages.of(Messages.VIETNAMESE).forVote(Votes.reference("v1", 1));
    private VoteDefinition vote;
    private InMemoryVoteStore store;
    private ChatFlow flow;
    private int seq;

    private static final Account P1 = new Account(TelegramPlatform.PLATFORM,
            Long.toString(Votes.participantTelegramId(1)), null, null, "vi");
    private static final Account ORGANISER = new Account(TelegramPlatform.PLATFORM, Long.toString(Votes.ORGANISER_ID),
            null, null, "vi");

    @BeforeEach
    void setUp() {
        vote = Votes.reference("v1", 1);
        store = new InMemoryVoteStore();
        flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC), List.of(TelegramPlatform.PLATFORM));
        flow.handle(new Inbound.Start(P1, null));
        flow.handle(new Inbound.Command(ORGANISER, "open", List.of()));
    }

    private List<Reply> press(String messageId, String data) {
        return flow.handle(new Inbound.Press(P1, messageId, data, "q" + (++seq)));
    }

    private static Keyboard ballotKeyboard(List<Reply> replies) {
        return replies.stream().filter(r -> r instanceof Reply.Send s && s.keyboard() instanceof Keyboard.Inline)
                .map(r -> ((Reply.Send) r).keyboard()).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aCopyWhoseReportWasLostIsRecordedByItsFirstPressAndOlderCopiesAreRefused() {
        // The ballot sent at /open was never reported (the bot died before recording it).
        assertEquals(Optional.of(BallotCopies.RETIRED), store.ballotMessage("v1", "p01"), "no copy recorded live");
        List<Reply> moved = press("41", CallbackData.rate("v1", 0, Choice.HIGH));
        assertTrue(moved.stream().anyMatch(r -> r instanceof Reply.Edit e && e.messageId().equals("41")));
        assertEquals(Optional.of("41"), store.ballotMessage("v1", "p01"));

        List<Reply> stale = press("40", CallbackData.rate("v1", 1, Choice.LOW));
        assertEquals(new Reply.Answer(P1.key(), "q2", VI.get("ballot.rejected.stale")), stale.get(0));
        assertEquals(new Reply.Edit(P1.key(), "40", VI.get("ballot.copy.retired", vote.title()), Keyboard.NONE),
                stale.get(1));
        assertEquals(2, stale.size());
        assertEquals(1, store.draft("v1", "p01", 3).cursor(), "the press on the older copy moved the ballot");
    }

    @Test
    void aFreshCopyRetiresTheLiveOneAndItsReportMakesItLive() {
        flow.delivered(P1.key(), ballotKeyboard(flow.handle(new Inbound.Start(P1, null))), "50");
        List<Reply> again = flow.handle(new Inbound.Start(P1, null));
        assertTrue(again.contains(new Reply.Edit(P1.key(), "50", VI.get("ballot.copy.retired", vote.title()),
                Keyboard.NONE)), again.toString());
        // Before the fresh copy's report arrives, a press on the retired copy is still refused.
        List<Reply> early = press("50", CallbackData.rate("v1", 0, Choice.LOW));
        assertEquals(VI.get("ballot.rejected.stale"), ((Reply.Answer) early.get(0)).text());
        assertEquals(0, store.draft("v1", "p01", 3).cursor(), "a press on a retired copy moved the ballot");
        assertEquals(List.of(), flow.delivered(P1.key(), ballotKeyboard(again), "51"));
        assertEquals(Optional.of("51"), store.ballotMessage("v1", "p01"));
        // A report that arrives late, after a newer copy was recorded, retires the copy it replaces.
        assertEquals(List.of(new Reply.Edit(P1.key(), "51", VI.get("ballot.copy.retired", vote.title()),
                Keyboard.NONE)), flow.delivered(P1.key(), ballotKeyboard(again), "52"));
    }

    @Test
    void aCopyReportedAfterSubmitIsMadeNeutralAtOnce() {
        Keyboard keyboard = ballotKeyboard(flow.handle(new Inbound.Start(P1, null)));
        press("60", CallbackData.rate("v1", 0, Choice.HIGH));
        press("60", CallbackData.rate("v1", 1, Choice.HIGH));
        press("60", CallbackData.rate("v1", 2, Choice.HIGH));
        press("60", CallbackData.finish("v1"));
        press("60", CallbackData.submit("v1"));
        assertTrue(store.hasVoted("v1", "p01"));
        assertEquals(Optional.empty(), store.ballotMessage("v1", "p01"), "no copy is live after Submit");
        assertEquals(List.of(new Reply.Edit(P1.key(), "61", VI.get("ballot.copy.voted", vote.title()),
                Keyboard.NONE)), flow.delivered(P1.key(), keyboard, "61"));
        // Any other keyboard is not a ballot.
        assertEquals(List.of(), flow.delivered(P1.key(), Keyboard.NONE, "62"));
        assertFalse(store.ballotMessages("v1").containsKey("p01"));
    }

    @Test
    void aCopyReportedAfterCloseIsMadeNeutralAndOneForAnAccountLinkedToNobodyIsLeftAlone() {
        Keyboard keyboard = ballotKeyboard(flow.handle(new Inbound.Start(P1, null)));
        flow.handle(new Inbound.Command(ORGANISER, "close", List.of("force")));
        assertEquals(List.of(new Reply.Edit(P1.key(), "70", VI.get("ballot.closed", vote.title()), Keyboard.NONE)),
                flow.delivered(P1.key(), keyboard, "70"));
        assertFalse(store.ballotMessages("v1").containsKey("p01"), "no copy is live after close");
        Account stranger = new Account(TelegramPlatform.PLATFORM, "999", null, null, "vi");
        assertEquals(List.of(), flow.delivered(stranger.key(), keyboard, "71"));
    }

    @Test
    void aStartAfterVotingShowsTheReceiptAgainAndSendsNoCopy() {
        flow.delivered(P1.key(), ballotKeyboard(flow.handle(new Inbound.Start(P1, null))), "80");
        press("80", CallbackData.rate("v1", 0, Choice.HIGH));
        press("80", CallbackData.rate("v1", 1, Choice.MEDIUM));
        press("80", CallbackData.rate("v1", 2, Choice.LOW));
        press("80", CallbackData.finish("v1"));
        press("80", CallbackData.submit("v1"));
        String receipt = store.receiptOf("v1", "p01").orElseThrow();
        List<Reply> again = flow.handle(new Inbound.Start(P1, null));
        assertEquals(2, again.size(), again.toString());
        assertTrue(((Reply.Send) again.get(0)).text().contains(vote.title()), again.toString());
        assertEquals(new Reply.Send(P1.key(), VI.get("ballot.already", vote.title(), receipt), Keyboard.NONE),
                again.get(1));
        assertEquals(Optional.empty(), store.ballotMessage("v1", "p01"), "no copy is live after Submit");
    }
}
