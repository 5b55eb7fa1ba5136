package vn.tinnhiem.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.Rulebook;
import vn.tinnhiem.core.VoteDefinition;

/** Builders for vote definitions in tests, with defaults shaped like the reference case. */
public final class Votes {
    private Votes() {}

    /** Telegram id of roster entry i (1-based) in {@link #reference}. */
    public static long participantTelegramId(int i) {
        return 200_000_000L + i;
    }

    public static final long ORGANISER_ID = 100_000_001L;
    public static final long SUPERVISOR_ID = 100_000_002L;

    /** Three leaders, {@code n} participants known by Telegram id, one organiser, one supervisor. */
    public static VoteDefinition reference(String id, int n) {
        return builder(id).participants(n).build();
    }

    /** A frozen definition for store tests that need an open vote and not its leaders: the reference vote's, with {@code fingerprint}. */
    public static vn.tinnhiem.core.FrozenDefinition frozen(String voteId, String fingerprint) {
        vn.tinnhiem.core.FrozenDefinition f = vn.tinnhiem.core.FrozenDefinition.of(reference(voteId, 3));
        return new vn.tinnhiem.core.FrozenDefinition(f.voteId(), f.title(), f.unit(), f.rulebookId(), f.leaders(),
                f.summoned(), fingerprint, java.util.Map.of());
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public static final class Builder {
        private final String id;
        private Rulebook rulebook = Rulebook.QD96_2023;
        private Locale language = Locale.forLanguageTag("vi");
        private final List<Person> roster = new ArrayList<>();
        private final List<Person> organisers = new ArrayList<>(List.of(
                new Person("org1", "Ban tổ chức", RosterFields.identities(ORGANISER_ID, null, null, null))));
        private boolean announce = true;
        private java.time.Instant deadline;
        private java.time.ZoneOffset zone;
        private String address;
        private List<Leader> leaders = List.of(new Leader("director", "Nguyễn Văn An", "Cục trưởng"),
                new Leader("deputy1", "Trần Thị Bình", "Phó Cục trưởng"),
                new Leader("deputy2", "Lê Văn Cường", "Phó Cục trưởng"));

        Builder(String id) {
            this.id = id;
        }

        public Builder participants(int n) {
            for (int i = 1; i <= n; i++) {
                roster.add(new Person(String.format("p%02d", i), "Người " + i,
                        RosterFields.identities(participantTelegramId(i), null, null, null)));
            }
            return this;
        }

        public Builder participant(Person p) {
            roster.add(p);
            return this;
        }

        /** An organiser besides the default one (org1, by Telegram id). */
        public Builder organiser(Person p) {
            organisers.add(p);
            return this;
        }

        /** Instead of the reference case's director and two deputies. */
        public Builder leaders(Leader... leaders) {
            this.leaders = List.of(leaders);
            return this;
        }

        public Builder rulebook(Rulebook r) {
            this.rulebook = r;
            return this;
        }

        public Builder language(String tag) {
            this.language = Locale.forLanguageTag(tag);
            return this;
        }

        public Builder announceToParticipants(boolean announce) {
            this.announce = announce;
            return this;
        }

        public Builder deadline(java.time.Instant deadline) {
            this.deadline = deadline;
            return this;
        }

        /** A deadline with its offset: the vote's time zone. */
        public Builder deadline(java.time.OffsetDateTime deadline) {
            this.deadline = deadline.toInstant();
            this.zone = deadline.getOffset();
            return this;
        }

        public Builder address(String address) {
            this.address = address;
            return this;
        }

        public VoteDefinition build() {
            return new VoteDefinition(id, "Lấy phiếu tín nhiệm " + id, "Cục THADS tỉnh Thử nghiệm", rulebook,
                    language,
                    leaders, roster,
                    organisers,
                    List.of(new Person("sup1", "Giám sát", RosterFields.identities(SUPERVISOR_ID, null, null, null))),
                    deadline, announce, zone, address, vn.tinnhiem.core.MinutesSetting.NONE);
        }
    }
}
