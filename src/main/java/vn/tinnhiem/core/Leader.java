package vn.tinnhiem.core;

import java.util.Objects;

/** A person whose confidence is rated: full name and position, as printed on the ballot. */
public record Leader(String id, String fullName, String position) {
    public Leader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(position, "position");
    }
}
