package vn.tinnhiem.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STHdrFtr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import vn.tinnhiem.core.LeaderResult;
import vn.tinnhiem.core.MinutesSetting;
import vn.tinnhiem.core.Verdict;
import vn.tinnhiem.core.chat.Messages;

/**
 * The minutes of the count as an editable Word document (DOCX, Apache POI XWPF): the same text
 * and the same page as {@link MinutesPdf} ({@link Layout}: A4, the decree's margins, the heading,
 * the "Số" line, the italic date, one results table, the signatures kept together), for a unit
 * that files minutes on its own letterhead or adds remarks before signing.
 *
 * <p>The font is named "Times New Roman", as Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.4 asks,
 * and not embedded: the offices that edit the file have it (Word on Windows), LibreOffice shows
 * its metric-compatible Liberation Serif in its place with the same line breaks, and an embedded
 * copy would add a megabyte and still be ignored by Word wherever Times New Roman is installed.
 */
final class MinutesDocx {
    private MinutesDocx() {}

    private static final String FONT = Fonts.Serif.TIMES;

    /** Twentieths of a point, the unit of Word's page and table measures. */
    static int twips(float points) {
        return Math.round(points * 20);
    }

    static byte[] render(ResultsExport export) {
        Messages m = export.messages();
        var vote = export.results().definition();
        MinutesSetting minutes = vote.minutes();
        ZonedDateTime closed = export.closedAt().atZone(ResultsExport.VIETNAM);
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            defaultFont(doc);
            heading(doc, export, closed);

            centred(doc, m.get("export.minutes.title"), true, Layout.TITLE);
            centred(doc, m.get("export.minutes.subtitle"), true, Layout.TITLE);
            centred(doc, vote.title(), true, Layout.TITLE);
            if (minutes.conference() != null) {
                centred(doc, minutes.conference(), true, Layout.TITLE);
            }
            rule(doc.createParagraph(), Layout.TEXT_WIDTH * 0.3f, Layout.TEXT_WIDTH).setSpacingAfter(twips(Layout.AFTER_TITLE));

            text(doc, m.get("export.minutes.basis", export.rulebookName()), false);
            text(doc, m.get("export.minutes.opening", MinutesPdf.two(closed.getHour()),
                    MinutesPdf.two(closed.getMinute()), MinutesPdf.two(closed.getDayOfMonth()),
                    MinutesPdf.two(closed.getMonthValue()), Integer.toString(closed.getYear())), false);
            if (!minutes.committee().isEmpty()) {
                text(doc, m.get("export.minutes.section.committee", Integer.toString(minutes.committee().size())), false);
                for (MinutesSetting.Member member : minutes.committee()) {
                    text(doc, "- " + m.get("export.minutes.member", member.name(), member.role()), false);
                }
            }
            text(doc, m.get("export.minutes.section.ballots"), true);
            text(doc, "- " + m.get("export.minutes.summoned", Integer.toString(vote.summoned())), false);
            text(doc, "- " + m.get("export.minutes.issued", Integer.toString(export.results().tally().issued())), false);
            text(doc, "- " + m.get("export.minutes.returned", Integer.toString(export.results().tally().returned())),
                    false);
            text(doc, "- " + MinutesPdf.denominatorLine(export), false);

            keepNext(text(doc, m.get("export.minutes.section.results"), true), true);
            resultsTable(doc, export);
            for (String note : MinutesPdf.tableNotes(export)) {
                XWPFParagraph p = doc.createParagraph();
                p.setAlignment(ParagraphAlignment.BOTH);
                p.setSpacingAfter(0);
                run(p, note, false, Layout.TABLE);
            }

            text(doc, m.get("export.minutes.section.check"), true).setSpacingBefore(twips(Layout.PARAGRAPH_SPACING));
            // The 64 hexadecimal digits on a line of their own, as in the PDF: justified into the
            // sentence they would stretch it.
            text(doc, "- " + m.get("export.minutes.digest", ""), false).setSpacingAfter(0);
            indented(doc, export.digest(), Layout.SMALL);
            indented(doc, MinutesPdf.digestCheck(export), Layout.BODY);
            text(doc, "- " + m.get("export.minutes.fingerprint", ""), false).setSpacingAfter(0);
            indented(doc, export.fingerprint().orElse(m.get("export.minutes.fingerprint.missing")), Layout.SMALL);
            text(doc, "- " + m.get(export.receipts().isEmpty() ? "export.minutes.receipts.none"
                    : "export.minutes.receipts", Integer.toString(export.receipts().size())), false);

            // The closing sentence stays with the signatures, and they with each other.
            keepNext(text(doc, m.get("export.minutes.closing", MinutesPdf.stamp(export.generatedAt())), false), true);
            signatures(doc, minutes.committee(), m);

            pages(doc, export.receipts().isEmpty() ? null : doc.createParagraph());
            if (!export.receipts().isEmpty()) {
                centred(doc, m.get("export.annex.title"), true, Layout.TITLE);
                XWPFParagraph subtitle = centred(doc, m.get("export.annex.subtitle",
                        Integer.toString(export.receipts().size()), vote.title()), false, Layout.BODY);
                subtitle.getRuns().get(0).setItalic(true);
                text(doc, m.get("export.annex.hint"), false);
                List<String> codes = export.receipts();
                XWPFTable t = doc.createTable((codes.size() + 4) / 5, 5);
                fixed(t, new float[] {1, 1, 1, 1, 1});
                for (int i = 0; i < codes.size(); i++) {
                    XWPFParagraph p = t.getRow(i / 5).getCell(i % 5).getParagraphs().get(0);
                    p.setAlignment(ParagraphAlignment.CENTER);
                    run(p, codes.get(i), false, Layout.TABLE);
                }
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the minutes of " + vote.id() + " as DOCX", e);
        }
    }

