package io.omnistock.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnistock.benchmarks.RepositoryRoot;
import io.omnistock.benchmarks.peers.MarkdownReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.omnistock.benchmarks.report.ReportFixture.FIXTURE_JMH;
import static io.omnistock.benchmarks.report.ReportFixture.FULL;
import static io.omnistock.benchmarks.report.ReportFixture.QUICK;
import static io.omnistock.benchmarks.report.ReportFixture.QUIET_MACHINE;
import static io.omnistock.benchmarks.report.ReportFixture.byName;
import static io.omnistock.benchmarks.report.ReportFixture.fixture;
import static io.omnistock.benchmarks.report.ReportFixture.fixtureFolder;
import static io.omnistock.benchmarks.report.ReportFixture.only;
import static io.omnistock.benchmarks.report.ReportFixture.read;
import static io.omnistock.benchmarks.report.ReportFixture.withJmh;
import static io.omnistock.benchmarks.report.ReportFixture.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules by which each target is judged, each on the report's fixture files with one figure changed (in the JSON,
 * as the tools write it): what must keep a target from reading met, and what a quick run may claim.
 */
@Timeout(60)
class TargetRulesTest
{
    private static final String ALLOCATION = "allocation per command, state machine";
    private static final String P99 = "pipeline, async journal, p99 latency at 1,000,000 reservations/s (open loop, " +
        "2,000,000 commands/s offered with their releases)";
    private static final String ASYNC_OVER_POSTGRES = "omnistock-journal-async over postgres-async-commit, throughput";
    private static final String SYNC_PIPELINE = "pipeline, sync journal, single-line reservations";
    private static final String MACHINE_THROUGHPUT = "state machine, single-line reservations";
    private static final String UNIFORM_FLOOR = "state machine vs array floor, uniform positions";
    private static final String HEAP = "heap per position at 10,000,000 positions";
    private static final String RECOVERY = "recovery of 10,000,000 events";

    @TempDir
    Path temp;

    // 1. the allocation target and the benchmarks the run included

    @Test
    void shouldNotMeetTheAllocationTargetWhenAnIncludedBenchmarkHasNoFigure() throws Exception
    {
        final Inputs fixture = fixture();
        final Inputs noLifecycle = withJmh(fixture, without(fixture, "LifecycleBenchmark.reserveConfirmFulfil"));

        // every figure left is under 0.5 B/op, but one benchmark the run included did not report
        final Target target = evaluate(noLifecycle, FULL).get(ALLOCATION);
        assertEquals(Target.Status.NOT_MEASURED, target.status(), target.measured());
        assertEquals("no gc.alloc.rate.norm from LifecycleBenchmark.reserveConfirmFulfil (not in jmh.json, or run " +
            "without -prof gc); the others: at most 0.02 B/op (HotSkuBenchmark.reserveAndRelease openHolds=10000)",
            target.measured());

        // and met once the run did not include it
        final List<String> included = new ArrayList<>(FIXTURE_JMH);
        included.remove("LifecycleBenchmark.reserveConfirmFulfil");
        assertEquals(Target.Status.MET, evaluate(noLifecycle, new Run(Run.FULL, "fixture", included, List.of()))
            .get(ALLOCATION).status());
    }

    @Test
    void shouldStillMissTheAllocationTargetWhenAMeasuredBenchmarkAllocates() throws Exception
    {
        final List<String> included = new ArrayList<>(FIXTURE_JMH);
        included.add("MultiLineReserveBenchmark.reserve");
        final Target target = evaluate(fixture(), new Run(Run.FULL, "fixture", included, List.of())).get(ALLOCATION);

        assertEquals(Target.Status.MISSED, target.status(), "24 B/op is a miss whatever did not report");
        assertTrue(target.measured().startsWith("no gc.alloc.rate.norm from MultiLineReserveBenchmark.reserve "),
            target.measured());
    }

