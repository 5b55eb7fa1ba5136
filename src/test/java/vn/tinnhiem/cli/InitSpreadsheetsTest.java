package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.core.chat.Inbound;
import vn.tinnhiem.core.MinutesSetting;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.FlowDriver;

/**
 * Issue 19, section 4: {@code init} with the spreadsheets organisers really have: flags that
 * name each table's file, CSV from older Excel (UTF-16, Windows-1258), names typed with
 * combining accents, two people of one name, ids Excel turned into 8.8E+15, a missing file,
 * every error in one round, and the minutes' fields.
 */
class InitSpreadsheetsTest {
    @TempDir
    Path dir;

    private static final String LEADERS = "STT;Họ và tên;Chức vụ\n1;Nguyễn Văn An;Cục trưởng\n2;Trần Thị Bình;Phó Cục trưởng\n";
    private static final String ROSTER = "STT;Họ và tên;Chức vụ;Telegram\n1;Phạm Quốc Hùng;Chấp hành viên;100000001\n"
            + "2;Hoàng Thị Lan;Thẩm tra viên;@hoanglan_thads\n";
    private static final String STAFF = "STT;Họ và tên;Vai trò;Telegram\n1;Lê Thị Thu Hà;Tổ chức;100000101\n";

    private Path csv(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static List<String> args(Path out, String... tables) {
        List<String> a = new ArrayList<>(List.of("init"));
        a.addAll(List.of(tables));
        a.addAll(List.of("--id", "ltn-2026", "--title", "Lấy phiếu tín nhiệm 2026", "--unit", "Cục THADS tỉnh Hà Lam",
                "--out", out.toString()));
        return a;
    }

    @Test
    void theFlagsNameEachTableWhateverItsFileIsCalled() throws Exception {
        // On main the roster's file name, not its flag, decided: "no table of roster".
        Path leaders = csv("lanh-dao.csv", LEADERS);
        Path roster = csv("nguoi-ghi-phieu-bom.csv", ROSTER);
        Path staff = csv("danh-sach.csv", STAFF);
        Path out = dir.resolve("v.json");
        Console c = new Console();
        assertEquals(Command.OK, c.run(args(out, "--leaders", leaders.toString(), "--roster", roster.toString(),
                "--staff", staff.toString()).toArray(String[]::new)), c.err());
        VoteDefinition v = DefinitionLoader.load(out).get(0);
        assertEquals(List.of("Nguyễn Văn An", "Trần Thị Bình"), v.leaders().stream().map(l -> l.fullName()).toList());
        assertEquals(List.of("Phạm Quốc Hùng", "Hoàng Thị Lan"), v.roster().stream().map(Person::name).toList());
        assertEquals("Lê Thị Thu Hà", v.organisers().get(0).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "UTF-8 BOM", "UTF-16LE BOM", "UTF-16BE BOM", "UTF-16LE", "windows-1258"})
    void aCsvInAnyEncodingExcelSavesReadsTheSameNames(String encoding) throws Exception {
        // Windows-1258 writes most tones as combining marks after a base letter it has: "ê" + U+0303.
        String roster = encoding.startsWith("windows")
                ? "STT;Ho\u0323 và tên;Telegram\n1;Pha\u0323m Quô\u0301c Hu\u0300ng;100000001\n2;Nguyê\u0303n Thi\u0323 A\u0301nh;100000002\n"
                : "STT\tHọ và tên\tTelegram\n1\tPhạm Quốc Hùng\t100000001\n2\tNguyễn Thị Ánh\t100000002\n";
        byte[] bytes = switch (encoding) {
            case "UTF-8" -> roster.getBytes(StandardCharsets.UTF_8);
            case "UTF-8 BOM" -> ("\uFEFF" + roster).getBytes(StandardCharsets.UTF_8);
            case "UTF-16LE BOM" -> ("\uFEFF" + roster).getBytes(StandardCharsets.UTF_16LE);
            case "UTF-16BE BOM" -> ("\uFEFF" + roster).getBytes(StandardCharsets.UTF_16BE);
            case "UTF-16LE" -> roster.getBytes(StandardCharsets.UTF_16LE);
            default -> roster.getBytes(Charset.forName("windows-1258"));
        };
        if (encoding.startsWith("windows")) {
            assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("Hùng"), "not UTF-8 in disguise");
        }
        Path file = dir.resolve("roster.csv");
        Files.write(file, bytes);
        Path out = dir.resolve("v.json");
        Console c = new Console();
        assertEquals(Command.OK, c.run(args(out, "--leaders", csv("l.csv", LEADERS).toString(), "--roster",
                file.toString(), "--staff", csv("s.csv", STAFF).toString()).toArray(String[]::new)), c.err());
        assertFalse(c.err().contains("Input length"), c.err());
        List<String> names = DefinitionLoader.load(out).get(0).roster().stream().map(Person::name).toList();
        assertEquals(List.of("Phạm Quốc Hùng", "Nguyễn Thị Ánh"), names, encoding);
    }

