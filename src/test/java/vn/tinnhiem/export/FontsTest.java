package vn.tinnhiem.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minutes' serif: the bundled one draws every Vietnamese letter; a system's Times New Roman is found by its faces. */
class FontsTest {
    @Test
    void theBundledSerifHasFourFacesThatDrawEveryVietnameseLetter() throws Exception {
        Fonts.Serif serif = Fonts.bundledSerif();
        assertEquals("Liberation Serif", serif.family());
        for (Fonts.Face face : Fonts.Face.values()) {
            Font font = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(serif.face(face)));
            assertEquals("Liberation Serif", font.getFamily(Locale.ENGLISH));
            assertEquals(-1, font.canDisplayUpTo(Fonts.VIETNAMESE), face + " lacks "
                    + (font.canDisplayUpTo(Fonts.VIETNAMESE) < 0 ? "" : Fonts.VIETNAMESE.charAt(font.canDisplayUpTo(Fonts.VIETNAMESE))));
        }
        assertTrue(Fonts.class.getResource("/fonts/LiberationSerif-LICENSE.txt") != null, "licence shipped");
    }

    @Test
    void aSystemFamilyIsUsedOnlyWithAllFourFaces(@TempDir Path dir) throws Exception {
        // Files named as Windows names Times New Roman's, holding the bundled family's faces.
        String[] names = {"times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"};
        Fonts.Serif bundled = Fonts.bundledSerif();
        Path sub = Files.createDirectories(dir.resolve("truetype").resolve("msttcorefonts"));
        for (int i = 0; i < 3; i++) {
            Files.write(sub.resolve(names[i]), bundled.face(Fonts.Face.values()[i]));
        }
        Files.writeString(sub.resolve("times-notes.ttf"), "not a font");
        assertTrue(Fonts.installed("Liberation Serif", "times", List.of(dir)).isEmpty(), "three faces are not enough");
        Files.write(sub.resolve(names[3]), bundled.face(Fonts.Face.BOLD_ITALIC));
        Fonts.Serif found = Fonts.installed("Liberation Serif", "times", List.of(dir, dir.resolve("absent")))
                .orElseThrow();
        for (Fonts.Face face : Fonts.Face.values()) {
            assertArrayEquals(bundled.face(face), found.face(face), face.name());
        }
        // Another family under the same file names is not taken for Times New Roman.
        assertTrue(Fonts.installed("Times New Roman", "times", List.of(dir)).isEmpty());
    }
}
