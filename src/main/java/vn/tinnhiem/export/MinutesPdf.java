package vn.tinnhiem.export;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.draw.LineSeparator;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderResult;
import vn.tinnhiem.core.MinutesSetting;
import vn.tinnhiem.core.Verdict;
import vn.tinnhiem.core.chat.Messages;

/**
 * The minutes of the count (Biên bản kiểm phiếu), laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I
 * (thể thức và kỹ thuật trình bày văn bản hành chính) has a Vietnamese administrative document,
 * or, under a Party heading, as Hướng dẫn 36-HD/VPTW (2018) has a Party document: the issuing
 * body and the national (or Party) heading, the "Số" line and the italic place-and-date line,
 * the ballot figures, one compact table with a row per leader, the rulebook's verdicts, the audit
 * log's fingerprint and digest, and the counting committee's signatures kept together on the last
 * page; the receipt codes follow as an annex. {@link Layout} holds the decree's figures, shared
 * with {@link MinutesDocx}. The font is embedded, so any reader shows the diacritics.
 */
final class MinutesPdf {
    private MinutesPdf() {}

    private static final Color HEADER_FILL = new Color(0xEEEEEE);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private static final class Styles {
        final Fonts.Serif serif = Fonts.serif();
        final BaseFont regular = Fonts.pdf(serif, Fonts.Face.REGULAR);
        final BaseFont bold = Fonts.pdf(serif, Fonts.Face.BOLD);
        final BaseFont italic = Fonts.pdf(serif, Fonts.Face.ITALIC);
        final Font body = new Font(regular, Layout.BODY);
        final Font bodyBold = new Font(bold, Layout.BODY);
        final Font bodyItalic = new Font(italic, Layout.BODY);
        final Font title = new Font(bold, Layout.TITLE);
        final Font table = new Font(regular, Layout.TABLE);
        final Font tableBold = new Font(bold, Layout.TABLE);
        final Font small = new Font(regular, Layout.SMALL);
    }

    /** Numbers the pages as Phụ lục I, mục I.7 says; the annex is numbered on its own (mục III.1.đ). */
    private static final class PageNumbers extends PdfPageEventHelper {
        private final Font font;
        private int annexFirstPage = Integer.MAX_VALUE;

        PageNumbers(Font font) {
            this.font = font;
        }

        @Override
        public void onEndPage(PdfWriter w, Document d) {
            int page = w.getPageNumber();
            int shown = page >= annexFirstPage ? page - annexFirstPage + 1 : page;
            // "được đặt canh giữa theo chiều ngang trong phần lề trên của văn bản, không hiển thị
            // số trang thứ nhất" (centred in the top margin; the first page carries no number).
            if (shown > 1) {
                ColumnText.showTextAligned(w.getDirectContent(), Element.ALIGN_CENTER,
                        new Phrase(Integer.toString(shown), font), (d.left() + d.right()) / 2,
                        d.top() + Layout.PAGE_NUMBER_RAISE, 0);
            }
        }
    }

