package dev.sessiondesk.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The results as a PNG: per row, its figure and its target, both divided by the row's same-run
 * baseline (so the baseline is the line at 1×), on a log axis. Rendered with JFreeChart on Java2D,
 * headless.
 */
final class ResultChart {
    static final String MEASURED = "figure ÷ baseline";
    static final String TARGET = "target ÷ baseline";

    private ResultChart() {
    }

    /** The figure's ratio to its baseline, or NaN when it has none. */
    static double figureRatio(Figure f) {
        return f.status() == Figure.Status.MEASURED && f.ratio() != null && f.ratio() > 0 && Double.isFinite(f.ratio())
                ? f.ratio() : Double.NaN;
    }

    /** The target in the same units (÷ baseline), or NaN when the target does not bound this figure. */
    static double targetRatio(Figure f) {
        Target t = f.target();
        double ratio = figureRatio(f);
        if (!t.checkable() || Double.isNaN(ratio)) {
            return Double.NaN;
        }
        if (t.basis() == Target.Basis.RATIO) {
            return t.limit();
        }
        return f.value() > 0 ? t.limit() * ratio / f.value() : Double.NaN; // limit ÷ (value ÷ ratio)
    }

    static DefaultCategoryDataset dataset(List<Figure> figures) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int n = 0;
        for (Figure f : figures) {
            double ratio = figureRatio(f);
            if (Double.isNaN(ratio)) {
                continue;
            }
            String label = (++n) + ". " + (f.name().length() > 70 ? f.name().substring(0, 67) + "…" : f.name())
                    .replace("`", "");
            data.addValue(ratio, MEASURED, label);
            double target = targetRatio(f);
            data.addValue(Double.isNaN(target) ? null : target, TARGET, label);
        }
        return data;
    }

    static void write(List<Figure> figures, String title, Path png) throws IOException {
        DefaultCategoryDataset data = dataset(figures);
        LogAxis values = new LogAxis("÷ same-run baseline (log scale; the baseline is 1×)");
        values.setSmallestValue(0.01);
        CategoryAxis rows = new CategoryAxis();
        rows.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        rows.setMaximumCategoryLabelWidthRatio(0.55f);
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x2f6fb3));
        bars.setSeriesPaint(1, new Color(0xd9822b));
        CategoryPlot plot = new CategoryPlot(data, rows, values, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ValueMarker baseline = new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.5f));
        baseline.setLabel("baseline");
        baseline.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        baseline.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addRangeMarker(baseline);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        int height = 140 + 44 * Math.max(1, data.getColumnCount());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1400, height);
    }
}
