package vn.tinnhiem.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.BallotCopiesSeen;
import vn.tinnhiem.testing.Votes;

/**
 * One live ballot copy per participant in the sandbox (issue 11, item 2): the chats a
 * rehearsal shows follow the same rule as Telegram's.
 */
class SandboxBallotCopiesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);
    private static final Messages EN = Messages.of(java.util.Locale.ENGLISH);

    private final VoteDefinition vote = Votes.reference("v1", 3);
    private final Sandbox sandbox = new Sandbox(vote, new InMemoryVoteStore(), CLOCK);

    private Persona participant(int i) {
        return sandbox.personas().stream().filter(p -> String.format("p%02d", i).equals(p.rosterId())).findFirst()
                .orElseThrow();
    }

    private String organiser() {
        return sandbox.personas().stream().filter(p -> p.roles().contains(Persona.Role.ORGANISER)).findFirst()
                .orElseThrow().key();
    }

    private List<BallotCopiesSeen.Seen> chat(Persona p) {
        return sandbox.messages(p.key()).stream().filter(Transcript.Message::fromBot)
                .map(m -> new BallotCopiesSeen.Seen(m.id(), m.text(), m.buttons().stream().flatMap(List::stream)
                        .map(b -> new String[] {b.label(), b.data()}).toList()))
                .toList();
    }

    /** The latest message with ballot buttons in the person's chat. */
    private BallotCopiesSeen.Seen liveCopy(Persona p) {
        List<BallotCopiesSeen.Seen> live = chat(p).stream().filter(BallotCopiesSeen::live).toList();
        assertFalse(live.isEmpty(), "no ballot in the chat of " + p.key());
        return live.get(live.size() - 1);
    }

    private List<String> press(Persona p, BallotCopiesSeen.Seen on, String data) {
        return sandbox.act(p.key(), new Sandbox.Action.Press(on.id(), data), "en").toasts();
    }

    private void say(String personaKey, String text) {
        sandbox.act(personaKey, new Sandbox.Action.Say(text), "en");
    }

    @Test
    void afterRemindOnlyTheNewCopyIsLiveAndAfterSubmitAndCloseNoMessageShowsAChoice() {
        Persona p1 = participant(1);
        Persona p2 = participant(2);
        for (int i = 1; i <= 3; i++) {
            say(participant(i).key(), "/start");
        }
        say(organiser(), "/open");

        press(p1, liveCopy(p1), "r:v1:0:H");
        press(p1, liveCopy(p1), "r:v1:1:M");
        press(p1, liveCopy(p1), "r:v1:2:L");
        BallotCopiesSeen.Seen first = liveCopy(p1);
        assertFalse(BallotCopiesSeen.choicesShown(vote, first, EN).isEmpty(),
                "the check can fail: the summary shows the choices");

        // A fresh copy: /start again (a /remind answers a voter this busy on the copy in use instead).
        say(p1.key(), "/start");
        BallotCopiesSeen.Seen second = liveCopy(p1);
        assertNotEquals(first.id(), second.id(), "/start sends a fresh copy");
        assertEquals(List.of(), BallotCopiesSeen.violations(vote, chat(p1), EN, 1, true), "after a fresh copy");

        // A press on the old copy changes nothing.
        assertEquals(List.of(EN.get("ballot.rejected.stale")), press(p1, first, "s:v1"));
        assertFalse(sandbox.voted(p1));

        press(p1, second, "b:v1:3");
        press(p1, liveCopy(p1), "r:v1:2:B");
        press(p1, liveCopy(p1), "f:v1");
        press(p1, liveCopy(p1), "s:v1");
        assertTrue(sandbox.voted(p1));
        assertEquals(List.of(), BallotCopiesSeen.violations(vote, chat(p1), EN, 0, false), "after Submit");

        // /start sends p2 a second copy; p2 completes it and leaves it unsubmitted at close.
        press(p2, liveCopy(p2), "r:v1:0:L");
        say(p2.key(), "/start");
        assertEquals(List.of(), BallotCopiesSeen.violations(vote, chat(p2), EN, 1, true), "after /start");
        press(p2, liveCopy(p2), "r:v1:1:L");
        press(p2, liveCopy(p2), "r:v1:2:H");
        say(organiser(), "/close force");
        for (int i = 1; i <= 3; i++) {
            assertEquals(List.of(), BallotCopiesSeen.violations(vote, chat(participant(i)), EN, 0, false),
                    "after close, chat of p" + i);
        }
    }
}
