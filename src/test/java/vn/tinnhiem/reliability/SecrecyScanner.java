package vn.tinnhiem.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Slowlog;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.testing.PdfText;

/**
 * Looks for a <b>pairing</b> of a participant with a choice (SPEC 4). A pairing is one unit
 * (a Redis key with everything it holds, a slow-log entry, a log line with its stack trace,
 * one reply with its keyboard) that contains both
 * <ul>
 *   <li>a participant <b>identifier</b>: their roster id, account key ("tg:…"), platform
 *       user id or name; and</li>
 *   <li>a <b>choice marker</b>: a level's label in either language ("Tín nhiệm cao", "Low
 *       confidence", "Bỏ trống"…), a draft's encoding ("2:HM-"), a count field
 *       ("director:H") or a rate button's data ("r:vote:0:H").</li>
 * </ul>
 * For replies only the markers of <em>one person's</em> choice count (the summary line
 * "Name (Position): label", the current-choice mark "✓ label", a draft or count code):
 * results announcements show every label with aggregate numbers, and ballot keyboards offer
 * every label. A reply addressed to a participant is their own chat, so its recipient counts
 * as an identifier: a voter may see their own choices, but only until they submit.
 */
final class SecrecyScanner {
    private static final String LABELS = "Tín nhiệm cao|Tín nhiệm thấp|Tín nhiệm|Bỏ trống"
            + "|High confidence|Low confidence|Confidence|Leave blank";
    /** A draft ("12:HM-", "3e:HML", "44/2:HH…"), a choice's code, or a rate button's data (leaders up to 100). */
    private static final String CODES = "\\b\\d{1,3}e?(?:/\\d{1,2})?:[HMLB-]{2,}(?![HMLB-])|\\b[a-z0-9-]+:[HMLB]\\b"
            + "|\\br:[a-z0-9-]+:\\d{1,3}:[HMLB]\\b";
    /** Any sign of a choice: for storage and logs, which have no business holding labels at all. */
    static final Pattern ANY_CHOICE = Pattern.compile(LABELS + "|" + CODES);
    /** One person's choice, as a message could show it. */
    static final Pattern ONE_CHOICE = Pattern.compile("\\): (" + LABELS + ")|✓ (" + LABELS + ")|" + CODES);

    /** One participant's identifiers. */
    record Person(String id, String accountKey, String userId, String name) {
        List<String> identifiers() {
            return List.of(id, accountKey, userId, name);
        }
    }

    record Finding(String where, String identifier, String marker, String unit) {
        @Override
        public String toString() {
            String excerpt = unit.length() > 300 ? unit.substring(0, 300) + "…" : unit;
            return where + ": '" + identifier + "' with '" + marker + "' in «" + excerpt.replace('\n', ' ') + "»";
        }
    }

    /** What was scanned, for the report. */
    int keys;
    int values;
    int slowlogEntries;
    int logLines;
    int replies;
    int documents;

    private final List<Person> people;

    SecrecyScanner(List<Person> people) {
        this.people = List.copyOf(people);
    }

    /** Pairings in one unit of text. */
    List<Finding> scan(String where, String unit, Pattern markers) {
        List<Finding> found = new ArrayList<>();
        Matcher m = markers.matcher(unit);
        if (!m.find()) {
            return found;
        }
        for (Person p : people) {
            for (String id : p.identifiers()) {
                if (unit.contains(id)) {
                    found.add(new Finding(where, id, m.group(), unit));
                    break; // one finding per person and unit
                }
            }
        }
        return found;
    }

    /** Every key of every type, each with all it holds, then the slow log. */
    List<Finding> scanRedis(Jedis jedis) {
        List<Finding> found = new ArrayList<>(scanSlowlog(jedis));
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(500));
            for (String key : page.getResult()) {
                keys++;
                StringBuilder unit = new StringBuilder(key);
                String type = jedis.type(key);
                switch (type) {
                    case "string" -> append(unit, List.of(jedis.get(key)));
                    case "hash" -> {
                        Map<String, String> h = jedis.hgetAll(key);
                        h.forEach((f, v) -> unit.append('\n').append(f).append(" = ").append(v));
                        values += h.size();
                    }
                    case "set" -> append(unit, List.copyOf(jedis.smembers(key)));
                    case "list" -> append(unit, jedis.lrange(key, 0, -1));
                    case "zset" -> append(unit, jedis.zrange(key, 0, -1));
                    default -> throw new AssertionError("a key of type " + type + " the scanner cannot read: " + key);
                }
                found.addAll(scan("redis key " + key, unit.toString(), ANY_CHOICE));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }

    private void append(StringBuilder unit, List<String> items) {
        for (String item : items) {
            unit.append('\n').append(item);
            values++;
        }
    }

