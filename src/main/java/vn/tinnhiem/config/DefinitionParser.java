package vn.tinnhiem.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.tinnhiem.core.Draft;
import vn.tinnhiem.core.Identity;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.MinutesSetting;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.Rulebook;
import vn.tinnhiem.core.VoteDefinition;

/**
 * Turns one file's JSON tree into a {@link VoteDefinition}, walking the tree by hand so
 * that every problem is reported (with its field path) and an unknown field, such as a
 * typo like {@code rosters}, is an error rather than silently ignored.
 */
final class DefinitionParser {
    /** Ids go into Redis keys and Telegram callback data: no ':', braces or spaces. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    /** Telegram's rule for usernames. */
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{5,32}");
    /**
     * The most leaders on one ballot: the review before Submit shows {@link Draft#PAGE_ROWS}
     * rows a page and every page has its own button, at most {@link Draft#MAX_PAGES}, so each
     * page fits one message and any row is a few taps away. The National Assembly rated 44
     * people in 2023; provincial councils rate 25 to 40.
     */
    static final int MAX_LEADERS = Draft.PAGE_ROWS * Draft.MAX_PAGES;
    /**
     * Longest title, leader's name and position (characters). Ten review rows of the longest
     * name and position under the longest title fit Telegram's 4096-character message.
     */
    static final int MAX_TITLE = 200;
    static final int MAX_NAME = 80;
    static final int MAX_POSITION = 150;

    private static final List<String> TOP = List.of("id", "title", "unit", "rulebook", "language",
            "deadline", "announceToParticipants", "leaders", "roster", "organisers", "supervisors", "address",
            "conference", "place", "heading", "committee");
    /** A form of address is a word or two ("đồng chí", "anh/chị"): letters, spaces, '/' and '-'. */
    static final Pattern ADDRESS = Pattern.compile("[\\p{L}][\\p{L}\\p{M} /-]{0,23}");
    private static final List<String> MEMBER_FIELDS = List.of("name", "role");
    private static final int MAX_COMMITTEE = 15;
    private static final List<String> LEADER_FIELDS = List.of("id", "fullName", "position");
    private static final List<String> PERSON_FIELDS =
            List.of("id", "name", "position", "telegramId", "telegramUsername", "phone", "zaloId");

    /** The definition, or null when {@code errors} is not empty. */
    record Parsed(VoteDefinition definition, List<ConfigError> errors) {}

    /** A roster, organiser or supervisor entry as read; contacts hold only the valid parts. */
    private record Entry(String path, String id, String name, List<Identity> identities, String position) {
        String label() {
            return path + (id == null ? "" : " (" + id + ")");
        }
    }

    /** One way of recognising someone, normalised for comparison. */
    private record Contact(String kind, String value) {}

    private final Path file;
    private final List<ConfigError> errors = new ArrayList<>();
    /** The definition's language, for the errors explained in it (Vietnamese until it is read). */
    private Locale language = Messages.VIETNAMESE;
    /** Person id → where it was first used, across roster, organisers and supervisors. */
    private final Map<String, String> personIds = new HashMap<>();

    private DefinitionParser(Path file) {
        this.file = file;
    }

    static Parsed parse(Path file, String text) {
        DefinitionParser parser = new DefinitionParser(file);
        StrictJson.Result json = StrictJson.read(text);
        json.problems().forEach(p -> parser.error(p.field(), p.reason()));
        if (json.tree() == null) {
            return new Parsed(null, parser.errors);
        }
        if (!json.tree().isJsonObject()) {
            parser.error(ConfigError.WHOLE_FILE,
                    "a vote definition must be a JSON object { ... }, not " + kind(json.tree()));
            return new Parsed(null, parser.errors);
        }
        VoteDefinition definition = parser.vote(json.tree().getAsJsonObject());
        return new Parsed(parser.errors.isEmpty() ? definition : null, List.copyOf(parser.errors));
    }