    @Test
    void namesTypedWithCombiningAccentsAreWrittenAsOneNameInNfc() throws Exception {
        String nfd = Normalizer.normalize("Phan Thị Thu Lan", Normalizer.Form.NFD);
        assertFalse(nfd.equals("Phan Thị Thu Lan"));
        Path roster = csv("r.csv", "Họ và tên;Telegram\n" + nfd + ";100000001\n");
        Path out = dir.resolve("v.json");
        Console c = new Console();
        assertEquals(Command.OK, c.run(args(out, "--leaders", csv("l.csv", Normalizer.normalize(LEADERS,
                Normalizer.Form.NFD)).toString(), "--roster", roster.toString(), "--staff", csv("s.csv", STAFF)
                .toString()).toArray(String[]::new)), c.err());
        String json = Files.readString(out);
        assertTrue(json.contains("\"Phan Thị Thu Lan\""), json);
        assertTrue(json.contains("\"Nguyễn Văn An\""), json);
        assertEquals(json, Normalizer.normalize(json, Normalizer.Form.NFC), "the file holds no decomposed text");
    }

    @Test
    void twoPeopleOfOneNameAreWarnedAboutKeepTheirPositionAndStatusTellsThemApart() throws Exception {
        Path roster = csv("r.csv", "Họ và tên;Chức vụ;Telegram\nPhan Thị Thu Lan;Chấp hành viên;100000001\n"
                + "Phan Thị Thu Lan;Kế toán;100000002\nĐặng Minh Tuấn;;100000003\n");
        Path out = dir.resolve("v.json");
        Console c = new Console();
        assertEquals(Command.OK, c.run(args(out, "--leaders", csv("l.csv", LEADERS).toString(), "--roster",
                roster.toString(), "--staff", csv("s.csv", STAFF).toString()).toArray(String[]::new)), c.err());
        assertTrue(c.err().contains("init: warning: the same name on 2 rows: " + roster + ":r:2 (p01, Chấp hành viên); "
                + roster + ":r:3 (p02, Kế toán)"), c.err());
        VoteDefinition v = DefinitionLoader.load(out).get(0);
        assertEquals("Chấp hành viên", v.roster().get(0).position(), "the roster's Chức vụ is kept");
        assertEquals("Kế toán", v.roster().get(1).position());
        assertEquals(null, v.roster().get(2).position());

        FlowDriver flow = new FlowDriver(v, new InMemoryVoteStore());
        Reply.Send status = (Reply.Send) flow.handle(new Inbound.Command(FlowDriver.tg(100000101L, "vi"), "status",
                List.of())).get(0);
        assertTrue(status.text().contains("Phan Thị Thu Lan (Chấp hành viên), Phan Thị Thu Lan (Kế toán), Đặng Minh Tuấn"),
                status.text());
    }

    @Test
    void anIdExcelTurnedIntoScientificFormIsRefusedWithHowToFormatTheColumn() throws Exception {
        Path roster = csv("r.csv", "Họ và tên;Telegram;Zalo\nPhạm Quốc Hùng;1,00000E+08;\nHoàng Thị Lan;;8.8E+15\n");
        Console c = new Console();
        assertEquals(Command.FAILED, c.run(args(dir.resolve("v.json"), "--leaders", csv("l.csv", LEADERS).toString(),
                "--roster", roster.toString(), "--staff", csv("s.csv", STAFF).toString()).toArray(String[]::new)));
        assertTrue(c.err().contains(roster + ":r:2:Telegram: Excel shows a long number in scientific form"), c.err());
        assertTrue(c.err().contains(roster + ":r:3:Zalo: Excel shows a long number in scientific form and has lost"
                + " its last digits: format the column as Text"), c.err());
        assertTrue(c.err().contains("init: 2 error(s)"), c.err());
    }

