package dev.precinct.bench.report;

import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import java.text.DecimalFormatSymbols;

/**
 * The plots of a run, rendered to PNG with JFreeChart: latency percentile curves (HdrHistogram's classic plot,
 * percentiles spread on a log scale of {@code 1 / (1 - p)}) and throughput bars.
 */
public final class Charts {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    /** One percentile curve: Precinct's or its floor's latencies, dashed for an open loop. */
    public record Curve(String label, Histogram latencies, boolean dashed) {
    }

    /** One bar of a throughput chart. */
    public record Bar(String group, String series, double perSecond) {
    }

    private Charts() {
    }

    public static void latencyCurves(Path png, String title, List<Curve> curves) throws IOException {
        var dataset = new XYSeriesCollection();
        for (var curve : curves) {
            var series = new XYSeries(curve.label(), false);
            for (var value : curve.latencies().percentiles(5)) {
                double percentile = value.getPercentileLevelIteratedTo();
                if (percentile >= 100.0) break;
                series.add(1.0 / (1.0 - percentile / 100.0), Math.max(value.getValueIteratedTo() / 1e6, 0.001));
            }
            dataset.addSeries(series);
        }
        var chart = ChartFactory.createXYLineChart(title, "percentile", "latency (ms, log scale)", dataset,
                PlotOrientation.VERTICAL, true, false, false);
        var plot = chart.getXYPlot();
        var percentiles = new LogAxis("percentile");
        percentiles.setTickUnit(new NumberTickUnit(1.0));
        percentiles.setNumberFormatOverride(new PercentileFormat());
        plot.setDomainAxis(percentiles);
        var latency = new LogAxis("latency (ms, log scale)");
        latency.setBase(2);  // ticks at 0.25, 0.5, 1, 2, 4 … ms
        latency.setTickUnit(new NumberTickUnit(1.0));
        latency.setNumberFormatOverride(new DecimalFormat("0.###"));
        latency.setSmallestValue(0.01);
        plot.setRangeAxis(latency);
        var renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < curves.size(); i++) {
            renderer.setSeriesPaint(i, COLOURS[(curves.get(i).dashed() ? i - countSolid(curves) : i) % COLOURS.length]);
            renderer.setSeriesStroke(i, curves.get(i).dashed()
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL, 1f, new float[]{8f, 5f}, 0f)
                    : new BasicStroke(2.5f));
        }
        plot.setRenderer(renderer);
        style(chart);
        save(png, chart);
    }

    private static int countSolid(List<Curve> curves) {
        return (int) curves.stream().filter(c -> !c.dashed()).count();
    }

    public static void bars(Path png, String title, List<Bar> bars) throws IOException {
        var dataset = new DefaultCategoryDataset();
        for (var bar : bars) dataset.addValue(bar.perSecond(), bar.series(), bar.group());
        var chart = ChartFactory.createBarChart(title, null, "per second", dataset, PlotOrientation.VERTICAL, true,
                false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getDomainAxis().setMaximumCategoryLabelLines(3);
        var renderer = (BarRenderer) plot.getRenderer();
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new DecimalFormat("#,##0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new StandardBarPainter());
        for (int i = 0; i < dataset.getRowCount(); i++) renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
        style(chart);
        save(png, chart);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (chart.getPlot() instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
    }

    private static void save(Path png, JFreeChart chart) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Labels the log axis of {@code 1 / (1 - p)} with p: 1 → 0%, 10 → 90%, 100 → 99%, 1000 → 99.9%. */
    private static final class PercentileFormat extends NumberFormat {
        @Override
        public StringBuffer format(double value, StringBuffer target, FieldPosition position) {
            double percentile = (1.0 - 1.0 / value) * 100.0;
            var text = new DecimalFormat("0.#####", DecimalFormatSymbols.getInstance(Locale.ROOT))
                    .format(percentile);
            return target.append(text).append('%');
        }

        @Override
        public StringBuffer format(long value, StringBuffer target, FieldPosition position) {
            return format((double) value, target, position);
        }

        @Override
        public Number parse(String source, ParsePosition position) {
            return null;
        }
    }
}
