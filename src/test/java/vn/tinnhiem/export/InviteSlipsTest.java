package vn.tinnhiem.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
