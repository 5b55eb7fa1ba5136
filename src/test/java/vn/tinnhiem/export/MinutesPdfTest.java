package vn.tinnhiem.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.testing.PdfText;

class MinutesPdfTest {
    static String text(byte[] pdf) {
        return PdfText.of(pdf);
    }

    /** A table row's cells in order; the extractor may or may not put spaces between cells. */
    static void assertRow(String text, String... cells) {
        String regex = java.util.Arrays.stream(cells).map(java.util.regex.Pattern::quote)
                .collect(java.util.stream.Collectors.joining("\\s*"));
        assertTrue(java.util.regex.Pattern.compile(regex).matcher(text).find(), String.join(" | ", cells));
    }

    @Test
    void minutesCarryTheVietnameseTitleAndTheFigures() throws IOException {
        ResultsExport export = ExportFixtures.export("vi");
        byte[] pdf = export.pdf();
        ExportFixtures.keep("ket-qua-ltn-2026.pdf", pdf);
        String text = text(pdf);
        assertTrue(text.contains("BIÊN BẢN KIỂM PHIẾU"), text);
        assertTrue(text.contains("LẤY PHIẾU TÍN NHIỆM"), text);
        assertTrue(text.contains("CỤC THADS TỈNH THỬ NGHIỆM"), text);
        assertTrue(text.contains("Ngày 27 tháng 11 năm 2026"), text);
        assertTrue(text.contains("Số người được triệu tập: 490"), text);
        assertTrue(text.contains("Số phiếu phát ra: 485"), text);
        assertTrue(text.contains("Số phiếu thu về: 481"), text);
        assertTrue(text.contains("Nguyễn Văn An"), text);
        // One row per leader: high, medium, low (count over share), valid, invalid, verdict mark.
        assertRow(text, "STT", "Họ và tên, chức vụ", "Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp", "Hợp lệ",
                "Không hợp lệ", "Kết luận");
        assertRow(text, "1", "Nguyễn Văn An", "Cục trưởng", "448", "93,14%", "20", "4,16%", "8", "1,66%", "476", "5",
                "(1)");
        assertRow(text, "3", "Lê Văn Cường", "Phó Cục trưởng", "80", "16,63%", "70", "14,55%", "321", "66,74%", "471",
                "10", "(3)");
        assertTrue(text.contains("(3) Thuộc trường hợp có từ 2/3 trở lên tổng số phiếu đánh giá tín nhiệm thấp"), text);
        assertTrue(text.contains("Quy định 96-QĐ/TW ngày 02/02/2023"), text);
        assertTrue(text.contains("tổng số phiếu thu về (481)"), text);
        assertTrue(text.contains("TRƯỞNG BAN KIỂM PHIẾU"), text);
        assertTrue(text.contains("THÀNH VIÊN"), text);
    }

    @Test
    void minutesQuoteTheAuditLogsFingerprintDigestAndEveryReceipt() throws IOException {
        ResultsExport export = ExportFixtures.export("vi");
        String text = text(export.pdf());
        assertTrue(text.contains(export.digest()), "digest");
        assertTrue(text.contains("Trùng với mã băm ghi trong nhật ký kiểm tra lúc 10:30 27/11/2026"), text);
        assertTrue(text.contains(ExportFixtures.vote().fingerprint()), "fingerprint");
        for (String code : export.receipts()) {
            assertTrue(text.contains(code), code);
        }
    }

    @Test
    void aDigestThatDiffersFromTheAuditLogIsFlagged() throws IOException {
        Results results = ExportFixtures.results();
        List<AuditEntry> log = List.of(new AuditEntry(Instant.parse("2026-11-27T03:30:00Z"), "results",
                "sha256=" + "0".repeat(64)));
        String text = text(new ResultsExport(results, List.of(), log, Locale.forLanguageTag("vi"),
                ExportFixtures.MADE).pdf());
        assertTrue(text.contains("KHÔNG trùng với mã băm ghi trong nhật ký kiểm tra"), text);
        assertTrue(text.contains("(không có trong nhật ký kiểm tra)"), text);
    }

    @Test
    void fontIsEmbeddedSoAnyReaderShowsTheDiacritics() {
        String raw = new String(ExportFixtures.export("vi").pdf(), StandardCharsets.ISO_8859_1);
        assertTrue(raw.contains("/FontFile2"), "TrueType font program embedded");
        assertTrue(raw.contains(Fonts.serif().family().replace(" ", "")), "the minutes' serif used");
    }

    @Test
    void englishMinutesUseTheEnglishBundle() throws IOException {
        String text = text(ExportFixtures.export("en").pdf());
        assertTrue(text.contains("MINUTES OF THE COUNT"), text);
        assertTrue(text.contains("HEAD OF THE COUNTING COMMITTEE"), text);
        assertTrue(text.contains("Nguyễn Văn An"), text);
        assertEquals(-1, text.indexOf("BIÊN BẢN"));
    }

    // ---- fit for filing (issue 8 item 4) ----

    private static List<String> realReceipts(int n) {
        vn.tinnhiem.core.chat.Codes codes = new vn.tinnhiem.core.chat.Codes();
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(codes.receipt());
        }
        return out;
    }

    @Test
    void thePlaceAndDateLineTheConferenceAndThePartyHeading() {
        byte[] pdf = ExportFixtures.filedExport(realReceipts(481)).pdf();
        ExportFixtures.keep("bien-ban-dang.pdf", pdf);
        String text = text(pdf);
        assertTrue(text.contains("Hà Lam, ngày 27 tháng 11 năm 2026"), text);
        assertTrue(text.contains("Hội nghị cán bộ, công chức năm 2026"), text);
        assertTrue(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), text);
        assertTrue(!text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "one heading only: " + text);
        String state = text(ExportFixtures.export("vi").pdf());
        assertTrue(state.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && state.contains("Độc lập - Tự do - Hạnh phúc"));
        assertTrue(!state.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), state);
    }

    @Test
    void everyCommitteeMemberIsListedAndHasASignatureBlock() {
        String text = text(ExportFixtures.filedExport(realReceipts(3)).pdf());
        assertTrue(text.contains("Ban kiểm phiếu (3 thành viên):"), text);
        for (String[] m : new String[][] {{"Nguyễn Thị Hoa", "Trưởng ban"}, {"Lê Văn Tám", "Thành viên"},
            {"Đinh Thị Mận", "Thư ký"}}) {
            assertTrue(text.contains(m[0] + " — " + m[1]), m[0] + " listed: " + text);
            String sign = text.substring(text.indexOf("ký tên dưới đây"));
            assertTrue(sign.contains(m[1].toUpperCase(Locale.forLanguageTag("vi"))) && sign.contains(m[0]),
                    m[0] + " signs: " + sign);
        }
        assertEquals(3, text.split("\\(Ký, ghi rõ họ tên\\)", -1).length - 1, text);
    }

    @Test
    void receiptCodesAreNeverBrokenInsideACode() {
        List<String> receipts = realReceipts(481);
        String text = text(ExportFixtures.filedExport(receipts).pdf());
        String annex = text.substring(text.indexOf("PHỤ LỤC"));
        for (String code : receipts) {
            assertTrue(annex.contains(code), code + " whole in the annex");
        }
    }
}
