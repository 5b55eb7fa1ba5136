package vn.tinnhiem.core.chat;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Random codes people read and type: receipts and invite codes. Receipts leave out
 * look-alikes (0/O, 1/I/L). Invite codes are printed on slips and typed by hand, so they
 * use Crockford's base32 (digits and letters without I, L, O, U: 32 symbols, 5 bits each)
 * and forgive what people type: any case, spaces and dashes, O for 0, I or L for 1.
 */
public final class Codes {
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    /** Crockford's base32: no I, L, O, U, so nothing reads as another symbol. */
    static final String INVITE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /**
     * 10 symbols of 32: 50 bits. A guesser gets 5 tries per 15 minutes per account
     * ({@link GuessThrottle}), so against a roster of 1,000 unused codes one guess wins with
     * odds of 1,000 in 2^50 (about 1 in 10^12).
     */
    public static final int INVITE_LENGTH = 10;
    /** 10 symbols ≈ 49 bits: collisions are negligible for any roster a vote has. */
    public static final int RECEIPT_LENGTH = 10;

    private final SecureRandom random;

    public Codes(SecureRandom random) {
        this.random = random;
    }

    public Codes() {
        this(new SecureRandom());
    }

    private String symbols(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A receipt such as "K7Q2M-9XD3F". */
    public String receipt() {
        String s = symbols(ALPHABET, RECEIPT_LENGTH);
        return s.substring(0, 5) + "-" + s.substring(5);
    }

    /**
     * An invite code as stored and as the Telegram deep-link payload ({@code /start CODE}:
     * 10 of A-Z and 0-9, inside Telegram's rule of 1-64 of A-Z a-z 0-9 _ -).
     */
    public String invite() {
        return symbols(INVITE_ALPHABET, INVITE_LENGTH);
    }

    /** An invite code as printed for people to type: "K7M2-Q9XH-4T". */
    public static String grouped(String code) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < code.length(); i += 4) {
            if (i > 0) {
                b.append('-');
            }
            b.append(code, i, Math.min(code.length(), i + 4));
        }
        return b.toString();
    }

    /**
     * The invite code a person typed, normalised (case, spaces, dashes, O for 0, I and L for
     * 1), or null when it cannot be one.
     */
    public static String normaliseInvite(String typed) {
        if (typed == null || typed.length() > 64) {
            return null;
        }
        String s = typed.replaceAll("[\\s_-]", "").toUpperCase(Locale.ROOT)
                .replace('O', '0').replace('I', '1').replace('L', '1');
        if (s.length() != INVITE_LENGTH) {
            return null;
        }
        for (char c : s.toCharArray()) {
            if (INVITE_ALPHABET.indexOf(c) < 0) {
                return null;
            }
        }
        return s;
    }
}