    private VoteDefinition vote(JsonObject o) {
        onlyKnown(o, "", TOP);
        String id = id(o, "", "id");
        String title = longest(text(o, "", "title", true), "title", MAX_TITLE);
        String unit = text(o, "", "unit", false);
        Rulebook rulebook = rulebook(o);
        Locale language = language(o);
        if (language != null) {
            this.language = language;
        }
        OffsetDateTime deadline = deadline(o);
        String address = address(o);
        boolean announce = flag(o, "announceToParticipants");
        List<Leader> leaders = leaders(o);
        List<Entry> roster = people(o, "roster", true);
        List<Entry> organisers = people(o, "organisers", true);
        List<Entry> supervisors = people(o, "supervisors", false);
        MinutesSetting minutes = minutes(o);

        Map<Contact, Entry> participants = listedOnce(roster, "participant");
        // Staff with no chat identity take their role by typing a staff code (invites --staff):
        // nobody can look up their own Zalo id, so a vote file often cannot name it.
        Map<Contact, Entry> organiserContacts = listedOnce(organisers, "organiser");
        listedOnce(supervisors, "supervisor");
        for (Entry s : supervisors) {
            for (Contact c : contacts(s.identities())) {
                Entry p = participants.get(c);
                if (p != null) {
                    error(s.path() + "." + c.kind(), "a supervisor never votes, but this "
                            + c.kind() + " is also on " + p.label());
                }
                Entry org = organiserContacts.get(c);
                if (org != null) {
                    error(s.path() + "." + c.kind(), "a supervisor may not also be an organiser"
                            + " (supervisors never change anything), but this " + c.kind()
                            + " is also on " + org.label());
                }
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new VoteDefinition(id, title, unit, rulebook, language, leaders,
                persons(roster), persons(organisers), persons(supervisors),
                deadline == null ? null : deadline.toInstant(), announce,
                deadline == null ? VoteDefinition.VIETNAM : deadline.getOffset(), address, minutes);
    }

    // ---- top-level fields ----

    private Rulebook rulebook(JsonObject o) {
        String value = text(o, "", "rulebook", true);
        if (value == null) {
            return null;
        }
        List<String> known = Arrays.stream(Rulebook.values()).map(Rulebook::id).toList();
        return Rulebook.byId(value).orElseGet(() -> {
            error("rulebook", "unknown rulebook " + quote(value) + suggestion(value, known)
                    + "; known rulebooks: " + String.join(", ", known));
            return null;
        });
    }

    private Locale language(JsonObject o) {
        String value = text(o, "", "language", false);
        if (value == null || value.isEmpty()) {
            return Locale.forLanguageTag("vi");
        }
        if (!value.equals("vi") && !value.equals("en")) {
            error("language", "must be \"vi\" (Vietnamese) or \"en\" (English), not " + quote(value));
            return null;
        }
        return Locale.forLanguageTag(value);
    }

    /** The optional form of address used where Vietnamese messages speak to a person. */
    private String address(JsonObject o) {
        String value = text(o, "", "address", false);
        if (value == null) {
            return null;
        }
        if (!ADDRESS.matcher(value).matches()) {
            error("address", quote(value) + " is not a form of address: give a word or two such as "
                    + "\"đồng chí\" or \"anh/chị\" (letters, spaces, / and -; at most 24 characters)");
            return null;
        }
        return value;
    }

    private OffsetDateTime deadline(JsonObject o) {
        String value = text(o, "", "deadline", false);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            String hint = !localDateTime(value) ? ""
                    : " (" + (value.contains(" ") ? "put a 'T' between date and time, and " : "")
                            + "add the offset: +07:00 for Vietnam)";
            error("deadline", quote(value) + " is not an ISO-8601 date-time with an offset,"
                    + " e.g. 2026-12-01T17:00:00+07:00" + hint);
            return null;
        }
    }

    private static boolean localDateTime(String value) {
        try {
            LocalDateTime.parse(value.replace(' ', 'T'));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private boolean flag(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return false;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            error(key, "must be true or false (without quotes), not " + kind(e));
            return false;
        }
        return e.getAsBoolean();
    }

    // ---- the minutes ----

    private MinutesSetting minutes(JsonObject o) {
        String conference = text(o, "", "conference", false);
        String place = text(o, "", "place", false);
        MinutesSetting.Heading heading = MinutesSetting.Heading.STATE;
        String h = text(o, "", "heading", false);
        if (h != null && !h.isEmpty()) {
            heading = Arrays.stream(MinutesSetting.Heading.values()).filter(x -> x.id().equals(h)).findFirst()
                    .orElse(null);
            if (heading == null) {
                error("heading", "must be \"state\" (a State agency: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM) or"
                        + " \"party\" (a Party committee: ĐẢNG CỘNG SẢN VIỆT NAM), not " + quote(h));
            }
        }
        List<MinutesSetting.Member> committee = new ArrayList<>();
        JsonArray array = list(o, "committee", false);
        if (array != null) {
            if (array.size() > MAX_COMMITTEE) {
                error("committee", "has " + array.size() + " members; at most " + MAX_COMMITTEE
                        + " signature blocks fit the minutes");
            }
            for (int i = 0; i < array.size(); i++) {
                String path = "committee[" + i + "]";
                JsonObject m = object(array.get(i), path);
                if (m == null) {
                    continue;
                }
                onlyKnown(m, path, MEMBER_FIELDS);
                String name = text(m, path, "name", true);
                String role = text(m, path, "role", true);
                if (name != null && role != null) {
                    committee.add(new MinutesSetting.Member(name, role));
                }
            }
        }
        return new MinutesSetting(empty(conference), empty(place), heading, committee);
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // ---- leaders ----

    private List<Leader> leaders(JsonObject o) {
        List<Leader> leaders = new ArrayList<>();
        JsonArray array = list(o, "leaders", true);
        if (array == null) {
            return leaders;
        }
        if (array.size() > MAX_LEADERS) {
            error("leaders", Messages.of(language).get("config.leaders.toomany", array.size(), MAX_LEADERS,
                    Draft.PAGE_ROWS, Draft.MAX_PAGES));
        }
        Map<String, String> ids = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "leaders[" + i + "]";
            JsonObject l = object(array.get(i), path);
            if (l == null) {
                continue;
            }
            onlyKnown(l, path, LEADER_FIELDS);
            String id = id(l, path, "id");
            if (id != null) {
                String first = ids.putIfAbsent(id, path);
                if (first != null) {
                    error(path + ".id", "duplicate leader id " + quote(id) + " (already used by "
                            + first + ")");
                }
            }
            String fullName = longest(text(l, path, "fullName", true), join(path, "fullName"), MAX_NAME);
            String position = longest(text(l, path, "position", true), join(path, "position"), MAX_POSITION);
            if (id != null && fullName != null && position != null) {
                leaders.add(new Leader(id, fullName, position));
            }
        }
        return leaders;
    }

    // ---- people ----

    private List<Entry> people(JsonObject o, String key, boolean required) {
        List<Entry> entries = new ArrayList<>();
        JsonArray array = list(o, key, required);
        if (array == null) {
            return entries;
        }
        for (int i = 0; i < array.size(); i++) {
            String path = key + "[" + i + "]";
            JsonObject p = object(array.get(i), path);
            if (p == null) {
                continue;
            }
            onlyKnown(p, path, PERSON_FIELDS);
            String id = id(p, path, "id");
            if (id != null) {
                String first = personIds.putIfAbsent(id, path);
                if (first != null) {
                    error(path + ".id", "duplicate person id " + quote(id) + " (already used by "
                            + first + "); ids must be unique across roster, organisers and"
                            + " supervisors");
                }
            }
            String name = text(p, path, "name", true);
            String position = longest(text(p, path, "position", false), join(path, "position"), MAX_POSITION);
            entries.add(new Entry(path, id, name, RosterFields.identities(telegramId(p, path), username(p, path),
                    phone(p, path), zaloId(p, path)), position));
        }
        return entries;
    }

    private Long telegramId(JsonObject p, String path) {
        JsonElement e = p.get("telegramId");
        if (e == null || e.isJsonNull()) {
            return null;
        }
        String field = path + ".telegramId";
        Long id = null;
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            try {
                id = e.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException tooBigOrFraction) {
                id = null;
            }
        } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            String s = e.getAsString().strip();
            if (s.matches("\\d{1,19}")) {
                try {
                    id = Long.parseLong(s);
                } catch (NumberFormatException tooBig) {
                    id = null;
                }
            }
        }
        if (id == null || id <= 0) {
            error(field, show(e) + " is not a Telegram numeric id: it must be a positive whole"
                    + " number such as 123456789 (a username goes in telegramUsername)");
            return null;
        }
        return id;
    }

