package vn.tinnhiem.config;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.tinnhiem.core.Identity;

/**
 * {@code init}: a vote definition from the organisers' spreadsheets. The leaders, the roster
 * and the staff (organisers and supervisors) are three tables: sheets of one workbook, named
 * as in the template ({@code config/mau-danh-sach.xlsx}: "Lãnh đạo", "Người ghi phiếu",
 * "Ban tổ chức", or in English) or else taken in that order, or separate files (.xlsx or
 * .csv). Headers are matched without case or diacritics, in Vietnamese or English.
 *
 * <p>Every bad cell is reported as {@code FILE:SHEET:ROW:COLUMN: reason}, all at once; the
 * definition written is then checked by {@link DefinitionParser} like any other, and its
 * errors are traced back to the row they came from. Ids absent from the sheets are given in
 * order: {@code l1…} for leaders, {@code p01…} for participants, {@code org1…} and
 * {@code sup1…} for staff.
 */
public final class SpreadsheetImport {
    /**
     * The vote's own fields, which no table holds; null for those not given. {@code heading} is
     * "state" or "party"; {@code deadline} an ISO-8601 date-time, with its offset or in Vietnam
     * time ({@code 2026-12-01 17:00}).
     */
    public record Header(String id, String title, String unit, String rulebook, String language, String conference,
            String place, String heading, String deadline) {
        public Header(String id, String title, String unit, String rulebook, String language) {
            this(id, title, unit, rulebook, language, null, null, null, null);
        }
    }

    /**
     * Where the tables are: one workbook with the sheets ({@code book}), or a file per table as
     * the flags name them ({@code leaders}, {@code roster}, {@code staff}; {@code committee}
     * optional). A file given for a table is that table, whatever its name.
     */
    public record Sources(Path book, Path leaders, Path roster, Path staff, Path committee) {
        public static Sources book(Path book) {
            return new Sources(book, null, null, null, null);
        }

        public static Sources files(Path leaders, Path roster, Path staff, Path committee) {
            return new Sources(null, leaders, roster, staff, committee);
        }
    }

    /** The definition as JSON, ready for {@code check-config}; or the errors, and no JSON. Warnings either way. */
    public record Result(String json, List<String> errors, List<String> warnings) {
        public Result(String json, List<String> errors) {
            this(json, errors, List.of());
        }
    }

    static final List<String> LEADER_SHEETS = List.of("lanhdao", "leaders", "nguoiduoclayphieu");
    static final List<String> ROSTER_SHEETS = List.of("nguoighiphieu", "danhsach", "roster", "participants");
    static final List<String> STAFF_SHEETS = List.of("bantochuc", "staff", "organisers");
    static final List<String> INFO_SHEETS = List.of("thongtin", "thongtinchung", "hoinghi", "vote", "information");
    /** The info sheet's rows (label, value): each label's field in the vote file. */
    private static final Map<String, String> INFO_FIELDS = Map.ofEntries(Map.entry("ma", "id"),
            Map.entry("macuocbophieu", "id"), Map.entry("id", "id"), Map.entry("tieude", "title"),
            Map.entry("title", "title"), Map.entry("donvi", "unit"), Map.entry("unit", "unit"),
            Map.entry("hoinghi", "conference"), Map.entry("tenhoinghi", "conference"),
            Map.entry("conference", "conference"), Map.entry("diadanh", "place"), Map.entry("place", "place"),
            Map.entry("tieudebienban", "heading"), Map.entry("heading", "heading"), Map.entry("hanchot", "deadline"),
            Map.entry("deadline", "deadline"), Map.entry("quydinh", "rulebook"), Map.entry("rulebook", "rulebook"),
            Map.entry("ngonngu", "language"), Map.entry("language", "language"));
    static final List<String> COMMITTEE_SHEETS = List.of("tokiemphieu", "bankiemphieu", "committee",
            "countingcommittee");

