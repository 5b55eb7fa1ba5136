package vn.tinnhiem.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderResult;
import vn.tinnhiem.core.MinutesSetting;
import vn.tinnhiem.core.chat.Messages;

/**
 * The minutes of the count as an editable Word document (DOCX, Apache POI XWPF): the same
 * text as {@link MinutesPdf}, for a unit that files minutes on its own letterhead or adds
 * remarks before signing. Times New Roman, as Vietnamese administrative documents use it.
 */
final class MinutesDocx {
    private MinutesDocx() {}

    private static final String FONT = "Times New Roman";

    static byte[] render(ResultsExport export) {
        Messages m = export.messages();
        var vote = export.results().definition();
        MinutesSetting minutes = vote.minutes();
        ZonedDateTime closed = export.closedAt().atZone(ResultsExport.VIETNAM);
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFTable head = borderless(doc, 1, 2);
            XWPFTableCell left = head.getRow(0).getCell(0);
            line(left.getParagraphs().get(0), vote.unit().toUpperCase(m.locale()), false);
            line(left.addParagraph(), m.get("export.committee"), true);
            XWPFTableCell right = head.getRow(0).getCell(1);
            switch (minutes.heading()) {
                case STATE -> {
                    line(right.getParagraphs().get(0), m.get("export.national.name"), true);
                    line(right.addParagraph(), m.get("export.national.motto"), true);
                }
                case PARTY -> line(right.getParagraphs().get(0), m.get("export.party.name"), true);
                default -> throw new IllegalStateException("no heading for " + minutes.heading());
            }
            line(right.addParagraph(), MinutesPdf.dateLine(m, minutes.place(), closed), false).setItalic(true);

            centred(doc, m.get("export.minutes.title"), true, 15);
            centred(doc, m.get("export.minutes.subtitle"), true, 15);
            centred(doc, vote.title(), true, 12);
            if (minutes.conference() != null) {
                centred(doc, minutes.conference(), false, 12);
            }
            text(doc, m.get("export.minutes.basis", export.rulebookName()), false);
            text(doc, m.get("export.minutes.opening", MinutesPdf.two(closed.getHour()),
                    MinutesPdf.two(closed.getMinute()), MinutesPdf.two(closed.getDayOfMonth()),
                    MinutesPdf.two(closed.getMonthValue()), Integer.toString(closed.getYear())), false);
            if (!minutes.committee().isEmpty()) {
                text(doc, m.get("export.minutes.section.committee", Integer.toString(minutes.committee().size())), true);
                for (MinutesSetting.Member member : minutes.committee()) {
                    text(doc, "- " + m.get("export.minutes.member", member.name(), member.role()), false);
                }
            }
            text(doc, m.get("export.minutes.section.ballots"), true);
            text(doc, "- " + m.get("export.minutes.summoned", Integer.toString(vote.summoned())), false);
            text(doc, "- " + m.get("export.minutes.issued", Integer.toString(export.results().tally().issued())), false);
            text(doc, "- " + m.get("export.minutes.returned", Integer.toString(export.results().tally().returned())),
                    false);
            int denominator = vote.rulebook().denominator(vote.summoned(), export.results().tally().returned());
            text(doc, "- " + m.get("export.minutes.denominator", export.denominatorText(),
                    Integer.toString(denominator), export.rulebookName()), false);

            text(doc, m.get("export.minutes.section.results"), true);
            int order = 1;
            for (LeaderResult r : export.results().leaders()) {
                text(doc, m.get("export.minutes.leader", Integer.toString(order++), r.leader().fullName(),
                        r.leader().position()), true);
                leaderTable(doc, r, export);
            }

            text(doc, m.get("export.minutes.section.check"), true);
            text(doc, "- " + m.get("export.minutes.digest", export.digest()), false);
            text(doc, MinutesPdf.digestCheck(export), false);
            text(doc, "- " + m.get("export.minutes.fingerprint",
                    export.fingerprint().orElse(m.get("export.minutes.fingerprint.missing"))), false);
            text(doc, "- " + m.get(export.receipts().isEmpty() ? "export.minutes.receipts.none"
                    : "export.minutes.receipts", Integer.toString(export.receipts().size())), false);

            text(doc, m.get("export.minutes.closing", MinutesPdf.stamp(export.generatedAt())), false);
            signatures(doc, minutes.committee(), m);

            if (!export.receipts().isEmpty()) {
                XWPFParagraph annex = centred(doc, m.get("export.annex.title"), true, 12);
                annex.setPageBreak(true);
                centred(doc, m.get("export.annex.subtitle", Integer.toString(export.receipts().size()), vote.title()),
                        false, 12);
                text(doc, m.get("export.annex.hint"), false);
                List<String> codes = export.receipts();
                XWPFTable t = doc.createTable((codes.size() + 4) / 5, 5);
                for (int i = 0; i < codes.size(); i++) {
                    line(t.getRow(i / 5).getCell(i % 5).getParagraphs().get(0), codes.get(i), false);
                }
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the minutes of " + vote.id() + " as DOCX", e);
        }
    }

