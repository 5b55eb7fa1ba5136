package vn.tinnhiem.testing;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The text a reader of a PDF sees, for tests that check what a document says. */
public final class PdfText {
    private PdfText() {
    }

    /** All pages' text, whitespace collapsed (the extractor breaks lines where the layout does). */
    public static String of(byte[] pdf) {
        try (PdfReader reader = new PdfReader(pdf)) {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder b = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                b.append(extractor.getTextFromPage(page)).append('\n');
            }
            return b.toString().replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
