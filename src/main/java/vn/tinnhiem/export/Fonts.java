package vn.tinnhiem.export;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The exports' fonts, bundled in the jar (resources/fonts, each with its licence) so the files
 * render the same on any machine and show every Vietnamese letter.
 *
 * <ul>
 *   <li>DejaVu Sans, for the chart and the invitation slips.
 *   <li>The minutes' serif: Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, mục I.4: "Phông chữ tiếng
 *       Việt Times New Roman, bộ mã ký tự Unicode theo Tiêu chuẩn Việt Nam TCVN 6909:2001, màu
 *       đen." Times New Roman is Microsoft's and may not be bundled, so it is used where the
 *       system has all four faces with Vietnamese, else Liberation Serif 2.1.5 (SIL OFL 1.1, from
 *       Debian 12's fonts-liberation2), whose glyphs have the same advance widths as Times New
 *       Roman's: a line breaks at the same word in either.
 * </ul>
 */
final class Fonts {
    private Fonts() {}

    static final String REGULAR = "/fonts/DejaVuSans.ttf";
    static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";

    /** The four faces of a serif family. */
    enum Face {
        REGULAR, BOLD, ITALIC, BOLD_ITALIC;

        static Face of(boolean bold, boolean italic) {
            return bold ? italic ? BOLD_ITALIC : BOLD : italic ? ITALIC : REGULAR;
        }
    }

    /** A serif family's name, as documents name it, and its four font programs. */
    record Serif(String family, Map<Face, byte[]> faces) {
        /** The bundled one: Liberation Serif. */
        static final String BUNDLED_FAMILY = "Liberation Serif";
        /** What the regulation names; the DOCX names it whichever the PDF embeds. */
        static final String TIMES = "Times New Roman";

        byte[] face(Face f) {
            return faces.get(f);
        }
    }

    /** Every Vietnamese letter, lower and upper case: a font for the minutes must draw them all. */
    static final String VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
            + "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
            + "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
            + "ÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ";

    /** Where the usual systems keep their fonts (Debian's ttf-mscorefonts-installer, Windows, macOS). */
    static List<Path> systemFontDirectories() {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/share/fonts"), Path.of("/usr/local/share/fonts"),
                Path.of("/Library/Fonts"), Path.of("/System/Library/Fonts/Supplemental")));
        String home = System.getProperty("user.home");
        if (home != null) {
            dirs.add(Path.of(home, ".fonts"));
            dirs.add(Path.of(home, ".local", "share", "fonts"));
            dirs.add(Path.of(home, "Library", "Fonts"));
        }
        String windows = System.getenv("WINDIR");
        if (windows != null) {
            dirs.add(Path.of(windows, "Fonts"));
        }
        return dirs;
    }

    private static final class SerifHolder {
        static final Serif SERIF = installed(Serif.TIMES, "times", systemFontDirectories()).orElseGet(Fonts::bundledSerif);
    }

    /** The minutes' serif: the system's Times New Roman if it has all four faces, else the bundled one. */
    static Serif serif() {
        return SerifHolder.SERIF;
    }

    static Serif bundledSerif() {
        Map<Face, byte[]> faces = new EnumMap<>(Face.class);
        faces.put(Face.REGULAR, bytes("/fonts/LiberationSerif-Regular.ttf"));
        faces.put(Face.BOLD, bytes("/fonts/LiberationSerif-Bold.ttf"));
        faces.put(Face.ITALIC, bytes("/fonts/LiberationSerif-Italic.ttf"));
        faces.put(Face.BOLD_ITALIC, bytes("/fonts/LiberationSerif-BoldItalic.ttf"));
        return new Serif(Serif.BUNDLED_FAMILY, faces);
    }

    /**
     * The four faces of {@code family} among the TrueType files under {@code dirs} whose names
     * start with {@code filePrefix} (ignoring case, spaces and underscores: "times.ttf",
     * "Times_New_Roman_Bold.ttf", "Times New Roman Italic.ttf"), if all four are there and draw
     * every Vietnamese letter; reading only those files keeps a system with thousands of fonts cheap.
     */
    static Optional<Serif> installed(String family, String filePrefix, List<Path> dirs) {
        Map<Face, byte[]> faces = new EnumMap<>(Face.class);
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir, 4)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[ _]", "");
                    if (name.startsWith(filePrefix) && name.endsWith(".ttf") && Files.isRegularFile(file)) {
                        face(file, family).ifPresent(f -> faces.putIfAbsent(f, read(file)));
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // An unreadable font directory is a font we do not have; the bundled one serves.
            }
        }
        return faces.size() == Face.values().length ? Optional.of(new Serif(family, faces)) : Optional.empty();
    }

    private static Optional<Face> face(Path file, String family) {
        try {
            Font font = Font.createFont(Font.TRUETYPE_FONT, file.toFile());
            if (!font.getFamily(Locale.ENGLISH).equals(family) || font.canDisplayUpTo(VIETNAMESE) != -1) {
                return Optional.empty();
            }
            String style = font.getFontName(Locale.ENGLISH).substring(family.length()).trim().toLowerCase(Locale.ROOT);
            return switch (style) {
                case "", "regular" -> Optional.of(Face.REGULAR);
                case "bold" -> Optional.of(Face.BOLD);
                case "italic" -> Optional.of(Face.ITALIC);
                case "bold italic" -> Optional.of(Face.BOLD_ITALIC);
                default -> Optional.empty();
            };
        } catch (FontFormatException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
        return pdf(resource.substring(resource.lastIndexOf('/') + 1), bytes(resource));
    }

    /** A face of the minutes' serif for OpenPDF, embedded (subset). */
    static com.lowagie.text.pdf.BaseFont pdf(Serif serif, Face face) {
        return pdf(serif.family().replace(" ", "") + "-" + face.name() + ".ttf", serif.face(face));
    }

    private static com.lowagie.text.pdf.BaseFont pdf(String name, byte[] program) {
        try {
            return com.lowagie.text.pdf.BaseFont.createFont(name, com.lowagie.text.pdf.BaseFont.IDENTITY_H,
                    com.lowagie.text.pdf.BaseFont.EMBEDDED, true, program, null);
        } catch (IOException | com.lowagie.text.DocumentException e) {
            throw new IllegalStateException("cannot embed " + name, e);
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
