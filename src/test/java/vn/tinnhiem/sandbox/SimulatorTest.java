package vn.tinnhiem.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import java.util.List;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.LeaderResult;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Votes;

class SimulatorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);

    /** Every way of checking in: Telegram id, username only, phone only, nothing (invite code). */
    static VoteDefinition mixedContacts() {
        return Votes.builder("mixed").participants(5)
                .participant(new Person("u1", "Đặng Thu Hà", RosterFields.identities(null, "thuha_thads", null, null)))
                .participant(new Person("ph1", "Phạm Thị Dung", RosterFields.identities(null, null, "0912345678", null)))
                .participant(new Person("inv1", "Vũ Minh Đức", List.of()))
                .build();
    }

    private static Persona organiser(Sandbox sandbox) {
        return sandbox.personas().stream().filter(p -> p.roles().contains(Persona.Role.ORGANISER)).findFirst()
                .orElseThrow();
    }

    @Test
    void simulatedVoteReturnsOneBallotPerCheckIn() {
        Sandbox sandbox = new Sandbox(mixedContacts(), new InMemoryVoteStore(), CLOCK);
        Simulator sim = new Simulator(sandbox, new Random(7), "vi");

        assertEquals(8, sim.checkIn(Integer.MAX_VALUE), "every way of checking in works");
        sandbox.act(organiser(sandbox).key(), new Sandbox.Action.Say("/open"), "vi");
        assertEquals(VoteState.OPEN, sandbox.state());
        assertEquals(8, sim.voteAll());
        sandbox.act(organiser(sandbox).key(), new Sandbox.Action.Say("/close force"), "vi");

        Results results = sandbox.results().orElseThrow();
        assertEquals(8, results.tally().issued());
        assertEquals(8, results.tally().returned());
        assertEquals(8, sandbox.receipts().size());
        for (LeaderResult r : results.leaders()) {
            assertEquals(8, r.counts().high() + r.counts().medium() + r.counts().low() + r.counts().blank(),
                    r.leader().fullName());
            assertEquals(r.valid() + r.invalid(), r.returned());
        }
    }

    @Test
    void turnoutLimitsCheckInsAndBelowQuorumNothingOpensByItself() {
        Sandbox sandbox = new Sandbox(mixedContacts(), new InMemoryVoteStore(), CLOCK);
        Simulator.Report report = new Simulator(sandbox, new Random(1), "vi").run(3);
        assertEquals(new Simulator.Report(3, 0), report, "in DRAFT the simulator only checks people in");
        assertEquals(VoteState.DRAFT, sandbox.state());
    }

    @Test
    void simulatorFinishesBallotsAPersonStartedInThePage() {
        Sandbox sandbox = new Sandbox(Votes.reference("v1", 3), new InMemoryVoteStore(), CLOCK);
        Simulator sim = new Simulator(sandbox, new Random(3), "en");
        sim.checkIn(3);
        sandbox.act(organiser(sandbox).key(), new Sandbox.Action.Say("/open"), "en");
        Persona first = sandbox.personas().stream().filter(Persona::isParticipant).findFirst().orElseThrow();
        Transcript.Message ballot = sandbox.messages(first.key()).get(sandbox.messages(first.key()).size() - 1);
        sandbox.act(first.key(), new Sandbox.Action.Press(ballot.id(), "r:v1:0:B"), "en");

        Simulator.Report report = sim.run(3);

        assertEquals(new Simulator.Report(0, 3), report);
        assertTrue(sandbox.voted(first));
        assertTrue(sandbox.messages(first.key()).stream().anyMatch(m -> m.text().contains("Receipt code")),
                sandbox.messages(first.key()).toString());
    }
}