    private static void leaderTable(XWPFDocument doc, LeaderResult r, ResultsExport export) {
        Messages m = export.messages();
        XWPFTable t = doc.createTable(7, 3);
        String[][] rows = new String[7][];
        rows[0] = new String[] {m.get("export.table.content"), m.get("export.table.count"), m.get("export.table.percent")};
        int i = 1;
        for (Choice c : new Choice[] {Choice.HIGH, Choice.MEDIUM, Choice.LOW}) {
            rows[i++] = new String[] {export.choiceName(c), Integer.toString(r.counts().count(c)),
                r.percent(c).formatted(m.locale())};
        }
        rows[4] = new String[] {m.get("export.table.valid"), Integer.toString(r.valid()), ""};
        rows[5] = new String[] {m.get("export.table.invalid"), Integer.toString(r.invalid()), ""};
        rows[6] = new String[] {m.get("export.table.verdict"), export.verdictText(r.verdict()), ""};
        for (int row = 0; row < rows.length; row++) {
            for (int col = 0; col < 3; col++) {
                line(t.getRow(row).getCell(col).getParagraphs().get(0), rows[row][col], row == 0 || row == 6 && col == 0);
            }
        }
    }

    private static void signatures(XWPFDocument doc, List<MinutesSetting.Member> committee, Messages m) {
        List<String[]> blocks = committee.isEmpty()
                ? List.of(new String[] {m.get("export.sign.member"), null}, new String[] {m.get("export.sign.head"), null})
                : committee.stream().map(c -> new String[] {c.role().toUpperCase(m.locale()), c.name()}).toList();
        XWPFTable t = borderless(doc, (blocks.size() + 1) / 2, 2);
        for (int i = 0; i < blocks.size(); i++) {
            XWPFTableCell cell = t.getRow(i / 2).getCell(i % 2);
            line(cell.getParagraphs().get(0), blocks.get(i)[0], true);
            line(cell.addParagraph(), m.get("export.sign.hint"), false).setItalic(true);
            for (int k = 0; k < 3; k++) {
                cell.addParagraph();
            }
            if (blocks.get(i)[1] != null) {
                line(cell.addParagraph(), blocks.get(i)[1], true);
            }
        }
    }

    private static XWPFTable borderless(XWPFDocument doc, int rows, int cols) {
        XWPFTable t = doc.createTable(rows, cols);
        t.removeBorders();
        t.setWidth("100%");
        return t;
    }

    private static XWPFRun line(XWPFParagraph p, String s, boolean bold) {
        p.setAlignment(ParagraphAlignment.CENTER);
        XWPFRun run = p.createRun();
        run.setFontFamily(FONT);
        run.setFontSize(12);
        run.setBold(bold);
        run.setText(s);
        return run;
    }

    private static XWPFParagraph centred(XWPFDocument doc, String s, boolean bold, int size) {
        XWPFParagraph p = doc.createParagraph();
        line(p, s, bold).setFontSize(size);
        return p;
    }

    private static void text(XWPFDocument doc, String s, boolean bold) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.BOTH);
        XWPFRun run = p.createRun();
        run.setFontFamily(FONT);
        run.setFontSize(13);
        run.setBold(bold);
        run.setText(s);
    }
}
