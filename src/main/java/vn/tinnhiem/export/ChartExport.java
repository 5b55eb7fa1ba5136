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

    static final int WIDTH = 1000;

    static int height(int leaders) {
        return 190 + 80 * leaders;
    }

    static byte[] render(ResultsExport export) {
        var m = export.messages();
        var results = export.results();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<String, String> labels = new HashMap<>();
        int i = 1;
        for (LeaderResult r : results.leaders()) {
            String leader = i++ + ". " + r.leader().fullName() + "\n" + r.leader().position();
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
        chart.getTitle().setFont(Fonts.awt(true, 22f));
        TextTitle subtitle = new TextTitle(results.definition().title() + " — " + results.definition().unit(),
                Fonts.awt(false, 14f));
        chart.addSubtitle(subtitle);
        chart.getLegend().setItemFont(Fonts.awt(false, 14f));
        chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);

        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xBDBDBD));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlineVisible(false);
        plot.setInsets(new RectangleInsets(10, 10, 10, 30));

        CategoryAxis leaders = plot.getDomainAxis();
        leaders.setTickLabelFont(Fonts.awt(false, 14f));
        leaders.setMaximumCategoryLabelLines(2);
        leaders.setMaximumCategoryLabelWidthRatio(0.35f);
        leaders.setCategoryMargin(0.35);

        NumberAxis share = (NumberAxis) plot.getRangeAxis();
        share.setRange(0, 100);
        share.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(10));
        share.setTickLabelFont(Fonts.awt(false, 12f));
        share.setLabelFont(Fonts.awt(false, 13f));

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
                // Too narrow a segment has no room for its figure; the legend and minutes do.
                if (v == null || v.doubleValue() < 5) {
                    return null;
                }
                return labels.get(dataset.getRowKey(row) + "\u0000" + dataset.getColumnKey(column));
            }
        });
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(Fonts.awt(true, 13f));
        bars.setDefaultItemLabelPaint(Color.WHITE);
        bars.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.CENTER, TextAnchor.CENTER));

        BufferedImage image = chart.createBufferedImage(WIDTH, height(results.leaders().size()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the chart", e);
        }
        return out.toByteArray();
    }
}
