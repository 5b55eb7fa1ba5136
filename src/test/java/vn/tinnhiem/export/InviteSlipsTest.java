package vn.tinnhiem.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.lowagie.text.pdf.PRStream;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfNumber;
import com.lowagie.text.pdf.PdfReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.testing.PdfText;
import vn.tinnhiem.testing.Votes;

/** The slips are read back: their text with OpenPDF's extractor, their QR codes with ZXing. */
class InviteSlipsTest {
    private static final VoteDefinition VOTE = Votes.builder("ltn-2026").participants(3).build();
    private static final Codes CODES = new Codes();

    private static List<InviteSlips.Slip> slips(int n) {
        List<InviteSlips.Slip> slips = new ArrayList<>();
        String[] names = {"Trịnh Thị Thanh Huyền", "Mai Xuân Trường", "Cao Thị Yến", "Hà Thị Kim Oanh"};
        for (int i = 0; i < n; i++) {
            slips.add(new InviteSlips.Slip(names[i % names.length] + (i < names.length ? "" : " " + i),
                    CODES.invite()));
        }
        return slips;
    }

    /** Every image on every page, decoded as a QR code. */
    private static List<String> qrCodes(byte[] pdf) throws Exception {
        List<String> found = new ArrayList<>();
        try (PdfReader reader = new PdfReader(pdf)) {
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                PdfDictionary resources = reader.getPageN(page).getAsDict(PdfName.RESOURCES);
                PdfDictionary xobjects = resources.getAsDict(PdfName.XOBJECT);
                for (PdfName name : xobjects.getKeys()) {
                    PRStream image = (PRStream) PdfReader.getPdfObject(xobjects.get(name));
                    if (PdfName.IMAGE.equals(image.getAsName(PdfName.SUBTYPE))) {
                        found.add(decode(image));
                    }
                }
            }
        }
        return found;
    }

    private static String decode(PRStream image) throws Exception {
        int w = ((PdfNumber) image.get(PdfName.WIDTH)).intValue();
        int h = ((PdfNumber) image.get(PdfName.HEIGHT)).intValue();
        assertEquals(8, ((PdfNumber) image.get(PdfName.BITSPERCOMPONENT)).intValue());
        byte[] bits = PdfReader.getStreamBytes(image);
        int scale = 4;
        int quiet = 4;
        int size = (w + 2 * quiet) * scale;
        int[] pixels = new int[size * size];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean white = (bits[y * w + x] & 0xFF) > 127;
                if (!white) {
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            pixels[((y + quiet) * scale + dy) * size + (x + quiet) * scale + dx] = 0;
                        }
                    }
                }
            }
        }
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size,
                pixels))), Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    @Test
    void eachSlipHasTheNameUnitGroupedCodeLinkAndWhatToTypeInZalo() {
        List<InviteSlips.Slip> slips = slips(3);
        byte[] pdf = InviteSlips.render(VOTE, slips, "thads_bot", Locale.forLanguageTag("vi"));
        String text = PdfText.of(pdf);
        for (InviteSlips.Slip s : slips) {
            assertTrue(text.contains(s.name()), s.name() + " in " + text);
            assertTrue(text.contains(Codes.grouped(s.code())), s.code());
            assertTrue(text.contains("t.me/thads_bot?start=" + s.code()), s.code());
            assertTrue(text.contains("Zalo: nhắn mã " + Codes.grouped(s.code()) + " cho tài khoản Zalo của hội nghị."), text);
        }
        assertTrue(text.contains(VOTE.unit()) && text.contains(VOTE.title()), text);
        assertTrue(text.contains("PHIẾU MỜI ĐIỂM DANH"), text);
    }

    @Test
    void theQrCodesDecodeToEachSlipsDeepLinkInOrder() throws Exception {
        List<InviteSlips.Slip> slips = slips(10);
        byte[] pdf = InviteSlips.render(VOTE, slips, "thads_bot", Locale.forLanguageTag("vi"));
        ExportFixtures.keep("phieu-moi.pdf", pdf);
        List<String> expected = slips.stream().map(s -> "https://t.me/thads_bot?start=" + s.code()).sorted().toList();
        assertEquals(expected, qrCodes(pdf).stream().sorted().toList());
    }

    @Test
    void eightSlipsToAnA4Page() throws Exception {
        try (PdfReader reader = new PdfReader(InviteSlips.render(VOTE, slips(17), "b", Locale.ENGLISH))) {
            assertEquals(3, reader.getNumberOfPages());
            assertEquals(595, Math.round(reader.getPageSize(1).getWidth()));
            assertEquals(842, Math.round(reader.getPageSize(1).getHeight()));
        }
    }

    @Test
    void theLastPageDrawsCutLinesAroundItsSlipsOnlyNotAroundEmptyCells() throws Exception {
        // 11 slips: the second page holds 3, in cells 1-3 of 2 columns × 4 rows.
        try (PdfReader reader = new PdfReader(InviteSlips.render(VOTE, slips(11), "b", Locale.ENGLISH))) {
            float top = reader.getPageSize(2).getHeight() - 28;
            float cell = (reader.getPageSize(2).getHeight() - 56) / InviteSlips.ROWS;
            float right = reader.getPageSize(2).getWidth() - 28;
            List<float[]> full = segments(reader.getPageContent(1));
            List<float[]> last = segments(reader.getPageContent(2));
            assertTrue(full.stream().anyMatch(l -> Math.min(l[1], l[3]) < 28 + 1), "page 1 is cut to the bottom");
            for (float[] l : last) {
                assertTrue(Math.min(l[1], l[3]) >= top - 2 * cell - 1, "a cut line below the second row: "
                        + java.util.Arrays.toString(l));
                boolean rightEdge = Math.abs(l[0] - right) < 1 && Math.abs(l[2] - right) < 1;
                assertFalse(rightEdge && Math.min(l[1], l[3]) < top - cell - 1,
                        "the empty fourth cell has a cut line: " + java.util.Arrays.toString(l));
            }
            assertFalse(last.isEmpty(), "the last page's slips have their cut lines");
        }
    }

    /** Straight segments (x1 y1 m x2 y2 l, and l after l) in a page's content stream. */
    private static List<float[]> segments(byte[] content) {
        List<float[]> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?[\\d.]+) (-?[\\d.]+) ([ml])\\b")
                .matcher(new String(content, java.nio.charset.StandardCharsets.ISO_8859_1));
        float[] at = null;
        while (m.find()) {
            float x = Float.parseFloat(m.group(1));
            float y = Float.parseFloat(m.group(2));
            if (m.group(3).equals("l") && at != null) {
                out.add(new float[] {at[0], at[1], x, y});
            }
            at = new float[] {x, y};
        }
        return out;
    }
}
