package vn.tinnhiem.core;

import java.util.Objects;

/** Someone named in a vote definition: a participant, an organiser or a supervisor. */
public record Person(String id, String name, Contacts contacts) {
    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        contacts = contacts == null ? Contacts.NONE : contacts;
    }
}
