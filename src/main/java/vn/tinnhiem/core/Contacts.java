package vn.tinnhiem.core;

/**
 * The ways a person can be recognised on a chat platform. Any field may be null.
 *
 * @param telegramId       Telegram numeric user id
 * @param telegramUsername Telegram username without the leading '@', compared case-insensitively
 * @param phone            phone number normalised to digits with country code (e.g. 84912345678)
 * @param zaloId           Zalo Bot Platform user id
 */
public record Contacts(Long telegramId, String telegramUsername, String phone, String zaloId) {
    public static final Contacts NONE = new Contacts(null, null, null, null);

    public boolean isEmpty() {
        return telegramId == null && telegramUsername == null && phone == null && zaloId == null;
    }

    /**
     * Normalises a phone number as Telegram and people write it: drops spaces, dots, dashes
     * and '+', and turns a Vietnamese national number (0xxxxxxxxx) into 84xxxxxxxxx.
     * Returns null when what remains is not 8 to 15 digits.
     */
    public static String normalisePhone(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.replaceAll("[\\s.()\\-+]", "");
        if (!digits.matches("\\d{8,15}")) {
            return null;
        }
        if (digits.startsWith("0")) {
            digits = "84" + digits.substring(1);
        }
        return digits;
    }
}
