package vn.tinnhiem.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a vote's append-only audit log: created, opened (with the definition's
 * fingerprint), reminded, closed (with a digest of the results). Never a choice.
 */
public record AuditEntry(Instant at, String event, String detail) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        detail = detail == null ? "" : detail;
        if (event.contains("\t") || event.contains("\n") || detail.contains("\n")) {
            throw new IllegalArgumentException("audit fields are single-line");
        }
    }

    public String encode() {
        return at + "\t" + event + "\t" + detail;
    }

    public static AuditEntry decode(String line) {
        String[] parts = line.split("\t", 3);
        return new AuditEntry(Instant.parse(parts[0]), parts[1], parts.length > 2 ? parts[2] : "");
    }
}
