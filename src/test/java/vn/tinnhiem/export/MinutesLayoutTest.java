package vn.tinnhiem.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import vn.tinnhiem.core.MinutesSetting.Heading;
import vn.tinnhiem.testing.PdfLayout;

/**
 * The minutes of a 60-person unit's vote on 44 leaders, rendered and looked at as a reader would
 * (issue 19, item 1): A4, the serif, the "Số" line with the italic place and date beside it, the
 * national title on one line, at most four pages before the annex, the signatures together on the
 * last of them. The PDF is read back with PDFBox; the DOCX is printed to PDF by LibreOffice where it
 * is installed, and its XML checked everywhere.
 */
class MinutesLayoutTest {
    private static final String DATE = "Hà Lam, ngày 27 tháng 11 năm 2026";
    private static final List<String> SIGNERS = List.of("Nguyễn Thị Hoa", "Lê Văn Tám", "Đinh Thị Mận");

    private static boolean serif(String font) {
        return font.startsWith("LiberationSerif") || font.startsWith("TimesNewRoman");
    }

    /** What both renderings must show; {@code pdf} is the minutes or the DOCX as LibreOffice prints it. */
    private static void assertFiledMinutes(PdfLayout pdf, Heading heading) {
        for (var size : pdf.pageSizes) {
            assertEquals(210, size.getWidth() / Layout.MM, 0.5, "A4 width");
            assertEquals(297, size.getHeight() / Layout.MM, 0.5, "A4 height");
        }
        pdf.fonts.forEach((font, embedded) -> {
            assertTrue(serif(font), "every font is the serif: " + pdf.fonts);
            assertTrue(embedded, font + " embedded");
        });

        String number = heading == Heading.STATE ? "Số: …/BB-BKP" : "Số …-BB/BKP";
        PdfLayout.Line numberLine = pdf.line(number);
        assertEquals(1, numberLine.page());
        assertTrue(numberLine.text().contains(DATE), "the place and date on the Số line: " + numberLine.text());
        numberLine.fontsOf(DATE).forEach(f -> assertTrue(f.contains("Italic"), "date in italic: " + f));
        numberLine.fontsOf(number).forEach(f -> assertFalse(f.contains("Italic") || f.contains("Bold"), f));
        if (heading == Heading.STATE) {
            PdfLayout.Line national = pdf.line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
            assertEquals(1, national.page());
            assertTrue(pdf.line("Độc lập - Tự do - Hạnh phúc").y() > national.y(), "motto under the national name");
        } else {
            assertEquals(1, pdf.line("ĐẢNG CỘNG SẢN VIỆT NAM").page());
            assertTrue(pdf.linesWith("CỘNG HÒA").isEmpty());
            // The asterisk between the issuing body and the Số line (Hướng dẫn 36-HD/VPTW).
            PdfLayout.Line body = pdf.line("BAN KIỂM PHIẾU");
            PdfLayout.Line star = pdf.lines.stream().filter(l -> l.text().equals("*")).findFirst()
                    .orElseThrow(() -> new AssertionError("no asterisk line"));
            assertTrue(body.y() < star.y() && star.y() < numberLine.y(), "asterisk under the issuing body");
        }
        assertTrue(pdf.linesWith("———").isEmpty());

        int annex = pdf.pageOf("PHỤ LỤC");
        assertTrue(annex > 0, "annex of receipt codes");
        int minutesPages = annex - 1;
        assertTrue(minutesPages <= 4, "44 leaders in " + minutesPages + " pages");
        for (int leader = 1; leader <= 44; leader++) {
            int n = leader;
            assertTrue(pdf.lines.stream().anyMatch(l -> l.page() <= minutesPages && l.words().get(0).text().equals(
                    Integer.toString(n))), "row of leader " + leader);
        }
        // The closing sentence, every role, hint and name on the last page of the minutes.
        assertEquals(minutesPages, pdf.pageOf("Biên bản lập lúc"));
        for (String s : List.of("TRƯỞNG BAN", "THÀNH VIÊN", "THƯ KÝ", "(Ký, ghi rõ họ tên)")) {
            assertEquals(minutesPages, pdf.pageOf(s), s);
            assertEquals(minutesPages, pdf.lastPageOf(s), s);
        }
        for (String name : SIGNERS) {
            assertEquals(minutesPages, pdf.lastPageOf(name), name + " signs on the last page");
        }
    }

