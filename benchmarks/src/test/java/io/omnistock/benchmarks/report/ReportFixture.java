package io.omnistock.benchmarks.report;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The report tests' fixture: one run's JSON files (test resources beside {@code peers.json}), the runs that made
 * them, and a quiet machine.
 */
final class ReportFixture
{
    /** The JMH benchmarks of the fixture's {@code jmh.json}. */
    static final List<String> FIXTURE_JMH = List.of("ArrayFloorBenchmark.takeAndGiveBack",
        "ReserveReleaseUniformBenchmark.reserveAndRelease", "ReserveReleaseZipfBenchmark.reserveAndRelease",
        "HotSkuBenchmark.reserveAndRelease", "LifecycleBenchmark.reserveConfirmFulfil",
        "MemoryLatencyBenchmark.dependentRead");
    /** A full run that included every fixture benchmark. */
    static final Run FULL = new Run(Run.FULL, "fixture", FIXTURE_JMH, List.of());
    /** A quick run that included the fixture benchmarks and left two out. */
    static final Run QUICK = new Run(Run.QUICK, "fixture", FIXTURE_JMH,
        List.of("AtpQueryBenchmark.byId", "SourcingBenchmark.source"));
    /** 8 cores, load under 1 at both ends: no noise warning. */
    static final Machine QUIET_MACHINE = new Machine(8, 24L << 30, "fixture CPU", "Linux fixture", "17",
        "0.50 0.40 0.30", "0.60 0.40 0.30", "2026-11-23T12:00:00Z", "2026-11-23T12:07:00Z");

    private ReportFixture()
    {
    }

    /** @return the folder of the fixture's files. */
    static Path fixtureFolder() throws URISyntaxException
    {
        return Path.of(ReportFixture.class.getResource("peers.json").toURI()).getParent();
    }

    /** @return the fixture's figures, read as the report reads a run's folder. */
    static Inputs fixture() throws IOException, URISyntaxException
    {
        return read(fixtureFolder());
    }

    /**
     * @param folder a folder with a run's files, named as {@link BenchmarkReport} names them.
     * @return its figures.
     */
    static Inputs read(final Path folder) throws IOException
    {
        return Inputs.read(folder.resolve(BenchmarkReport.JMH_FILE), folder.resolve(BenchmarkReport.JOURNAL_FILE),
            folder.resolve(BenchmarkReport.LATENCY_FILE), folder.resolve(BenchmarkReport.PEERS_FILE),
            folder.resolve(BenchmarkReport.MEMORY_FILE));
    }

    /** @return the result of one JMH benchmark of {@code inputs} (the first, whatever its parameters). */
    static JmhResult only(final Inputs inputs, final String benchmark)
    {
        return inputs.jmh().stream().filter(r -> r.benchmark().equals(benchmark)).findFirst().orElseThrow();
    }

    /** @return the JMH results of {@code inputs} but {@code benchmark}'s, in a list that can be changed. */
    static List<JmhResult> without(final Inputs inputs, final String benchmark)
    {
        return inputs.jmh().stream().filter(r -> !r.benchmark().equals(benchmark))
            .collect(Collectors.toCollection(ArrayList::new));
    }

    /** @return {@code inputs} with other JMH results. */
    static Inputs withJmh(final Inputs inputs, final List<JmhResult> jmh)
    {
        return new Inputs(jmh, inputs.journal(), inputs.latency(), inputs.peers(), inputs.memory());
    }

    /** @return the targets by name. */
    static Map<String, Target> byName(final List<Target> targets)
    {
        return targets.stream().collect(Collectors.toMap(Target::name, Function.identity()));
    }
}
