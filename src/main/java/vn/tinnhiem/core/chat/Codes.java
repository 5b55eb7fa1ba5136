package vn.tinnhiem.core.chat;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Random codes people read and type: receipts and invite codes. The alphabet leaves out
 * look-alikes (0/O, 1/I/L) so a code read aloud or copied by hand still matches.
 */
public final class Codes {
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    /** 16 symbols of a 31-letter alphabet: log2(31^16) ≈ 79 bits, over the 64 required. */
    public static final int INVITE_LENGTH = 16;
    /** 10 symbols ≈ 49 bits: collisions are negligible for any roster a vote has. */
    public static final int RECEIPT_LENGTH = 10;

    private final SecureRandom random;

    public Codes(SecureRandom random) {
        this.random = random;
    }

    public Codes() {
        this(new SecureRandom());
    }

    private String symbols(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** A receipt such as "K7Q2M-9XD3F". */
    public String receipt() {
        String s = symbols(RECEIPT_LENGTH);
        return s.substring(0, 5) + "-" + s.substring(5);
    }

    /** An invite code, usable as a Telegram deep-link payload. */
    public String invite() {
        return symbols(INVITE_LENGTH);
    }

    /**
     * The invite code a person typed, normalised (case, spaces, dashes), or null when it
     * cannot be one.
     */
    public static String normaliseInvite(String typed) {
        if (typed == null || typed.length() > 64) {
            return null;
        }
        String s = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (s.length() != INVITE_LENGTH) {
            return null;
        }
        for (char c : s.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return null;
            }
        }
        return s;
    }
}
