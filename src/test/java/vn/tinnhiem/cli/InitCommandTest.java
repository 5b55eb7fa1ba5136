package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.testing.XlsxText;

/** Issue 8, item 1: a vote file from the organisers' spreadsheets. */
class InitCommandTest {
    private static final Path TEMPLATE = Path.of("config", "mau-danh-sach.xlsx");

    @TempDir
    Path dir;

    private static String[] header(Path out, String... files) {
        List<String> args = new java.util.ArrayList<>(List.of(files));
        args.addAll(List.of("--id", "ltn-2026", "--title", "Lấy phiếu tín nhiệm 2026", "--unit", "Cục THADS tỉnh Hà Lam",
                "--out", out.toString()));
        return args.toArray(String[]::new);
    }

    @Test
    void theCommittedTemplateIsWhatInitTemplateWrites() throws Exception {
        Console c = new Console();
        Path fresh = dir.resolve("mau.xlsx");
        assertEquals(Command.OK, c.run("init", "--template", fresh.toString()), c.err());
        assertEquals(XlsxText.of(Files.readAllBytes(fresh)), XlsxText.of(Files.readAllBytes(TEMPLATE)),
                "regenerate config/mau-danh-sach.xlsx with: init --template config/mau-danh-sach.xlsx");
        String text = XlsxText.of(Files.readAllBytes(TEMPLATE));
        for (String h : new String[] {"STT", "Họ và tên", "Chức vụ", "Số điện thoại", "Telegram", "Zalo", "Vai trò"}) {
            assertTrue(text.contains(h + "\t"), h);
        }
    }

    /** Issue 18, item 2: a vote file (perhaps of a vote already opened) is never replaced unasked. */
    @Test
    void anExistingVoteFileIsNotOverwrittenWithoutForce() throws Exception {
        Path out = dir.resolve("ltn-2026.json");
        Files.writeString(out, "{\"kept\": true}");
        Console c = new Console();
        assertEquals(Command.FAILED, c.run(prepend("init", header(out, "--from", TEMPLATE.toString()))));
        assertTrue(c.err().contains(out + " exists; nothing written. Pass --force to replace it"), c.err());
        assertEquals("{\"kept\": true}", Files.readString(out));
        Path template = dir.resolve("mau.xlsx");
        Files.writeString(template, "mine");
        assertEquals(Command.FAILED, c.run("init", "--template", template.toString()));
        assertEquals("mine", Files.readString(template));

        assertEquals(Command.OK, c.run(prepend("init", header(out, "--from", TEMPLATE.toString(), "--force"))),
                c.err());
        assertEquals("ltn-2026", DefinitionLoader.load(out).get(0).id());
    }

    @Test
    void theTemplateBecomesAVoteFileThatPassesCheckConfig() throws Exception {
        Path out = dir.resolve("config/ltn-2026.json");
        Console c = new Console();
        assertEquals(Command.OK, c.run(prepend("init", header(out, "--from", TEMPLATE.toString()))), c.err());
        assertEquals(Command.OK, c.run("check-config", out.toString()), c.err());
        VoteDefinition vote = DefinitionLoader.load(out).get(0);
        assertEquals(List.of("l1", "l2"), vote.leaders().stream().map(l -> l.id()).toList());
        assertEquals("Nguyễn Văn An", vote.leaders().get(0).fullName());
        assertEquals(List.of("p01", "p02", "p03", "p04", "p05"), vote.roster().stream().map(Person::id).toList());
        assertEquals(RosterFields.identities(100000001L, null, null, null), vote.roster().get(0).identities());
        assertEquals("hoanglan_thads", RosterFields.telegramUsername(vote.roster().get(1)));
        assertEquals("84900000107", vn.tinnhiem.core.Identity.normalisePhone(RosterFields.phone(vote.roster().get(2))));
        assertEquals("6ede9afa66b88fe6d110", RosterFields.zaloId(vote.roster().get(3)));
        assertEquals(List.of(), vote.roster().get(4).identities());
        assertEquals("org1", vote.organisers().get(0).id());
        assertEquals("sup1", vote.supervisors().get(0).id());
        assertEquals("Cục THADS tỉnh Hà Lam", vote.unit());
    }

