package vn.tinnhiem.config;

import java.util.ArrayList;
import java.util.List;
import vn.tinnhiem.core.Identity;
import vn.tinnhiem.core.Person;

/**
 * The vote file's contact fields and the identities they stand for. The file format keeps
 * its fields ({@code telegramId}, {@code telegramUsername}, {@code phone}, {@code zaloId});
 * inside, a person is a list of {@link Identity}s, so one roster entry can be recognised on
 * Telegram or on Zalo.
 */
public final class RosterFields {
    public static final String TELEGRAM = "telegram";
    public static final String ZALO = "zalo";
    /**
     * A Zalo user id as the Zalo Bot Platform gives it: an opaque string, never a number. The
     * platform's own sample update has {@code "from": {"id": "6ede9afa66b88fe6d6a9"}} (20
     * hexadecimal characters; bot.zaloplatforms.com/docs, Webhook), and every public client read
     * keeps it as a string. We accept what such an id may plausibly hold (letters, digits, '_'
     * and '-', up to 64) and nothing that could smuggle spaces or separators into a key.
     */
    public static final java.util.regex.Pattern ZALO_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** An example for messages: the id in the platform's own sample update. */
    public static final String ZALO_ID_EXAMPLE = "6ede9afa66b88fe6d6a9";

    private RosterFields() {}

    /** The identities of a file entry's fields; any may be null. The phone is normalised (an invalid one is left out). */
    public static List<Identity> identities(Long telegramId, String telegramUsername, String phone, String zaloId) {
        List<Identity> out = new ArrayList<>();
        if (telegramId != null) {
            out.add(new Identity(TELEGRAM, Identity.ID, telegramId.toString()));
        }
        if (telegramUsername != null) {
            out.add(new Identity(TELEGRAM, Identity.USERNAME, telegramUsername));
        }
        Identity shared = Identity.phone(phone);
        if (shared != null) {
            out.add(shared);
        }
        if (zaloId != null) {
            out.add(new Identity(ZALO, Identity.ID, zaloId));
        }
        return out;
    }

    public static Long telegramId(Person p) {
        return p.identity(TELEGRAM, Identity.ID).map(Long::valueOf).orElse(null);
    }

    public static String telegramUsername(Person p) {
        return p.identity(TELEGRAM, Identity.USERNAME).orElse(null);
    }

    public static String phone(Person p) {
        return p.identity(Identity.PHONE, Identity.E164).orElse(null);
    }

    /** Whether {@code value} has the form of a Zalo user id ({@link #ZALO_ID}). */
    public static boolean isZaloId(String value) {
        return value != null && ZALO_ID.matcher(value).matches();
    }

    public static String zaloId(Person p) {
        return p.identity(ZALO, Identity.ID).orElse(null);
    }

    /** The file field an identity comes from, for error messages. */
    public static String field(Identity i) {
        return switch (i.platform() + ":" + i.kind()) {
            case "telegram:id" -> "telegramId";
            case "telegram:username" -> "telegramUsername";
            case "phone:e164" -> "phone";
            case "zalo:id" -> "zaloId";
            default -> i.platform() + "." + i.kind();
        };
    }
}
