package vn.tinnhiem.export;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
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
import vn.tinnhiem.core.chat.Messages;

/**
 * The minutes of the count (Biên bản kiểm phiếu), laid out like the paper ones: the unit
 * and the national heading, the ballot figures, one table per leader, the rulebook, the
 * audit log's fingerprint and digest, the receipt codes, and room for the counting
 * committee's signatures. The font is embedded, so any reader shows the diacritics.
 */
final class MinutesPdf {
    private MinutesPdf() {}

    private static final Color HEADER_FILL = new Color(0xEEEEEE);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private static final class Styles {
        final Font title;
        final Font heading;
        final Font bold;
        final Font body;
        final Font small;

        Styles() {
            BaseFont regular = Fonts.pdf(Fonts.REGULAR);
            BaseFont bold = Fonts.pdf(Fonts.BOLD);
            this.title = new Font(bold, 15);
            this.heading = new Font(bold, 11.5f);
            this.bold = new Font(bold, 10.5f);
            this.body = new Font(regular, 10.5f);
            this.small = new Font(regular, 8.5f);
        }
    }

    static byte[] render(ResultsExport export) {
        Messages m = export.messages();
        Styles f = new Styles();
        var vote = export.results().definition();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A4 with the margins of an administrative document: wider on the binding side.
        Document doc = new Document(PageSize.A4, 70, 50, 45, 50);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setPageEvent(new PdfPageEventHelper() {
                @Override
                public void onEndPage(PdfWriter w, Document d) {
                    ColumnText.showTextAligned(w.getDirectContent(), Element.ALIGN_CENTER,
                            new Phrase(m.get("export.page", Integer.toString(w.getPageNumber())), f.small),
                            (d.left() + d.right()) / 2, d.bottom() - 25, 0);
                }
            });
            doc.addTitle(m.get("export.minutes.title") + " " + m.get("export.minutes.subtitle") + " — " + vote.title());
            doc.addSubject(vote.unit());
            doc.addCreator("tinnhiem");
            doc.open();

            ZonedDateTime closed = export.closedAt().atZone(ResultsExport.VIETNAM);
            doc.add(heading(export, closed, f));

            doc.add(centred(m.get("export.minutes.title"), f.title, 18, 0));
            doc.add(centred(m.get("export.minutes.subtitle"), f.title, 0, 0));
            doc.add(centred(vote.title(), f.heading, 4, vote.minutes().conference() == null ? 12 : 0));
            if (vote.minutes().conference() != null) {
                doc.add(centred(vote.minutes().conference(), f.body, 2, 12));
            }

            doc.add(para(m.get("export.minutes.basis", export.rulebookName()), f.body, 0));
            doc.add(para(m.get("export.minutes.opening", two(closed.getHour()), two(closed.getMinute()),
                    two(closed.getDayOfMonth()), two(closed.getMonthValue()),
                    Integer.toString(closed.getYear())), f.body, 6));

            committee(doc, export, f);
            doc.add(para(m.get("export.minutes.section.ballots"), f.heading, 6));
            doc.add(bullet(m.get("export.minutes.summoned", Integer.toString(vote.summoned())), f.body));
            doc.add(bullet(m.get("export.minutes.issued", Integer.toString(export.results().tally().issued())), f.body));
            doc.add(bullet(m.get("export.minutes.returned", Integer.toString(export.results().tally().returned())),
                    f.body));
            int denominator = vote.rulebook().denominator(vote.summoned(), export.results().tally().returned());
            doc.add(bullet(m.get("export.minutes.denominator", export.denominatorText(), Integer.toString(denominator),
                    export.rulebookName()), f.body));

            doc.add(para(m.get("export.minutes.section.results"), f.heading, 10));
            int i = 1;
            for (LeaderResult r : export.results().leaders()) {
                doc.add(leaderTable(i++, r, export, f));
            }

            doc.add(para(m.get("export.minutes.section.check"), f.heading, 10));
            verification(doc, export, f);

            doc.add(signatures(m.get("export.minutes.closing",
                    STAMP.format(export.generatedAt().atZone(ResultsExport.VIETNAM))), vote.minutes().committee(), m, f));
            annex(doc, export, f);
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("laying out the minutes of " + vote.id(), e);
        }
        return out.toByteArray();
    }

    /**
     * Unit and committee on the left; on the right the heading of a State agency (national name
     * and motto) or of a Party committee, then the place and date line.
     */
    private static PdfPTable heading(ResultsExport export, ZonedDateTime closed, Styles f) {
        Messages m = export.messages();
        var minutes = export.results().definition().minutes();
        PdfPTable t = new PdfPTable(new float[] {42, 58});
        t.setWidthPercentage(100);
        PdfPCell left = cell(Rectangle.NO_BORDER);
        left.addElement(centred(export.results().definition().unit().toUpperCase(m.locale()), f.body, 0, 0));
        left.addElement(centred(m.get("export.committee"), f.bold, 0, 0));
        left.addElement(centred("———", f.body, 0, 0));
        PdfPCell right = cell(Rectangle.NO_BORDER);
        switch (minutes.heading()) {
            case STATE -> {
                right.addElement(centred(m.get("export.national.name"), f.bold, 0, 0));
                right.addElement(centred(m.get("export.national.motto"), f.bold, 0, 0));
            }
            case PARTY -> right.addElement(centred(m.get("export.party.name"), f.bold, 0, 0));
            default -> throw new IllegalStateException("no heading for " + minutes.heading());
        }
        right.addElement(centred("———", f.body, 0, 0));
        right.addElement(centred(dateLine(m, minutes.place(), closed), f.body, 4, 0));
        t.addCell(left);
        t.addCell(right);
        return t;
    }

    /** "Hà Lam, ngày 27 tháng 11 năm 2026", or the date alone when no place is configured. */
    static String dateLine(Messages m, String place, ZonedDateTime at) {
        String day = two(at.getDayOfMonth());
        String month = two(at.getMonthValue());
        String year = Integer.toString(at.getYear());
        return place == null ? m.get("export.date", day, month, year) : m.get("export.date.place", place, day, month,
                year);
    }

    /** The paper minutes' table for one leader: each level's count and share, then validity and verdict. */
    private static PdfPTable leaderTable(int order, LeaderResult r, ResultsExport export, Styles f) {
        Messages m = export.messages();
        PdfPTable t = new PdfPTable(new float[] {44, 22, 34});
        t.setWidthPercentage(100);
        t.setSpacingBefore(8);
        t.setKeepTogether(true);
        PdfPCell name = text(m.get("export.minutes.leader", Integer.toString(order), r.leader().fullName(),
                r.leader().position()), f.heading, Element.ALIGN_LEFT);
        name.setColspan(3);
        name.setBorder(Rectangle.NO_BORDER);
        name.setPaddingBottom(5);
        t.addCell(name);
        for (String h : new String[] {m.get("export.table.content"), m.get("export.table.count"),
                m.get("export.table.percent")}) {
            PdfPCell c = text(h, f.bold, Element.ALIGN_CENTER);
            c.setBackgroundColor(HEADER_FILL);
            t.addCell(c);
        }
        for (Choice c : new Choice[] {Choice.HIGH, Choice.MEDIUM, Choice.LOW}) {
            t.addCell(text(export.choiceName(c), f.body, Element.ALIGN_LEFT));
            t.addCell(text(Integer.toString(r.counts().count(c)), f.body, Element.ALIGN_CENTER));
            t.addCell(text(r.percent(c).formatted(m.locale()), f.body, Element.ALIGN_CENTER));
        }
        t.addCell(text(m.get("export.table.valid"), f.body, Element.ALIGN_LEFT));
        t.addCell(text(Integer.toString(r.valid()), f.body, Element.ALIGN_CENTER));
        t.addCell(text("", f.body, Element.ALIGN_CENTER));
        t.addCell(text(m.get("export.table.invalid"), f.body, Element.ALIGN_LEFT));
        t.addCell(text(Integer.toString(r.invalid()), f.body, Element.ALIGN_CENTER));
        t.addCell(text("", f.body, Element.ALIGN_CENTER));
        t.addCell(text(m.get("export.table.verdict"), f.bold, Element.ALIGN_LEFT));
        PdfPCell verdict = text(export.verdictText(r.verdict()), f.body, Element.ALIGN_LEFT);
        verdict.setColspan(2);
        t.addCell(verdict);
        return t;
    }

    private static void verification(Document doc, ResultsExport export, Styles f) throws DocumentException {
        Messages m = export.messages();
        String digest = export.digest();
        doc.add(bullet(m.get("export.minutes.digest", ""), f.body));
        doc.add(indented(digest, f.small));
        doc.add(indented(digestCheck(export), f.body));
        doc.add(bullet(m.get("export.minutes.fingerprint", ""), f.body));
        doc.add(indented(export.fingerprint().orElse(m.get("export.minutes.fingerprint.missing")), f.small));
        doc.add(bullet(m.get(export.receipts().isEmpty() ? "export.minutes.receipts.none" : "export.minutes.receipts",
                Integer.toString(export.receipts().size())), f.body));
    }

    /** The receipt codes after the signatures, as an annex: hundreds of codes would bury them. */
    private static void annex(Document doc, ResultsExport export, Styles f) throws DocumentException {
        if (export.receipts().isEmpty()) {
            return;
        }
        Messages m = export.messages();
        doc.newPage();
        doc.add(centred(m.get("export.annex.title"), f.heading, 0, 0));
        doc.add(centred(m.get("export.annex.subtitle", Integer.toString(export.receipts().size()),
                export.results().definition().title()), f.body, 2, 4));
        doc.add(para(m.get("export.annex.hint"), f.body, 4));
        // Five to a row, each on one line: a code broken at its hyphen reads as two codes.
        PdfPTable codes = new PdfPTable(5);
        codes.setWidthPercentage(100);
        codes.setSpacingBefore(8);
        for (String code : export.receipts()) {
            PdfPCell c = text(code, f.body, Element.ALIGN_CENTER);
            c.setNoWrap(true);
            codes.addCell(c);
        }
        codes.completeRow();
        doc.add(codes);
    }

    /** Who counted: the members of the counting committee and their roles, if the vote file names them. */
    private static void committee(Document doc, ResultsExport export, Styles f) throws DocumentException {
        List<MinutesSetting.Member> members = export.results().definition().minutes().committee();
        if (members.isEmpty()) {
            return;
        }
        Messages m = export.messages();
        doc.add(para(m.get("export.minutes.section.committee", Integer.toString(members.size())), f.heading, 6));
        for (MinutesSetting.Member member : members) {
            doc.add(bullet(m.get("export.minutes.member", member.name(), member.role()), f.body));
        }
    }

    /**
     * The closing sentence and a signature block per member of the counting committee (or, when
     * the vote file names none, a member's and the head's), kept on one page: a lone signature
     * page proves nothing.
     */
    private static PdfPTable signatures(String closing, List<MinutesSetting.Member> committee, Messages m,
            Styles f) {
        PdfPTable t = new PdfPTable(2);
        t.setWidthPercentage(100);
        t.setSpacingBefore(10);
        t.setKeepTogether(true);
        PdfPCell sentence = cell(Rectangle.NO_BORDER);
        sentence.addElement(para(closing, f.body, 0));
        sentence.setColspan(2);
        sentence.setPaddingBottom(12);
        t.addCell(sentence);
        if (committee.isEmpty()) {
            for (String role : new String[] {m.get("export.sign.member"), m.get("export.sign.head")}) {
                t.addCell(signature(role, null, m, f));
            }
        } else {
            for (MinutesSetting.Member member : committee) {
                t.addCell(signature(member.role().toUpperCase(m.locale()), member.name(), m, f));
            }
            t.getDefaultCell().setBorder(Rectangle.NO_BORDER);
            t.completeRow();
        }
        return t;
    }

    private static PdfPCell signature(String role, String name, Messages m, Styles f) {
        PdfPCell c = cell(Rectangle.NO_BORDER);
        c.addElement(centred(role, f.bold, 0, 0));
        c.addElement(centred(m.get("export.sign.hint"), f.small, 0, 0));
        if (name != null) {
            c.addElement(centred(name, f.bold, 58, 0));
        }
        c.setMinimumHeight(95);
        c.setPaddingBottom(10);
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

    private static PdfPCell cell(int border) {
        PdfPCell c = new PdfPCell();
        c.setBorder(border);
        return c;
    }

    private static PdfPCell text(String s, Font font, int align) {
        PdfPCell c = new PdfPCell(new Phrase(s, font));
        c.setHorizontalAlignment(align);
        c.setVerticalAlignment(Element.ALIGN_MIDDLE);
        c.setLeading(0, 1.3f);
        c.setPadding(4);
        c.setPaddingBottom(6);
        return c;
    }

    private static Paragraph centred(String s, Font font, float before, float after) {
        Paragraph p = new Paragraph(s, font);
        p.setAlignment(Element.ALIGN_CENTER);
        p.setSpacingBefore(before);
        p.setSpacingAfter(after);
        return p;
    }

    private static Paragraph para(String s, Font font, float before) {
        Paragraph p = new Paragraph(s, font);
        p.setAlignment(Element.ALIGN_JUSTIFIED);
        p.setSpacingBefore(before);
        p.setFirstLineIndent(0);
        return p;
    }

    private static Paragraph bullet(String s, Font font) {
        Paragraph p = new Paragraph("- " + s, font);
        p.setIndentationLeft(14);
        p.setSpacingBefore(2);
        return p;
    }

    private static Paragraph indented(String s, Font font) {
        Paragraph p = new Paragraph(s, font);
        p.setIndentationLeft(24);
        return p;
    }
}
