package vn.tinnhiem.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code /open} froze of a vote's definition, kept with the vote in the store: title,
 * unit, rulebook, the leaders with their names and positions in ballot order, the number
 * summoned and the definition's fingerprint. Every result (the announcement, {@code /results},
 * the exports, the minutes, the hall display) is computed on this copy, never on the vote file
 * as it is later: a file edited after the vote (two leaders swapped, a name corrected) would
 * otherwise give one leader another's counts (issue 18, item 2). SPEC 3: "/open freezes the
 * definition (leaders and roster) and records its SHA-256 fingerprint".
 *
 * <p>Stored as lines of {@code name TAB value} ({@link #encode}). Later features add their own
 * lines (the sealed ballots will add the counting committee's public key): a line this version
 * does not know is kept in {@link #extensions} and written back as it was, so a newer record read
 * by an older bot loses nothing.
 *
 * @param extensions lines of later versions, by name, in the order they were stored
 */
public record FrozenDefinition(String voteId, String title, String unit, String rulebookId, List<Leader> leaders,
        int summoned, String fingerprint, Map<String, String> extensions) {

    /** The record's format; a line "format 1" opens every encoded record. */
    public static final int FORMAT = 1;

    public FrozenDefinition {
        Objects.requireNonNull(voteId, "voteId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(rulebookId, "rulebookId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        unit = unit == null ? "" : unit;
        leaders = List.copyOf(leaders);
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        if (leaders.isEmpty() || summoned < 1) {
            throw new IllegalArgumentException("a frozen definition needs leaders and people summoned");
        }
    }

    /** The record {@code /open} makes of a definition. */
    public static FrozenDefinition of(VoteDefinition d) {
        return new FrozenDefinition(d.id(), d.title(), d.unit(), d.rulebook().id(), d.leaders(), d.summoned(),
                d.fingerprint(), Map.of());
    }

    public Rulebook rulebook() {
        return Rulebook.byId(rulebookId).orElseThrow(() -> new IllegalStateException(
                "vote " + voteId + " was opened under rulebook " + rulebookId + ", which this version does not know"));
    }

    public List<String> leaderIds() {
        return leaders.stream().map(Leader::id).toList();
    }

    /**
     * The definition results are computed on: {@code file} (the vote file as it is now: its
     * language, time zone, minutes settings, people) with what {@code /open} froze in place of
     * its title, unit, rulebook and leaders. Results read the roster only for its size: where
     * the file now names another number of people, the roster is cut or filled with entries
     * that stand for those summoned at {@code /open}, so the percentages keep the denominator
     * that was voted on.
     */
    public VoteDefinition applyTo(VoteDefinition file) {
        if (!file.id().equals(voteId)) {
            throw new IllegalArgumentException("frozen definition of " + voteId + " applied to " + file.id());
        }
        List<Person> roster = new ArrayList<>(file.roster().subList(0, Math.min(summoned, file.summoned())));
        for (int i = roster.size(); i < summoned; i++) {
            roster.add(new Person("summoned-at-open-" + (i + 1), "", List.of()));
        }
        return new VoteDefinition(file.id(), title, unit, rulebook(), file.language(), leaders, roster,
                file.organisers(), file.supervisors(), file.deadline(), file.announceToParticipants(), file.zone(),
                file.address(), file.minutes());
    }

    /**
     * The definition a vote's results are computed on: what {@code /open} froze, over the file
     * ({@link #applyTo}); the file itself for a vote that was never opened, or was opened by a
     * version that kept no copy (the bot refuses to start on a file whose fingerprint differs
     * from the one recorded then).
     */
    public static VoteDefinition forResults(VoteDefinition file, VoteStore store) {
        return store.frozen(file.id()).map(f -> f.applyTo(file)).orElse(file);
    }

    /**
     * How {@code file} differs from what was frozen, one line each ("leader 2 renamed from «…» to
     * «…»"), empty when it does not. Leaders are compared in ballot order.
     */
    public List<String> differences(VoteDefinition file) {
        List<String> out = new ArrayList<>();
        if (!title.equals(file.title())) {
            out.add("title changed from «" + title + "» to «" + file.title() + "»");
        }
        if (!unit.equals(file.unit())) {
            out.add("unit changed from «" + unit + "» to «" + file.unit() + "»");
        }
        if (!rulebookId.equals(file.rulebook().id())) {
            out.add("rulebook changed from " + rulebookId + " to " + file.rulebook().id());
        }
        List<Leader> now = file.leaders();
        for (int i = 0; i < Math.max(leaders.size(), now.size()); i++) {
            int n = i + 1;
            if (i >= now.size()) {
                out.add("leader " + n + " («" + leaders.get(i).fullName() + "») removed");
                continue;
            }
            if (i >= leaders.size()) {
                out.add("leader " + n + " («" + now.get(i).fullName() + "») added");
                continue;
            }
            Leader was = leaders.get(i);
            Leader is = now.get(i);
            if (!was.fullName().equals(is.fullName())) {
                out.add("leader " + n + " renamed from «" + was.fullName() + "» to «" + is.fullName() + "»");
            }
            if (!was.position().equals(is.position())) {
                out.add("leader " + n + " («" + was.fullName() + "») position changed from «" + was.position()
                        + "» to «" + is.position() + "»");
            }
            if (!was.id().equals(is.id())) {
                out.add("leader " + n + " id changed from " + was.id() + " to " + is.id());
            }
        }
        if (summoned != file.summoned()) {
            out.add("summoned changed from " + summoned + " to " + file.summoned());
        }
        if (out.isEmpty() && !fingerprint.equals(file.fingerprint())) {
            out.add("the roster changed (fingerprint sha256:" + fingerprint + " at /open, sha256:"
                    + file.fingerprint() + " now)");
        }
        return out;
    }

    /** The stored form: "format 1", then one {@code name TAB value} line per field; a leader is one line. */
    public String encode() {
        StringBuilder b = new StringBuilder();
        line(b, "format", Integer.toString(FORMAT));
        line(b, "vote", voteId);
        line(b, "title", title);
        line(b, "unit", unit);
        line(b, "rulebook", rulebookId);
        line(b, "summoned", Integer.toString(summoned));
        line(b, "fingerprint", fingerprint);
        for (Leader l : leaders) {
            b.append("leader\t").append(escape(l.id())).append('\t').append(escape(l.fullName())).append('\t')
                    .append(escape(l.position())).append('\n');
        }
        extensions.forEach((name, value) -> line(b, name, value));
        return b.toString();
    }

    /** Reads {@link #encode}'s form; throws IllegalArgumentException on a record it cannot read. */
    public static FrozenDefinition decode(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<Leader> leaders = new ArrayList<>();
        Map<String, String> extensions = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            String name = parts[0];
            if (name.equals("leader")) {
                if (parts.length != 4) {
                    throw new IllegalArgumentException("malformed leader line in a frozen definition");
                }
                leaders.add(new Leader(unescape(parts[1]), unescape(parts[2]), unescape(parts[3])));
            } else if (parts.length == 2 && KNOWN.contains(name)) {
                fields.put(name, unescape(parts[1]));
            } else if (parts.length == 2) {
                extensions.put(name, unescape(parts[1]));
            } else {
                throw new IllegalArgumentException("malformed line in a frozen definition");
            }
        }
        String format = fields.get("format");
        if (format == null || Integer.parseInt(format) > FORMAT) {
            throw new IllegalArgumentException("frozen definition of format " + format + ": this version reads "
                    + FORMAT);
        }
        return new FrozenDefinition(required(fields, "vote"), required(fields, "title"), fields.get("unit"),
                required(fields, "rulebook"), leaders, Integer.parseInt(required(fields, "summoned")),
                required(fields, "fingerprint"), extensions);
    }

    /** The same record with one more extension line (how a later feature adds its field). */
    public FrozenDefinition with(String name, String value) {
        if (KNOWN.contains(name) || name.equals("leader") || name.contains("\t") || name.contains("\n")) {
            throw new IllegalArgumentException("not an extension name: " + name);
        }
        Map<String, String> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new FrozenDefinition(voteId, title, unit, rulebookId, leaders, summoned, fingerprint, more);
    }

    public Optional<String> extension(String name) {
        return Optional.ofNullable(extensions.get(name));
    }

    private static final java.util.Set<String> KNOWN =
            java.util.Set.of("format", "vote", "title", "unit", "rulebook", "summoned", "fingerprint");

    private static String required(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new IllegalArgumentException("frozen definition without " + name);
        }
        return v;
    }

    private static void line(StringBuilder b, String name, String value) {
        b.append(name).append('\t').append(escape(value)).append('\n');
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                b.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