    @Test
    void shouldReportTheAllocationTargetNotMeasuredWhenJmhWroteNothing() throws Exception
    {
        final Target target = evaluate(withJmh(fixture(), List.of()), FULL).get(ALLOCATION);

        assertEquals(Target.Status.NOT_MEASURED, target.status());
        assertTrue(target.measured().contains("any of the 6 JMH benchmarks this run included"), target.measured());
    }

    @Test
    void shouldSayWhichBenchmarksTheAllocationFigureCovers() throws Exception
    {
        assertEquals("JMH -prof gc, gc.alloc.rate.norm, the largest of every benchmark (6)",
            evaluate(fixture(), FULL).get(ALLOCATION).source());
        final String quick = evaluate(fixture(), QUICK).get(ALLOCATION).source();
        assertEquals("JMH -prof gc, gc.alloc.rate.norm, the largest of the 6 benchmarks this run included; left out: " +
            "AtpQueryBenchmark.byId, SourcingBenchmark.source", quick);
    }

    @Test
    void shouldSelectTheJarsBenchmarksAsJmhDoes()
    {
        // JMH runs a benchmark when the pattern is found anywhere in its full name: reserveAndRelease also selects
        // reserveAndReleaseGrouped
        final Run run = Run.of(Run.QUICK, "fixture", List.of("ReserveReleaseUniformBenchmark.reserveAndRelease|HotSku"));
        assertEquals(List.of("HotSkuBenchmark.reserveAndRelease", "ReserveReleaseUniformBenchmark.reserveAndRelease",
            "ReserveReleaseUniformBenchmark.reserveAndReleaseGrouped"), run.jmhIncluded());
        assertTrue(run.jmhLeftOut().contains("ReserveReleaseUniformBenchmark.stampOnly"), run.jmhLeftOut().toString());
        assertTrue(run.jmhLeftOut().contains("ArrayFloorBenchmark.takeAndGiveBack"), run.jmhLeftOut().toString());

        final Run everything = Run.of(Run.FULL, "fixture", List.of());
        assertTrue(everything.jmhLeftOut().isEmpty());
        assertTrue(everything.jmhIncluded().containsAll(run.jmhIncluded()));
        assertTrue(everything.jmhIncluded().containsAll(run.jmhLeftOut()));
    }

    @Test
    void shouldFailTheJmhPieceOnAFailedBenchmarkAndTellTheReportWhatJmhRan() throws IOException
    {
        final List<String> lines = Files.readAllLines(RepositoryRoot.resolve("benchmarks/scripts/benchmarks.sh"),
            StandardCharsets.UTF_8);
        final String jmh = lines.stream().filter(line -> line.startsWith("java -jar \"$JAR\"")).findFirst()
            .orElseThrow();
        final String report = lines.stream().filter(line -> line.contains("--jmh-include")).findFirst().orElseThrow();

        assertTrue(jmh.contains(" -foe true "), jmh);
        assertTrue(jmh.contains("\"$JMH_INCLUDE\""), jmh);
        assertTrue(report.contains("--jmh-include \"$JMH_INCLUDE\""), report);
    }

    // 2. quick mode

    @Test
    void shouldShowWhatAQuickRunMeetsAsMetInQuickModeOnly() throws Exception
    {
        final Map<String, Target> full = evaluate(fixture(), FULL);
        final Map<String, Target> quick = evaluate(fixture(), QUICK);

        for (final Map.Entry<String, Target> entry : full.entrySet())
        {
            final Target.Status inQuick = quick.get(entry.getKey()).status();
            if (entry.getValue().status() == Target.Status.MET && !entry.getKey().equals(HEAP))
            {
                assertEquals(Target.Status.MET_IN_QUICK_MODE, inQuick, entry.getKey());
            }
            else
            {
                assertEquals(entry.getValue().status(), inQuick, entry.getKey() + ": a miss stays a miss");
            }
        }
        assertEquals(Target.Status.MET, quick.get(HEAP).status(), "measured alike in both modes");
        assertEquals("met in quick mode only (indicative; judge with --full)", Target.Status.MET_IN_QUICK_MODE.mark());

        assertTrue(render(fixture(), QUICK).contains("1 met, 6 met in quick mode only, 8 missed, 4 not measured."));
        assertTrue(render(fixture(), FULL).contains("7 met, 8 missed, 4 not measured."), "full mode unchanged");
    }

