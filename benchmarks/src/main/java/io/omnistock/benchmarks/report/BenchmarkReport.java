package io.omnistock.benchmarks.report;

import io.omnistock.benchmarks.RepositoryRoot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Writes BENCHMARKS.md and its charts from the JSON files one benchmark run left behind (JMH {@code -rf json},
 * {@code JournalFigures}, {@code OpenLoopHarness}, {@code Comparison}, {@code HeapPerPosition}); a piece whose file
 * is absent is reported as not run. {@code benchmarks/scripts/benchmarks.sh} runs the pieces, then this.
 * Single-threaded; allocates freely (it is a tool).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.omnistock.benchmarks.report.BenchmarkReport \
 *     --results benchmarks/target/report --mode quick --jmh-include 'the pattern JMH ran with'</pre>
 */
@Command(name = "benchmark-report", mixinStandardHelpOptions = true,
    description = "Writes BENCHMARKS.md and the charts from one benchmark run's JSON files.")
public final class BenchmarkReport implements Callable<Integer>
{
    /** JMH's result file in the results folder. */
    public static final String JMH_FILE = "jmh.json";
    /** JournalFigures' result file. */
    public static final String JOURNAL_FILE = "journal.json";
    /** OpenLoopHarness' result file. */
    public static final String LATENCY_FILE = "latency.json";
    /** Comparison's result file. */
    public static final String PEERS_FILE = "peers.json";
    /** HeapPerPosition's result file. */
    public static final String MEMORY_FILE = "memory.json";

    @Option(names = "--results", description = "Folder holding " + JMH_FILE + ", " + JOURNAL_FILE + ", " + LATENCY_FILE
        + ", " + PEERS_FILE + " and " + MEMORY_FILE + " (default: ${DEFAULT-VALUE}).")
    Path results = RepositoryRoot.resolve("benchmarks/target/report");
    @Option(names = "--mode", description = "quick or full, as the run was (default: ${DEFAULT-VALUE}).")
    String mode = "quick";
    @Option(names = "--jmh-include", description = "An include pattern JMH ran with, as given to JMH (repeatable; "
        + "default: none, every benchmark, as JMH without one). Each benchmark it selects must have a result: one "
        + "missing leaves the allocation target not measured.")
    List<String> jmhIncludes = new ArrayList<>();
    @Option(names = "--load-start", description = "Load averages recorded when the run started (e.g. from /proc/loadavg).")
    String loadStart;
    @Option(names = "--started-at", description = "When the run started (ISO-8601).")
    String startedAt;
    @Option(names = "--out", description = "The Markdown file to write (default: ${DEFAULT-VALUE}).")
    Path out = RepositoryRoot.resolve("BENCHMARKS.md");
    @Option(names = "--charts", description = "Where the PNG charts go (default: ${DEFAULT-VALUE}).")
    Path charts = RepositoryRoot.resolve("docs/benchmarks");

    /**
     * @param args the options; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new BenchmarkReport()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        final Run run = Run.of(mode, "benchmarks/scripts/benchmarks.sh --" + mode, jmhIncludes);
        final Inputs inputs = Inputs.read(results.resolve(JMH_FILE), results.resolve(JOURNAL_FILE),
            results.resolve(LATENCY_FILE), results.resolve(PEERS_FILE), results.resolve(MEMORY_FILE));
        final Path outFolder = out.toAbsolutePath().getParent();
        final String link = outFolder.relativize(charts.toAbsolutePath()).toString().replace('\\', '/');
        final Charts.Written written = Charts.write(inputs, charts, link);
        final String markdown = ReportMarkdown.render(inputs, Machine.current(loadStart, startedAt), run, written);
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        System.out.println("written: " + out + " and the charts in " + charts);
        return 0;
    }
}
