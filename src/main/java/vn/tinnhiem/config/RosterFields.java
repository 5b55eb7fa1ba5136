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