    /** Times New Roman at the body size for every run that names nothing else. */
    private static void defaultFont(XWPFDocument doc) {
        CTFonts fonts = CTFonts.Factory.newInstance();
        fonts.setAscii(FONT);
        fonts.setHAnsi(FONT);
        fonts.setCs(FONT);
        fonts.setEastAsia(FONT);
        doc.createStyles().setDefaultFonts(fonts);
    }

    /**
     * A4 and the decree's margins ({@link Layout}); the page number centred in the top margin
     * from the second page on (Phụ lục I, mục I.7). With an annex the document has two sections,
     * and the annex is numbered on its own (mục III.1.đ).
     *
     * @param annexBreak the paragraph that ends the minutes' section, or null without an annex
     */
    private static void pages(XWPFDocument doc, XWPFParagraph annexBreak) {
        CTSectPr last = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
                : doc.getDocument().getBody().addNewSectPr();
        XWPFHeader numbered = doc.createHeader(HeaderFooterType.DEFAULT);
        XWPFParagraph p = numbered.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        var field = p.getCTP().addNewFldSimple();
        field.setInstr("PAGE");
        var number = field.addNewR();
        CTFonts fonts = number.addNewRPr().addNewRFonts();
        fonts.setAscii(FONT);
        fonts.setHAnsi(FONT);
        number.getRPr().addNewSz().setVal(BigInteger.valueOf(Math.round(Layout.BODY * 2)));
        number.addNewT().setStringValue("2");
        XWPFHeader blank = doc.createHeader(HeaderFooterType.FIRST);
        blank.createParagraph();
        String numberedId = doc.getRelationId(numbered);
        String blankId = doc.getRelationId(blank);
        page(last, numberedId, blankId);
        if (annexBreak != null) {
            page(annexBreak.getCTP().addNewPPr().addNewSectPr(), numberedId, blankId);
            last.addNewPgNumType().setStart(BigInteger.ONE);
        }
    }

