package vn.tinnhiem.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone named in a vote definition: a participant, an organiser or a supervisor, with the
 * identities they can be recognised by (none: they check in with an invite code).
 *
 * @param position the roster's "Chức vụ", or null: it tells apart two people of the same name
 */
public record Person(String id, String name, List<Identity> identities, String position) {
    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        identities = identities == null ? List.of() : List.copyOf(identities);
        position = position == null || position.isBlank() ? null : position;
    }

    public Person(String id, String name, List<Identity> identities) {
        this(id, name, identities, null);
    }

    /**
     * The name as a list shows it: with the position (else the id) when it is one of
     * {@code sameNames} (from {@link #sameNames}), so /status does not list "Phan Thị Thu Lan"
     * twice.
     */
    public String label(java.util.Set<String> sameNames) {
        return sameNames.contains(name.toLowerCase(java.util.Locale.ROOT))
                ? name + " (" + (position != null ? position : id) + ")" : name;
    }

    /** The names (lower case) that two or more of {@code people} share. */
    public static java.util.Set<String> sameNames(List<Person> people) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<String> twice = new java.util.HashSet<>();
        for (Person p : people) {
            String n = p.name.toLowerCase(java.util.Locale.ROOT);
            if (!seen.add(n)) {
                twice.add(n);
            }
        }
        return twice;
    }

    /** The value of this person's identity of that platform and kind, if they have one. */
    public Optional<String> identity(String platform, String kind) {
        return identities.stream().filter(i -> i.platform().equals(platform) && i.kind().equals(kind))
                .map(Identity::value).findFirst();
    }

    /**
     * Recognised on a chat platform by a username alone: no platform id. A username can be
     * given up and taken by someone else, who would then be recognised as this person.
     */
    public boolean usernameOnly() {
        return identities.stream().anyMatch(i -> i.kind().equals(Identity.USERNAME))
                && identities.stream().noneMatch(i -> i.kind().equals(Identity.ID));
    }

    /** Whether {@code other} is one of this person's identities (as written in the vote file). */
    public boolean has(Identity other) {
        return identities.stream().anyMatch(i -> i.sameAs(other));
    }

    /**
     * Pinned to an account: the vote file names a platform id for this person (a Telegram or
     * Zalo id). An id never changes hands; a username or a phone number can.
     */
    public boolean pinned() {
        return identities.stream().anyMatch(i -> i.kind().equals(Identity.ID));
    }

    /**
     * The identities this person is recognised by: their platform ids if they are
     * {@link #pinned()}, else every identity. A pinned person's username and phone number are
     * kept for display only: whoever holds that username (usernames are released and taken
     * again, in any letter case) or that number is not them.
     */
    public List<Identity> matchable() {
        return pinned() ? identities.stream().filter(i -> i.kind().equals(Identity.ID)).toList() : identities;
    }

    /** Whether an account presenting {@code other} is this person: {@code other} is one of {@link #matchable()}. */
    public boolean recognisedBy(Identity other) {
        return matchable().stream().anyMatch(i -> i.sameAs(other));
    }

    /**
     * Whether an account presenting {@code other} would pass for this person on an identity
     * {@link #pinned()} makes void (its username or phone): a takeover attempt.
     */
    public boolean lookalike(Identity other) {
        return pinned() && has(other) && !recognisedBy(other);
    }
}