    @Test
    void fortyFourLeadersFitFourA4PagesInTheSerifWithTheNumberDateAndSignaturesInPlace() {
        for (Heading heading : Heading.values()) {
            byte[] pdf = ExportFixtures.fortyFourLeaders(heading).pdf();
            ExportFixtures.keep("bien-ban-44-" + heading.id() + ".pdf", pdf);
            PdfLayout layout = PdfLayout.of(pdf);
            assertFiledMinutes(layout, heading);
            // One row per leader: the one with over half LOW shows verdict (2), with 2/3 or more (3).
            // (Cells are centred in their row: order, valid, invalid and verdict share a line.)
            assertTrue(layout.lines.stream().anyMatch(l -> l.text().matches("7 .* 58 0 \\(2\\)")), "leader 7: (2)");
            assertTrue(layout.lines.stream().anyMatch(l -> l.text().matches("31 .* 58 0 \\(3\\)")), "leader 31: (3)");
            assertTrue(layout.lines.stream().anyMatch(l -> l.text().matches("1 .* 58 0 \\(1\\)")), "leader 1: (1)");
        }
    }

    @Test
    void theWidestShareFitsItsColumnOnOneLine() {
        // Percent prints two decimals ("100,00%", "11,90%"): the level columns must hold the widest.
        float sum = 0;
        for (float c : Layout.COLUMNS) {
            sum += c;
        }
        for (Fonts.Face face : new Fonts.Face[] {Fonts.Face.REGULAR, Fonts.Face.BOLD}) {
            float widest = Fonts.pdf(Fonts.serif(), face).getWidthPoint("100,00%", Layout.TABLE);
            for (int col = 2; col <= 4; col++) {
                float room = Layout.TEXT_WIDTH * Layout.COLUMNS[col] / sum - 6;
                assertTrue(widest < room, "«100,00%» is " + widest + " pt, column " + col + " holds " + room);
            }
        }
    }

    @Test
    void englishHeadersShrinkRatherThanBreakAWord() {
        PdfLayout pdf = PdfLayout.of(ExportFixtures.export("en").pdf());
        List<String> words = pdf.lines.stream().filter(l -> l.page() == 1).flatMap(l -> l.words().stream())
                .map(PdfLayout.Word::text).toList();
        for (String whole : List.of("High", "Confidence", "Low", "confidence", "Valid", "Invalid", "Verdict")) {
            assertTrue(words.contains(whole), whole + " whole in " + words);
        }
        assertTrue(words.stream().noneMatch(w -> w.equals("confiden") || w.equals("Verdi")), words.toString());
    }

    @Test
    void pagesAreNumberedInTheTopMarginFromTheSecondPageAndTheAnnexOnItsOwn() {
        PdfLayout pdf = PdfLayout.of(ExportFixtures.fortyFourLeaders(Heading.STATE).pdf());
        int annex = pdf.pageOf("PHỤ LỤC");
        for (int page = 1; page <= pdf.pages; page++) {
            int p = page;
            PdfLayout.Line top = pdf.lines.stream().filter(l -> l.page() == p).findFirst().orElseThrow();
            boolean numbered = page > 1 && page != annex;
            if (numbered) {
                assertEquals(Integer.toString(page < annex ? page : page - annex + 1), top.text(), "page " + page);
                assertTrue(top.y() < Layout.TOP, "in the top margin: " + top.y());
            } else {
                assertFalse(top.text().matches("\\d+"), "page " + page + " unnumbered: " + top.text());
            }
        }
    }

