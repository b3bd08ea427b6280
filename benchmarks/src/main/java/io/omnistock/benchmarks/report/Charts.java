package io.omnistock.benchmarks.report;

import io.omnistock.benchmarks.latency.LatencyReport;
import io.omnistock.benchmarks.peers.MarkdownReport;
import io.omnistock.benchmarks.peers.RunRow;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The charts of BENCHMARKS.md and the README, drawn headless with XChart as PNG files: throughput per system for
 * every comparison workload, latency percentiles per system for each workload, and the open-loop p99 per offered
 * rate for each journal mode. Axes are logarithmic: the systems differ by orders of magnitude. A system that did
 * not run or failed its check is left out. Stateless; call from one thread (AWT rendering).
 */
public final class Charts
{
    /** The throughput chart's file name. */
    public static final String THROUGHPUT_FILE = "throughput.png";
    /** The open-loop chart's file name. */
    public static final String OPEN_LOOP_FILE = "open-loop-p99.png";
    private static final int WIDE = 1400;
    private static final int HIGH = 700;
    private static final double[] PERCENTILES = {50, 99, 99.9};
    private static final List<ToDoubleFunction<RunRow>> PERCENTILE_MICROS =
        List.of(RunRow::p50Us, RunRow::p99Us, RunRow::p999Us);

    private Charts()
    {
    }

    /**
     * The charts written, as paths relative to the folder BENCHMARKS.md is in; null (or absent) when there was
     * nothing to draw.
     *
     * @param throughput        throughput per system and workload.
     * @param latencyByWorkload latency percentiles per system, by workload name.
     * @param openLoop          open-loop p99 per offered rate and journal mode.
     */
    public record Written(String throughput, Map<String, String> latencyByWorkload, String openLoop)
    {
        /** @return no charts. */
        public static Written none()
        {
            return new Written(null, Map.of(), null);
        }
    }

