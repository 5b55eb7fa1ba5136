package vn.tinnhiem.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.chat.Codes;

/** The editable minutes, read back with POI as Word would open them. */
class MinutesDocxTest {
    private static String text(byte[] docx) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
                XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            return extractor.getText();
        }
    }

    @Test
    void theDocxSaysWhatThePdfSays() throws IOException {
        List<String> receipts = new ArrayList<>();
        Codes codes = new Codes();
        for (int i = 0; i < 481; i++) {
            receipts.add(codes.receipt());
        }
        ResultsExport export = ExportFixtures.filedExport(receipts);
        byte[] docx = export.render(ResultsExport.Format.DOCX);
        ExportFixtures.keep("bien-ban-dang.docx", docx);
        String text = text(docx);
        for (String s : new String[] {"ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Lam, ngày 27 tháng 11 năm 2026", "BIÊN BẢN KIỂM PHIẾU",
            "Hội nghị cán bộ, công chức năm 2026", "Ban kiểm phiếu (3 thành viên):", "Nguyễn Thị Hoa — Trưởng ban",
            "Số phiếu thu về: 481", "Nguyễn Văn An\nCục trưởng\t448\n93,14%\t20\n4,16%\t8\n1,66%\t476\t5\t(1)",
            "321\n66,74%\t471\t10\t(3)", "(3) Thuộc trường hợp có từ 2/3 trở lên tổng số phiếu đánh giá tín nhiệm thấp", "Số …-BB/BKP", export.digest(),
            "Trùng với mã băm ghi trong nhật ký kiểm tra lúc 10:30 27/11/2026", "TRƯỞNG BAN", "Đinh Thị Mận"}) {
            assertTrue(text.contains(s), s + " in " + text);
        }
        for (String code : receipts) {
            assertTrue(text.contains(code), code);
        }
        assertTrue(!text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "one heading only");
    }

    @Test
    void aStateAgencyGetsTheNationalNameAndMotto() throws IOException {
        String text = text(ExportFixtures.export("vi").render(ResultsExport.Format.DOCX));
        assertTrue(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && text.contains("Độc lập - Tự do - Hạnh phúc"),
                text);
        assertTrue(text.contains("THÀNH VIÊN") && text.contains("TRƯỞNG BAN KIỂM PHIẾU"), text);
    }
}
