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
     * Recognised on a chat platform by a username alone: no Telegram or Zalo id. A username
     * can be given up and taken by someone else, who would then be recognised as this person.
     */
    public boolean usernameOnly() {
        return telegramUsername != null && telegramId == null && zaloId == null;
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
}