    @Test
    void missingFilesAreEachNamedOnceAndClearly() throws Exception {
        Path leaders = csv("l.csv", LEADERS);
        Path roster = dir.resolve("in/nguoi-ghi-phieu.csv");
        Path staff = dir.resolve("in/ban-to-chuc.csv");
        Console c = new Console();
        assertEquals(Command.FAILED, c.run(args(dir.resolve("v.json"), "--leaders", leaders.toString(), "--roster",
                roster.toString(), "--staff", staff.toString()).toArray(String[]::new)));
        List<String> lines = c.err().lines().toList();
        assertEquals(List.of(roster + ": file not found", staff + ": file not found", "init: 2 error(s); nothing written"),
                lines);
    }

    @Test
    void aMissingFileDoesNotHideTheOtherFilesBadCells() throws Exception {
        Path roster = csv("r.csv", "Họ và tên;Telegram\nPhạm Quốc Hùng;@x!\n");
        Path staff = dir.resolve("ban-to-chuc.csv");
        Console c = new Console();
        assertEquals(Command.FAILED, c.run(args(dir.resolve("v.json"), "--leaders", csv("l.csv", LEADERS).toString(),
                "--roster", roster.toString(), "--staff", staff.toString()).toArray(String[]::new)));
        assertEquals(List.of(staff + ": file not found", roster + ":r:2:Telegram: neither a Telegram id (digits) nor a"
                + " username (@ and 5-32 of A-Z a-z 0-9 _) (\"@x!\")", "init: 2 error(s); nothing written"),
                c.err().lines().toList());
    }

    @Test
    void duplicatesAreReportedBySheetAndRowInTheSameRoundAsBadCells() throws Exception {
        Path book = dir.resolve("ds.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            rows(wb.createSheet("Lãnh đạo"), new Object[][] {{"Họ và tên", "Chức vụ"}, {"Nguyễn Văn An", ""}});
            rows(wb.createSheet("Người ghi phiếu"), new Object[][] {{"Mã", "Họ và tên", "Telegram"},
                {"p01", "A", "100000001"}, {"p02", "B", "100000002"}, {"p03", "C", "100000003"},
                {"p04", "D", "100000004"}, {"p05", "E", "100000005"}, {"p07", "F", "100000001"}});
            rows(wb.createSheet("Ban tổ chức"), new Object[][] {{"Họ và tên", "Vai trò", "Telegram"},
                {"Lê Thị Thu Hà", "Tổ chức", "100000101"}});
            try (OutputStream o = Files.newOutputStream(book)) {
                wb.write(o);
            }
        }
        Console c = new Console();
        assertEquals(Command.FAILED, c.run(args(dir.resolve("v.json"), "--from", book.toString()).toArray(String[]::new)));
        String err = c.err();
        assertTrue(err.contains(book + ":Lãnh đạo:2:Chức vụ: empty"), err);
        assertTrue(err.contains(book + ":Người ghi phiếu:7:Telegram: this telegramId is also on \"Người ghi phiếu\" row 2"),
                err);
        assertFalse(err.contains("roster["), err);
        assertTrue(err.contains("init: 2 error(s); nothing written"), err);
    }

    @Test
    void theMinutesFieldsComeFromFlagsAndTheCommitteeFromItsSheet() throws Exception {
        Path book = dir.resolve("ds.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            rows(wb.createSheet("Lãnh đạo"), new Object[][] {{"Họ và tên", "Chức vụ"}, {"Nguyễn Văn An", "Cục trưởng"}});
            rows(wb.createSheet("Người ghi phiếu"), new Object[][] {{"Họ và tên", "Telegram"}, {"A", "100000001"}});
            rows(wb.createSheet("Ban tổ chức"), new Object[][] {{"Họ và tên", "Vai trò", "Telegram"},
                {"Lê Thị Thu Hà", "Tổ chức", "100000101"}});
            rows(wb.createSheet("Tổ kiểm phiếu"), new Object[][] {{"STT", "Họ và tên", "Nhiệm vụ"},
                {1, "Trần Văn Kiểm", "Tổ trưởng"}, {2, "Ngô Thị Phiếu", "Thư ký"}});
            try (OutputStream o = Files.newOutputStream(book)) {
                wb.write(o);
            }
        }
        Path out = dir.resolve("v.json");
        List<String> a = args(out, "--from", book.toString());
        a.addAll(List.of("--conference", "Hội nghị cán bộ, công chức năm 2026", "--place", "Hà Lam", "--heading", "party",
                "--deadline", "2099-12-01 17:00"));
        Console c = new Console();
        assertEquals(Command.OK, c.run(a.toArray(String[]::new)), c.err());
        VoteDefinition v = DefinitionLoader.load(out).get(0);
        MinutesSetting m = v.minutes();
        assertEquals("Hội nghị cán bộ, công chức năm 2026", m.conference());
        assertEquals("Hà Lam", m.place());
        assertEquals(MinutesSetting.Heading.PARTY, m.heading());
        assertEquals(List.of(new MinutesSetting.Member("Trần Văn Kiểm", "Tổ trưởng"),
                new MinutesSetting.Member("Ngô Thị Phiếu", "Thư ký")), m.committee());
        assertEquals(java.time.OffsetDateTime.parse("2099-12-01T17:00:00+07:00").toInstant(), v.deadline());
    }