    @Test
    void theDocxSetsA4TheMarginsTheFontAndKeepsTheSignaturesTogether() throws IOException {
        for (Heading heading : Heading.values()) {
            byte[] docx = ExportFixtures.fortyFourLeaders(heading).render(ResultsExport.Format.DOCX);
            ExportFixtures.keep("bien-ban-44-" + heading.id() + ".docx", docx);
            try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
                List<CTSectPr> sections = new ArrayList<>();
                for (XWPFParagraph p : doc.getParagraphs()) {
                    if (p.getCTP().isSetPPr() && p.getCTP().getPPr().isSetSectPr()) {
                        sections.add(p.getCTP().getPPr().getSectPr());
                    }
                }
                sections.add(doc.getDocument().getBody().getSectPr());
                assertEquals(2, sections.size(), "the minutes, then the annex");
                for (CTSectPr s : sections) {
                    assertEquals("11906x16838", s.getPgSz().getW() + "x" + s.getPgSz().getH(), "A4 in twips");
                    assertEquals("1134 1134 1701 850", s.getPgMar().getTop() + " " + s.getPgMar().getBottom() + " "
                            + s.getPgMar().getLeft() + " " + s.getPgMar().getRight(), "20, 20, 30, 15 mm");
                    assertTrue(s.isSetTitlePg(), "no number on the first page");
                }
                assertEquals(1, sections.get(1).getPgNumType().getStart().intValue(), "annex numbered on its own");
                try (var styles = doc.getStyles().getPackagePart().getInputStream()) {
                    assertTrue(new String(styles.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .contains("w:ascii=\"Times New Roman\""), "Times New Roman is the default font");
                }

                List<XWPFRun> runs = new ArrayList<>();
                for (IBodyElement e : doc.getBodyElements()) {
                    if (e instanceof XWPFParagraph p) {
                        runs.addAll(p.getRuns());
                    } else if (e instanceof XWPFTable t) {
                        for (XWPFTableRow row : t.getRows()) {
                            for (XWPFTableCell cell : row.getTableCells()) {
                                cell.getParagraphs().forEach(p -> runs.addAll(p.getRuns()));
                            }
                        }
                    }
                }
                for (XWPFRun run : runs) {
                    assertEquals("Times New Roman", run.getFontFamily(), "font of «" + run.text() + "»");
                }

                XWPFTable head = doc.getTables().get(0);
                String number = heading == Heading.STATE ? "Số: …/BB-BKP" : "Số …-BB/BKP";
                assertEquals(number, head.getRow(1).getCell(0).getText());
                XWPFRun date = head.getRow(1).getCell(1).getParagraphs().get(0).getRuns().get(0);
                assertEquals(DATE, date.text());
                assertTrue(date.isItalic(), "italic date");
                if (heading == Heading.STATE) {
                    // The national title fits its cell on one line, measured with the serif's metrics.
                    XWPFRun national = head.getRow(0).getCell(1).getParagraphs().get(0).getRuns().get(0);
                    assertEquals("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", national.text());
                    float width = Fonts.pdf(Fonts.serif(), Fonts.Face.BOLD).getWidthPoint(national.text(),
                            national.getFontSizeAsDouble().floatValue());
                    float cell = head.getRow(0).getCell(1).getWidth() / 20f - 2 * 1 / 20f;
                    assertTrue(width < cell, national.text() + " is " + width + " pt in a cell of " + cell);
                } else {
                    assertEquals("*", head.getRow(0).getCell(0).getParagraphs().get(2).getText());
                }

                XWPFTable results = doc.getTables().get(1);
                assertEquals(45, results.getRows().size(), "a header and a row per leader in one table");
                assertTrue(results.getRow(0).isRepeatHeader(), "header repeated on every page");
                results.getRows().forEach(r -> assertTrue(r.isCantSplitRow(), "rows never split"));

                XWPFTable signatures = doc.getTables().get(2);
                assertEquals(3, signatures.getRow(0).getTableCells().size(), "three signatures side by side");
                List<XWPFParagraph> lines = new ArrayList<>();
                for (XWPFTableRow row : signatures.getRows()) {
                    boolean lastRow = row == signatures.getRows().get(signatures.getRows().size() - 1);
                    row.getTableCells().forEach(c -> lines.addAll(lastRow ? c.getParagraphs().subList(0,
                            c.getParagraphs().size() - 1) : c.getParagraphs()));
                }
                assertTrue(lines.size() >= 6 && lines.stream().allMatch(XWPFParagraph::isKeepNext),
                        "every signature line kept with the next");
                int closing = doc.getBodyElements().indexOf(signatures) - 1;
                XWPFParagraph sentence = (XWPFParagraph) doc.getBodyElements().get(closing);
                assertTrue(sentence.getText().startsWith("Biên bản lập lúc") && sentence.isKeepNext());
            }
        }
    }

    /** LibreOffice's soffice, if this machine has it (CI need not). */
    private static String soffice() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "soffice"))) {
                return Path.of(dir, "soffice").toString();
            }
        }
        return null;
    }

    @Test
    void theDocxAsLibreOfficePrintsItLooksLikeThePdf(@TempDir Path dir) throws Exception {
        String soffice = soffice();
        assumeTrue(soffice != null, "LibreOffice not installed: the DOCX's XML is checked above");
        for (Heading heading : Heading.values()) {
            Path docx = dir.resolve("bien-ban-" + heading.id() + ".docx");
            Files.write(docx, ExportFixtures.fortyFourLeaders(heading).render(ResultsExport.Format.DOCX));
            Process p = new ProcessBuilder(soffice, "--headless", "--norestore",
                    "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--convert-to", "pdf", "--outdir",
                    dir.toString(), docx.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("lo.log")
                    .toFile()).start();
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), "LibreOffice converts within 3 minutes");
            Path pdf = dir.resolve("bien-ban-" + heading.id() + ".pdf");
            assertTrue(Files.exists(pdf), Files.readString(dir.resolve("lo.log")));
            ExportFixtures.keep("bien-ban-44-" + heading.id() + "-docx.pdf", Files.readAllBytes(pdf));
            assertFiledMinutes(PdfLayout.of(Files.readAllBytes(pdf)), heading);
        }
    }
}
