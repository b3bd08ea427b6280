package io.omnistock.benchmarks.report;

import io.omnistock.benchmarks.peers.ComparisonResults;
import io.omnistock.benchmarks.peers.MarkdownReport;
import io.omnistock.benchmarks.peers.RunRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.omnistock.benchmarks.report.ReportFixture.FULL;
import static io.omnistock.benchmarks.report.ReportFixture.QUICK;
import static io.omnistock.benchmarks.report.ReportFixture.QUIET_MACHINE;
import static io.omnistock.benchmarks.report.ReportFixture.byName;
import static io.omnistock.benchmarks.report.ReportFixture.fixture;
import static io.omnistock.benchmarks.report.ReportFixture.fixtureFolder;
import static io.omnistock.benchmarks.report.ReportFixture.only;
import static io.omnistock.benchmarks.report.ReportFixture.withJmh;
import static io.omnistock.benchmarks.report.ReportFixture.without;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The BENCHMARKS.md generator on small fixture files shaped as the tools write them
 * ({@code src/test/resources/io/omnistock/benchmarks/report}): the figures chosen so that each target's ratio and
 * met/missed mark is known by hand, the tables, the section order, and the charts written as PNG files.
 */
@Timeout(60)
class BenchmarkReportTest
{
    private static final byte[] PNG_SIGNATURE = {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Machine BUSY_MACHINE = new Machine(2, 24L << 30, "fixture CPU", "Linux fixture", "17",
        "3.50 2.00 1.00", "1.20 1.10 1.00", "2026-11-23T12:00:00Z", "2026-11-23T12:07:00Z");

    @TempDir
    Path temp;

    @Test
    void shouldMarkEachTargetMetOrMissedFromTheFixtureFigures() throws Exception
    {
        final Map<String, Target> targets = byName(Targets.evaluate(fixture(), FULL));

        assertTarget(targets, "state machine vs array floor, uniform positions", Target.Status.MISSED, "5.0x");
        assertTarget(targets, "state machine vs array floor, zipf positions", Target.Status.MET, "2.5x");
        assertTarget(targets, "state machine vs array floor, hot positions", Target.Status.MET, "2.5x");
        // a reservation is a reserve and its release: two commands (operations), one reservation
        assertTarget(targets, "state machine, single-line reservations", Target.Status.MISSED,
            "3,000,000/s (6,000,000 commands/s, a release after each reserve)");
        assertTarget(targets, "pipeline, async journal, single-line reservations", Target.Status.MISSED,
            "1,250,000/s (2,500,000 commands/s, a release after each reserve)");
        assertTarget(targets, "pipeline, async journal, p99 latency at 1,000,000 reservations/s (open loop, " +
            "2,000,000 commands/s offered with their releases)", Target.Status.MET, "18.0 µs");
        assertTarget(targets, "pipeline, sync journal, single-line reservations", Target.Status.MET,
            "225,000/s (450,000 commands/s, a release after each reserve)");
        assertTarget(targets, "omnistock-journal-async over postgres-async-commit, throughput", Target.Status.MET,
            "m5 125.00x; uniform-1line 120.00x");
        // a workload without both systems' passing rows is named, and cannot make the target met
        assertTarget(targets, "omnistock-journal-sync over postgres-sync-commit, throughput", Target.Status.MISSED,
            "m5 50.00x; uniform-1line: not measured (omnistock-journal-sync did not run; postgres-sync-commit did " +
            "not run)");
        assertTarget(targets, "omnistock-journal-async over synchronized-hashmap, throughput", Target.Status.MISSED,
            "m5 1.25x; uniform-1line 0.86x");
        assertTarget(targets, "omnistock-journal-sync over synchronized-hashmap, throughput", Target.Status.MISSED,
            "m5 0.25x; uniform-1line: not measured (omnistock-journal-sync did not run)");
        assertTarget(targets, "heap per position at 10,000,000 positions", Target.Status.MET,
            "60.5 bytes (92.5 with a safety stock on every position)");
        assertTarget(targets, "allocation per command, state machine", Target.Status.MISSED,
            "at most 24.00 B/op (LifecycleBenchmark.reserveConfirmFulfil openHolds=10000)");
    }

    @Test
    void shouldSayWhyATargetWasNotMeasured() throws Exception
    {
        final Map<String, Target> targets = byName(Targets.evaluate(fixture(), FULL));

        final Target redis = targets.get("omnistock-journal-async over redis-aof-everysec, throughput");
        assertEquals(Target.Status.NOT_MEASURED, redis.status());
        assertTrue(redis.measured().contains("redis-aof-everysec skipped (Redis not reachable"), redis.measured());
        final Target pipelinedRedis = targets.get(
            "omnistock-journal-sync-pipelined over redis-aof-always-pipelined, throughput");
        assertEquals(Target.Status.NOT_MEASURED, pipelinedRedis.status());
    }

    @Test
    void shouldRenderTheTargetsTheWorkloadsM5FirstAndEveryPiece() throws Exception
    {
        final String md = quick(fixture(), BUSY_MACHINE);

        assertTrue(md.contains("1 met, 6 met in quick mode only, 8 missed, 4 not measured."), md);
        assertTrue(md.contains("| replay of the journal | at least 5,000,000 events/s | 1,136,364 events/s | **missed** |"), md);
        assertTrue(md.contains("| recovery of 10,000,000 events | in seconds (under 10 s) | 8.8 s (median) | met in " +
            "quick mode only (indicative; judge with --full) |"), md);
        assertTrue(md.contains("| state machine vs array floor, uniform positions | at most 3x the floor's cost | 5.0x | " +
            "**missed** |"), md);
        assertTrue(md.indexOf("## Workload: m5") < md.indexOf("## Workload: uniform-1line"), "M5 first");
        assertTrue(md.indexOf("## Targets") < md.indexOf("## Workload: m5"), "targets before the workloads");
        assertTrue(md.contains("| postgres-async-commit | process-crash | 16 x 1 | 4,000 | 2.0 | 10.0 | 100.0 | 1000.0 |"), md);
        assertTrue(md.contains("| ReserveReleaseUniformBenchmark.reserveAndRelease | openHolds=10000 | 6,000,000 | " +
            "60,000 | 0.01 | 5.0 |"), md);
        assertTrue(md.contains("| async | 1,000,000 | 1,000,000 |"), "open-loop table: " + md);
        assertTrue(md.contains("| replay of 10,000,000 events, read and applied (median of 3) | 1,136,364 events/s |"), md);
        assertTrue(md.contains("| recovery times, whole | 9.00, 8.50, 8.80 s |"), md);
        assertTrue(md.contains("| of which allocating the empty machine | 0.20, 0.10, 0.10 s |"), md);
        assertTrue(md.contains("**60.5 bytes of heap per position**"), md);
        assertTrue(md.contains("it holds **92.5 bytes per position**: the worst case."), md);
    }

    @Test
    void shouldSetTheUniformCommandAndFloorAgainstTheMachinesDependentRead() throws Exception
    {
        final Inputs inputs = fixture();
        // fixture: 10,000,000 dependent reads/s (100 ns each); engine 6,000,000 commands/s; uniform floor 30,000,000/s
        final String md = quick(inputs, BUSY_MACHINE);
        assertTrue(md.contains("at a random place in 64 MiB (`MemoryLatencyBenchmark.dependentRead`), took **100.0 ns** " +
            "on this machine. One command of `ReserveReleaseUniformBenchmark.reserveAndRelease` took 166.7 ns, the " +
            "time of 1.7 such reads; one operation of the uniform floor took 33.3 ns (its reads do not depend on each " +
            "other, so the core can overlap them). A command's lookups are chains"), md);
        assertTrue(md.indexOf("**Memory latency.**") > md.indexOf("## State machine alone (JMH)"), md);
        assertTrue(md.indexOf("**Memory latency.**") < md.indexOf("## Latency under load, open loop"), md);

        // the largest region of several; a result in another mode than throughput is left out
        final JmhResult read = only(inputs, Targets.MEMORY_LATENCY);
        final List<JmhResult> regions = new ArrayList<>(inputs.jmh());
        regions.add(new JmhResult(read.benchmark(), Map.of("mebibytes", "256"), 5_000_000, 1, "ops/s", 0.0, ""));
        regions.add(new JmhResult(read.benchmark(), Map.of("mebibytes", "1024"), 150, 1, "ns/op", 0.0, ""));
        assertTrue(quick(withJmh(inputs, regions), BUSY_MACHINE).contains("at a random place in 256 MiB " +
            "(`MemoryLatencyBenchmark.dependentRead`), took **200.0 ns** on this machine. One command of " +
            "`ReserveReleaseUniformBenchmark.reserveAndRelease` took 166.7 ns, the time of 0.8 such reads;"), md);

        final List<JmhResult> noFloor = without(inputs, "ArrayFloorBenchmark.takeAndGiveBack");
        assertTrue(quick(withJmh(inputs, noFloor), BUSY_MACHINE).contains("the time of 1.7 such reads. A command's " +
            "lookups are chains"), "the sentence ends without the floor");
        final List<JmhResult> noEngine = without(inputs, Targets.uniformEngine());
        assertTrue(quick(withJmh(inputs, noEngine), BUSY_MACHINE).contains("took **100.0 ns** on this machine. A " +
            "command's lookups are chains"), "nothing said of the command when it did not run");
        assertFalse(quick(withJmh(inputs, without(inputs, Targets.MEMORY_LATENCY)), BUSY_MACHINE)
            .contains("Memory latency"), "nothing said when the calibration did not run");
    }


    @Test
    void shouldBoundEachSyncedTargetByTheCheapestMeasuredDeviceSync() throws Exception
    {
        final Inputs inputs = fixture();
        final String md = quick(inputs, BUSY_MACHINE);

        // the 256-byte sync's median, 128 µs, is the cheaper: 16 x 1 in flight gives 125,000/s; only synced
        // omnistock systems count, and only on workloads where the peer ran too
        assertTrue(md.contains("of 256 bytes appended at a time (`msync`, 1,000 syncs, nothing else of the tool " +
            "running), took **128 µs** at the median (mean 140 µs, p99 400 µs)"), md);
        assertTrue(md.contains("| omnistock-journal-sync over postgres-sync-commit | m5 | 16 | 125,000 | 2,000 | " +
            "62.50x | at least 100x | 50.00x |"), md);
        assertTrue(md.contains("| omnistock-journal-sync over synchronized-hashmap | m5 | 16 | 125,000 | 400,000 | " +
            "0.31x | faster | 0.25x |"), md);
        assertEquals(2, Targets.syncCeilings(inputs).size(),
            "async systems, and workloads where either system is missing, are left out");
        assertTrue(md.contains("| device sync of 256 appended bytes (`msync`, 1,000 syncs): p50, mean, p99, max | " +
            "128, 140, 400, 900 µs |"), md);
        assertTrue(md.contains("| device sync of 4,096 appended bytes (`msync`, 1,000 syncs): p50, mean, p99, max | " +
            "200, 210, 500, 1,000 µs |"), md);
        final int section = md.indexOf("### What the device allows");
        assertTrue(md.indexOf("## Targets") < section && section < md.indexOf("## Workload: m5"), "below the targets");
    }

    @Test
    void shouldCountEveryCommandInFlightOfAPipelinedSyncedSystem() throws Exception
    {
        final Inputs inputs = fixture();
        final List<MarkdownReport.WorkloadRows> workloads = new ArrayList<>();
        for (final MarkdownReport.WorkloadRows workload : inputs.peers().workloads())
        {
            final List<RunRow> rows = new ArrayList<>(workload.rows() == null ? List.of() : workload.rows());
            if (workload.name().equals("uniform-1line"))
            {
                final RunRow ours = rows.stream().filter(r -> r.system().equals("omnistock-journal-sync-pipelined"))
                    .findFirst().orElseThrow();
                rows.add(new RunRow(ours.workload(), "redis-aof-always-pipelined", ours.durability(), ours.threads(),
                    ours.batch(), 40_000, ours.p50Us(), ours.p99Us(), ours.p999Us(), ours.maxUs(), ours.measuredOps(),
                    ours.measuredSeconds(), ours.acceptedMeasured(), ours.rejectedMeasured(), ours.opsRun(),
                    ours.bytesPerPosition(), ours.memorySource(), List.of(), null, null, null));
            }
            workloads.add(new MarkdownReport.WorkloadRows(workload.name(), workload.description(), workload.skipped(),
                rows));
        }
        final ComparisonResults peers = inputs.peers();
        final Inputs pipelined = new Inputs(inputs.jmh(), inputs.journal(), inputs.latency(),
            new ComparisonResults(peers.mode(), peers.finishedAt(), peers.machine(), peers.settings(), workloads),
            inputs.memory());

        // 16 clients x 32 in flight over 128 µs: 4,000,000/s, 100x the peer's 40,000/s; measured 450,000 / 40,000
        final String md = quick(pipelined, BUSY_MACHINE);
        assertTrue(md.contains("| omnistock-journal-sync-pipelined over redis-aof-always-pipelined | uniform-1line | " +
            "512 | 4,000,000 | 40,000 | 100.00x | at least 20x | 11.25x |"), md);
    }

    @Test
    void shouldReadJournalFiguresWrittenBeforeTheDeviceSyncWasMeasured() throws Exception
    {
        final Path fixtures = fixtureFolder();
        final Path old = Files.createDirectories(temp.resolve("old"));
        final String journal = Files.readString(fixtures.resolve("journal.json"));
        final String withoutSync = journal.substring(0, journal.indexOf(",\n \"deviceSyncs\"")) + "\n}\n";
        Files.writeString(old.resolve("journal.json"), withoutSync);
        final Inputs inputs = Inputs.read(fixtures.resolve(BenchmarkReport.JMH_FILE), old.resolve("journal.json"),
            fixtures.resolve(BenchmarkReport.LATENCY_FILE), fixtures.resolve(BenchmarkReport.PEERS_FILE),
            fixtures.resolve(BenchmarkReport.MEMORY_FILE));

        assertEquals(null, inputs.journal().deviceSyncs(), "absent from the file");
        assertTrue(Targets.syncCeilings(inputs).isEmpty(), "no ceiling without a measured sync");
        final String md = quick(inputs, BUSY_MACHINE);
        assertFalse(md.contains("What the device allows"), "section omitted");
        assertFalse(md.contains("device sync of"), "no journal row");
        assertTrue(md.contains("| replay of the journal |"), "the rest is rendered: " + md);
    }

    @Test
    void shouldWarnOfNoiseOnlyWhenTheMachineWasBusy() throws Exception
    {
        final String busy = ReportMarkdown.render(fixture(), BUSY_MACHINE, FULL, Charts.Written.none());
        final String quiet = ReportMarkdown.render(fixture(), QUIET_MACHINE, FULL, Charts.Written.none());

        assertTrue(busy.contains("**Noisy run.** The load average was 3.50 2.00 1.00 at the start"), busy);
        assertFalse(quiet.contains("Noisy run"), quiet);
    }

    @Test
    void shouldReportEveryTargetAsNotMeasuredWhenNothingRan() throws Exception
    {
        final Path empty = Files.createDirectories(temp.resolve("empty"));
        final Inputs nothing = Inputs.read(empty.resolve("jmh.json"), empty.resolve("journal.json"),
            empty.resolve("latency.json"), empty.resolve("peers.json"), empty.resolve("memory.json"));

        assertTrue(Targets.evaluate(nothing, QUICK).stream().allMatch(t -> t.status() == Target.Status.NOT_MEASURED));
        final String md = ReportMarkdown.render(nothing, QUIET_MACHINE, QUICK,
            Charts.write(nothing, temp.resolve("charts"), "charts"));
        assertTrue(md.contains("0 met, 0 met in quick mode only, 0 missed, 19 not measured."), md);
        assertFalse(md.contains("## Charts"), md);
    }

    @Test
    void shouldShowASkippedM5WorkloadWithItsReasonAndDrawNoChartOfIt() throws Exception
    {
        final Inputs fixture = fixture();
        final String reason = "M5 data not found: /nowhere/sales_evaluation_d1942_d1969.csv does not exist";
        final List<MarkdownReport.WorkloadRows> workloads = new ArrayList<>(fixture.workloads());
        workloads.set(0, new MarkdownReport.WorkloadRows("m5", null, reason, List.of()));
        final Inputs skipped = new Inputs(fixture.jmh(), fixture.journal(), fixture.latency(),
            new ComparisonResults("quick", "2026-11-23T12:00:00Z", "fixture", Map.of(), workloads), fixture.memory());

        final Charts.Written written = Charts.write(skipped, temp.resolve("charts"), "charts");
        final String md = ReportMarkdown.render(skipped, QUIET_MACHINE, QUICK, written);

        assertTrue(md.contains("## Workload: m5\n\nSkipped: " + reason), md);
        assertFalse(written.latencyByWorkload().containsKey("m5"));
        assertFalse(Files.exists(temp.resolve("charts").resolve(Charts.latencyFile("m5"))));
        assertEquals(Target.Status.NOT_MEASURED, byName(Targets.evaluate(skipped, FULL))
            .get("omnistock-journal-sync over postgres-sync-commit, throughput").status(), "measured on m5 only");
    }

    @Test
    void shouldWriteThePngChartsAndLinkThem() throws Exception
    {
        final Path folder = temp.resolve("docs/benchmarks");
        final Charts.Written written = Charts.write(fixture(), folder, "docs/benchmarks");

        for (final String file : List.of(Charts.THROUGHPUT_FILE, Charts.OPEN_LOOP_FILE, Charts.latencyFile("m5"),
            Charts.latencyFile("uniform-1line")))
        {
            final byte[] bytes = Files.readAllBytes(folder.resolve(file));
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), file + " is a PNG");
        }
        assertEquals("docs/benchmarks/throughput.png", written.throughput());
        assertEquals("docs/benchmarks/latency-m5.png", written.latencyByWorkload().get("m5"));
        final String md = ReportMarkdown.render(fixture(), QUIET_MACHINE, QUICK, written);
        assertTrue(md.contains("![Throughput per system and workload](docs/benchmarks/throughput.png)"), md);
        assertTrue(md.contains("(docs/benchmarks/latency-uniform-1line.png)"), md);
    }

    private static void assertTarget(final Map<String, Target> targets, final String name, final Target.Status status,
        final String measured)
    {
        final Target target = targets.get(name);
        assertTrue(target != null, "no target named " + name + " in " + targets.keySet());
        assertEquals(status, target.status(), name + ": " + target.measured());
        assertEquals(measured, target.measured(), name);
    }

    private static String quick(final Inputs inputs, final Machine machine)
    {
        return ReportMarkdown.render(inputs, machine, QUICK, Charts.Written.none());
    }
}