    private String username(JsonObject p, String path) {
        String value = text(p, path, "telegramUsername", false);
        if (value == null) {
            return null;
        }
        String bare = value.startsWith("@") ? value.substring(1) : value;
        if (!USERNAME.matcher(bare).matches()) {
            error(path + ".telegramUsername", quote(value) + " is not a Telegram username:"
                    + " 5 to 32 letters, digits or '_', optionally after '@'");
            return null;
        }
        return bare;
    }

    private String phone(JsonObject p, String path) {
        JsonElement e = p.get("phone");
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            error(path + ".phone", "write the phone number as text in quotes, e.g. \"0912345678\""
                    + " (as a number it loses its leading 0)");
            return null;
        }
        String value = text(p, path, "phone", false);
        if (value == null) {
            return null;
        }
        String normalised = Identity.normalisePhone(value);
        if (normalised == null) {
            error(path + ".phone", quote(value) + " is not a phone number: 8 to 15 digits,"
                    + " e.g. 0912345678 or +84 912 345 678");
        }
        return normalised;
    }

    private String zaloId(JsonObject p, String path) {
        JsonElement e = p.get("zaloId");
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            // Never a number: the platform's ids are strings such as "6ede9afa66b88fe6d6a9".
            error(path + ".zaloId", show(e) + " is a number; a Zalo user id is text, write it in quotes, e.g. \""
                    + RosterFields.ZALO_ID_EXAMPLE + "\"");
            return null;
        }
        String value = text(p, path, "zaloId", false);
        if (value == null) {
            return null;
        }
        if (!RosterFields.isZaloId(value)) {
            error(path + ".zaloId", quote(value) + " is not a Zalo user id (letters, digits, _ and -, up to 64,"
                    + " e.g. \"" + RosterFields.ZALO_ID_EXAMPLE + "\")");
            return null;
        }
        return value;
    }

    /**
     * Reports two entries of one list that share a way of being recognised: the bot could
     * not tell them apart. Returns each contact → the entry that has it.
     */
    private Map<Contact, Entry> listedOnce(List<Entry> entries, String role) {
        Map<Contact, Entry> seen = new LinkedHashMap<>();
        for (Entry e : entries) {
            for (Contact c : contacts(e.identities())) {
                Entry first = seen.putIfAbsent(c, e);
                if (first != null) {
                    error(e.path() + "." + c.kind(), "this " + c.kind() + " is also on "
                            + first.label() + "; a " + role + " must be listed only once");
                }
            }
        }
        return seen;
    }

    private static List<Contact> contacts(List<Identity> identities) {
        return identities.stream().map(i -> new Contact(RosterFields.field(i), i.canonical().value())).toList();
    }

    private static List<Person> persons(List<Entry> entries) {
        return entries.stream().map(e -> new Person(e.id(), e.name(), e.identities(), e.position())).toList();
    }

    // ---- generic walking ----

    private void onlyKnown(JsonObject o, String path, List<String> known) {
        for (String key : o.keySet()) {
            if (!known.contains(key)) {
                error(join(path, key), "unknown field" + suggestion(key, known)
                        + "; allowed here: " + String.join(", ", known));
            }
        }
    }

    private String id(JsonObject o, String path, String key) {
        String value = text(o, path, key, true);
        if (value != null && !ID.matcher(value).matches()) {
            error(join(path, key), quote(value) + " is not a valid id: use 1 to 32 lower-case"
                    + " letters a-z, digits and '-', starting with a letter or digit"
                    + " (ids go into storage keys and button data)");
            return null;
        }
        return value;
    }

    /**
     * A text field, trimmed and in Unicode NFC (so a name typed with combining accents is
     * the same name). Null when absent or wrong; a required field must not be blank, and no
     * field may hold an invisible or control character (see {@link #hidden}).
     */
    /** {@code value}, or null with an error when it is longer than {@code max} characters. */
    private String longest(String value, String field, int max) {
        int length = value == null ? 0 : value.codePointCount(0, value.length());
        if (length > max) {
            error(field, "is " + length + " characters long; at most " + max
                    + " fit the ballot's screens (ten rows of the review in one message)");
            return null;
        }
        return value;
    }

    private String text(JsonObject o, String path, String key, boolean required) {
        JsonElement e = o.get(key);
        String field = join(path, key);
        if (e == null || e.isJsonNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            error(field, "must be text in quotes, not " + kind(e));
            return null;
        }
        String hidden = hidden(e.getAsString());
        if (hidden != null) {
            error(field, hidden);
            return null;
        }
        String value = Normalizer.normalize(e.getAsString().strip(), Normalizer.Form.NFC);
        if (required && value.isEmpty()) {
            error(field, "must not be blank");
            return null;
        }
        return value;
    }

    /**
     * Why {@code raw} must be refused, or null: a control character (tab, newline, ESC…), a
     * format character (zero-width space or joiner, soft hyphen, the bidirectional overrides
     * and isolates U+202A–U+202E, U+2066–U+2069, which make a name read differently from
     * what it is), a line or paragraph separator, a private-use character or half a surrogate
     * pair. Two names that
     * look the same must be the same name. The position counts characters from 1.
     */
    static String hidden(String raw) {
        int position = 0;
        for (int i = 0; i < raw.length(); i += Character.charCount(raw.codePointAt(i))) {
            position++;
            int cp = raw.codePointAt(i);
            switch (Character.getType(cp)) {
                case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                        Character.PRIVATE_USE, Character.SURROGATE -> {
                    String name = Character.getName(cp);
                    return String.format(Locale.ROOT, "contains an invisible or control character U+%04X%s at"
                            + " position %d: write plain text only", cp, name == null ? "" : " (" + name + ")",
                            position);
                }
                default -> { }
            }
        }
        return null;
    }

    private JsonArray list(JsonObject o, String key, boolean required) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            if (required) {
                error(key, "is required: a list [ ... ] with at least one entry");
            }
            return null;
        }
        if (!e.isJsonArray()) {
            error(key, "must be a list [ ... ], not " + kind(e));
            return null;
        }
        if (required && e.getAsJsonArray().isEmpty()) {
            error(key, "must not be empty");
        }
        return e.getAsJsonArray();
    }

    private JsonObject object(JsonElement e, String path) {
        if (!e.isJsonObject()) {
            error(path, "must be an object { ... }, not " + kind(e));
            return null;
        }
        return e.getAsJsonObject();
    }

    private void error(String field, String reason) {
        errors.add(new ConfigError(file, field, reason));
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }

    private static String show(JsonElement e) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return e.getAsBigDecimal().toPlainString();
        }
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()
                ? quote(e.getAsString()) : kind(e);
    }

    private static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "a list";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean() ? "true" : "false";
        }
        return p.isNumber() ? "a number" : "text";
    }

    /** " (did you mean "roster"?)" for a near miss such as "rosters" or "Roster". */
    static String suggestion(String given, List<String> known) {
        String g = given.toLowerCase(Locale.ROOT).replace("_", "");
        List<String> close = known.stream()
                .filter(k -> distance(g, k.toLowerCase(Locale.ROOT)) <= 2)
                .collect(Collectors.toList());
        return close.size() == 1 ? " (did you mean " + quote(close.get(0)) + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
