package vn.tinnhiem.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbook organisers fill in for {@code init} ({@code config/mau-danh-sach.xlsx}, made by
 * {@code init --template}): a sheet of instructions, then the leaders, the roster and the
 * staff, with Vietnamese headers and a few example rows. Contact columns are text cells, so
 * Excel keeps a phone number's leading 0 and a long id's digits.
 */
public final class RosterTemplate {
    private RosterTemplate() {}

    private static final String[][] LEADERS = {
        {"STT", "Họ và tên", "Chức vụ"},
        {"1", "Nguyễn Văn An", "Cục trưởng"},
        {"2", "Trần Thị Bình", "Phó Cục trưởng"},
    };
    private static final String[][] ROSTER = {
        {"STT", "Họ và tên", "Chức vụ", "Số điện thoại", "Telegram", "Zalo"},
        {"1", "Phạm Quốc Hùng", "Chấp hành viên", "", "100000001", ""},
        {"2", "Hoàng Thị Lan", "Thẩm tra viên", "", "@hoanglan_thads", ""},
        {"3", "Đặng Minh Tuấn", "Thư ký", "0900 000 107", "", ""},
        {"4", "Trịnh Thị Thanh Huyền", "Kế toán", "", "", "6ede9afa66b88fe6d110"},
        {"5", "Mai Xuân Trường", "Văn thư", "", "", ""},
    };
    private static final String[][] STAFF = {
        {"STT", "Họ và tên", "Vai trò", "Telegram", "Zalo"},
        {"1", "Lê Thị Thu Hà", "Tổ chức", "100000101", ""},
        {"2", "Võ Minh Khoa", "Giám sát", "@vominhkhoa", ""},
    };
    /** The vote's own fields: flags given to init win over these. */
    private static final String[][] INFO = {
        {"Mục", "Nội dung"},
        {"Mã cuộc bỏ phiếu", "ltn-2026"},
        {"Tiêu đề", "Lấy phiếu tín nhiệm đối với lãnh đạo Cục năm 2026"},
        {"Đơn vị", "Cục Thi hành án dân sự tỉnh Hà Lam"},
        {"Hội nghị", "Hội nghị cán bộ, công chức năm 2026"},
        {"Địa danh", "Hà Lam"},
        {"Tiêu đề biên bản", "Nhà nước"},
        {"Hạn chót", ""},
    };
    private static final String[][] COMMITTEE = {
        {"STT", "Họ và tên", "Nhiệm vụ"},
        {"1", "Trần Văn Kiểm", "Tổ trưởng"},
        {"2", "Ngô Thị Phiếu", "Thư ký"},
    };
    private static final List<String> HELP = List.of(
            "Mẫu danh sách cho lệnh init của tinnhiem (lấy phiếu tín nhiệm)",
            "",
            "Thông tin: mã, tiêu đề, đơn vị của cuộc bỏ phiếu; hội nghị, địa danh và tiêu đề biên bản (Nhà nước hoặc Đảng)"
                    + " in trong biên bản kiểm phiếu; hạn chót (2026-12-01 17:00, giờ Việt Nam) nếu có.",
            "Lãnh đạo: người được lấy phiếu, theo thứ tự in trên phiếu (Họ và tên, Chức vụ).",
            "Người ghi phiếu: người được triệu tập. Mỗi người có thể có Telegram (số id, hoặc @tên), "
                    + "Số điện thoại, Zalo (mã người dùng Zalo, ví dụ 6ede9afa66b88fe6d6a9).",
            "   Người không có Telegram, Số điện thoại: sẽ nhận mã mời (lệnh slips in phiếu mời).",
            "Ban tổ chức: Vai trò là \"Tổ chức\" hoặc \"Giám sát\", kèm Telegram hoặc Zalo.",
            "Tổ kiểm phiếu (không bắt buộc): mỗi người một khối chữ ký trong biên bản kiểm phiếu (Họ và tên, Nhiệm vụ).",
            "Chức vụ của người ghi phiếu giúp phân biệt hai người trùng họ tên.",
            "Có thể thêm cột Mã (id); nếu bỏ trống, mã được đặt theo thứ tự: l1…, p01…, org1…, sup1….",
            "Tên cột tiếng Anh cũng được chấp nhận: Full name, Position, Phone, Telegram, Zalo, Role, Id.",
            "",
            "java -jar tinnhiem.jar init --from mau-danh-sach.xlsx --out config/ltn-2026.json",
            "   Các mục của trang Thông tin cũng có thể cho bằng tham số, và tham số được ưu tiên: --id, --title,"
                    + " --unit, --conference, --place, --heading state|party, --deadline \"2026-12-01 17:00\".",
            "   File CSV: UTF-8, UTF-16 (Unicode text) hoặc Windows-1258 đều được; cột Telegram, Zalo, Số điện thoại"
                    + " phải định dạng Văn bản (Text), nếu không Excel đổi số dài thành 8,8E+15.");

    public static byte[] render() {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));

            Sheet help = book.createSheet("Hướng dẫn");
            for (int i = 0; i < HELP.size(); i++) {
                help.createRow(i).createCell(0).setCellValue(HELP.get(i));
            }
            help.setColumnWidth(0, 110 * 256);
            Sheet info = book.createSheet("Thông tin");
            for (int r = 0; r < INFO.length; r++) {
                Row row = info.createRow(r);
                for (int c = 0; c < 2; c++) {
                    row.createCell(c).setCellValue(INFO[r][c]);
                    row.getCell(c).setCellStyle(r == 0 || c == 0 ? bold : text);
                }
            }
            info.setColumnWidth(0, 22 * 256);
            info.setColumnWidth(1, 70 * 256);
            info.setDefaultColumnStyle(1, text);
            table(book.createSheet("Lãnh đạo"), LEADERS, bold, text);
            table(book.createSheet("Người ghi phiếu"), ROSTER, bold, text);
            table(book.createSheet("Ban tổ chức"), STAFF, bold, text);
            table(book.createSheet("Tổ kiểm phiếu"), COMMITTEE, bold, text);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the template to memory", e);
        }
    }

    private static void table(Sheet sheet, String[][] rows, CellStyle bold, CellStyle text) {
        for (int r = 0; r < rows.length; r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                var cell = row.createCell(c);
                if (r > 0 && c == 0) {
                    cell.setCellValue(Integer.parseInt(rows[r][c]));
                } else {
                    cell.setCellValue(rows[r][c]);
                }
                cell.setCellStyle(r == 0 ? bold : text);
            }
        }
        for (int c = 0; c < rows[0].length; c++) {
            sheet.setColumnWidth(c, (c == 0 ? 6 : c == 1 ? 28 : 20) * 256);
            sheet.setDefaultColumnStyle(c, text);
        }
        sheet.createFreezePane(0, 1);
    }
}
