package vn.tinnhiem.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A rendered PDF as a reader sees it, read back with PDFBox: its pages' sizes, its fonts, and
 * its lines of text, each with its page, its height on the page and the fonts its words are set
 * in, for tests that check what a document looks like and not only what it says.
 */
public final class PdfLayout {
    /** A word: its text, page (from 1), baseline from the top of the page, and font (subset tag dropped). */
    public record Word(String text, int page, float y, String font) {}

    /** The words of one line: those on one page at one height, left to right. */
    public record Line(int page, float y, List<Word> words) {
        public String text() {
            return String.join(" ", words.stream().map(Word::text).toList());
        }

        /** The fonts of the words that make up {@code part} of this line. */
        public Set<String> fontsOf(String part) {
            Set<String> fonts = new TreeSet<>();
            for (Word w : words) {
                if (part.contains(w.text())) {
                    fonts.add(w.font());
                }
            }
            return fonts;
        }
    }

    public final int pages;
    public final List<PDRectangle> pageSizes;
    /** Every font the pages use, by base name without the subset tag, with whether its program is embedded. */
    public final TreeMap<String, Boolean> fonts;
    public final List<Line> lines;

    private PdfLayout(int pages, List<PDRectangle> pageSizes, TreeMap<String, Boolean> fonts, List<Line> lines) {
        this.pages = pages;
        this.pageSizes = pageSizes;
        this.fonts = fonts;
        this.lines = lines;
    }

    public static PdfLayout of(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDRectangle> sizes = new ArrayList<>();
            TreeMap<String, Boolean> fonts = new TreeMap<>();
            for (PDPage page : doc.getPages()) {
                sizes.add(page.getMediaBox());
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    fonts.put(untagged(font.getName()), font.isEmbedded());
                }
            }
            List<Glyph> glyphs = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    for (TextPosition p : positions) {
                        glyphs.add(new Glyph(p.getUnicode(), getCurrentPageNo(), p.getXDirAdj(), p.getYDirAdj(),
                                p.getWidthDirAdj(), untagged(p.getFont().getName())));
                    }
                }
            };
            stripper.getText(doc);
            return new PdfLayout(doc.getNumberOfPages(), sizes, fonts, lines(glyphs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Glyph(String text, int page, float x, float y, float width, String font) {}

    /**
     * Glyphs on one page within 2 pt of one height make a line, read left to right; a space or a
     * gap wider than 1.5 pt between two glyphs ends a word. Cells of a table row that are centred
     * on different heights make different lines.
     */
    private static List<Line> lines(List<Glyph> glyphs) {
        List<Glyph> sorted = new ArrayList<>(glyphs);
        sorted.sort(java.util.Comparator.comparingInt(Glyph::page).thenComparingDouble(Glyph::y));
        List<List<Glyph>> rows = new ArrayList<>();
        for (Glyph g : sorted) {
            List<Glyph> row = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (row == null || row.get(0).page() != g.page() || g.y() - row.get(0).y() > 2) {
                rows.add(row = new ArrayList<>());
            }
            row.add(g);
        }
        List<Line> lines = new ArrayList<>();
        for (List<Glyph> row : rows) {
            row.sort(java.util.Comparator.comparingDouble(Glyph::x));
            List<Word> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            Glyph first = null;
            Glyph previous = null;
            for (Glyph g : row) {
                boolean gap = previous != null && g.x() - (previous.x() + previous.width()) > 1.5f;
                if ((g.text().isBlank() || gap) && first != null) {
                    words.add(new Word(word.toString(), first.page(), first.y(), first.font()));
                    word.setLength(0);
                    first = null;
                }
                if (!g.text().isBlank()) {
                    if (first == null) {
                        first = g;
                    }
                    word.append(g.text());
                }
                previous = g;
            }
            if (first != null) {
                words.add(new Word(word.toString(), first.page(), first.y(), first.font()));
            }
            if (!words.isEmpty()) {
                lines.add(new Line(row.get(0).page(), row.get(0).y(), List.copyOf(words)));
            }
        }
        return Collections.unmodifiableList(lines);
    }

    private static String untagged(String fontName) {
        return fontName == null ? "" : fontName.replaceFirst("^[A-Z]{6}\\+", "");
    }

    /** The lines whose text contains {@code s}. */
    public List<Line> linesWith(String s) {
        return lines.stream().filter(l -> l.text().contains(s)).toList();
    }

    /** The one line containing {@code s}; fails if there is none or more than one. */
    public Line line(String s) {
        List<Line> found = linesWith(s);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " lines with «" + s + "»: " + found.stream().map(Line::text).toList());
        }
        return found.get(0);
    }

    /** The first page whose text has {@code s}, or 0. */
    public int pageOf(String s) {
        return lines.stream().filter(l -> l.text().contains(s)).mapToInt(Line::page).findFirst().orElse(0);
    }

    /** The last page whose text has {@code s}, or 0. */
    public int lastPageOf(String s) {
        return lines.stream().filter(l -> l.text().contains(s)).mapToInt(Line::page).max().orElse(0);
    }
}
