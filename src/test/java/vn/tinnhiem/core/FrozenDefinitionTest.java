package vn.tinnhiem.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.testing.Votes;

/** Issue 18, item 2: what /open freezes, stored and read back, and how a file differs from it. */
class FrozenDefinitionTest {
    private final VoteDefinition vote = Votes.reference("v1", 4);

    @Test
    void encodedAndDecodedItIsTheSameRecordWithLaterFieldsKept() {
        FrozenDefinition f = FrozenDefinition.of(vote).with("committeeKey", "k\tey\nwith \\ escapes");
        FrozenDefinition back = FrozenDefinition.decode(f.encode());
        assertEquals(f, back);
        assertEquals("k\tey\nwith \\ escapes", back.extension("committeeKey").orElseThrow());
        assertEquals(vote.leaders(), back.leaders());
        assertEquals(4, back.summoned());
        assertEquals(vote.fingerprint(), back.fingerprint());
    }

    @Test
    void aRecordOfANewerFormatIsNotMisread() {
        String newer = FrozenDefinition.of(vote).encode().replace("format\t1", "format\t2");
        assertThrows(IllegalArgumentException.class, () -> FrozenDefinition.decode(newer));
    }

    @Test
    void differencesNameWhatChanged() {
        FrozenDefinition f = FrozenDefinition.of(vote);
        assertEquals(List.of(), f.differences(vote));
        VoteDefinition swapped = Votes.builder("v1").participants(5).leaders(
                new Leader("director", "Trần Thị Bình", "Phó Cục trưởng"),
                new Leader("deputy1", "Nguyễn Văn An", "Cục trưởng")).build();
        assertEquals(List.of(
                "leader 1 renamed from «Nguyễn Văn An» to «Trần Thị Bình»",
                "leader 1 («Nguyễn Văn An») position changed from «Cục trưởng» to «Phó Cục trưởng»",
                "leader 2 renamed from «Trần Thị Bình» to «Nguyễn Văn An»",
                "leader 2 («Trần Thị Bình») position changed from «Phó Cục trưởng» to «Cục trưởng»",
                "leader 3 («Lê Văn Cường») removed",
                "summoned changed from 4 to 5"), f.differences(swapped));
    }

    @Test
    void resultsUseTheFrozenLeadersAndNumberSummonedOverTheFile() {
        FrozenDefinition f = FrozenDefinition.of(vote);
        VoteDefinition edited = Votes.builder("v1").participants(6).leaders(
                new Leader("deputy1", "Trần Thị Bình", "Phó Cục trưởng"),
                new Leader("director", "Nguyễn Văn An", "Cục trưởng")).build();
        VoteDefinition applied = f.applyTo(edited);
        assertEquals(vote.leaders(), applied.leaders());
        assertEquals(4, applied.summoned());
        assertEquals(4, f.applyTo(Votes.reference("v1", 2)).summoned(), "filled up to the number summoned");
        assertEquals(Map.of(), f.extensions());
    }
}
