package vn.tinnhiem.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartExportTest {
    @Test
    void pngDecodesWithARowOfRoomPerLeader() throws IOException {
        byte[] png = ExportFixtures.export("vi").png();
        ExportFixtures.keep("ket-qua-ltn-2026.png", png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "not a PNG");
        assertEquals(ChartExport.WIDTH, image.getWidth());
        assertEquals(ChartExport.height(3), image.getHeight());
        assertTrue(image.getHeight() >= 300 && image.getHeight() <= 2000);
    }

    @Test
    void rendersWithoutADisplay() {
        ExportFixtures.export("en").png();
        assertEquals("true", System.getProperty("java.awt.headless"));
    }
}
