package vn.tinnhiem.core.chat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import vn.tinnhiem.core.VoteDefinition;

/**
 * A vote's deadline as people read it, in the vote's own time zone (the deadline's offset):
 * Vietnamese "17:00 ngày 01/12/2026", English "17:00 on 01/12/2026 (UTC+07:00)". Outside
 * Vietnam's offset the Vietnamese form names the offset too.
 */
public final class Deadlines {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);

    private Deadlines() {}

    /** The vote's deadline, or null if it has none. */
    public static String of(VoteDefinition vote, Locale locale) {
        return vote.deadline() == null ? null : format(vote.deadline(), vote.zone(), locale);
    }

    public static String format(Instant at, ZoneOffset zone, Locale locale) {
        var local = at.atOffset(zone);
        String offset = "UTC" + (zone.equals(ZoneOffset.UTC) ? "" : zone.getId());
        if ("en".equals(Messages.supported(locale).getLanguage())) {
            return TIME.format(local) + " on " + DATE.format(local) + " (" + offset + ")";
        }
        return TIME.format(local) + " ngày " + DATE.format(local)
                + (zone.equals(VoteDefinition.VIETNAM) ? "" : " (" + offset + ")");
    }
}
