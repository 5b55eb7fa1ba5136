package vn.tinnhiem.export;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * DejaVu Sans, bundled in the jar (resources/fonts, with its licence): it has every
 * Vietnamese glyph, and the exports must not depend on the fonts of the machine they run on.
 */
final class Fonts {
    private Fonts() {}

    static final String REGULAR = "/fonts/DejaVuSans.ttf";
    static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";

    static byte[] bytes(String resource) {
        try (InputStream in = Fonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    /** The font for OpenPDF, embedded (subset) so any reader shows the diacritics. */
    static com.lowagie.text.pdf.BaseFont pdf(String resource) {
        try {
            return com.lowagie.text.pdf.BaseFont.createFont(resource.substring(resource.lastIndexOf('/') + 1),
                    com.lowagie.text.pdf.BaseFont.IDENTITY_H, com.lowagie.text.pdf.BaseFont.EMBEDDED, true,
                    bytes(resource), null);
        } catch (IOException | com.lowagie.text.DocumentException e) {
            throw new IllegalStateException("cannot embed " + resource, e);
        }
    }

    private static final class Awt {
        static final Font REGULAR_FONT = load(REGULAR);
        static final Font BOLD_FONT = load(BOLD);

        private static Font load(String resource) {
            try {
                return Font.createFont(Font.TRUETYPE_FONT, new java.io.ByteArrayInputStream(bytes(resource)));
            } catch (FontFormatException | IOException e) {
                throw new IllegalStateException("bad font " + resource, e);
            }
        }
    }

    static Font awt(boolean bold, float size) {
        return (bold ? Awt.BOLD_FONT : Awt.REGULAR_FONT).deriveFont(size);
    }
}