    // 3. and 8. ratio targets: every workload that ran, passing rows only

    @Test
    void shouldNotMeetARatioTargetWhenAPeerRowFailedItsCheck() throws Exception
    {
        // postgres-async-commit's uniform-1line run failed its check: its 120x must not count
        final Inputs inputs = edited("peers.json", peers -> row(peers, "uniform-1line", "postgres-async-commit")
            .putArray("problems").add("position 7: on hand 3, expected 4"));

        final Target target = evaluate(inputs, FULL).get(ASYNC_OVER_POSTGRES);
        assertEquals(Target.Status.NOT_MEASURED, target.status(), target.measured());
        assertEquals("m5 125.00x; uniform-1line: not measured (postgres-async-commit failed its check)",
            target.measured());
    }

    @Test
    void shouldNotMeetARatioTargetWhenOmnistocksRowIsMissing() throws Exception
    {
        final Inputs inputs = edited("peers.json", peers -> rows(peers, "uniform-1line")
            .remove(indexOf(rows(peers, "uniform-1line"), "omnistock-journal-async")));

        final Target target = evaluate(inputs, FULL).get(ASYNC_OVER_POSTGRES);
        assertEquals(Target.Status.NOT_MEASURED, target.status(), target.measured());
        assertEquals("m5 125.00x; uniform-1line: not measured (omnistock-journal-async did not run)", target.measured());
    }

    @Test
    void shouldMissARatioTargetWhenAMeasuredWorkloadMissesWhateverElseIsUnmeasured() throws Exception
    {
        final Inputs inputs = edited("peers.json", peers ->
        {
            row(peers, "m5", "postgres-async-commit").put("opsPerSecond", 10_000);
            row(peers, "uniform-1line", "postgres-async-commit").put("skipped", "PostgreSQL not reachable");
        });

        final Target target = evaluate(inputs, FULL).get(ASYNC_OVER_POSTGRES);
        assertEquals(Target.Status.MISSED, target.status(), target.measured());
        assertEquals("m5 50.00x; uniform-1line: not measured (postgres-async-commit skipped (PostgreSQL not " +
            "reachable))", target.measured());
    }

    @Test
    void shouldNotReadAPipelineRowThatFailedItsCheck() throws Exception
    {
        final Inputs inputs = edited("peers.json", peers -> row(peers, "uniform-1line",
            "omnistock-journal-sync-pipelined").putArray("problems").add("reply for an unknown reservation"));

        assertEquals(Target.Status.MET, evaluate(fixture(), FULL).get(SYNC_PIPELINE).status(), "the fixture's");
        assertEquals(Target.Status.NOT_MEASURED, evaluate(inputs, FULL).get(SYNC_PIPELINE).status());
    }

    // 4. score units

    @Test
    void shouldReadJmhThroughputInAnyTimeUnitAndNothingElse() throws Exception
    {
        final Inputs fixture = fixture();
        final JmhResult engine = only(fixture, Targets.uniformEngine());
        final List<JmhResult> perMillisecond = without(fixture, engine.benchmark());
        perMillisecond.add(new JmhResult(engine.benchmark(), engine.params(), 6_000, 60, "ops/ms",
            engine.allocBytesPerOp(), engine.settings()));

        final Map<String, Target> converted = evaluate(withJmh(fixture, perMillisecond), FULL);
        assertEquals("3,000,000/s (6,000,000 commands/s, a release after each reserve)",
            converted.get(MACHINE_THROUGHPUT).measured());
        assertEquals("5.0x", converted.get(UNIFORM_FLOOR).measured());

        final List<JmhResult> averageTime = without(fixture, engine.benchmark());
        averageTime.add(new JmhResult(engine.benchmark(), engine.params(), 20_000_000, 60, "ns/op",
            engine.allocBytesPerOp(), engine.settings()));
        final Map<String, Target> other = evaluate(withJmh(fixture, averageTime), FULL);
        for (final String name : List.of(MACHINE_THROUGHPUT, UNIFORM_FLOOR))
        {
            assertEquals(Target.Status.NOT_MEASURED, other.get(name).status(), name);
            assertTrue(other.get(name).measured().contains("ReserveReleaseUniformBenchmark.reserveAndRelease in ns/op"),
                other.get(name).measured());
        }
    }

