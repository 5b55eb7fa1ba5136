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
    /** The vote's own fields, which no table holds. */
    public record Header(String id, String title, String unit, String rulebook, String language) {}

    /** The definition as JSON, ready for {@code check-config}; or the errors, and no JSON. */
    public record Result(String json, List<String> errors) {}

    static final List<String> LEADER_SHEETS = List.of("lanhdao", "leaders", "nguoiduoclayphieu");
    static final List<String> ROSTER_SHEETS = List.of("nguoighiphieu", "danhsach", "roster", "participants");
    static final List<String> STAFF_SHEETS = List.of("bantochuc", "staff", "organisers");

    private static final List<String> ID = List.of("ma", "id");
    private static final List<String> NAME = List.of("hovaten", "hoten", "ten", "fullname", "name");
    private static final List<String> POSITION = List.of("chucvu", "position");
    private static final List<String> PHONE = List.of("sodienthoai", "dienthoai", "sdt", "phone");
    private static final List<String> TELEGRAM = List.of("telegram", "telegramid", "telegramusername");
    private static final List<String> ZALO = List.of("zalo", "zaloid");
    private static final List<String> ROLE = List.of("vaitro", "role");
    /** The template's header for each JSON field, to name the column of a parser error. */
    private static final Map<String, String> COLUMNS = Map.of("id", "Mã", "fullName", "Họ và tên", "name",
            "Họ và tên", "position", "Chức vụ", "telegramId", "Telegram", "telegramUsername", "Telegram",
            "phone", "Số điện thoại", "zaloId", "Zalo");
    private static final Pattern USERNAME = Pattern.compile("@?([A-Za-z][A-Za-z0-9_]{4,31})");

    /** In order, each once (the staff sheet is read twice: for organisers, then supervisors). */
    private final java.util.LinkedHashSet<String> errors = new java.util.LinkedHashSet<>();
    /** Where each JSON entry came from, to trace the parser's errors back to a row. */
    private final Map<String, String> origins = new HashMap<>();

    private SpreadsheetImport() {}

    /**
     * @param files one workbook with the three sheets, or one file per table (leaders, roster, staff)
     * @param out   the file the JSON will be written to (named in the parser's errors)
     */
    public static Result run(List<Path> files, Header header, Path out) {
        return new SpreadsheetImport().convert(files, header, out);
    }

    private Result convert(List<Path> files, Header header, Path out) {
        List<Sheets.Table> tables = new ArrayList<>();
        for (Path f : files) {
            try {
                tables.addAll(Sheets.read(f));
            } catch (IOException e) {
                errors.add(f + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            return failed();
        }
        Sheets.Table leaders = pick(tables, LEADER_SHEETS, 0, "leaders (Lãnh đạo)");
        Sheets.Table roster = pick(tables, ROSTER_SHEETS, 1, "roster (Người ghi phiếu)");
        Sheets.Table staff = pick(tables, STAFF_SHEETS, 2, "staff (Ban tổ chức)");
        if (!errors.isEmpty()) {
            return failed();
        }
        JsonObject vote = new JsonObject();
        vote.addProperty("id", header.id());
        vote.addProperty("title", header.title());
        vote.addProperty("unit", header.unit());
        vote.addProperty("rulebook", header.rulebook() == null ? "qd96-2023" : header.rulebook());
        vote.addProperty("language", header.language() == null ? "vi" : header.language());
        vote.add("leaders", leaders(leaders));
        vote.add("roster", people(roster, "roster", "p", 2, false, null));
        JsonArray organisers = people(staff, "organisers", "org", 1, true, true);
        JsonArray supervisors = people(staff, "supervisors", "sup", 1, true, false);
        vote.add("organisers", organisers);
        vote.add("supervisors", supervisors);
        if (!errors.isEmpty()) {
            return failed();
        }
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(vote) + "\n";
        try {
            DefinitionLoader.parse(out, json);
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                errors.add(traced(error));
            }
            return failed();
        }
        return new Result(json, List.of());
    }

    private Result failed() {
        return new Result(null, List.copyOf(errors));
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
            origins.put("leaders[" + (n - 1) + "]", where(t, line));
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
            telegram(t, line, telegram, o);
            if (!line.cell(phone).isBlank()) {
                String p = phone(line.cell(phone));
                if (p == null) {
                    bad(t, line, phone, "not a phone number (8 to 15 digits, e.g. 0912 345 678 or +84 912 345 678)");
                } else {
                    o.addProperty("phone", p);
                }
            }
            if (!line.cell(zalo).isBlank()) {
                String z = line.cell(zalo).strip();
                if (!RosterFields.isZaloId(z)) {
                    bad(t, line, zalo, "not a Zalo user id (letters, digits, _ and -, up to 64, e.g. "
                            + RosterFields.ZALO_ID_EXAMPLE + ")");
                } else {
                    o.addProperty("zaloId", z);
                }
            }
            origins.put(key + "[" + (n - 1) + "]", where(t, line));
            out.add(o);
        }
        return out;
    }

    private void telegram(Sheets.Table t, Sheets.Line line, int column, JsonObject o) {
        String value = line.cell(column).replaceAll("\\s", "");
        if (value.isEmpty()) {
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
        errors.add(where(t, line) + ":" + t.header().get(column) + ": " + reason + " (\"" + line.cell(column) + "\")");
    }

    private static String where(Sheets.Table t, Sheets.Line line) {
        return t.file() + ":" + t.sheet() + ":" + line.number();
    }

    /** A parser error, with the row it came from when the field is one entry's. */
    private String traced(ConfigError error) {
        Matcher m = Pattern.compile("^(\\w+\\[\\d+\\])(?:\\.(\\w+))?").matcher(error.field());
        if (m.find() && origins.containsKey(m.group(1))) {
            String column = m.group(2) == null ? "" : COLUMNS.getOrDefault(m.group(2), m.group(2));
            return origins.get(m.group(1)) + ":" + column + ": " + error.reason();
        }
        return error.message();
    }

    private static String idOr(String given, String fallback) {
        return given.isBlank() ? fallback : given.strip().toLowerCase(Locale.ROOT);
    }

    private static String pad(int n, int width) {
        return String.format(Locale.ROOT, "%0" + width + "d", n);
    }
}