    private static final List<String> ID = List.of("ma", "id");
    private static final List<String> NAME = List.of("hovaten", "hoten", "ten", "fullname", "name");
    private static final List<String> POSITION = List.of("chucvu", "position");
    private static final List<String> PHONE = List.of("sodienthoai", "dienthoai", "sdt", "phone");
    private static final List<String> TELEGRAM = List.of("telegram", "telegramid", "telegramusername");
    private static final List<String> ZALO = List.of("zalo", "zaloid");
    private static final List<String> ROLE = List.of("vaitro", "role");
    private static final List<String> DUTY = List.of("nhiemvu", "chucdanh", "vaitro", "role");
    /** The template's header for each JSON field, to name the column of a parser error. */
    private static final Map<String, String> COLUMNS = Map.of("id", "Mã", "fullName", "Họ và tên", "name",
            "Họ và tên", "position", "Chức vụ", "telegramId", "Telegram", "telegramUsername", "Telegram",
            "phone", "Số điện thoại", "zaloId", "Zalo", "role", "Nhiệm vụ");
    private static final Pattern USERNAME = Pattern.compile("@?([A-Za-z][A-Za-z0-9_]{4,31})");
    /** A long number as Excel shows it in a General cell, digits lost: 8.8E+15, 8,80001E+15. */
    private static final Pattern SCIENTIFIC = Pattern.compile("[+-]?\\d+([.,]\\d*)?[eE][+-]?\\d+");
    private static final Pattern LOCAL_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?");

    /** In order, each once (the staff sheet is read twice: for organisers, then supervisors). */
    private final java.util.LinkedHashSet<String> errors = new java.util.LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();
    /** Where each JSON entry came from, to trace the parser's errors back to a row. */
    private final Map<String, String> origins = new HashMap<>();
    /** The same, as a sentence names it: {@code "Người ghi phiếu" row 2}. */
    private final Map<String, String> shortOrigins = new HashMap<>();
    /** The cells already reported (origin:column), so the definition check does not report them again. */
    private final java.util.Set<String> reported = new java.util.HashSet<>();

    private SpreadsheetImport() {}

    /**
     * @param files one workbook with the three sheets, or one file per table (leaders, roster, staff)
     * @param out   the file the JSON will be written to (named in the parser's errors)
     */
    public static Result run(List<Path> files, Header header, Path out) {
        Sources sources = files.size() == 1 ? Sources.book(files.get(0))
                : Sources.files(files.get(0), files.get(1), files.get(2), files.size() > 3 ? files.get(3) : null);
        return run(sources, header, out);
    }

    public static Result run(Sources sources, Header header, Path out) {
        return new SpreadsheetImport().convert(sources, header, out);
    }