    @Test
    void theTemplatesInfoSheetGivesTheVotesOwnFieldsAndFlagsWinOverIt() throws Exception {
        Path template = Path.of("config", "mau-danh-sach.xlsx");
        Path out = dir.resolve("v.json");
        Console c = new Console();
        assertEquals(Command.OK, c.run("init", "--from", template.toString(), "--out", out.toString()), c.err());
        VoteDefinition v = DefinitionLoader.load(out).get(0);
        assertEquals("ltn-2026", v.id());
        assertEquals("Lấy phiếu tín nhiệm đối với lãnh đạo Cục năm 2026", v.title());
        assertEquals("Cục Thi hành án dân sự tỉnh Hà Lam", v.unit());
        assertEquals("Hội nghị cán bộ, công chức năm 2026", v.minutes().conference());
        assertEquals("Hà Lam", v.minutes().place());
        assertEquals(MinutesSetting.Heading.STATE, v.minutes().heading());
        assertEquals(2, v.minutes().committee().size(), "the template's Tổ kiểm phiếu");
        assertEquals(null, v.deadline());

        Path flagged = dir.resolve("f.json");
        Console f = new Console();
        assertEquals(Command.OK, f.run("init", "--from", template.toString(), "--out", flagged.toString(), "--id",
                "khac-2026", "--heading", "party"), f.err());
        VoteDefinition w = DefinitionLoader.load(flagged).get(0);
        assertEquals("khac-2026", w.id());
        assertEquals(MinutesSetting.Heading.PARTY, w.minutes().heading());
        assertEquals("Hà Lam", w.minutes().place(), "what no flag gives still comes from the sheet");
    }

    @Test
    void aDeadlineTypedAsAnExcelDateIsReadAsVietnamTime() throws Exception {
        Path book = dir.resolve("ds.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet info = wb.createSheet("Thông tin");
            rows(info, new Object[][] {{"Mục", "Nội dung"}, {"Mã cuộc bỏ phiếu", "ltn-2026"}, {"Tiêu đề", "Lấy phiếu"},
                {"Hạn chót", ""}});
            var date = info.getRow(3).createCell(1);
            date.setCellValue(java.time.LocalDateTime.of(2099, 12, 1, 17, 0));
            var style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy hh:mm"));
            date.setCellStyle(style);
            rows(wb.createSheet("Lãnh đạo"), new Object[][] {{"Họ và tên", "Chức vụ"}, {"Nguyễn Văn An", "Cục trưởng"}});
            rows(wb.createSheet("Người ghi phiếu"), new Object[][] {{"Họ và tên", "Telegram"}, {"A", "100000001"}});
            rows(wb.createSheet("Ban tổ chức"), new Object[][] {{"Họ và tên", "Vai trò", "Telegram"},
                {"Lê Thị Thu Hà", "Tổ chức", "100000101"}});
            try (OutputStream o = Files.newOutputStream(book)) {
                wb.write(o);
            }
        }
        Path out = dir.resolve("v.json");
        Console c = new Console();
        assertEquals(Command.OK, c.run("init", "--from", book.toString(), "--out", out.toString()), c.err());
        assertEquals(java.time.OffsetDateTime.parse("2099-12-01T17:00:00+07:00").toInstant(),
                DefinitionLoader.load(out).get(0).deadline());
    }

    static void rows(Sheet sheet, Object[][] rows) {
        for (int r = 0; r < rows.length; r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                if (rows[r][c] instanceof Number n) {
                    row.createCell(c).setCellValue(n.doubleValue());
                } else {
                    row.createCell(c).setCellValue((String) rows[r][c]);
                }
            }
        }
    }
}
