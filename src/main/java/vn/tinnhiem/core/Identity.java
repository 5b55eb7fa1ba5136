package vn.tinnhiem.core;

import java.util.Locale;
import java.util.Objects;

/**
 * One way a person can be recognised: {@code (platform, kind, value)}, e.g.
 * {@code (telegram, id, 100000001)}, {@code (telegram, username, hoanglan_thads)},
 * {@code (zalo, id, 6ede9afa66b88fe6d108)} or {@code (phone, e164, 84900000103)}. The core never
 * interprets the platform: an adapter says which identities its accounts present, the vote
 * file says which identities each person has, and a person is recognised where they meet.
 *
 * @param platform the namespace of the value (a chat platform, or "phone")
 * @param kind     what the value is within it ("id", "username", "e164")
 * @param value    as written; usernames compare case-insensitively (see {@link #sameAs})
 */
public record Identity(String platform, String kind, String value) {
    /** The namespace and kind of a phone number normalised by {@link #normalisePhone}. */
    public static final String PHONE = "phone";
    public static final String E164 = "e164";
    public static final String ID = "id";
    public static final String USERNAME = "username";

    public Identity {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (platform.isBlank() || kind.isBlank() || value.isBlank()) {
            throw new IllegalArgumentException("blank identity part");
        }
    }

    /** A phone number as a person's identity, or null when it is not one. */
    public static Identity phone(String raw) {
        String digits = normalisePhone(raw);
        return digits == null ? null : new Identity(PHONE, E164, digits);
    }

    /** Whether both name the same person: equal, except that usernames ignore case. */
    public boolean sameAs(Identity other) {
        if (!platform.equals(other.platform) || !kind.equals(other.kind)) {
            return false;
        }
        return USERNAME.equals(kind) ? value.equalsIgnoreCase(other.value) : value.equals(other.value);
    }

    /** The form two identities are compared in (for maps and duplicate checks). */
    public Identity canonical() {
        return USERNAME.equals(kind) ? new Identity(platform, kind, value.toLowerCase(Locale.ROOT)) : this;
    }

    /**
     * Normalises a phone number as Telegram and people write it: drops spaces, dots, dashes,
     * brackets and '+', and a trunk "(0)" written after the country code; turns the
     * international prefix 00 and a Vietnamese national number (0xxxxxxxxx) into the country
     * code form (84xxxxxxxxx), and drops the national 0 written after 84 ("+84 0912...").
     * So "+84 (0) 900 000 102", "0900 000 102" and "0084 900 000 102" are all 84900000102, the
     * form Telegram shares. Returns null when what remains is not 8 to 15 digits.
     */
    public static String normalisePhone(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.replaceAll("\\(\\s*0\\s*\\)", "").replaceAll("[\\s.()\\-+]", "");
        if (!digits.matches("\\d{8,17}")) {
            return null;
        }
        if (digits.startsWith("00")) {
            digits = digits.substring(2);
        } else if (digits.startsWith("0")) {
            digits = "84" + digits.substring(1);
        }
        if (digits.startsWith("840")) {
            digits = "84" + digits.substring(3); // Vietnamese numbers never start with 0 after 84
        }
        return digits.matches("\\d{8,15}") ? digits : null;
    }

    @Override
    public String toString() {
        return platform + ":" + kind + ":" + value;
    }
}
