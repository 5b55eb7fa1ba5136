package vn.tinnhiem.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.MinutesSetting;

class ChartExportTest {
    private static BufferedImage image(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "not a PNG");
        return image;
    }

    /**
     * Whether row {@code y} holds no bar, text or axis: only white and the light grey of the
     * gridlines, which cross the blank bands too.
     */
    private static boolean lightRow(BufferedImage image, int y) {
        for (int x = 0; x < image.getWidth(); x++) {
            int rgb = image.getRGB(x, y);
            if (((rgb >> 16) & 0xFF) < 0xB0 || ((rgb >> 8) & 0xFF) < 0xB0 || (rgb & 0xFF) < 0xB0) {
                return false;
            }
        }
        return true;
    }

    /** The longest run of rows with nothing drawn but gridlines, from {@code from} to {@code to} (exclusive). */
    private static int longestBlankRun(BufferedImage image, int from, int to) {
        int longest = 0;
        int run = 0;
        for (int y = from; y < to; y++) {
            run = lightRow(image, y) ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static void assertCroppedToContent(BufferedImage image) {
        int top = 0;
        while (ChartExport.blankRow(image, top)) {
            top++;
        }
        int bottom = 0;
        while (ChartExport.blankRow(image, image.getHeight() - 1 - bottom)) {
            bottom++;
        }
        assertTrue(top <= ChartExport.PAD && bottom <= ChartExport.PAD, "blank rows: " + top + " above, " + bottom
                + " below");
        // No band inside either: the widest gap, between the axis label and the first bar or the
        // last bar and the legend, is under a row's height (the band above the first of 44 bars was 165 px).
        int gap = longestBlankRun(image, top, image.getHeight() - bottom);
        assertTrue(gap < ChartExport.MIN_ROW, "a blank band of " + gap + " px");
    }

    @Test
    void fortyFourLeadersFitAPhoneAndTelegramsLongestSideWithNoBlankBand() throws IOException {
        byte[] png = ExportFixtures.fortyFourLeaders(MinutesSetting.Heading.STATE).png();
        ExportFixtures.keep("chart-44.png", png);
        BufferedImage image = image(png);
        assertEquals(1080, image.getWidth());
        assertTrue(image.getHeight() <= ChartExport.MAX_HEIGHT, "height " + image.getHeight());
        assertTrue(image.getHeight() > 2000, "a row of room per leader: " + image.getHeight());
        assertCroppedToContent(image);
    }

    @Test
    void threeLeadersMakeAShortImageCroppedToContent() throws IOException {
        byte[] png = ExportFixtures.export("vi").png();
        ExportFixtures.keep("ket-qua-ltn-2026.png", png);
        BufferedImage image = image(png);
        assertEquals(ChartExport.WIDTH, image.getWidth());
        assertTrue(image.getHeight() >= 300 && image.getHeight() <= ChartExport.height(3), "height " + image.getHeight());
        assertCroppedToContent(image);
    }

    @Test
    void rendersWithoutADisplay() {
        ExportFixtures.export("en").png();
        assertEquals("true", System.getProperty("java.awt.headless"));
    }
}