    static byte[] render(ResultsExport export) {
        Messages m = export.messages();
        Styles f = new Styles();
        var vote = export.results().definition();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(Layout.A4, Layout.LEFT, Layout.RIGHT, Layout.TOP, Layout.BOTTOM);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            PageNumbers numbers = new PageNumbers(f.body);
            writer.setPageEvent(numbers);
            doc.addTitle(m.get("export.minutes.title") + " " + m.get("export.minutes.subtitle") + " — " + vote.title());
            doc.addSubject(vote.unit());
            doc.addCreator("tinnhiem");
            doc.open();

            ZonedDateTime closed = export.closedAt().atZone(ResultsExport.VIETNAM);
            doc.add(heading(export, closed, f));
            title(doc, export, f);

            doc.add(para(m.get("export.minutes.basis", export.rulebookName()), f.body));
            doc.add(para(m.get("export.minutes.opening", two(closed.getHour()), two(closed.getMinute()),
                    two(closed.getDayOfMonth()), two(closed.getMonthValue()),
                    Integer.toString(closed.getYear())), f.body));

            committee(doc, export, f);
            doc.add(section(m.get("export.minutes.section.ballots"), f));
            doc.add(para("- " + m.get("export.minutes.summoned", Integer.toString(vote.summoned())), f.body));
            doc.add(para("- " + m.get("export.minutes.issued", Integer.toString(export.results().tally().issued())),
                    f.body));
            doc.add(para("- " + m.get("export.minutes.returned",
                    Integer.toString(export.results().tally().returned())), f.body));
            doc.add(para("- " + denominatorLine(export), f.body));

            doc.add(section(m.get("export.minutes.section.results"), f));
            doc.add(resultsTable(export, f));
            for (String note : tableNotes(export)) {
                Paragraph p = new Paragraph(Layout.TABLE * 1.2f, note, f.table);
                p.setAlignment(Element.ALIGN_JUSTIFIED);
                p.setSpacingBefore(2);
                doc.add(p);
            }

            doc.add(section(m.get("export.minutes.section.check"), f));
            verification(doc, export, f);

            doc.add(signatures(m.get("export.minutes.closing",
                    STAMP.format(export.generatedAt().atZone(ResultsExport.VIETNAM))), vote.minutes().committee(), m, f));
            annex(doc, writer, export, f, numbers);
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("laying out the minutes of " + vote.id(), e);
        }
        return out.toByteArray();
    }

    /**
     * The first lines, in a table of two columns: on the left the unit, the issuing body (the
     * counting committee) and under it a short rule (a State document, Phụ lục I, mục II.2.b: "phía
     * dưới có đường kẻ ngang, nét liền, có độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ") or an
     * asterisk (a Party document, Hướng dẫn 36-HD/VPTW: "BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG / * /
     * Số 36-HD/VPTW"); on the right the national name and motto with a rule as long as the motto
     * (mục II.1), or "ĐẢNG CỘNG SẢN VIỆT NAM" with a rule as long as it. The second row carries the
     * "Số" line and, on the same line, the italic place and date (mục II.4.c: "trình bày trên cùng
     * một dòng với số, ký hiệu văn bản ... kiểu chữ nghiêng").
     */
    private static PdfPTable heading(ResultsExport export, ZonedDateTime closed, Styles f) {
        Messages m = export.messages();
        MinutesSetting minutes = export.results().definition().minutes();
        PdfPTable t = new PdfPTable(new float[] {Layout.HEAD_LEFT, Layout.HEAD_RIGHT});
        t.setTotalWidth(Layout.TEXT_WIDTH);
        t.setLockedWidth(true);
        float leftWidth = Layout.TEXT_WIDTH * Layout.HEAD_LEFT / (Layout.HEAD_LEFT + Layout.HEAD_RIGHT);
        float rightWidth = Layout.TEXT_WIDTH - leftWidth;

        PdfPCell left = cell();
        String unit = export.results().definition().unit().toUpperCase(m.locale());
        left.addElement(centred(unit, new Font(f.regular, Layout.HEAD_NAME), 0, 0));
        String committee = m.get("export.committee");
        Font committeeFont = new Font(f.bold, Layout.HEAD_NAME);
        left.addElement(centred(committee, committeeFont, 0, 0));
        PdfPCell right = cell();
        String ruleOver;
        Font ruleFont;
        switch (minutes.heading()) {
            case STATE -> {
                left.addElement(rule(Math.min(f.bold.getWidthPoint(committee, Layout.HEAD_NAME), leftWidth) * 0.4f,
                        leftWidth, f.body));
                right.addElement(centred(m.get("export.national.name"), new Font(f.bold, Layout.NATIONAL_NAME), 0, 0));
                ruleOver = m.get("export.national.motto");
                ruleFont = new Font(f.bold, Layout.MOTTO);
                right.addElement(centred(ruleOver, ruleFont, 0, 0));
            }
            case PARTY -> {
                left.addElement(centred("*", new Font(f.regular, Layout.HEAD_NAME), 0, 0));
                ruleOver = m.get("export.party.name");
                ruleFont = new Font(f.bold, Layout.PARTY_NAME);
                right.addElement(centred(ruleOver, ruleFont, 0, 0));
            }
            default -> throw new IllegalStateException("no heading for " + minutes.heading());
        }
        right.addElement(rule(Math.min(ruleFont.getBaseFont().getWidthPoint(ruleOver, ruleFont.getSize()), rightWidth),
                rightWidth, f.body));
        t.addCell(left);
        t.addCell(right);
        PdfPCell number = cell();
        number.addElement(centred(numberLine(m, minutes.heading()), f.body, 4, 0));
        PdfPCell date = cell();
        date.addElement(centred(dateLine(m, minutes.place(), closed), f.bodyItalic, 4, 0));
        t.addCell(number);
        t.addCell(date);
        t.setSpacingAfter(Layout.AFTER_HEADING);
        return t;
    }

    /**
     * "Số: …/BB-BKP" under a State heading (Phụ lục I, mục II.3.c: "sau từ 'Số' có dấu hai chấm
     * ... Giữa số và ký hiệu văn bản có dấu gạch chéo (/), giữa các nhóm chữ viết tắt trong ký
     * hiệu văn bản có dấu gạch nối (-)"; Phụ lục III: "Biên bản — BB"); "Số …-BB/BKP" under a Party
     * heading, as 36-HD/VPTW writes its own "Số 36-HD/VPTW". The number is left for the office
     * that registers the minutes (mục II.3.a: "được đăng ký tại Văn thư cơ quan").
     */
    static String numberLine(Messages m, MinutesSetting.Heading heading) {
        return m.get(heading == MinutesSetting.Heading.PARTY ? "export.minutes.number.party"
                : "export.minutes.number.state");
    }

    /**
     * "Hà Lam, ngày 27 tháng 11 năm 2026", or the date alone when no place is configured. In
     * Vietnamese a day under 10 and the months 1 and 2 take a leading zero, no other month (Phụ
     * lục I, mục II.4.b: "đối với những số thể hiện ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số
     * 0 phía trước": "ngày 05 tháng 01", "ngày 29 tháng 6"); other languages write two digits.
     */
    static String dateLine(Messages m, String place, ZonedDateTime at) {
        String day = two(at.getDayOfMonth());
        boolean vietnamese = "vi".equals(m.locale().getLanguage());
        String month = vietnamese && at.getMonthValue() > 2 ? Integer.toString(at.getMonthValue())
                : two(at.getMonthValue());
        String year = Integer.toString(at.getYear());
        return place == null ? m.get("export.date", day, month, year) : m.get("export.date.place", place, day, month,
                year);
    }

    /**
     * The kind and summary of the document, centred, bold (mục II.5.b: "Tên loại văn bản ... chữ in
     * hoa, cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm. Trích yếu ... chữ in thường ... đậm. Bên dưới
     * trích yếu ... có đường kẻ ngang, nét liền, có độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ").
     */
    private static void title(Document doc, ResultsExport export, Styles f) throws DocumentException {
        Messages m = export.messages();
        var vote = export.results().definition();
        doc.add(centred(m.get("export.minutes.title"), f.title, 0, 0));
        doc.add(centred(m.get("export.minutes.subtitle"), f.title, 0, 0));
        doc.add(centred(vote.title(), f.title, 0, 0));
        if (vote.minutes().conference() != null) {
            doc.add(centred(vote.minutes().conference(), f.title, 0, 0));
        }
        float width = Math.min(f.bold.getWidthPoint(vote.title(), Layout.TITLE), Layout.TEXT_WIDTH) * 0.4f;
        Paragraph rule = rule(width, Layout.TEXT_WIDTH, f.body);
        rule.setSpacingAfter(Layout.AFTER_TITLE);
        doc.add(rule);
    }

    static String denominatorLine(ResultsExport export) {
        var vote = export.results().definition();
        int denominator = vote.rulebook().denominator(vote.summoned(), export.results().tally().returned());
        return export.messages().get("export.minutes.denominator", export.denominatorText(),
                Integer.toString(denominator), export.rulebookName());
    }

    /** The compact table's header: order, leader, each level, valid, invalid, verdict. */
    static List<String> tableHeader(ResultsExport export) {
        Messages m = export.messages();
        return List.of(m.get("export.minutes.table.order"), m.get("export.minutes.table.leader"),
                export.choiceName(Choice.HIGH), export.choiceName(Choice.MEDIUM), export.choiceName(Choice.LOW),
                m.get("export.minutes.table.valid"), m.get("export.minutes.table.invalid"),
                m.get("export.table.verdict"));
    }

    /** A leader's row: the count of each level over its share (Percent's format), validity, verdict mark. */
    static List<String[]> tableRow(int order, LeaderResult r, ResultsExport export) {
        Locale locale = export.messages().locale();
        List<String[]> row = new java.util.ArrayList<>();
        row.add(new String[] {Integer.toString(order)});
        row.add(new String[] {r.leader().fullName(), r.leader().position()});
        for (Choice c : new Choice[] {Choice.HIGH, Choice.MEDIUM, Choice.LOW}) {
            row.add(new String[] {Integer.toString(r.counts().count(c)), r.percent(c).formatted(locale)});
        }
        row.add(new String[] {Integer.toString(r.valid())});
        row.add(new String[] {Integer.toString(r.invalid())});
        row.add(new String[] {verdictMark(r.verdict(), export.messages())});
        return row;
    }

    static String verdictMark(Verdict v, Messages m) {
        return m.get("export.minutes.verdict.mark", Integer.toString(v.ordinal() + 1));
    }

    /** Under the table: what a cell holds, and each verdict's text behind its mark. */
    static List<String> tableNotes(ResultsExport export) {
        Messages m = export.messages();
        var vote = export.results().definition();
        int denominator = vote.rulebook().denominator(vote.summoned(), export.results().tally().returned());
        List<String> notes = new java.util.ArrayList<>();
        notes.add(m.get("export.minutes.table.cells", export.denominatorText(), Integer.toString(denominator)));
        for (Verdict v : Verdict.values()) {
            notes.add(m.get("export.minutes.verdict.note", verdictMark(v, m), export.verdictText(v)));
        }
        return notes;
    }

    /**
     * One table, a row per leader (44 leaders fit on about two pages), its header repeated on every
     * page; a row is never split across pages.
     */
    private static PdfPTable resultsTable(ResultsExport export, Styles f) {
        PdfPTable t = new PdfPTable(Layout.COLUMNS);
        t.setTotalWidth(Layout.TEXT_WIDTH);
        t.setLockedWidth(true);
        t.setSpacingBefore(4);
        t.setHeaderRows(1);
        List<String> header = tableHeader(export);
        for (int col = 0; col < header.size(); col++) {
            String h = header.get(col);
            PdfPCell c = tableCell(new Phrase(h, new Font(f.bold, headerSize(h, col, f.bold))), Element.ALIGN_CENTER);
            c.setBackgroundColor(HEADER_FILL);
            t.addCell(c);
        }
        int order = 1;
        for (LeaderResult r : export.results().leaders()) {
            List<String[]> row = tableRow(order++, r, export);
            for (int col = 0; col < row.size(); col++) {
                String[] lines = row.get(col);
                Phrase p = new Phrase();
                for (int i = 0; i < lines.length; i++) {
                    boolean strong = col == 1 && i == 0 || col == row.size() - 1 && r.verdict() != Verdict.NO_ACTION;
                    p.add(new Chunk((i > 0 ? "\n" : "") + lines[i], strong ? f.tableBold : f.table));
                }
                t.addCell(tableCell(p, col == 1 ? Element.ALIGN_LEFT : Element.ALIGN_CENTER));
            }
        }
        return t;
    }

    /**
     * The header's size in column {@code col}: the table's, or less when its longest word would not
     * fit the column ("Confidence" in English), half a point at a time: a word is never broken.
     */
    static float headerSize(String text, int col, BaseFont bold) {
        float sum = 0;
        for (float c : Layout.COLUMNS) {
            sum += c;
        }
        float room = Layout.TEXT_WIDTH * Layout.COLUMNS[col] / sum - 7;
        float size = Layout.TABLE;
        for (String word : text.split("\\s+")) {
            while (size > 6 && bold.getWidthPoint(word, size) > room) {
                size -= 0.5f;
            }
        }
        return size;
    }

    private static void verification(Document doc, ResultsExport export, Styles f) throws DocumentException {
        Messages m = export.messages();
        doc.add(para("- " + m.get("export.minutes.digest", ""), f.body));
        doc.add(indented(export.digest(), f.small));
        doc.add(indented(digestCheck(export), f.body));
        doc.add(para("- " + m.get("export.minutes.fingerprint", ""), f.body));
        doc.add(indented(export.fingerprint().orElse(m.get("export.minutes.fingerprint.missing")), f.small));
        doc.add(para("- " + m.get(export.receipts().isEmpty() ? "export.minutes.receipts.none"
                : "export.minutes.receipts", Integer.toString(export.receipts().size())), f.body));
    }

    /**
     * The receipt codes after the signatures, as an annex (Phụ lục I, mục III.1: "Từ 'Phụ lục' ...
     * canh giữa ... đậm"; its pages numbered on their own): hundreds of codes would bury them.
     */
    private static void annex(Document doc, PdfWriter writer, ResultsExport export, Styles f, PageNumbers numbers)
            throws DocumentException {
        if (export.receipts().isEmpty()) {
            return;
        }
        Messages m = export.messages();
        doc.newPage();
        numbers.annexFirstPage = writer.getPageNumber();
        doc.add(centred(m.get("export.annex.title"), f.title, 0, 0));
        doc.add(centred(m.get("export.annex.subtitle", Integer.toString(export.receipts().size()),
                export.results().definition().title()), f.bodyItalic, 2, 6));
        doc.add(para(m.get("export.annex.hint"), f.body));
        // Five to a row, each on one line: a code broken at its hyphen reads as two codes.
        PdfPTable codes = new PdfPTable(5);
        codes.setWidthPercentage(100);
        codes.setSpacingBefore(6);
        for (String code : export.receipts()) {
            PdfPCell c = tableCell(new Phrase(code, f.table), Element.ALIGN_CENTER);
            c.setNoWrap(true);
            codes.addCell(c);
        }
        for (int i = export.receipts().size(); i % 5 != 0; i++) {
            codes.addCell(tableCell(new Phrase("", f.table), Element.ALIGN_CENTER));
        }
        doc.add(codes);
    }

    /** Who counted: the members of the counting committee and their roles, if the vote file names them. */
    private static void committee(Document doc, ResultsExport export, Styles f) throws DocumentException {
        List<MinutesSetting.Member> members = export.results().definition().minutes().committee();
        if (members.isEmpty()) {
            return;
        }
        Messages m = export.messages();
        doc.add(para(m.get("export.minutes.section.committee", Integer.toString(members.size())), f.body));
        for (MinutesSetting.Member member : members) {
            doc.add(para("- " + m.get("export.minutes.member", member.name(), member.role()), f.body));
        }
    }

    /**
     * The closing sentence and a signature block per member of the counting committee (or, when
     * the vote file names none, a member's and the head's), kept on one page with the sentence: a
     * lone signature page proves nothing. Role in capitals, bold; name bold (mục II.7.đ).
     */
    private static PdfPTable signatures(String closing, List<MinutesSetting.Member> committee, Messages m,
            Styles f) {
        int columns = signatureColumns(committee);
        PdfPTable t = new PdfPTable(columns);
        t.setTotalWidth(Layout.TEXT_WIDTH);
        t.setLockedWidth(true);
        t.setSpacingBefore(6);
        t.setKeepTogether(true);
        PdfPCell sentence = cell();
        sentence.addElement(para(closing, f.body));
        sentence.setColspan(columns);
        sentence.setPaddingBottom(8);
        t.addCell(sentence);
        if (committee.isEmpty()) {
            for (String role : new String[] {m.get("export.sign.member"), m.get("export.sign.head")}) {
                t.addCell(signature(role, null, m, f));
            }
        } else {
            for (MinutesSetting.Member member : committee) {
                t.addCell(signature(member.role().toUpperCase(m.locale()), member.name(), m, f));
            }
            for (int i = committee.size(); i % columns != 0; i++) {
                t.addCell(cell());
            }
        }
        return t;
    }

    /** Signature blocks side by side: three to a row for a committee of three or more, else two. */
    static int signatureColumns(List<MinutesSetting.Member> committee) {
        return Math.min(3, Math.max(2, committee.size()));
    }

    private static PdfPCell signature(String role, String name, Messages m, Styles f) {
        PdfPCell c = cell();
        c.addElement(centred(role, f.bodyBold, 0, 0));
        c.addElement(centred(m.get("export.sign.hint"), f.bodyItalic, 0, 0));
        if (name != null) {
            c.addElement(centred(name, f.bodyBold, Layout.SIGNATURE_SPACE, 0));
        }
        c.setMinimumHeight(Layout.SIGNATURE_SPACE + 3 * Layout.BODY * 1.2f);
        c.setPaddingBottom(8);
        return c;
    }

    /** Whether the digest of these results is the one the audit log recorded at close. */
    static String digestCheck(ResultsExport export) {
        Messages m = export.messages();
        var recorded = export.recordedDigest();
        if (recorded.isEmpty()) {
            return m.get("export.minutes.digest.missing");
        }
        if (recorded.get().detail().equals("sha256=" + export.digest())) {
            return m.get("export.minutes.digest.recorded", stamp(recorded.get().at()));
        }
        return m.get("export.minutes.digest.mismatch", recorded.get().detail());
    }

    static String stamp(Instant at) {
        return STAMP.format(at.atZone(ResultsExport.VIETNAM));
    }

    static String two(int n) {
        return String.format(Locale.ROOT, "%02d", n);
    }

    private static PdfPCell cell() {
        PdfPCell c = new PdfPCell();
        c.setBorder(Rectangle.NO_BORDER);
        c.setPadding(0);
        return c;
    }

    private static PdfPCell tableCell(Phrase p, int align) {
        PdfPCell c = new PdfPCell(p);
        c.setHorizontalAlignment(align);
        c.setVerticalAlignment(Element.ALIGN_MIDDLE);
        c.setLeading(0, 1.1f);
        c.setPaddingLeft(3);
        c.setPaddingRight(3);
        c.setPaddingTop(1);
        c.setPaddingBottom(3);
        return c;
    }

    /** A horizontal rule {@code width} long, centred in {@code available}. */
    private static Paragraph rule(float width, float available, Font font) {
        // The line is drawn at the baseline of a line 6 pt below the text above: clear of its descenders.
        Chunk line = new Chunk(new LineSeparator(0.6f, 100 * width / available, Color.BLACK, Element.ALIGN_CENTER, 0));
        line.setFont(font);
        Paragraph p = new Paragraph(6, line);
        p.setFont(font);
        p.setSpacingAfter(4);
        return p;
    }

    private static Paragraph centred(String s, Font font, float before, float after) {
        Paragraph p = new Paragraph(font.getSize() * 1.15f, s, font);
        p.setAlignment(Element.ALIGN_CENTER);
        p.setSpacingBefore(before);
        p.setSpacingAfter(after);
        return p;
    }

    /**
     * Body text as mục II.6.e has it: justified, the first line indented 1 cm, at least 6 pt between
     * paragraphs, single line spacing.
     */
    private static Paragraph para(String s, Font font) {
        Paragraph p = new Paragraph(font.getSize() * 1.15f, s, font);
        p.setAlignment(Element.ALIGN_JUSTIFIED);
        p.setFirstLineIndent(Layout.INDENT);
        p.setSpacingAfter(Layout.PARAGRAPH_SPACING);
        return p;
    }

    /** A section's heading ("I. TÌNH HÌNH PHIẾU"), set off from what precedes it. */
    private static Paragraph section(String s, Styles f) {
        Paragraph p = para(s, f.bodyBold);
        p.setSpacingBefore(Layout.PARAGRAPH_SPACING);
        return p;
    }

    private static Paragraph indented(String s, Font font) {
        Paragraph p = new Paragraph(font.getSize() * 1.15f, s, font);
        p.setIndentationLeft(Layout.INDENT);
        p.setSpacingAfter(Layout.PARAGRAPH_SPACING / 2);
        return p;
    }
}
