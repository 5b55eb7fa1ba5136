package vn.tinnhiem.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.tinnhiem.core.Identity;
import vn.tinnhiem.core.Person;

/**
 * The sender of an update as the platform describes it.
 *
 * @param userId       the platform's user id (a user's private chat is addressed by it)
 * @param username     platform username without '@', or null
 * @param displayName  the name the platform shows, or null
 * @param languageCode the user's language as the platform reports it ("vi", "en-US"), or null
 */
public record Account(Platform platform, String userId, String username, String displayName, String languageCode) {
    public Account {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank() || userId.contains(":")) {
            throw new IllegalArgumentException("malformed user id");
        }
    }

    /** Stable key of this account across votes: platform prefix and user id, e.g. "tg:12345". */
    public String key() {
        return platform.key(userId);
    }

    public Capabilities can() {
        return platform.capabilities();
    }

    /** The identities this account presents, strongest first: its id, then its username. */
    public List<Identity> identities() {
        List<Identity> out = new ArrayList<>(2);
        out.add(new Identity(platform.identities(), Identity.ID, userId));
        if (username != null && !username.isBlank()) {
            out.add(new Identity(platform.identities(), Identity.USERNAME, username));
        }
        return out;
    }

    /** The account key {@code person} has on {@code platform}: their id there, if the vote file gives it. */
    public static Optional<String> keyFor(Platform platform, Person person) {
        return person.identity(platform.identities(), Identity.ID).map(platform::key);
    }

    /** Whether this account is the one {@code person} names by id on this account's platform. */
    public boolean hasIdOf(Person person) {
        return keyFor(platform, person).map(key()::equals).orElse(false);
    }

    /**
     * Whether this account is {@code person}: by their id, or, for a person the vote file pins
     * to no id, by their username ({@link Person#matchable()}).
     */
    public boolean is(Person person) {
        return identities().stream().anyMatch(person::recognisedBy);
    }

    /**
     * Whether this account would pass for {@code person} by a username the vote file pins to
     * another account's id: it is trying to take that person's place.
     */
    public boolean impersonates(Person person) {
        return !is(person) && identities().stream().anyMatch(person::lookalike);
    }
}
