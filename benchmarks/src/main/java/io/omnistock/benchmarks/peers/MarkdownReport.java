package io.omnistock.benchmarks.peers;

import java.util.List;
import java.util.Locale;

/**
 * The comparison as Markdown: one table per workload, then the target ratios. {@code peers.md} is made of it, and
 * the BENCHMARKS.md generator ({@code io.omnistock.benchmarks.report}) shows the same tables. Stateless.
 */
public final class MarkdownReport
{
    /** The throughput targets: omnistock at equal durability (and pipelining) against each peer. */
    public static final List<RatioTarget> TARGETS = List.of(
        new RatioTarget("omnistock-journal-sync", "postgres-sync-commit", 100),
        new RatioTarget("omnistock-journal-async", "postgres-async-commit", 100),
        new RatioTarget("omnistock-journal-sync", "redis-aof-always", 20),
        new RatioTarget("omnistock-journal-async", "redis-aof-everysec", 20),
        new RatioTarget("omnistock-journal-sync-pipelined", "redis-aof-always-pipelined", 20),
        new RatioTarget("omnistock-journal-async-pipelined", "redis-aof-everysec-pipelined", 20),
        new RatioTarget("omnistock-journal-async", "synchronized-hashmap", 1),
        new RatioTarget("omnistock-journal-sync", "synchronized-hashmap", 1));

    /**
     * omnistock must be at least {@code timesMin} times as fast as the peer (the "at least 100x PostgreSQL and
     * 20x Redis"), or, when {@code timesMin} is 1, faster than it: more than 1x.
     *
     * @param omnistock the omnistock system.
     * @param peer      the peer at equal durability.
     * @param timesMin  the ratio to reach; 1 for "faster", which must be beaten.
     */
    public record RatioTarget(String omnistock, String peer, double timesMin)
    {
        /**
         * @param times omnistock's throughput over the peer's.
         * @return whether it meets the target: at least {@code timesMin}, or more than 1 for "faster".
         */
        public boolean met(final double times)
        {
            return timesMin == 1 ? times > 1 : times >= timesMin;
        }

        /** @return the target as text: "faster" or "at least 100x". */
        public String wanted()
        {
            return timesMin == 1 ? "faster" : String.format(Locale.ROOT, "at least %.0fx", timesMin);
        }

        /**
         * @param rows one workload's rows.
         * @return omnistock's throughput over the peer's, or null when either did not run or failed its check.
         */
        public Double ratio(final List<RunRow> rows)
        {
            final RunRow ours = find(rows, omnistock);
            final RunRow theirs = find(rows, peer);
            return ours == null || theirs == null || theirs.opsPerSecond() == 0 ? null :
                ours.opsPerSecond() / theirs.opsPerSecond();
        }
    }

    private MarkdownReport()
    {
    }

    /**
     * @param header   lines above the tables (how and where it ran).
     * @param workload per workload: its name, its description and its rows.
     * @return the Markdown.
     */
    static String render(final List<String> header, final List<WorkloadRows> workload)
    {
        final StringBuilder md = new StringBuilder();
        header.forEach(line -> md.append(line).append('\n'));
        for (final WorkloadRows rows : workload)
        {
            md.append("\n### ").append(rows.name()).append("\n\n");
            if (rows.skipped() != null)
            {
                md.append("Skipped: ").append(rows.skipped()).append('\n');
                continue;
            }
            md.append(rows.description()).append("\n\n");
            table(md, rows.rows());
            targets(md, rows.rows());
        }
        return md.toString();
    }

    /**
     * One workload of the comparison.
     *
     * @param name        workload name.
     * @param description workload description.
     * @param skipped     why the workload did not run (its data is absent), or null.
     * @param rows        its rows, one per system; empty when skipped.
     */
    public record WorkloadRows(String name, String description, String skipped, List<RunRow> rows)
    {
        /**
         * @param name   workload name.
         * @param reason why it did not run.
         * @return a workload that did not run.
         */
        static WorkloadRows skipped(final String name, final String reason)
        {
            return new WorkloadRows(name, null, reason, List.of());
        }
    }

    /**
     * Appends one workload's table: a row per system with throughput, its measured window, latency percentiles,
     * accepted and rejected operations, memory per position, omnistock's throughput over the system's, and the
     * cross-check.
     *
     * @param md   where to append.
     * @param rows the workload's rows.
     */
    public static void table(final StringBuilder md, final List<RunRow> rows)
    {
        md.append("| system | durability | clients x batch | ops/s | measured s | p50 µs | p99 µs | p99.9 µs | max µs | " +
            "accepted | rejected | bytes/position | omnistock ÷ this | check |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (final RunRow row : rows)
        {
            if (row.skipped() != null)
            {
                md.append("| ").append(row.system()).append(" | ").append(row.durability())
                    .append(" | skipped: ").append(row.skipped().replace('|', '/')).append(" ||||||||||||\n");
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %d x %d | %,.0f | %.1f | %.1f | %.1f | %.1f | %.0f | %,d | %,d | %s | %s | %s |%n",
                row.system(), row.durability(), row.threads(), row.batch(), row.opsPerSecond(), row.measuredSeconds(),
                row.p50Us(),
                row.p99Us(), row.p999Us(), row.maxUs(), row.acceptedMeasured(), row.rejectedMeasured(),
                row.bytesPerPosition() < 0 ? "n/a" :
                    String.format(Locale.ROOT, "%,.0f (%s)", row.bytesPerPosition(), row.memorySource()),
                row.omnistockTimesFaster() == null ? "" : ratio(row.omnistockTimesFaster()),
                row.problems().isEmpty() ? "ok" : "FAILED: " + row.problems().get(0).replace('|', '/')));
        }
    }

    private static void targets(final StringBuilder md, final List<RunRow> rows)
    {
        md.append('\n');
        for (final RatioTarget target : TARGETS)
        {
            final Double ratio = target.ratio(rows);
            if (ratio != null)
            {
                md.append(String.format(Locale.ROOT, "- %s ÷ %s = %s (target %s: %s)%n", target.omnistock(),
                    target.peer(), ratio(ratio), target.wanted(), target.met(ratio) ? "met" : "not met"));
            }
        }
    }

    /**
     * @param ratio a throughput ratio.
     * @return it with two decimals, or two significant digits below 1 (so that 0.004 does not read as 0.00).
     */
    public static String ratio(final double ratio)
    {
        return String.format(Locale.ROOT, ratio >= 1 ? "%.2f" : "%.2g", ratio);
    }

    private static RunRow find(final List<RunRow> rows, final String system)
    {
        for (final RunRow row : rows)
        {
            if (row.system().equals(system) && row.skipped() == null && row.problems().isEmpty())
            {
                return row;
            }
        }
        return null;
    }
}
