package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.Choice;

/** The strict grammar of button data, with the review's page and list buttons of a 100-leader ballot. */
class CallbackDataTest {
    private static final String LONGEST_ID = "a" + "-b".repeat(15) + "c";

    @Test
    void everyBallotButtonParsesBackToItsEvent() {
        for (int k : new int[] {0, 9, 10, 99}) {
            assertEquals(ballot(new BallotEvent.Rate(k, Choice.BLANK)), CallbackData.parse(CallbackData.rate("v1", k,
                    Choice.BLANK)));
            assertEquals(ballot(new BallotEvent.Change(k)), CallbackData.parse(CallbackData.change("v1", k)));
            assertEquals(ballot(new BallotEvent.Review(k)), CallbackData.parse(CallbackData.review("v1", k)));
            assertEquals(ballot(new BallotEvent.Back(k + 1)), CallbackData.parse(CallbackData.back("v1", k + 1)));
        }
        assertEquals(ballot(new BallotEvent.Page(9)), CallbackData.parse(CallbackData.page("v1", 9)));
        // A button's Submit needs the confirmation screen; the review's button only asks for it.
        assertEquals(ballot(new BallotEvent.Submit(true)), CallbackData.parse(CallbackData.submit("v1")));
        assertEquals(ballot(new BallotEvent.Finish()), CallbackData.parse(CallbackData.finish("v1")));
        assertEquals(Optional.of(new CallbackData.ForceClose("v1")), CallbackData.parse(CallbackData.forceClose("v1")));
    }

    @Test
    void theLongestDataOfAHundredLeaderBallotFitsWithRoomToSpare() {
        List<String> longest = List.of(CallbackData.rate(LONGEST_ID, 99, Choice.MEDIUM),
                CallbackData.back(LONGEST_ID, 100), CallbackData.change(LONGEST_ID, 99),
                CallbackData.review(LONGEST_ID, 99), CallbackData.page(LONGEST_ID, 9));
        for (String data : longest) {
            assertTrue(data.getBytes(StandardCharsets.UTF_8).length <= 40, data);
            assertTrue(CallbackData.parse(data).isPresent(), data);
        }
    }

    @Test
    void numbersWithLeadingZerosFourDigitsOrSignsAreRefused() {
        for (String data : List.of("r:v1:05:H", "r:v1:1000:H", "b:v1:-1", "e:v1:+3", "l:v1:00", "g:v1:", "g:v1:1.0",
                "g:v1:1x", "l:v1", "e:v1:1:2", "x:v1:1", "G:v1:1", "g:V1:1", "g:v1:1 ", "s:v1:1")) {
            assertEquals(Optional.empty(), CallbackData.parse(data), data);
        }
    }

    @Test
    void noParticipantEverAppearsInTheData() {
        // The presser is the participant: the data names only the vote and the screen's index.
        String data = CallbackData.review("v1", 42);
        assertEquals("l:v1:42", data);
    }

    private static Optional<CallbackData.Parsed> ballot(BallotEvent event) {
        return Optional.of(new CallbackData.Ballot("v1", event));
    }
}
