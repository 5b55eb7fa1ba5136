package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.Votes;

/**
 * The review before Submit says which rows are not valid: "a row with no mark is invalid for
 * that leader only" (SPEC 1), and a voter should learn it before the ballot is final, not from
 * the minutes.
 */
class BallotReviewTest {
    @Test
    void theReviewMarksABlankRowAsNotValidForThatLeaderOnly() {
        for (String language : List.of("vi", "en")) {
            FlowDriver d = new FlowDriver(Votes.reference("v1", 1), new InMemoryVoteStore());
            Account voter = FlowDriver.participant(1, language);
            d.start(voter);
            d.command(FlowDriver.ORGANISER, "open");
            d.press(voter, d.rate(0, Choice.HIGH));
            d.press(voter, d.rate(1, Choice.BLANK));
            List<Reply> shown = d.press(voter, d.rate(2, Choice.LOW));

            String review = shown.stream().filter(r -> r instanceof Reply.Edit).map(r -> ((Reply.Edit) r).text())
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no review: " + shown));
            Messages m = Messages.of(Messages.forUser(language, null));
            String marked = m.get("ballot.summary.blank", m.get("choice.blank"));
            List<String> rows = review.lines().filter(l -> l.matches("^[123]\\. .*")).toList();
            assertEquals(3, rows.size(), review);
            assertTrue(rows.get(1).endsWith(marked), rows.get(1));
            assertTrue(rows.get(0).endsWith(m.get("choice.high")), rows.get(0));
            assertTrue(rows.get(2).endsWith(m.get("choice.low")), rows.get(2));
        }
    }
}