    // 5. heap per position

    @Test
    void shouldNotJudgeHeapPerPositionAtAnotherNumberOfPositions() throws Exception
    {
        final Inputs inputs = edited("memory.json", memory -> memory.put("positions", 1_000_000));

        final Target target = evaluate(inputs, FULL).get(HEAP);
        assertEquals(Target.Status.NOT_MEASURED, target.status());
        assertEquals("this run measured 1,000,000 positions: 60.5 bytes (92.5 with a safety stock on every position); " +
            "benchmarks.sh measures 10,000,000", target.measured());
    }

    // 6. "at least"

    @Test
    void shouldMeetAnAtLeastRatioAtExactlyThatRatioAndFasterOnlyAboveOne() throws Exception
    {
        // 500,000 / 5,000 and 600,000 / 6,000: exactly 100x on both workloads
        final Inputs inputs = edited("peers.json", peers ->
        {
            row(peers, "m5", "postgres-async-commit").put("opsPerSecond", 5_000);
            row(peers, "uniform-1line", "postgres-async-commit").put("opsPerSecond", 6_000);
        });

        final Target target = evaluate(inputs, FULL).get(ASYNC_OVER_POSTGRES);
        assertEquals(Target.Status.MET, target.status(), target.measured());
        assertEquals("at least 100x", target.wanted());
        final MarkdownReport.RatioTarget faster = new MarkdownReport.RatioTarget("a", "b", 1);
        assertFalse(faster.met(1.0), "as fast is not faster");
        assertTrue(faster.met(1.01));
        assertEquals("faster", faster.wanted());
        final MarkdownReport.RatioTarget twenty = new MarkdownReport.RatioTarget("a", "b", 20);
        assertTrue(twenty.met(20.0));
        assertFalse(twenty.met(19.99));
        assertEquals("at least 20x", twenty.wanted());
    }

    // 7. what "0 bytes" can see

    @Test
    void shouldStateTheAllocationTargetsResolution() throws Exception
    {
        assertEquals("0 bytes (under 0.5 B/op counts as 0: an allocation of 16 bytes every 33 or more commands would " +
            "not be seen)", evaluate(fixture(), FULL).get(ALLOCATION).wanted());
        assertTrue(16.0 / 33 < Targets.ALLOC_ZERO_BYTES_MAX, "16 bytes every 33 commands passes as 0");
        assertFalse(16.0 / 32 < Targets.ALLOC_ZERO_BYTES_MAX, "16 bytes every 32 commands is seen");
    }

    // 8. the p99 target and the recovery guard

    @Test
    void shouldNotMeetTheP99TargetAtARateThatWasNotHeld() throws Exception
    {
        final Inputs inputs = edited("latency.json", latency ->
        {
            final ObjectNode rate = rate(latency, "async", 2_000_000);
            rate.put("held", false);
            rate.put("achievedPerSecond", 1_500_000);
        });

        final Target target = evaluate(inputs, FULL).get(P99);
        assertEquals(Target.Status.MISSED, target.status(), "p99 18 µs is under 20, but the rate was not held");
        assertEquals("18.0 µs (rate not held: achieved 1,500,000/s)", target.measured());
    }

