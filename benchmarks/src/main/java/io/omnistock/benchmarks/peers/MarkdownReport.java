package io.omnistock.benchmarks.peers;

import java.util.List;
import java.util.Locale;

/**
 * The comparison as a Markdown fragment: one table per workload, then the target ratios, ready to paste into
 * BENCHMARKS.md. Stateless.
 */
final class MarkdownReport
{
    private static final String[][] TARGETS = {
        {"omnistock-journal-sync", "postgres-sync-commit", "100"},
        {"omnistock-journal-async", "postgres-async-commit", "100"},
        {"omnistock-journal-sync", "redis-aof-always", "20"},
        {"omnistock-journal-async", "redis-aof-everysec", "20"},
        {"omnistock-journal-sync-pipelined", "redis-aof-always-pipelined", "20"},
        {"omnistock-journal-async-pipelined", "redis-aof-everysec-pipelined", "20"},
        {"omnistock-journal-async", "synchronized-hashmap", "1"},
        {"omnistock-journal-sync", "synchronized-hashmap", "1"},
    };

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
            md.append("\n### ").append(rows.name()).append("\n\n").append(rows.description()).append("\n\n");
            table(md, rows.rows());
            targets(md, rows.rows());
        }
        return md.toString();
    }

    /**
     * @param name        workload name.
     * @param description workload description.
     * @param rows        its rows.
     */
    record WorkloadRows(String name, String description, List<RunRow> rows)
    {
    }

    private static void table(final StringBuilder md, final List<RunRow> rows)
    {
        md.append("| system | durability | clients x batch | ops/s | p50 µs | p99 µs | p99.9 µs | max µs | " +
            "accepted | rejected | bytes/position | omnistock ÷ this | check |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (final RunRow row : rows)
        {
            if (row.skipped() != null)
            {
                md.append("| ").append(row.system()).append(" | ").append(row.durability())
                    .append(" | skipped: ").append(row.skipped().replace('|', '/')).append(" |||||||||||\n");
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %d x %d | %,.0f | %.1f | %.1f | %.1f | %.0f | %,d | %,d | %s | %s | %s |%n",
                row.system(), row.durability(), row.threads(), row.batch(), row.opsPerSecond(), row.p50Us(),
                row.p99Us(), row.p999Us(), row.maxUs(), row.acceptedMeasured(), row.rejectedMeasured(),
                row.bytesPerPosition() < 0 ? "n/a" :
                    String.format(Locale.ROOT, "%,.0f (%s)", row.bytesPerPosition(), row.memorySource()),
                row.omnistockTimesFaster() == null ? "" : String.format(Locale.ROOT, "%.2f", row.omnistockTimesFaster()),
                row.problems().isEmpty() ? "ok" : "FAILED: " + row.problems().get(0).replace('|', '/')));
        }
    }

    private static void targets(final StringBuilder md, final List<RunRow> rows)
    {
        md.append('\n');
        for (final String[] target : TARGETS)
        {
            final RunRow omnistock = find(rows, target[0]);
            final RunRow peer = find(rows, target[1]);
            if (omnistock == null || peer == null || peer.opsPerSecond() == 0)
            {
                continue;
            }
            final double ratio = omnistock.opsPerSecond() / peer.opsPerSecond();
            final double wanted = Double.parseDouble(target[2]);
            md.append(String.format(Locale.ROOT, "- %s ÷ %s = %.2f (target > %sx: %s)%n", target[0], target[1],
                ratio, target[2], ratio > wanted ? "met" : "not met"));
        }
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
