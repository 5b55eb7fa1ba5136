package vn.tinnhiem.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JSON into a Gson tree, strictly (RFC 8259: no comments, no single quotes, no
 * trailing garbage) and noticing what Gson's own tree parser lets through silently: a key
 * given twice in one object, where the last one would quietly win.
 */
final class StrictJson {
    private static final Pattern LOCATION = Pattern.compile("line (\\d+) column (\\d+)");

    /** A problem at a place in the document; {@code field} is a path like {@code roster[2].id}. */
    record Problem(String field, String reason) {}

    /** The tree ({@code null} if the text is not JSON at all) and the problems found. */
    record Result(JsonElement tree, List<Problem> problems) {}

    private final JsonReader reader;
    private final List<Problem> problems = new ArrayList<>();

    private StrictJson(String text) {
        reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
    }

    static Result read(String text) {
        if (text.isBlank()) {
            return new Result(null, List.of(new Problem(ConfigError.WHOLE_FILE,
                    "the file is empty; a vote definition is a JSON object { ... }")));
        }
        StrictJson json = new StrictJson(text);
        try {
            JsonElement tree = json.value();
            if (json.reader.peek() != JsonToken.END_DOCUMENT) {
                json.problems.add(new Problem(ConfigError.WHOLE_FILE,
                        "unexpected text after the end of the JSON document" + json.where()));
                return new Result(null, json.problems);
            }
            return new Result(tree, json.problems);
        } catch (IOException | RuntimeException e) {
            json.problems.add(new Problem(ConfigError.WHOLE_FILE, "not valid JSON: " + clean(e, text)));
            return new Result(null, json.problems);
        }
    }

    private JsonElement value() throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT:
                return object();
            case BEGIN_ARRAY:
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(value());
                }
                reader.endArray();
                return array;
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER:
                // Kept exact: a Telegram id must not pass through a double.
                return new JsonPrimitive(new BigDecimal(reader.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new IllegalStateException("unexpected " + reader.peek() + where());
        }
    }

    private JsonObject object() throws IOException {
        JsonObject object = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            String path = field(reader.getPath());
            String at = where();
            JsonElement v = value();
            if (object.has(name)) {
                problems.add(new Problem(path, "given twice in the same object" + at
                        + "; remove one (otherwise the last one would silently win)"));
            } else {
                object.add(name, v);
            }
        }
        reader.endObject();
        return object;
    }

    /** " (line 3, column 5)", from the reader's current position. */
    private String where() {
        Matcher m = LOCATION.matcher(reader.toString());
        return m.find() ? " (line " + m.group(1) + ", column " + m.group(2) + ")" : "";
    }

    /** Gson's "$.roster[3].id" as "roster[3].id". */
    static String field(String gsonPath) {
        if (gsonPath.startsWith("$.")) {
            return gsonPath.substring(2);
        }
        return gsonPath.startsWith("$") ? gsonPath.substring(1) : gsonPath;
    }

    /**
     * Gson's message as a plain reason and a place: without the exception class, the
     * troubleshooting link, or advice meant for programmers ("setStrictness(LENIENT)").
     */
    static String clean(Exception e, String text) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replaceFirst("^[\\w.]+Exception: ", "");
        int see = message.indexOf("\nSee ");
        if (see >= 0) {
            message = message.substring(0, see);
        }
        Matcher m = Pattern.compile("at line (\\d+) column (\\d+) path (\\S+)").matcher(message);
        if (!m.find()) {
            return plain(message.replace('\n', ' ').trim(), "");
        }
        int line = Integer.parseInt(m.group(1));
        int column = Integer.parseInt(m.group(2));
        String near = field(m.group(3));
        String reason = plain(message.substring(0, m.start()).trim(), textAt(text, line, column));
        return reason + " (line " + line + ", column " + column + (near.isEmpty() ? "" : ", in " + near) + ")";
    }

    /** Gson's reason in words an organiser editing the file can act on. */
    private static String plain(String gson, String found) {
        String what = found.isEmpty() ? "" : " '" + found + "'";
        if (gson.contains("LENIENT") || gson.startsWith("Unexpected value")) {
            return "unexpected" + (what.isEmpty() ? " text" : what) + "; JSON allows no comments and no single"
                    + " quotes, text must be in double quotes, and true, false, null are written in full";
        }
        return switch (gson) {
            case "Unterminated object" -> "a comma or a closing } is missing before" + nonEmpty(what);
            case "Unterminated array" -> "a comma or a closing ] is missing before" + nonEmpty(what);
            case "Unterminated string" -> "a text in double quotes is not closed";
            case "Expected name" -> "a field name in double quotes is expected here (a comma too many?)";
            case "Expected value" -> "a value is expected here (a comma too many?)";
            case "Expected ':'" -> "a colon is missing after the field name";
            case "End of input" -> "the file ends too early (a closing } or ] is missing)";
            default -> gson;
        };
    }

    private static String nonEmpty(String what) {
        return what.isEmpty() ? " this point" : what;
    }

    /** The word of {@code text} at a 1-based line and column, to quote in the reason. */
    private static String textAt(String text, int line, int column) {
        String[] lines = text.split("\\R", -1);
        if (line < 1 || line > lines.length) {
            return "";
        }
        String l = lines[line - 1];
        int at = Math.min(Math.max(column - 1, 0), l.length());
        int start = at;
        while (start > 0 && !Character.isWhitespace(l.charAt(start - 1)) && "{}[],:\"".indexOf(l.charAt(start - 1)) < 0) {
            start--;
        }
        int end = at;
        while (end < l.length() && !Character.isWhitespace(l.charAt(end)) && "{}[],:".indexOf(l.charAt(end)) < 0) {
            end++;
        }
        String word = l.substring(start, end);
        return word.length() > 20 ? word.substring(0, 20) + "…" : word;
    }
}
