package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vn.tinnhiem.testing.Votes;

class TelegramSmokeTest {
    @Test
    void rosterMemberIsWelcomedByName() throws Exception {
        try (BotHarness h = new BotHarness(Votes.reference("v1", 3))) {
            long id = Votes.participantTelegramId(1);
            h.say(Updates.start(Updates.user(id), null), id);
            assertTrue(h.last(id).contains("Người 1"), h.last(id));
        }
    }
}
