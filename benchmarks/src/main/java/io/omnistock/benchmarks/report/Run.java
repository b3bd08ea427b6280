package io.omnistock.benchmarks.report;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one benchmark run was made and what it set out to measure: its mode, the command, and which of the JMH
 * benchmarks in this jar its include patterns selected, so that a target can tell a benchmark that failed or was
 * not run from one that was never asked for. Immutable.
 *
 * @param mode        {@link #QUICK} or {@link #FULL}.
 * @param command     the command that made it.
 * @param jmhIncluded the JMH benchmarks ({@code Class.method}, as {@link JmhResult#benchmark}) the run included.
 * @param jmhLeftOut  the benchmarks of the jar's JMH list that the run left out.
 */
public record Run(String mode, String command, List<String> jmhIncluded, List<String> jmhLeftOut)
{
    /** Short runs: a JMH subset, smaller comparison workloads, seconds per open-loop rate. */
    public static final String QUICK = "quick";
    /** The documented settings. */
    public static final String FULL = "full";

    /**
     * @param mode        quick or full.
     * @param command     the command.
     * @param jmhIncluded the JMH benchmarks included.
     * @param jmhLeftOut  the JMH benchmarks left out.
     */
    public Run
    {
        if (!QUICK.equals(mode) && !FULL.equals(mode))
        {
            throw new IllegalArgumentException("mode must be " + QUICK + " or " + FULL + ", not " + mode);
        }
        Objects.requireNonNull(command, "command");
        jmhIncluded = List.copyOf(jmhIncluded);
        jmhLeftOut = List.copyOf(jmhLeftOut);
    }

    /** @return true for a quick run, whose figures are indicative only. */
    public boolean quick()
    {
        return QUICK.equals(mode);
    }

    /**
     * @param mode        quick or full.
     * @param command     the command that made the run.
     * @param jmhIncludes the include patterns JMH ran with, as given to JMH (a benchmark runs when one of them is
     *                    found in its full name); empty for every benchmark, as JMH without a pattern.
     * @return the run, its JMH benchmarks read from this jar's JMH list ({@code META-INF/BenchmarkList}), the one
     *         {@code java -jar benchmarks.jar} runs from.
     */
    public static Run of(final String mode, final String command, final List<String> jmhIncludes)
    {
        final OutputFormat silent = OutputFormatFactory.createFormatInstance(
            new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
        final BenchmarkList list = BenchmarkList.defaultList();
        final Set<String> included = names(list.find(silent, jmhIncludes.isEmpty() ? List.of(".*") : jmhIncludes,
            List.of()));
        final List<String> leftOut = new ArrayList<>(names(list.find(silent, List.of(".*"), List.of())));
        leftOut.removeAll(included);
        return new Run(mode, command, new ArrayList<>(included), leftOut);
    }

    private static Set<String> names(final Set<BenchmarkListEntry> entries)
    {
        final Set<String> names = new LinkedHashSet<>();
        entries.forEach(entry -> names.add(JmhResult.shortName(entry.getUsername())));
        return names;
    }
}
