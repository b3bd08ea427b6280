package io.omnistock.benchmarks.report;

import io.omnistock.benchmarks.JsonFiles;
import io.omnistock.benchmarks.journal.JournalFiguresResult;
import io.omnistock.benchmarks.latency.LatencyReport;
import io.omnistock.benchmarks.memory.HeapPerPosition;
import io.omnistock.benchmarks.peers.ComparisonResults;
import io.omnistock.benchmarks.peers.MarkdownReport;
import io.omnistock.benchmarks.peers.RunRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything one benchmark run produced, read back from the tools' JSON files; a piece that did not run (its file
 * is absent) is null, and the report says so. Immutable.
 *
 * @param jmh     the state-machine scenarios (JMH {@code -rf json}); empty when absent.
 * @param journal the journal figures, or null.
 * @param latency the open-loop harness, or null.
 * @param peers   the side-by-side comparison, or null.
 * @param memory  heap bytes per position, or null.
 */
public record Inputs(List<JmhResult> jmh, JournalFiguresResult journal, LatencyReport latency,
    ComparisonResults peers, HeapPerPosition.Result memory)
{
    /**
     * @param jmh     JMH JSON file.
     * @param journal JournalFigures JSON file.
     * @param latency OpenLoopHarness {@code latency.json}.
     * @param peers   Comparison {@code peers.json}.
     * @param memory  HeapPerPosition JSON file.
     * @return what exists of them.
     * @throws IOException when a file exists but cannot be read or parsed.
     */
    public static Inputs read(final Path jmh, final Path journal, final Path latency, final Path peers,
        final Path memory) throws IOException
    {
        return new Inputs(exists(jmh) ? JmhResult.read(jmh) : List.of(),
            exists(journal) ? JsonFiles.read(journal, JournalFiguresResult.class) : null,
            exists(latency) ? JsonFiles.read(latency, LatencyReport.class) : null,
            exists(peers) ? JsonFiles.read(peers, ComparisonResults.class) : null,
            exists(memory) ? JsonFiles.read(memory, HeapPerPosition.Result.class) : null);
    }

    private static boolean exists(final Path file)
    {
        return file != null && Files.isRegularFile(file);
    }

    /** @return the workloads of the comparison that ran (M5 first when it ran), or none. */
    public List<MarkdownReport.WorkloadRows> workloads()
    {
        return peers == null ? List.of() : peers.workloads();
    }

    /**
     * @param workload a workload name.
     * @param system   a system name.
     * @return its row when it ran and passed its cross-check.
     */
    public Optional<RunRow> peerRow(final String workload, final String system)
    {
        return workloads().stream().filter(w -> w.name().equals(workload)).flatMap(w -> w.rows().stream())
            .filter(row -> row.system().equals(system) && row.skipped() == null && row.problems().isEmpty())
            .findFirst();
    }

    /**
     * @param benchmark a benchmark, {@code Class.method}.
     * @param param     a parameter name, or null.
     * @param value     its value.
     * @return the first result of that benchmark (with that parameter value).
     */
    public Optional<JmhResult> jmhResult(final String benchmark, final String param, final String value)
    {
        return jmh.stream().filter(r -> r.benchmark().equals(benchmark) && (param == null || value.equals(r.param(param))))
            .findFirst();
    }
}
