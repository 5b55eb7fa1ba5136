package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.Votes;

/**
 * A press on a ballot screen older than the draft (with replicas, an edit can reach the chat
 * after a newer one) is refused, and the pressed message shows where the ballot stands, so the
 * voter is not left pressing an old screen that every press refuses.
 */
class StaleScreenTest {

    @Test
    void aPressOnAnOlderScreenShowsTheBallotWhereItStands() {
        VoteDefinition vote = Votes.builder("v1").participants(3).build();
        ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(vote)), new InMemoryVoteStore(), new Codes(),
                Clock.systemUTC(), List.of(TelegramPlatform.PLATFORM));
        Account voter = new Account(TelegramPlatform.PLATFORM, Long.toString(Votes.participantTelegramId(1)), null,
                null, "vi");
        for (int i = 1; i <= 3; i++) {
            flow.handle(new Inbound.Start(new Account(TelegramPlatform.PLATFORM,
                    Long.toString(Votes.participantTelegramId(i)), null, null, "vi"), null));
        }
        flow.handle(new Inbound.Command(new Account(TelegramPlatform.PLATFORM, Long.toString(Votes.ORGANISER_ID),
                null, null, "vi"), "open", List.of()));
        flow.handle(new Inbound.Press(voter, "m1", CallbackData.rate("v1", 0, Choice.HIGH), "q1"));
        // The screen still showed leader 1 (the edit to leader 2 not shown yet): another choice for leader 1.
        List<Reply> r = flow.handle(new Inbound.Press(voter, "m1", CallbackData.rate("v1", 0, Choice.LOW), "q2"));
        Messages vi = Messages.of(Messages.VIETNAMESE).addressing(vote.address());
        assertTrue(r.contains(new Reply.Answer(voter.key(), "q2", vi.get("ballot.rejected.stale"))), r.toString());
        List<Reply.Edit> edits = r.stream().filter(Reply.Edit.class::isInstance).map(Reply.Edit.class::cast).toList();
        assertEquals(1, edits.size(), "the pressed message is brought up to date: " + r);
        assertEquals("m1", edits.get(0).messageId());
        assertTrue(edits.get(0).text().contains(vote.leaders().get(1).fullName()), edits.get(0).text());
    }
}