    @Test
    void everyBadCellIsReportedAsFileSheetRowColumnAndNothingIsWritten() throws Exception {
        Path book = dir.resolve("danh-sach.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            rows(wb.createSheet("Lãnh đạo"), new Object[][] {{"STT", "Họ và tên", "Chức vụ"},
                {1, "Nguyễn Văn An", "Cục trưởng"}, {2, "", "Phó Cục trưởng"}});
            rows(wb.createSheet("Người ghi phiếu"), new Object[][] {
                {"STT", "Họ và tên", "Số điện thoại", "Telegram", "Zalo"},
                {1, "Phạm Quốc Hùng", "", "100000001", ""},
                {2, "Hoàng Thị Lan", "12ab", "", ""},
                {3, "Đặng Minh Tuấn", "", "@x!", ""},
                {4, "Mai Xuân Trường", "", "", "zalo#1"},
                {5, "Cao Thị Yến", "", 100000001, ""}});
            rows(wb.createSheet("Ban tổ chức"), new Object[][] {{"STT", "Họ và tên", "Vai trò", "Telegram"},
                {1, "Lê Thị Thu Hà", "Thư ký", "100000101"}, {2, "Võ Minh Khoa", "Tổ chức", "100000102"}});
            try (OutputStream o = Files.newOutputStream(book)) {
                wb.write(o);
            }
        }
        Path out = dir.resolve("vote.json");
        Console c = new Console();
        assertEquals(Command.FAILED, c.run(prepend("init", header(out, "--from", book.toString()))));
        String err = c.err();
        assertTrue(err.contains(book + ":Lãnh đạo:3:Họ và tên: empty"), err);
        assertTrue(err.contains(book + ":Người ghi phiếu:3:Số điện thoại: not a phone number"), err);
        assertTrue(err.contains(book + ":Người ghi phiếu:4:Telegram: neither a Telegram id"), err);
        assertTrue(err.contains(book + ":Người ghi phiếu:5:Zalo: not a Zalo user id (letters, digits, _ and -"), err);
        assertTrue(err.contains(book + ":Ban tổ chức:2:Vai trò: the role is"), err);
        // The definition's own check (row 6 repeats row 2's Telegram id) in the same round.
        assertTrue(err.contains(book + ":Người ghi phiếu:6:Telegram: this telegramId is also on \"Người ghi phiếu\" row 2"),
                err);
        assertTrue(err.contains("init: 6 error(s); nothing written"), err);
        assertFalse(Files.exists(out));
    }

    @Test
    void whatOnlyTheDefinitionCheckFindsIsTracedBackToItsRow() throws Exception {
        Path book = dir.resolve("trung.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            rows(wb.createSheet("Lãnh đạo"), new Object[][] {{"Họ và tên", "Chức vụ"}, {"Nguyễn Văn An", "Cục trưởng"}});
            rows(wb.createSheet("Người ghi phiếu"), new Object[][] {{"Họ và tên", "Telegram"},
                {"Phạm Quốc Hùng", 100000001}, {"Cao Thị Yến", 100000001}});
            rows(wb.createSheet("Ban tổ chức"), new Object[][] {{"Họ và tên", "Vai trò", "Telegram"},
                {"Lê Thị Thu Hà", "Tổ chức", "100000101"}});
            try (OutputStream o = Files.newOutputStream(book)) {
                wb.write(o);
            }
        }
        Console c = new Console();
        assertEquals(Command.FAILED, c.run(prepend("init", header(dir.resolve("v.json"), "--from", book.toString()))));
        assertTrue(c.err().contains(book + ":Người ghi phiếu:3:Telegram: "), c.err());
    }

    @Test
    void aWorkbookOfAHundredLeadersBecomesAVoteAndOneMoreIsRefusedWithTheLimitExplained() throws Exception {
        for (int n : new int[] {100, 101}) {
            Path book = dir.resolve("hdnd-" + n + ".xlsx");
            try (XSSFWorkbook wb = new XSSFWorkbook()) {
                Object[][] leaders = new Object[n + 1][];
                leaders[0] = new Object[] {"STT", "Họ và tên", "Chức vụ"};
                for (int i = 1; i <= n; i++) {
                    leaders[i] = new Object[] {i, "Đại biểu Nguyễn Thị Minh Khai " + i, "Ủy viên Thường trực HĐND tỉnh"};
                }
                rows(wb.createSheet("Lãnh đạo"), leaders);
                rows(wb.createSheet("Người ghi phiếu"), new Object[][] {{"Họ và tên", "Telegram"},
                    {"Phạm Quốc Hùng", 100000001}});
                rows(wb.createSheet("Ban tổ chức"), new Object[][] {{"Họ và tên", "Vai trò", "Telegram"},
                    {"Lê Thị Thu Hà", "Tổ chức", "100000101"}});
                try (OutputStream o = Files.newOutputStream(book)) {
                    wb.write(o);
                }
            }
            Path out = dir.resolve("hdnd-" + n + ".json");
            Console c = new Console();
            int code = c.run(prepend("init", header(out, "--from", book.toString())));
            if (n == 100) {
                assertEquals(Command.OK, code, c.err());
                VoteDefinition vote = DefinitionLoader.load(out).get(0);
                assertEquals(100, vote.leaderCount());
                assertEquals("l100", vote.leaders().get(99).id());
                assertEquals("Đại biểu Nguyễn Thị Minh Khai 100", vote.leaders().get(99).fullName());
            } else {
                assertEquals(Command.FAILED, code);
                assertTrue(c.err().contains("có 101 người được lấy phiếu; tối đa 100. Giới hạn này do màn hình xem lại"
                        + " phiếu"), c.err());
                assertFalse(Files.exists(out));
            }
        }
    }

    @Test
    void threeCsvFilesAsExcelSavesThemInVietnamWithEnglishHeadersWork() throws Exception {
        Path leaders = csv("leaders.csv", "\uFEFFNo.;Full name;Position\n1;Nguyễn Văn An;Cục trưởng\n");
        Path roster = csv("roster.csv", "Full name;Phone;Telegram;Zalo;Id\nĐặng Minh Tuấn;912345678;;;\n"
                + "Mai Xuân Trường;;@maixuantruong;;p-mxt\n");
        Path staff = csv("staff.csv", "Name,Role,Telegram\nLê Thị Thu Hà,Organiser,100000101\n");
        Path out = dir.resolve("v.json");
        Console c = new Console();
        assertEquals(Command.OK, c.run(prepend("init", header(out, "--leaders", leaders.toString(), "--roster",
                roster.toString(), "--staff", staff.toString()))), c.err());
        VoteDefinition vote = DefinitionLoader.load(out).get(0);
        assertEquals("84912345678", RosterFields.phone(vote.roster().get(0)), "the lost leading 0 is back");
        assertEquals(List.of("p01", "p-mxt"), vote.roster().stream().map(Person::id).toList());
        assertEquals("Cục trưởng", vote.leaders().get(0).position());
    }

    @Test
    void aCsvCellIsReportedWithTheFileNameAsItsSheet() throws Exception {
        Path leaders = csv("lanh-dao.csv", "Họ và tên,Chức vụ\nNguyễn Văn An,\n");
        Path roster = csv("nguoi-ghi-phieu.csv", "Họ và tên\nA\n");
        Path staff = csv("ban-to-chuc.csv", "Họ và tên,Vai trò,Telegram\nB,Tổ chức,1\n");
        Console c = new Console();
        assertEquals(Command.FAILED, c.run(prepend("init", header(dir.resolve("v.json"), "--leaders",
                leaders.toString(), "--roster", roster.toString(), "--staff", staff.toString()))));
        assertTrue(c.err().contains(leaders + ":lanh-dao:2:Chức vụ: empty"), c.err());
    }

    private Path csv(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void rows(Sheet sheet, Object[][] rows) {
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

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
