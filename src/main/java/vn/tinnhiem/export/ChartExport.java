package vn.tinnhiem.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderResult;
import vn.tinnhiem.core.Percent;

/**
 * A stacked horizontal bar per leader: the shares of HIGH, MEDIUM, LOW and blank rows, of
 * the rulebook's denominator. Drawn off-screen (headless) with the bundled font.
 */
final class ChartExport {
    static {
        // A server has no display; AWT must not look for one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartExport() {}

    private static final Map<Choice, Color> COLOURS = Map.of(
            Choice.HIGH, new Color(0x1B5E20),
            Choice.MEDIUM, new Color(0x1565C0),
            Choice.LOW, new Color(0xC62828),
            Choice.BLANK, new Color(0x9E9E9E));

    /**
     * Sized for a phone, where the chart arrives as a photo in the chat: 1080 px wide, the width of
     * most phone screens in physical pixels, so it shows about one to one and 28 px names read like
     * the chat's own text. Telegram keeps a photo's longest side at 2560 px at most (1280 px on
     * clients that send compressed; tdesktop issue 6520, Telegram-Limits issue 283): a taller image
     * would be shrunk, names and all, so the rows share {@link #MAX_HEIGHT} when there are many
     * leaders, down to {@link #MIN_ROW} px each. (Bot API sendPhoto: "The photo's width and height
     * must not exceed 10000 in total. Width and height ratio must be at most 20.")
     */
    static final int WIDTH = 1080;
    static final int MAX_HEIGHT = 2560;
    /** Title, subtitle, axis and legend. */
    static final int HEADER = 290;
    static final int MAX_ROW = 64;
    static final int MIN_ROW = 40;
    /** White kept around the drawing when the blank rows are cropped away. */
    static final int PAD = 16;

    /** The height the chart is drawn at, before cropping: a row per leader and the header. */
    static int height(int leaders) {
        int row = Math.max(MIN_ROW, Math.min(MAX_ROW, (MAX_HEIGHT - HEADER) / Math.max(1, leaders)));
        return HEADER + row * leaders;
    }

    static byte[] render(ResultsExport export) {
        var m = export.messages();
        var results = export.results();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<String, String> labels = new HashMap<>();
        int i = 1;
        for (LeaderResult r : results.leaders()) {
            // The name alone: a second line for the position would not leave 44 rows readable on a
            // phone; the minutes and the spreadsheet carry the positions.
            String leader = i++ + ". " + r.leader().fullName();
            for (Choice c : Choice.values()) {
                Percent p = r.percent(c);
                String series = export.choiceName(c);
                data.addValue(p.value().doubleValue(), series, leader);
                labels.put(series + "\u0000" + leader, p.formatted(m.locale()));
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(m.get("export.chart.title"), null,
                m.get("export.chart.axis", export.denominatorText()), data, PlotOrientation.HORIZONTAL,
                true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(Fonts.awt(true, 40f));
        TextTitle subtitle = new TextTitle(results.definition().title() + " — " + results.definition().unit(),
                Fonts.awt(false, 26f));
        subtitle.setMaximumLinesToDisplay(2);
        chart.addSubtitle(subtitle);
        chart.setPadding(new RectangleInsets(PAD, PAD, PAD, PAD));
        chart.getLegend().setItemFont(Fonts.awt(false, 28f));
        chart.getLegend().setItemLabelPadding(new RectangleInsets(2, 4, 2, 20));
        chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);

        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xBDBDBD));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlineVisible(false);
        plot.setInsets(new RectangleInsets(4, 4, 4, 24));

        CategoryAxis leaders = plot.getDomainAxis();
        leaders.setTickLabelFont(Fonts.awt(false, 28f));
        leaders.setMaximumCategoryLabelLines(1);
        leaders.setMaximumCategoryLabelWidthRatio(0.42f);
        leaders.setCategoryMargin(0.3);
        // JFreeChart leaves 5 % of the axis blank above the first bar and below the last: 165 px
        // each for 44 leaders, the blank bands the issue saw. Half a row's gap is enough.
        leaders.setLowerMargin(0.004);
        leaders.setUpperMargin(0.004);

        NumberAxis share = (NumberAxis) plot.getRangeAxis();
        share.setRange(0, 100);
        share.setTickLabelFont(Fonts.awt(false, 24f));
        share.setLabelFont(Fonts.awt(false, 24f));
        share.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(20));

        StackedBarRenderer bars = (StackedBarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        Choice[] choices = Choice.values();
        for (int s = 0; s < choices.length; s++) {
            bars.setSeriesPaint(s, COLOURS.get(choices[s]));
        }
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(CategoryDataset dataset, int row, int column) {
                Number v = dataset.getValue(row, column);
                // Too narrow a segment has no room for its figure ("15,52%" is 85 px at 24 px, 17 % of
                // the bars' 520 px); the minutes and the spreadsheet have every figure.
                if (v == null || v.doubleValue() < 17) {
                    return null;
                }
                return labels.get(dataset.getRowKey(row) + "\u0000" + dataset.getColumnKey(column));
            }
        });
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(Fonts.awt(true, 24f));
        bars.setDefaultItemLabelPaint(Color.WHITE);
        bars.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.CENTER, TextAnchor.CENTER));

        BufferedImage image = cropped(chart.createBufferedImage(WIDTH, height(results.leaders().size())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the chart", e);
        }
        return out.toByteArray();
    }

    /** The image without the blank rows above and below the drawing, but {@link #PAD} px of white. */
    static BufferedImage cropped(BufferedImage image) {
        int top = 0;
        while (top < image.getHeight() - 1 && blankRow(image, top)) {
            top++;
        }
        int bottom = image.getHeight() - 1;
        while (bottom > top && blankRow(image, bottom)) {
            bottom--;
        }
        top = Math.max(0, top - PAD);
        bottom = Math.min(image.getHeight() - 1, bottom + PAD);
        return image.getSubimage(0, top, image.getWidth(), bottom - top + 1);
    }

    /** Whether every pixel of row {@code y} is the white background. */
    static boolean blankRow(BufferedImage image, int y) {
        for (int x = 0; x < image.getWidth(); x++) {
            if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                return false;
            }
        }
        return true;
    }
}