    private Result convert(Sources sources, Header header, Path out) {
        Sheets.Table leaders;
        Sheets.Table roster;
        Sheets.Table staff;
        Sheets.Table committee;
        if (sources.book() != null) {
            List<Sheets.Table> tables = tables(sources.book());
            if (tables == null) {
                return failed();
            }
            leaders = pick(tables, LEADER_SHEETS, 0, "leaders (Lãnh đạo)");
            roster = pick(tables, ROSTER_SHEETS, 1, "roster (Người ghi phiếu)");
            staff = pick(tables, STAFF_SHEETS, 2, "staff (Ban tổ chức)");
            committee = tables.stream().filter(t -> COMMITTEE_SHEETS.contains(Sheets.key(t.sheet()))).findFirst()
                    .orElse(null);
            Sheets.Table info = tables.stream().filter(t -> INFO_SHEETS.contains(Sheets.key(t.sheet()))).findFirst()
                    .orElse(null);
            if (info != null) {
                header = withInfo(header, info);
            }
        } else {
            // Every file is read, so every missing one is named at once.
            leaders = only(sources.leaders(), LEADER_SHEETS);
            roster = only(sources.roster(), ROSTER_SHEETS);
            staff = only(sources.staff(), STAFF_SHEETS);
            committee = sources.committee() == null ? null : only(sources.committee(), COMMITTEE_SHEETS);
        }
        if (header.id() == null || header.id().isBlank()) {
            errors.add("no vote id: give --id, or fill in \"Mã cuộc bỏ phiếu\" on the sheet \"Thông tin\"");
        }
        if (header.title() == null || header.title().isBlank()) {
            errors.add("no title: give --title, or fill in \"Tiêu đề\" on the sheet \"Thông tin\"");
        }
        // A table missing or unreadable: the others' cells are still checked, so every error comes at once.
        boolean complete = errors.isEmpty();
        JsonObject vote = new JsonObject();
        vote.addProperty("id", header.id());
        vote.addProperty("title", header.title());
        vote.addProperty("unit", header.unit());
        vote.addProperty("rulebook", header.rulebook() == null ? "qd96-2023" : header.rulebook());
        vote.addProperty("language", header.language() == null ? "vi" : header.language());
        if (header.deadline() != null) {
            String d = header.deadline().strip();
            vote.addProperty("deadline", LOCAL_DATE_TIME.matcher(d).matches()
                    ? d.replace(' ', 'T') + (d.length() == 16 ? ":00" : "") + "+07:00" : d);
        }
        if (header.conference() != null) {
            vote.addProperty("conference", header.conference());
        }
        if (header.place() != null) {
            vote.addProperty("place", header.place());
        }
        if (header.heading() != null) {
            vote.addProperty("heading", header.heading());
        }
        vote.add("leaders", leaders == null ? new JsonArray() : leaders(leaders));
        vote.add("roster", roster == null ? new JsonArray() : people(roster, "roster", "p", 2, false, null));
        vote.add("organisers", staff == null ? new JsonArray() : people(staff, "organisers", "org", 1, true, true));
        vote.add("supervisors", staff == null ? new JsonArray() : people(staff, "supervisors", "sup", 1, true, false));
        if (committee != null) {
            vote.add("committee", committee(committee));
        }
        if (roster != null) {
            sameNames(roster, vote.getAsJsonArray("roster"));
        }
        if (!complete) {
            return failed();
        }
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(vote) + "\n";
        // The definition's own checks (duplicates, limits) run even when cells were wrong, so
        // every error comes in one round; a cell already reported is not reported again.
        try {
            DefinitionLoader.parse(out, json);
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                String traced = traced(error);
                if (traced != null) {
                    errors.add(traced);
                }
            }
        }
        if (!errors.isEmpty()) {
            return failed();
        }
        return new Result(json, List.of(), List.copyOf(warnings));
    }

    private Result failed() {
        return new Result(null, List.copyOf(errors), List.copyOf(warnings));
    }

    /**
     * The vote's own fields from the sheet "Thông tin" (a label and a value a row), under what
     * the flags give: a flag wins over the sheet. Labels it does not know are reported.
     */
    private Header withInfo(Header flags, Sheets.Table info) {
        Map<String, String> v = new HashMap<>();
        for (Sheets.Line line : info.lines()) {
            String field = INFO_FIELDS.get(Sheets.key(line.cell(0)));
            if (field == null) {
                errors.add(where(info, line) + ":" + (info.header().isEmpty() ? "" : info.header().get(0))
                        + ": unknown item \"" + line.cell(0) + "\" (known: Mã cuộc bỏ phiếu, Tiêu đề, Đơn vị, Hội nghị,"
                        + " Địa danh, Tiêu đề biên bản, Hạn chót, Quy định, Ngôn ngữ)");
            } else if (!line.cell(1).isBlank()) {
                v.put(field, line.cell(1));
            }
        }
        String heading = v.get("heading");
        if (heading != null) {
            String k = Sheets.key(heading);
            heading = k.equals("nhanuoc") || k.equals("state") ? "state" : k.equals("dang") || k.equals("party")
                    ? "party" : heading;
        }
        return new Header(or(flags.id(), v.get("id")), or(flags.title(), v.get("title")), or(flags.unit(), v.get("unit")),
                or(flags.rulebook(), v.get("rulebook")), or(flags.language(), v.get("language")),
                or(flags.conference(), v.get("conference")), or(flags.place(), v.get("place")),
                or(flags.heading(), heading), or(flags.deadline(), v.get("deadline")));
    }

    private static String or(String flag, String sheet) {
        return flag != null ? flag : sheet;
    }

    /** The tables of one file, or null with the error. */
    private List<Sheets.Table> tables(Path file) {
        try {
            return Sheets.read(file);
        } catch (IOException e) {
            errors.add(file + ": " + e.getMessage());
            return null;
        }
    }

    /** The one table a flag gives: the file's only sheet, or the one named for it, or its first. */
    private Sheets.Table only(Path file, List<String> names) {
        List<Sheets.Table> tables = tables(file);
        if (tables == null) {
            return null;
        }
        if (tables.isEmpty()) {
            errors.add(file + ": no sheet in it");
            return null;
        }
        return tables.stream().filter(t -> names.contains(Sheets.key(t.sheet()))).findFirst()
                .orElse(tables.stream().filter(t -> !t.lines().isEmpty()).findFirst().orElse(tables.get(0)));
    }

    /** The table named like one of {@code names}, else the one at {@code position}. */
    private Sheets.Table pick(List<Sheets.Table> tables, List<String> names, int position, String what) {
        for (Sheets.Table t : tables) {
            if (names.contains(Sheets.key(t.sheet()))) {
                return t;
            }
        }
        boolean anyNamed = tables.stream().anyMatch(t -> LEADER_SHEETS.contains(Sheets.key(t.sheet()))
                || ROSTER_SHEETS.contains(Sheets.key(t.sheet())) || STAFF_SHEETS.contains(Sheets.key(t.sheet())));
        if (!anyNamed && position < tables.size()) {
            return tables.get(position);
        }
        errors.add("no table of " + what + ": give a sheet of that name, or one file per table in the order "
                + "leaders, roster, staff");
        return null;
    }

    private JsonArray leaders(Sheets.Table t) {
        JsonArray out = new JsonArray();
        int name = required(t, NAME, "Họ và tên");
        int position = required(t, POSITION, "Chức vụ");
        int id = t.column(ID);
        int n = 0;
        for (Sheets.Line line : t.lines()) {
            n++;
            JsonObject o = new JsonObject();
            o.addProperty("id", idOr(line.cell(id), "l" + n));
            o.addProperty("fullName", nonEmpty(t, line, name));
            o.addProperty("position", nonEmpty(t, line, position));
            origin("leaders[" + (n - 1) + "]", t, line);
            out.add(o);
        }
        return out;
    }

    /**
     * Roster, organisers or supervisors. {@code organisers} null: every row (the roster);
     * otherwise the staff rows whose role says organiser (true) or supervisor (false).
     */
    private JsonArray people(Sheets.Table t, String key, String prefix, int width, boolean staff,
            Boolean organisers) {
        JsonArray out = new JsonArray();
        int name = required(t, NAME, "Họ và tên");
        int id = t.column(ID);
        int phone = t.column(PHONE);
        int telegram = t.column(TELEGRAM);
        int zalo = t.column(ZALO);
        int position = t.column(POSITION);
        int role = staff ? required(t, ROLE, "Vai trò") : -1;
        int digits = Math.max(width, Integer.toString(t.lines().size()).length());
        int n = 0;
        for (Sheets.Line line : t.lines()) {
            if (staff) {
                Boolean isOrganiser = role(t, line, role);
                if (isOrganiser == null || isOrganiser != organisers) {
                    continue;
                }
            }
            n++;
            JsonObject o = new JsonObject();
            o.addProperty("id", idOr(line.cell(id), prefix + pad(n, staff ? 1 : digits)));
            o.addProperty("name", nonEmpty(t, line, name));
            if (!staff && !line.cell(position).isBlank()) {
                o.addProperty("position", line.cell(position));
            }
            telegram(t, line, telegram, o);
            if (!line.cell(phone).isBlank()) {
                String p = phone(line.cell(phone));
                if (p == null) {
                    bad(t, line, phone, "not a phone number (8 to 15 digits, e.g. 0912 345 678 or +84 912 345 678)");
                } else {
                    o.addProperty("phone", p);
                }
            }
            if (!line.cell(zalo).isBlank() && !scientific(t, line, zalo)) {
                String z = line.cell(zalo).strip();
                if (!RosterFields.isZaloId(z)) {
                    bad(t, line, zalo, "not a Zalo user id (letters, digits, _ and -, up to 64, e.g. "
                            + RosterFields.ZALO_ID_EXAMPLE + ")");
                } else {
                    o.addProperty("zaloId", z);
                }
            }
            origin(key + "[" + (n - 1) + "]", t, line);
            out.add(o);
        }
        return out;
    }

    /** The counting committee (Tổ kiểm phiếu): a signature block per row on the minutes. */
    private JsonArray committee(Sheets.Table t) {
        JsonArray out = new JsonArray();
        int name = required(t, NAME, "Họ và tên");
        int duty = required(t, DUTY, "Nhiệm vụ");
        int n = 0;
        for (Sheets.Line line : t.lines()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", nonEmpty(t, line, name));
            o.addProperty("role", nonEmpty(t, line, duty));
            origin("committee[" + n++ + "]", t, line);
            out.add(o);
        }
        return out;
    }

    /**
     * Two participants with the same name: allowed (it happens), but the organisers are told,
     * since /status then names both with their position or id.
     */
    private void sameNames(Sheets.Table t, JsonArray roster) {
        Map<String, List<String>> byName = new java.util.LinkedHashMap<>();
        int i = 0;
        for (Sheets.Line line : t.lines()) {
            if (i >= roster.size()) {
                break;
            }
            JsonObject o = roster.get(i++).getAsJsonObject();
            String name = o.get("name").getAsString();
            if (!name.isBlank()) {
                byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(where(t, line)
                        + " (" + o.get("id").getAsString() + (o.has("position") ? ", " + o.get("position").getAsString()
                        : "") + ")");
            }
        }
        byName.forEach((name, rows) -> {
            if (rows.size() > 1) {
                warnings.add("the same name on " + rows.size() + " rows: " + String.join("; ", rows)
                        + "; the bot tells them apart by their position or id (give each a Chức vụ)");
            }
        });
    }

    /** A platform id Excel has turned into 8.8E+15: its last digits are gone. */
    private boolean scientific(Sheets.Table t, Sheets.Line line, int column) {
        if (SCIENTIFIC.matcher(line.cell(column).replaceAll("\\s", "")).matches()) {
            bad(t, line, column, "Excel shows a long number in scientific form and has lost its last digits:"
                    + " format the column as Text (Format Cells > Text; Định dạng ô > Văn bản), type the ids"
                    + " again, and save");
            return true;
        }
        return false;
    }

    private void telegram(Sheets.Table t, Sheets.Line line, int column, JsonObject o) {
        String value = line.cell(column).replaceAll("\\s", "");
        if (value.isEmpty() || scientific(t, line, column)) {
            return;
        }
        Matcher username = USERNAME.matcher(value);
        if (value.matches("\\d{1,19}")) {
            o.addProperty("telegramId", Long.parseLong(value));
        } else if (username.matches()) {
            o.addProperty("telegramUsername", username.group(1));
        } else {
            bad(t, line, column, "neither a Telegram id (digits) nor a username (@ and 5-32 of A-Z a-z 0-9 _)");
        }
    }

    private Boolean role(Sheets.Table t, Sheets.Line line, int column) {
        String r = Sheets.key(line.cell(column));
        if (r.startsWith("tochuc") || r.startsWith("bantochuc") || r.startsWith("organi")) {
            return true;
        }
        if (r.startsWith("giamsat") || r.startsWith("supervis")) {
            return false;
        }
        if (column >= 0) {
            bad(t, line, column, "the role is \"Tổ chức\" (organiser) or \"Giám sát\" (supervisor)");
        }
        return null;
    }

    /** A phone number as a spreadsheet may hold it: a number cell loses the leading 0. */
    private static String phone(String cell) {
        String digits = cell.replaceAll("[\\s.()\\-]", "");
        if (digits.matches("[1-9]\\d{8}")) {
            digits = "0" + digits;
        }
        return Identity.normalisePhone(digits) == null ? null : digits;
    }

    private int required(Sheets.Table t, List<String> aliases, String header) {
        int c = t.column(aliases);
        if (c < 0) {
            errors.add(t.file() + ":" + t.sheet() + ":1: no column \"" + header + "\" (headers found: "
                    + String.join(", ", t.header()) + ")");
        }
        return c;
    }

    private String nonEmpty(Sheets.Table t, Sheets.Line line, int column) {
        String v = line.cell(column);
        if (v.isBlank() && column >= 0) {
            bad(t, line, column, "empty");
        }
        return v;
    }

    private void bad(Sheets.Table t, Sheets.Line line, int column, String reason) {
        reported.add(where(t, line) + ":" + t.header().get(column));
        errors.add(where(t, line) + ":" + t.header().get(column) + ": " + reason + " (\"" + line.cell(column) + "\")");
    }

    private void origin(String entry, Sheets.Table t, Sheets.Line line) {
        origins.put(entry, where(t, line));
        shortOrigins.put(entry, "\"" + t.sheet() + "\" row " + line.number());
    }

    private static String where(Sheets.Table t, Sheets.Line line) {
        return t.file() + ":" + t.sheet() + ":" + line.number();
    }

    /**
     * A parser error, with the row it came from when the field is one entry's, and every entry
     * it mentions ("also on roster[0] (p01)") named by its sheet and row too; null for a cell
     * already reported.
     */
    private String traced(ConfigError error) {
        Matcher m = Pattern.compile("^(\\w+\\[\\d+\\])(?:\\.(\\w+))?").matcher(error.field());
        if (m.find() && origins.containsKey(m.group(1))) {
            String column = m.group(2) == null ? "" : COLUMNS.getOrDefault(m.group(2), m.group(2));
            String at = origins.get(m.group(1)) + ":" + column;
            if (reported.contains(at)) {
                return null;
            }
            return at + ": " + rows(error.reason());
        }
        return error.file() + ": " + error.field() + ": " + rows(error.reason());
    }

    /** "roster[0] (p01)" in a reason, as {@code "Người ghi phiếu" row 2}. */
    private String rows(String reason) {
        Matcher m = Pattern.compile("\\b(\\w+\\[\\d+\\])(?: \\([a-z0-9-]+\\))?").matcher(reason);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String origin = shortOrigins.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(origin == null ? m.group() : origin));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String idOr(String given, String fallback) {
        return given.isBlank() ? fallback : given.strip().toLowerCase(Locale.ROOT);
    }

    private static String pad(int n, int width) {
        return String.format(Locale.ROOT, "%0" + width + "d", n);
    }
}