    /**
     * @param inputs    the figures.
     * @param folder    where to write the PNG files (created if needed).
     * @param linkPrefix how BENCHMARKS.md reaches {@code folder}, e.g. {@code docs/benchmarks}.
     * @return what was written.
     * @throws IOException when a file cannot be written.
     */
    public static Written write(final Inputs inputs, final Path folder, final String linkPrefix) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(folder);
        final List<MarkdownReport.WorkloadRows> ran = inputs.workloads().stream()
            .filter(w -> w.skipped() == null && w.rows().stream().anyMatch(Charts::drawn)).toList();
        String throughput = null;
        if (!ran.isEmpty())
        {
            save(throughput(ran), folder.resolve(THROUGHPUT_FILE));
            throughput = linkPrefix + "/" + THROUGHPUT_FILE;
        }
        final Map<String, String> latency = new LinkedHashMap<>();
        for (final MarkdownReport.WorkloadRows workload : ran)
        {
            final String file = latencyFile(workload.name());
            save(latency(workload), folder.resolve(file));
            latency.put(workload.name(), linkPrefix + "/" + file);
        }
        String openLoop = null;
        if (inputs.latency() != null && inputs.latency().modes().stream().anyMatch(m -> !m.rates().isEmpty()))
        {
            save(openLoop(inputs.latency()), folder.resolve(OPEN_LOOP_FILE));
            openLoop = linkPrefix + "/" + OPEN_LOOP_FILE;
        }
        return new Written(throughput, latency, openLoop);
    }

    /**
     * @param workload a workload name.
     * @return the file name of its latency chart.
     */
    public static String latencyFile(final String workload)
    {
        return "latency-" + workload.replaceAll("[^A-Za-z0-9-]", "_") + ".png";
    }

    private static boolean drawn(final RunRow row)
    {
        return row.skipped() == null && row.problems().isEmpty() && row.opsPerSecond() > 0;
    }

    private static CategoryChart throughput(final List<MarkdownReport.WorkloadRows> workloads)
    {
        final CategoryChart chart = new CategoryChartBuilder().width(WIDE).height(HIGH)
            .title("Throughput per system and workload (operations/s, log scale; higher is better)")
            .xAxisTitle("workload").yAxisTitle("operations/s").build();
        style(chart);
        final Set<String> systems = new LinkedHashSet<>();
        workloads.forEach(w -> w.rows().stream().filter(Charts::drawn).forEach(r -> systems.add(r.system())));
        final List<String> names = workloads.stream().map(MarkdownReport.WorkloadRows::name).toList();
        for (final String system : systems)
        {
            final List<Double> values = new ArrayList<>();
            for (final MarkdownReport.WorkloadRows workload : workloads)
            {
                values.add(workload.rows().stream().filter(r -> drawn(r) && r.system().equals(system))
                    .map(RunRow::opsPerSecond).findFirst().orElse(null));
            }
            chart.addSeries(system, names, values).setFillColor(colorOf(system));
        }
        spanDecades(chart);
        return chart;
    }

    private static CategoryChart latency(final MarkdownReport.WorkloadRows workload)
    {
        final CategoryChart chart = new CategoryChartBuilder().width(WIDE).height(HIGH)
            .title("Latency per operation, " + workload.name() + ", closed loop (µs, log scale; lower is better)")
            .xAxisTitle("system").yAxisTitle("µs").build();
        style(chart);
        chart.getStyler().setXAxisLabelRotation(30);
        final List<RunRow> rows = workload.rows().stream().filter(Charts::drawn).toList();
        final List<String> systems = rows.stream().map(RunRow::system).toList();
        for (int p = 0; p < PERCENTILES.length; p++)
        {
            final ToDoubleFunction<RunRow> micros = PERCENTILE_MICROS.get(p);
            chart.addSeries(String.format(Locale.ROOT, "p%s", trim(PERCENTILES[p])), systems,
                rows.stream().map(r -> positive(micros.applyAsDouble(r))).toList());
        }
        spanDecades(chart);
        return chart;
    }

    private static XYChart openLoop(final LatencyReport latency)
    {
        final XYChart chart = new XYChartBuilder().width(WIDE).height(HIGH)
            .title("Open loop: p99 latency per offered rate, by journal mode (log-log; lower is better)")
            .xAxisTitle("offered commands/s").yAxisTitle("p99 µs").build();
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        for (final LatencyReport.ModeResult mode : latency.modes())
        {
            final List<LatencyReport.RateResult> rates = mode.rates().stream().filter(r -> r.p99Micros() > 0).toList();
            if (!rates.isEmpty())
            {
                chart.addSeries("journal " + mode.mode(), rates.stream().map(r -> (double)r.offeredPerSecond()).toList(),
                    rates.stream().map(LatencyReport.RateResult::p99Micros).toList());
            }
        }
        chart.getStyler().setXAxisDecimalPattern("#,###");
        spanDecades(chart);
        return chart;
    }

    private static void style(final Chart<? extends AxesChartStyler, ?> chart)
    {
        final AxesChartStyler styler = chart.getStyler();
        styler.setYAxisLogarithmic(true);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        styler.setYAxisDecimalPattern("#,###.#");
    }

    /**
     * Colours by family, so that omnistock's settings read as one group against each peer's: blues for omnistock,
     * greens for the maps, oranges for PostgreSQL, reds for Redis; darker for stronger durability.
     */
    private static Color colorOf(final String system)
    {
        final boolean sync = system.contains("sync-commit") || system.contains("journal-sync") ||
            system.contains("always");
        final boolean async = !sync && (system.contains("async") || system.contains("everysec"));
        final int shade = sync ? 2 : async ? 1 : 0;
        final Color[] family;
        if (system.startsWith("omnistock"))
        {
            family = new Color[] {new Color(0x9ecae1), new Color(0x4292c6), new Color(0x08519c)};
        }
        else if (system.startsWith("postgres"))
        {
            family = new Color[] {new Color(0xfdae6b), new Color(0xfd8d3c), new Color(0xd94801)};
        }
        else if (system.startsWith("redis"))
        {
            family = new Color[] {new Color(0xfc9272), new Color(0xef3b2c), new Color(0x99000d)};
        }
        else
        {
            family = new Color[] {system.startsWith("synchronized") ? new Color(0x74c476) : new Color(0x238b45)};
        }
        final Color base = family[Math.min(shade, family.length - 1)];
        return system.endsWith("-pipelined") ? base.darker() : base;
    }

    /**
     * Bars on a logarithmic axis must start above zero, and an axis spanning less than a decade shows no labels:
     * the value axis runs from the power of ten below the smallest value to the one above the largest.
     */
    private static void spanDecades(final CategoryChart chart)
    {
        final double[] span = decades(chart.getSeriesMap().values().stream()
            .flatMap(series -> series.getYData().stream()).toList());
        chart.getStyler().setYAxisMin(span[0]).setYAxisMax(span[1]);
    }

    /** As {@link #spanDecades(CategoryChart)}, for both axes of a log-log chart. */
    private static void spanDecades(final XYChart chart)
    {
        final double[] x = decades(chart.getSeriesMap().values().stream()
            .flatMap(series -> Arrays.stream(series.getXData()).boxed()).toList());
        final double[] y = decades(chart.getSeriesMap().values().stream()
            .flatMap(series -> Arrays.stream(series.getYData()).boxed()).toList());
        chart.getStyler().setXAxisMin(x[0]).setXAxisMax(x[1]).setYAxisMin(y[0]).setYAxisMax(y[1]);
    }

    private static double[] decades(final List<? extends Number> values)
    {
        final DoubleSummaryStatistics positive = values.stream()
            .filter(value -> value != null && value.doubleValue() > 0 && !Double.isNaN(value.doubleValue()))
            .mapToDouble(Number::doubleValue).summaryStatistics();
        if (positive.getCount() == 0)
        {
            return new double[] {1, 10};
        }
        final double low = Math.pow(10, Math.floor(Math.log10(positive.getMin())));
        final double high = Math.pow(10, Math.ceil(Math.log10(positive.getMax())));
        return new double[] {low, high > low ? high : low * 10};
    }

    private static Double positive(final double value)
    {
        return value > 0 ? value : null;
    }

    private static String trim(final double value)
    {
        return value == Math.rint(value) ? String.valueOf((long)value) : String.valueOf(value);
    }

    private static void save(final Chart<?, ?> chart, final Path file) throws IOException
    {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
