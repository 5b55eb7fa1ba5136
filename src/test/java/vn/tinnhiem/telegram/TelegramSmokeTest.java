package vn.tinnhiem.telegram;


import org.junit.jupiter.api.Test;
import vn.tinnhiem.testing.Votes;

class TelegramSmokeTest {
    @Test
    void rosterMemberIsWelcomedByName() throws Exception {
        try (BotHarness h = new BotHarness(Votes.reference("v1", 3))) {
            long id = Votes.participantTelegramId(1);
            h.say(Updates.start(Updates.user(id), null), id);
            h.awaitText(id, "Xin chào Người 1");
        }
    }
}
