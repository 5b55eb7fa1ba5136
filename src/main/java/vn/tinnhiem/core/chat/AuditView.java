package vn.tinnhiem.core.chat;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;

/**
 * The audit log as a supervisor reads it: each line in the vote's language, its time in the
 * vote's time zone, staff by name. The log itself keeps its compact form ("quorum present=12
 * summoned=14 by=org2"); only the words are rendered here. A kind of line this view does not
 * know yet is shown as stored, after a label saying so, rather than dropped.
 */
final class AuditView {
    private static final DateTimeFormatter VI_TIME = DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy");
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("HH:mm:ss, d MMM yyyy", Locale.ENGLISH);

    private AuditView() {}

    static String render(VoteDefinition vote, List<AuditEntry> log, Messages m) {
        StringBuilder b = new StringBuilder(m.get("audit.header", vote.title()));
        DateTimeFormatter time = ("vi".equals(m.locale().getLanguage()) ? VI_TIME : EN_TIME).withZone(vote.zone());
        for (AuditEntry e : log) {
            b.append('\n').append(time.format(e.at())).append(" — ").append(line(vote, e, m));
        }
        return b.toString();
    }

    static String line(VoteDefinition vote, AuditEntry e, Messages m) {
        Map<String, String> d = details(e.detail());
        return switch (e.event()) {
            case "created" -> m.get("audit.created", d.getOrDefault("sha256", "-"));
            case "opened" -> m.get("audit.opened", d.getOrDefault("sha256", "-"));
            case "quorum" -> m.get(d.containsKey("override") ? "audit.quorum.override" : "audit.quorum",
                    d.getOrDefault("present", "?"), d.getOrDefault("summoned", "?"), who(vote, d.get("by"), m));
            case "reminded" -> m.get("audit.reminded", d.getOrDefault("count", "0"), who(vote, d.get("by"), m));
            case "closed" -> "deadline".equals(d.get("by")) ? m.get("audit.closed.deadline")
                    : m.get("audit.closed", who(vote, d.get("by"), m));
            case "results" -> m.get("audit.results", d.getOrDefault("sha256", "-"));
            case "checked" -> e.detail().contains("MISMATCH")
                    ? m.get("audit.checked.mismatch", d.getOrDefault("receipts", "?"), d.getOrDefault("returned", "?"),
                            e.detail().substring(e.detail().indexOf("MISMATCH") + "MISMATCH".length()).strip())
                    : m.get("audit.checked", d.getOrDefault("receipts", "?"), d.getOrDefault("returned", "?"));
            case "announced" -> d.containsKey("unreachable")
                    ? m.get("audit.announced.unreachable", d.getOrDefault("recipients", "0"), d.get("unreachable"))
                    : m.get("audit.announced", d.getOrDefault("recipients", "0"));
            case "invite" -> m.get("audit.invite", vote.participant(e.detail().split(" ", 2)[0])
                    .map(Person::name).orElse(e.detail().split(" ", 2)[0]));
            default -> m.get("audit.other", e.event(), e.detail());
        };
    }

    /** A staff id ("org2") as the person's name; the deadline and anything unknown as they are. */
    private static String who(VoteDefinition vote, String by, Messages m) {
        if (by == null) {
            return "-";
        }
        return java.util.stream.Stream.concat(vote.organisers().stream(), vote.supervisors().stream())
                .filter(p -> p.id().equals(by)).map(Person::name).findFirst().orElse(by);
    }

    /** "present=12 summoned=14 override by=org2" as a map; a word without "=" maps to itself. */
    private static Map<String, String> details(String detail) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String word : detail.split(" ")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                out.put(word.substring(0, eq), word.substring(eq + 1));
            } else if (!word.isEmpty()) {
                out.put(word, word);
            }
        }
        return out;
    }
}