    private static void page(CTSectPr section, String numberedHeader, String firstHeader) {
        if (section.sizeOfHeaderReferenceArray() == 0) {
            var ref = section.addNewHeaderReference();
            ref.setType(STHdrFtr.DEFAULT);
            ref.setId(numberedHeader);
            ref = section.addNewHeaderReference();
            ref.setType(STHdrFtr.FIRST);
            ref.setId(firstHeader);
        }
        var size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        // 210 × 297 mm exactly (11906 × 16838 twips), not OpenPDF's rounded 595 × 842 pt.
        size.setW(BigInteger.valueOf(twips(210 * Layout.MM)));
        size.setH(BigInteger.valueOf(twips(297 * Layout.MM)));
        var margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(twips(Layout.TOP)));
        margins.setBottom(BigInteger.valueOf(twips(Layout.BOTTOM)));
        margins.setLeft(BigInteger.valueOf(twips(Layout.LEFT)));
        margins.setRight(BigInteger.valueOf(twips(Layout.RIGHT)));
        margins.setHeader(BigInteger.valueOf(twips(Layout.TOP - Layout.PAGE_NUMBER_RAISE - Layout.BODY)));
        margins.setFooter(BigInteger.valueOf(twips(Layout.BOTTOM / 2)));
        margins.setGutter(BigInteger.ZERO);
        if (!section.isSetTitlePg()) {
            section.addNewTitlePg();
        }
    }

    /** The heading as {@link MinutesPdf} lays it out: two borderless columns, two rows. */
    private static void heading(XWPFDocument doc, ResultsExport export, ZonedDateTime closed) {
        Messages m = export.messages();
        MinutesSetting minutes = export.results().definition().minutes();
        XWPFTable head = doc.createTable(2, 2);
        head.removeBorders();
        fixed(head, new float[] {Layout.HEAD_LEFT, Layout.HEAD_RIGHT});
        head.setCellMargins(0, 1, 0, 1);
        float leftWidth = Layout.TEXT_WIDTH * Layout.HEAD_LEFT / (Layout.HEAD_LEFT + Layout.HEAD_RIGHT);
        float rightWidth = Layout.TEXT_WIDTH - leftWidth;
        XWPFTableCell left = head.getRow(0).getCell(0);
        line(left.getParagraphs().get(0), export.results().definition().unit().toUpperCase(m.locale()), false,
                Layout.HEAD_NAME);
        line(left.addParagraph(), m.get("export.committee"), true, Layout.HEAD_NAME);
        XWPFTableCell right = head.getRow(0).getCell(1);
        String ruled;
        float ruledSize;
        switch (minutes.heading()) {
            case STATE -> {
                // A rule 1/3 to 1/2 as long as the issuing body's name (Phụ lục I, mục II.2.b).
                rule(left.addParagraph(), leftWidth * 0.3f, leftWidth);
                line(right.getParagraphs().get(0), m.get("export.national.name"), true, Layout.NATIONAL_NAME);
                ruled = m.get("export.national.motto");
                ruledSize = Layout.MOTTO;
            }
            case PARTY -> {
                // The asterisk of a Party document (Hướng dẫn 36-HD/VPTW).
                line(left.addParagraph(), "*", false, Layout.HEAD_NAME);
                ruled = m.get("export.party.name");
                ruledSize = Layout.PARTY_NAME;
            }
            default -> throw new IllegalStateException("no heading for " + minutes.heading());
        }
        XWPFParagraph over = minutes.heading() == MinutesSetting.Heading.STATE ? right.addParagraph()
                : right.getParagraphs().get(0);
        line(over, ruled, true, ruledSize);
        // A rule as long as the motto (or the Party's name), measured with the serif's metrics.
        rule(right.addParagraph(), Math.min(Fonts.pdf(Fonts.serif(), Fonts.Face.BOLD).getWidthPoint(ruled, ruledSize),
                rightWidth), rightWidth);
        line(head.getRow(1).getCell(0).getParagraphs().get(0), MinutesPdf.numberLine(m, minutes.heading()), false,
                Layout.BODY);
        line(head.getRow(1).getCell(1).getParagraphs().get(0), MinutesPdf.dateLine(m, minutes.place(), closed), false,
                Layout.BODY).setItalic(true);
        XWPFParagraph after = doc.createParagraph();
        after.setSpacingAfter(0);
        run(after, "", false, 6);
    }

    /** A horizontal rule {@code width} long, centred in {@code available}: the top border of an empty line. */
    private static XWPFParagraph rule(XWPFParagraph p, float width, float available) {
        int indent = twips((available - width) / 2);
        p.setIndentationLeft(indent);
        p.setIndentationRight(indent);
        p.setSpacingAfter(0);
        p.setSpacingBefore(twips(3));
        var borders = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
        CTBorder top = borders.addNewPBdr().addNewTop();
        top.setVal(STBorder.SINGLE);
        top.setSz(BigInteger.valueOf(6));
        top.setSpace(BigInteger.ONE);
        top.setColor("000000");
        run(p, "", false, 6);
        return p;
    }

    /** The compact table of {@link MinutesPdf}: a row per leader, header repeated, rows never split. */
    private static void resultsTable(XWPFDocument doc, ResultsExport export) {
        List<LeaderResult> leaders = export.results().leaders();
        XWPFTable t = doc.createTable(leaders.size() + 1, Layout.COLUMNS.length);
        fixed(t, Layout.COLUMNS);
        List<String> header = MinutesPdf.tableHeader(export);
        var bold = Fonts.pdf(Fonts.serif(), Fonts.Face.BOLD);
        XWPFTableRow head = t.getRow(0);
        head.setRepeatHeader(true);
        head.setCantSplitRow(true);
        for (int col = 0; col < header.size(); col++) {
            XWPFTableCell c = head.getCell(col);
            c.setColor("EEEEEE");
            c.setVerticalAlignment(XWPFTableCell.XWPFVertAlign.CENTER);
            tableLines(c, new String[] {header.get(col)}, true, false);
            c.getParagraphs().get(0).getRuns().get(0).setFontSize(MinutesPdf.headerSize(header.get(col), col, bold));
        }
        for (int i = 0; i < leaders.size(); i++) {
            LeaderResult r = leaders.get(i);
            XWPFTableRow row = t.getRow(i + 1);
            row.setCantSplitRow(true);
            List<String[]> cells = MinutesPdf.tableRow(i + 1, r, export);
            for (int col = 0; col < cells.size(); col++) {
                XWPFTableCell c = row.getCell(col);
                c.setVerticalAlignment(XWPFTableCell.XWPFVertAlign.CENTER);
                boolean strongVerdict = col == cells.size() - 1 && r.verdict() != Verdict.NO_ACTION;
                tableLines(c, cells.get(col), strongVerdict, col == 1);
            }
        }
    }

    private static void tableLines(XWPFTableCell c, String[] lines, boolean bold, boolean leaderCell) {
        XWPFParagraph p = c.getParagraphs().get(0);
        p.setAlignment(leaderCell ? ParagraphAlignment.LEFT : ParagraphAlignment.CENTER);
        p.setSpacingAfter(0);
        for (int i = 0; i < lines.length; i++) {
            XWPFRun run = run(p, lines[i], bold || leaderCell && i == 0, Layout.TABLE);
            if (i < lines.length - 1) {
                run.addBreak();
            }
        }
    }

    /**
     * The closing signatures, two or three to a row ({@link MinutesPdf#signatureColumns}), kept on
     * one page: rows that cannot split, every line kept with the next (how Word keeps a table's rows
     * together).
     */
    private static void signatures(XWPFDocument doc, List<MinutesSetting.Member> committee, Messages m) {
        List<String[]> blocks = committee.isEmpty()
                ? List.of(new String[] {m.get("export.sign.member"), null}, new String[] {m.get("export.sign.head"), null})
                : committee.stream().map(c -> new String[] {c.role().toUpperCase(m.locale()), c.name()}).toList();
        int columns = MinutesPdf.signatureColumns(committee);
        XWPFTable t = doc.createTable((blocks.size() + columns - 1) / columns, columns);
        t.removeBorders();
        float[] equal = new float[columns];
        java.util.Arrays.fill(equal, 1);
        fixed(t, equal);
        for (int i = 0; i < blocks.size(); i++) {
            XWPFTableCell cell = t.getRow(i / columns).getCell(i % columns);
            line(cell.getParagraphs().get(0), blocks.get(i)[0], true, Layout.BODY);
            line(cell.addParagraph(), m.get("export.sign.hint"), false, Layout.BODY).setItalic(true);
            XWPFParagraph space = cell.addParagraph();
            space.setSpacingBefore(twips(Layout.SIGNATURE_SPACE));
            if (blocks.get(i)[1] != null) {
                line(space, blocks.get(i)[1], true, Layout.BODY);
            } else {
                run(space, "", false, Layout.BODY);
            }
        }
        for (XWPFTableRow row : t.getRows()) {
            row.setCantSplitRow(true);
            boolean lastRow = row == t.getRows().get(t.getRows().size() - 1);
            for (XWPFTableCell cell : row.getTableCells()) {
                for (XWPFParagraph p : cell.getParagraphs()) {
                    keepNext(p, !lastRow || p != cell.getParagraphs().get(cell.getParagraphs().size() - 1));
                }
            }
        }
    }

    /** A table of the text's width with fixed columns in these proportions: Word keeps them as set. */
    private static void fixed(XWPFTable t, float[] proportions) {
        float sum = 0;
        for (float p : proportions) {
            sum += p;
        }
        var props = t.getCTTbl().getTblPr();
        (props.isSetTblLayout() ? props.getTblLayout() : props.addNewTblLayout()).setType(STTblLayoutType.FIXED);
        t.setWidth(Integer.toString(twips(Layout.TEXT_WIDTH)));
        // Word's default 5.4 pt each side would wrap "87,93%" in its column; the PDF pads 3 pt.
        t.setCellMargins(0, twips(3), 0, twips(3));
        CTTblGrid grid = t.getCTTbl().getTblGrid() == null ? t.getCTTbl().addNewTblGrid() : t.getCTTbl().getTblGrid();
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (float p : proportions) {
            grid.addNewGridCol().setW(BigInteger.valueOf(twips(Layout.TEXT_WIDTH * p / sum)));
        }
        for (XWPFTableRow row : t.getRows()) {
            for (int col = 0; col < proportions.length; col++) {
                row.getCell(col).setWidth(Integer.toString(twips(Layout.TEXT_WIDTH * proportions[col] / sum)));
            }
        }
    }

    /** Keep with the next paragraph (XWPF's own setter fails on a paragraph without properties). */
    private static void keepNext(XWPFParagraph p, boolean keep) {
        if (!p.getCTP().isSetPPr()) {
            p.getCTP().addNewPPr();
        }
        p.setKeepNext(keep);
    }

    private static XWPFRun line(XWPFParagraph p, String s, boolean bold, float size) {
        p.setAlignment(ParagraphAlignment.CENTER);
        p.setSpacingAfter(0);
        return run(p, s, bold, size);
    }

    private static XWPFRun run(XWPFParagraph p, String s, boolean bold, float size) {
        XWPFRun run = p.createRun();
        run.setFontFamily(FONT);
        run.setFontSize(size);
        run.setBold(bold);
        run.setText(s);
        return run;
    }

    private static XWPFParagraph centred(XWPFDocument doc, String s, boolean bold, float size) {
        XWPFParagraph p = doc.createParagraph();
        line(p, s, bold, size);
        return p;
    }

    private static void indented(XWPFDocument doc, String s, float size) {
        XWPFParagraph p = doc.createParagraph();
        p.setIndentationLeft(twips(Layout.INDENT));
        p.setSpacingAfter(twips(Layout.PARAGRAPH_SPACING / 2));
        run(p, s, false, size);
    }

    /** Body text (Phụ lục I, mục II.6.e): justified, first line indented 1 cm, 6 pt after, single spacing. */
    private static XWPFParagraph text(XWPFDocument doc, String s, boolean bold) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.BOTH);
        p.setFirstLineIndent(twips(Layout.INDENT));
        p.setSpacingAfter(twips(Layout.PARAGRAPH_SPACING));
        p.setSpacingBetween(1.0);
        run(p, s, bold, Layout.BODY);
        return p;
    }
}
