package vn.tinnhiem.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that defines one vote: who is rated, who votes, who runs and who watches it.
 * Frozen at {@code /open}: its {@link #fingerprint()} goes into the audit log.
 *
 * @param deadline                optional; the vote closes by itself then
 * @param announceToParticipants  whether participants also receive the results at close
 * @param zone                    the vote's time zone, from the deadline's offset (+07:00 without one):
 *                                deadlines are shown to people in it
 * @param address                 how Vietnamese messages address a person ("đồng chí" at a Party
 *                                conference); null for the default, "bạn"
 * @param minutes                 what the minutes need beyond the vote (conference, place, heading, committee)
 */
public record VoteDefinition(
        String id,
        String title,
        String unit,
        Rulebook rulebook,
        Locale language,
        List<Leader> leaders,
        List<Person> roster,
        List<Person> organisers,
        List<Person> supervisors,
        Instant deadline,
        boolean announceToParticipants,
        ZoneOffset zone,
        String address,
        MinutesSetting minutes) {

    /** Vietnam's offset, for a vote whose deadline does not say otherwise. */
    public static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    /**
     * A vote in Vietnam's time zone with the default form of address, whose minutes carry no
     * conference name, place or committee.
     */
    public VoteDefinition(String id, String title, String unit, Rulebook rulebook, Locale language,
            List<Leader> leaders, List<Person> roster, List<Person> organisers, List<Person> supervisors,
            Instant deadline, boolean announceToParticipants) {
        this(id, title, unit, rulebook, language, leaders, roster, organisers, supervisors, deadline,
                announceToParticipants, VIETNAM, null, MinutesSetting.NONE);
    }

    public VoteDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(rulebook, "rulebook");
        unit = unit == null ? "" : unit;
        language = language == null ? Locale.forLanguageTag("vi") : language;
        zone = zone == null ? VIETNAM : zone;
        minutes = minutes == null ? MinutesSetting.NONE : minutes;
        leaders = List.copyOf(leaders);
        roster = List.copyOf(roster);
        organisers = List.copyOf(organisers);
        supervisors = List.copyOf(supervisors);
        if (leaders.isEmpty()) {
            throw new IllegalArgumentException("a vote needs at least one leader");
        }
        if (roster.isEmpty()) {
            throw new IllegalArgumentException("a vote needs at least one participant");
        }
    }

    public int summoned() {
        return roster.size();
    }

    public int leaderCount() {
        return leaders.size();
    }

    public Optional<Person> participant(String personId) {
        return roster.stream().filter(p -> p.id().equals(personId)).findFirst();
    }

    public int leaderIndex(String leaderId) {
        for (int i = 0; i < leaders.size(); i++) {
            if (leaders.get(i).id().equals(leaderId)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Quorum: the conference may proceed only if at least 2/3 of the summoned are present
     * (3·present ≥ 2·summoned, exact integer arithmetic).
     */
    public boolean hasQuorum(int present) {
        return 3L * present >= 2L * summoned();
    }

    /**
     * SHA-256 over a canonical text of what {@code /open} freezes: id, rulebook, leaders and
     * roster with their contacts. Recorded in the audit log so the list cannot change unseen.
     */
    private static final java.util.Set<String> LEGACY_FIELDS =
            java.util.Set.of("telegram:id", "telegram:username", "phone:e164", "zalo:id");

    public String fingerprint() {
        StringBuilder b = new StringBuilder();
        b.append("vote\t").append(id).append('\n');
        b.append("title\t").append(title).append('\n');
        b.append("rulebook\t").append(rulebook.id()).append('\n');
        for (Leader l : leaders) {
            b.append("leader\t").append(l.id()).append('\t').append(l.fullName()).append('\t')
                    .append(l.position()).append('\n');
        }
        for (Person p : roster) {
            // The vote file's four contact fields in their historical order (absent: "null"), so
            // a fingerprint recorded at /open before identities were generalised still matches;
            // any other identity follows, sorted.
            b.append("participant\t").append(p.id()).append('\t').append(p.name()).append('\t')
                    .append(p.identity("telegram", Identity.ID).orElse(null)).append('\t')
                    .append(p.identity("telegram", Identity.USERNAME).orElse(null)).append('\t')
                    .append(p.identity(Identity.PHONE, Identity.E164).orElse(null)).append('\t')
                    .append(p.identity("zalo", Identity.ID).orElse(null));
            p.identities().stream().filter(i -> !LEGACY_FIELDS.contains(i.platform() + ":" + i.kind()))
                    .map(Identity::toString).sorted().forEach(i -> b.append('\t').append(i));
            b.append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