    List<Finding> scanSlowlog(Jedis jedis) {
        List<Finding> found = new ArrayList<>();
        for (Slowlog entry : jedis.slowlogGet(1024)) {
            slowlogEntries++;
            found.addAll(scan("slowlog #" + entry.getId(), String.join(" ", entry.getArgs()), ANY_CHOICE));
        }
        return found;
    }

    List<Finding> scanLogs(List<String> lines) {
        List<Finding> found = new ArrayList<>();
        for (String line : lines) {
            logLines++;
            found.addAll(scan("log", line, ANY_CHOICE));
        }
        return found;
    }

    /**
     * Replies in the order sent. {@code submittedAt} maps a participant's account key to the
     * index of the reply that confirmed their ballot: before it, their own chat may show their
     * choices; from it on, nothing may.
     */
    List<Finding> scanReplies(List<Reply> sent, Map<String, Integer> submittedAt) {
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            Reply r = sent.get(i);
            replies++;
            if (r instanceof Reply.Document) {
                documents++;
            }
            String unit = "to " + r.to() + "\n" + text(r);
            Integer submitted = submittedAt.get(r.to());
            boolean ownBallotBeforeSubmit = people.stream().anyMatch(p -> p.accountKey().equals(r.to()))
                    && (submitted == null || i < submitted);
            if (ownBallotBeforeSubmit) {
                // Their own chat: only another participant's identifier would be a pairing.
                unit = text(r);
            }
            found.addAll(scan("reply #" + i, unit, ONE_CHOICE));
        }
        return found;
    }

    static String text(Reply r) {
        StringBuilder b = new StringBuilder();
        if (r instanceof Reply.Send s) {
            b.append(s.text());
            keyboard(b, s.keyboard());
        } else if (r instanceof Reply.Edit e) {
            b.append(e.text());
            keyboard(b, e.keyboard());
        } else if (r instanceof Reply.Answer a) {
            b.append(a.text());
        } else if (r instanceof Reply.Document d) {
            b.append(d.caption() == null ? "" : d.caption()).append('\n').append(documentText(d));
        } else if (r instanceof Reply.Photo p) {
            // The chart: bars and totals only; its caption is text like any other.
            b.append(p.caption() == null ? "" : p.caption());
        }
        return b.toString();
    }

    /**
     * What a reader of a results file sees: CSV and JSON as text, the minutes PDF as its
     * extracted text, the workbook as its cells' text. The chart (PNG) holds only bars and totals; it is read as nothing.
     */
    static String documentText(Reply.Document d) {
        String name = d.fileName().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".json")) {
            return new String(d.content(), StandardCharsets.UTF_8);
        }
        if (name.endsWith(".pdf")) {
            return PdfText.of(d.content());
        }
        if (name.endsWith(".xlsx")) {
            return vn.tinnhiem.testing.XlsxText.of(d.content());
        }
        if (name.endsWith(".png")) {
            return "";
        }
        throw new AssertionError("a document the scanner cannot read: " + d.fileName());
    }

    private static void keyboard(StringBuilder b, Keyboard k) {
        if (k instanceof Keyboard.Inline inline) {
            for (Keyboard.Button button : inline.buttons()) {
                b.append("\n[").append(button.label()).append(" | ").append(button.data()).append(']');
            }
        } else if (k instanceof Keyboard.ContactRequest c) {
            b.append("\n[").append(c.label()).append(']');
        }
    }

    /**
     * Pairings in the append-only files: a participant id inside the MULTI … EXEC block of a
     * count increment (how Redis 7 records a submit script's effects), and draft writes.
     */
    static List<Finding> scanAppendOnlyFiles(Path redisDir, List<Person> people) {
        List<Finding> found = new ArrayList<>();
        for (Path file : appendOnlyFiles(redisDir)) {
            String text;
            try {
                text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int at = text.indexOf("HINCRBY"); at >= 0; at = text.indexOf("HINCRBY", at + 1)) {
                int from = Math.max(0, text.lastIndexOf("MULTI", at));
                int to = text.indexOf("EXEC", at);
                String block = text.substring(from, to < 0 ? text.length() : to);
                for (Person p : people) {
                    if (block.contains(p.id())) {
                        found.add(new Finding(file.getFileName().toString(), p.id(), "HINCRBY", block));
                    }
                }
            }
            for (int at = text.indexOf(":draft:"); at >= 0; at = text.indexOf(":draft:", at + 1)) {
                found.add(new Finding(file.getFileName().toString(), "draft key", ":draft:",
                        text.substring(at, Math.min(text.length(), at + 80))));
            }
        }
        return found;
    }

    /** Whether any append-only file still records a count increment. */
    static boolean appendOnlyFilesMention(Path redisDir, String command) {
        for (Path file : appendOnlyFiles(redisDir)) {
            try {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(command)) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    static List<Path> appendOnlyFiles(Path redisDir) {
        Path dir = redisDir.resolve("appendonlydir");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("appendonly.aof")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
