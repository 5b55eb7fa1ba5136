package vn.tinnhiem.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.config.RosterFields;

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

    /**
     * Votes opened before people became lists of identities recorded their fingerprint over the
     * vote file's four contact fields; the same definition must give the same digest, or the
     * bot would refuse to run a vote opened before the upgrade.
     */
    @Test
    void fingerprintIsTheOneRecordedBeforeIdentities() throws Exception {
        List<Person> roster = List.of(
                new Person("p01", "Một", RosterFields.identities(100000001L, "Mot_User", null, null)),
                new Person("p02", "Hai", RosterFields.identities(null, null, "0900000102", "6ede9afa66b88fe6d102")),
                new Person("p03", "Ba", List.of()));
        String legacyText = "vote\tv1\ntitle\tLấy phiếu\nrulebook\tqd96-2023\n"
                + "leader\tdirector\tNguyễn Văn An\tCục trưởng\n"
                + "participant\tp01\tMột\t100000001\tMot_User\tnull\tnull\n"
                + "participant\tp02\tHai\tnull\tnull\t84900000102\t6ede9afa66b88fe6d102\n"
                + "participant\tp03\tBa\tnull\tnull\tnull\tnull\n";
        String legacy = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(legacyText.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        VoteDefinition v = new VoteDefinition("v1", "Lấy phiếu", "Cục", Rulebook.QD96_2023, null,
                List.of(new Leader("director", "Nguyễn Văn An", "Cục trưởng")), roster,
                List.of(new Person("org1", "Tổ chức", RosterFields.identities(100000009L, null, null, null))),
                List.of(), null, false);

        assertEquals(legacy, v.fingerprint());
    }

    @Test
    void fingerprintChangesWhenSomeoneIsAddedToTheRoster() {
        assertNotEquals(vote(roster(14)).fingerprint(), vote(roster(15)).fingerprint());
    }

    @Test
    void fingerprintChangesWhenAParticipantsContactChanges() {
        List<Person> changed = roster(14);
        Person p = changed.get(3);
        changed.set(3, new Person(p.id(), p.name(), RosterFields.identities(100000099L, null, null, null)));

        assertNotEquals(vote(roster(14)).fingerprint(), vote(changed).fingerprint());
    }

    @Test
    void fingerprintChangesWhenAParticipantIsRenamed() {
        List<Person> changed = roster(14);
        Person p = changed.get(0);
        changed.set(0, new Person(p.id(), p.name() + " A", p.identities()));

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
                    RosterFields.identities(100000000L + i, null, null, null)));
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
