package vn.tinnhiem.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoteDefinitionTest {
    @Test
    void tenOfFourteenPresentIsAQuorum() {
        VoteDefinition v = vote(roster(14));

        assertTrue(v.hasQuorum(10));
        assertFalse(v.hasQuorum(9));
    }

    @Test
    void quorumIsExactTwoThirds() {
        assertTrue(vote(roster(3)).hasQuorum(2));
        assertFalse(vote(roster(3)).hasQuorum(1));
        assertTrue(vote(roster(6)).hasQuorum(4));
        assertFalse(vote(roster(6)).hasQuorum(3));
    }

    @Test
    void fingerprintIsStableForTheSameDefinition() {
        String a = vote(roster(14)).fingerprint();
        String b = vote(roster(14)).fingerprint();

        assertEquals(a, b);
        assertTrue(a.matches("[0-9a-f]{64}"), a);
    }

    @Test
    void fingerprintChangesWhenSomeoneIsAddedToTheRoster() {
        assertNotEquals(vote(roster(14)).fingerprint(), vote(roster(15)).fingerprint());
    }

    @Test
    void fingerprintChangesWhenAParticipantsContactChanges() {
        List<Person> changed = roster(14);
        Person p = changed.get(3);
        changed.set(3, new Person(p.id(), p.name(), new Contacts(100000099L, null, null, null)));

        assertNotEquals(vote(roster(14)).fingerprint(), vote(changed).fingerprint());
    }

    @Test
    void fingerprintChangesWhenAParticipantIsRenamed() {
        List<Person> changed = roster(14);
        Person p = changed.get(0);
        changed.set(0, new Person(p.id(), p.name() + " A", p.contacts()));

        assertNotEquals(vote(roster(14)).fingerprint(), vote(changed).fingerprint());
    }

    @Test
    void fingerprintChangesWhenTheRosterIsReordered() {
        List<Person> reordered = roster(14);
        reordered.add(reordered.remove(0));

        assertNotEquals(vote(roster(14)).fingerprint(), vote(reordered).fingerprint());
    }

    @Test
    void aVoteNeedsLeadersAndParticipants() {
        assertThrows(IllegalArgumentException.class, () -> vote(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new VoteDefinition("v", "t", null,
                Rulebook.QD96_2023, null, List.of(), roster(3), List.of(), List.of(), null, false));
    }

    @Test
    void languageDefaultsToVietnamese() {
        assertEquals("vi", vote(roster(3)).language().getLanguage());
    }

    @Test
    void participantsAndLeadersAreFoundById() {
        VoteDefinition v = vote(roster(14));

        assertEquals("Người 3", v.participant("p03").orElseThrow().name());
        assertTrue(v.participant("nobody").isEmpty());
        assertEquals(1, v.leaderIndex("deputy-1"));
        assertEquals(-1, v.leaderIndex("nobody"));
    }

    static List<Person> roster(int n) {
        List<Person> roster = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            roster.add(new Person(String.format("p%02d", i), "Người " + i,
                    new Contacts(100000000L + i, null, null, null)));
        }
        return roster;
    }

    static VoteDefinition vote(List<Person> roster) {
        return new VoteDefinition("cthads-2026", "Lấy phiếu tín nhiệm", "Cục", Rulebook.QD96_2023, null,
                List.of(new Leader("director", "Trần Văn Thắng", "Cục trưởng"),
                        new Leader("deputy-1", "Nguyễn Thị Thu Hương", "Phó Cục trưởng")),
                roster, List.of(), List.of(), null, false);
    }
}
