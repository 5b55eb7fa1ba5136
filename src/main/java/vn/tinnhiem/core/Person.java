package vn.tinnhiem.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone named in a vote definition: a participant, an organiser or a supervisor, with the
 * identities they can be recognised by (none: they check in with an invite code).
 */
public record Person(String id, String name, List<Identity> identities) {
    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        identities = identities == null ? List.of() : List.copyOf(identities);
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

    /** Whether {@code other} is one of this person's identities. */
    public boolean has(Identity other) {
        return identities.stream().anyMatch(i -> i.sameAs(other));
    }
}