    @Test
    void shouldMissTheP99TargetWhenTheRampStoppedBeforeItsRate() throws Exception
    {
        final Inputs inputs = edited("latency.json", latency ->
        {
            final ObjectNode async = mode(latency, "async");
            async.put("stoppedBecause", "p99 over 100 us at 1,000,000/s");
            ((ArrayNode)async.get("rates")).remove(2);
        });

        final Target target = evaluate(inputs, FULL).get(P99);
        assertEquals(Target.Status.MISSED, target.status());
        assertEquals("not reached: the ramp stopped first (p99 over 100 us at 1,000,000/s)", target.measured());
    }

    @Test
    void shouldNotJudgeRecoveryOfAnotherNumberOfEvents() throws Exception
    {
        // 8.8 s would meet the target, but for 5M events, not 10M
        final Inputs inputs = edited("journal.json", journal -> ((ObjectNode)journal.get("recovery"))
            .put("events", 5_000_000));

        final Target target = evaluate(inputs, FULL).get(RECOVERY);
        assertEquals(Target.Status.NOT_MEASURED, target.status());
        assertEquals("this run recovered 5,000,000 events: 8.8 s (median); --full recovers 10,000,000",
            target.measured());
    }

    private static Map<String, Target> evaluate(final Inputs inputs, final Run run)
    {
        return byName(Targets.evaluate(inputs, run));
    }

    private static String render(final Inputs inputs, final Run run)
    {
        return ReportMarkdown.render(inputs, QUIET_MACHINE, run, Charts.Written.none());
    }

    /**
     * @param file one of the fixture files.
     * @param edit what to change in its JSON.
     * @return the fixture with that file changed, read as the report reads a run's folder.
     */
    private Inputs edited(final String file, final Consumer<ObjectNode> edit) throws IOException, URISyntaxException
    {
        final Path folder = Files.createTempDirectory(temp, "run");
        for (final String name : List.of(BenchmarkReport.JMH_FILE, BenchmarkReport.JOURNAL_FILE,
            BenchmarkReport.LATENCY_FILE, BenchmarkReport.PEERS_FILE, BenchmarkReport.MEMORY_FILE))
        {
            Files.copy(fixtureFolder().resolve(name), folder.resolve(name));
        }
        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode json = (ObjectNode)mapper.readTree(folder.resolve(file).toFile());
        edit.accept(json);
        mapper.writeValue(folder.resolve(file).toFile(), json);
        return read(folder);
    }

    private static ArrayNode rows(final ObjectNode peers, final String workload)
    {
        for (final JsonNode node : peers.get("workloads"))
        {
            if (node.get("name").asText().equals(workload))
            {
                return (ArrayNode)node.get("rows");
            }
        }
        throw new IllegalArgumentException("no workload " + workload + " in the fixture");
    }

    private static int indexOf(final ArrayNode rows, final String system)
    {
        for (int i = 0; i < rows.size(); i++)
        {
            if (rows.get(i).get("system").asText().equals(system))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("no row of " + system + " in the fixture");
    }

    private static ObjectNode row(final ObjectNode peers, final String workload, final String system)
    {
        final ArrayNode rows = rows(peers, workload);
        return (ObjectNode)rows.get(indexOf(rows, system));
    }

    private static ObjectNode mode(final ObjectNode latency, final String mode)
    {
        for (final JsonNode node : latency.get("modes"))
        {
            if (node.get("mode").asText().equals(mode))
            {
                return (ObjectNode)node;
            }
        }
        throw new IllegalArgumentException("no mode " + mode + " in the fixture");
    }

    private static ObjectNode rate(final ObjectNode latency, final String mode, final long offeredPerSecond)
    {
        for (final JsonNode node : mode(latency, mode).get("rates"))
        {
            if (node.get("offeredPerSecond").asLong() == offeredPerSecond)
            {
                return (ObjectNode)node;
            }
        }
        throw new IllegalArgumentException("no rate " + offeredPerSecond + " in the fixture's " + mode);
    }

}
