package io.omnistock.benchmarks.report;

import io.omnistock.benchmarks.journal.JournalFiguresResult;
import io.omnistock.benchmarks.latency.LatencyReport;
import io.omnistock.benchmarks.peers.MarkdownReport;
import io.omnistock.benchmarks.peers.RunRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The targets evaluated against one run's figures: each with the measured figure beside it and met, missed
 * or not measured. A miss is reported, never hidden; a figure a run did not measure says why. A quick run's figures
 * come from smaller workloads and shorter runs, so what it meets is "met in quick mode only", never plainly met
 * (except heap per position, which both modes measure alike). Stateless.
 */
public final class Targets
{
    /** The state machine's cost may be at most this multiple of the array floor's. */
    public static final double FLOOR_TIMES_MAX = 3;
    /** Single-line reservations per second of the state machine alone (their releases not counted). */
    public static final double MACHINE_PER_SECOND_MIN = 5_000_000;
    /** Single-line reservations per second through the pipeline with the async journal. */
    public static final double ASYNC_PER_SECOND_MIN = 2_000_000;
    /** p99 at half the async target rate. */
    public static final double ASYNC_P99_MICROS_MAX = 20;
    /** Single-line reservations per second through the pipeline with the sync journal. */
    public static final double SYNC_PER_SECOND_MIN = 200_000;
    /**
     * Commands per reservation in the scenarios the throughput targets read (JMH {@code reserveAndRelease}, the
     * comparison's {@link #SINGLE_LINE_WORKLOAD}, the open-loop harness): each reserve is followed by its release,
     * and both count as operations, but only the reserve is a reservation.
     */
    public static final int COMMANDS_PER_RESERVATION = 2;
    /** Journal events replayed per second (issue #3). */
    public static final double REPLAY_PER_SECOND_MIN = 5_000_000;
    /** The journal size the recovery target is stated at (issue #3: "recovery of 10 million events in seconds"). */
    public static final long RECOVERY_EVENTS = 10_000_000;
    /** "In seconds", read as under this many. */
    public static final double RECOVERY_SECONDS_MAX = 10;
    /** Heap bytes per position at {@link #HEAP_POSITIONS} positions. */
    public static final double HEAP_BYTES_PER_POSITION_MAX = 64;
    /** The number of positions the heap target is stated at. */
    public static final long HEAP_POSITIONS = 10_000_000;
    /** Allocation per command below this counts as zero (JMH's own bookkeeping is about 0.01 B/op). */
    public static final double ALLOC_ZERO_BYTES_MAX = 0.5;
    /** The smallest heap object (a header and padding to 8 bytes): the least one allocation can add. */
    public static final int SMALLEST_OBJECT_BYTES = 16;
    /**
     * The fewest commands over which one {@link #SMALLEST_OBJECT_BYTES} allocation averages under
     * {@link #ALLOC_ZERO_BYTES_MAX}, and so is not seen: 33 (16 / 32 is 0.5, which counts; 16 / 33 does not).
     */
    public static final long ALLOC_UNSEEN_COMMANDS_MIN =
        (long)Math.floor(SMALLEST_OBJECT_BYTES / ALLOC_ZERO_BYTES_MAX) + 1;
    /** The comparison workload the pipeline throughput targets read: single-line reserve and release. */
    public static final String SINGLE_LINE_WORKLOAD = "uniform-1line";

    private static final String[][] FLOOR_PAIRS = {
        {"ReserveReleaseUniformBenchmark.reserveAndRelease", "UNIFORM"},
        {"ReserveReleaseZipfBenchmark.reserveAndRelease", "ZIPF"},
        {"HotSkuBenchmark.reserveAndRelease", "HOT"},
    };
    private static final String FLOOR = "ArrayFloorBenchmark.takeAndGiveBack";
    /** The machine's calibration: one dependent read at a random place in a region larger than the caches. */
    static final String MEMORY_LATENCY = "MemoryLatencyBenchmark.dependentRead";
    private static final String OPEN_HOLDS = "openHolds";
    /** The comparison's durability class of a system that answers only once the command is synced (its systems). */
    private static final String SYNCED = "power-loss";

    private Targets()
    {
    }

    /**
     * @param inputs one run's figures.
     * @param run    how the run was made: in quick mode a target met is {@link Target.Status#MET_IN_QUICK_MODE}.
     * @return every target, in the order.
     */
    public static List<Target> evaluate(final Inputs inputs, final Run run)
    {
        final List<Target> targets = new ArrayList<>();
        for (final String[] pair : FLOOR_PAIRS)
        {
            targets.add(floorRatio(inputs, pair[0], pair[1]));
        }
        targets.add(machineThroughput(inputs));
        targets.add(pipelineThroughput(inputs, "omnistock-journal-async-pipelined", "async", ASYNC_PER_SECOND_MIN));
        targets.add(asyncP99(inputs));
        targets.add(pipelineThroughput(inputs, "omnistock-journal-sync-pipelined", "sync", SYNC_PER_SECOND_MIN));
        for (final MarkdownReport.RatioTarget ratio : MarkdownReport.TARGETS)
        {
            targets.add(peerRatio(inputs, ratio));
        }
        final Target heap = heapPerPosition(inputs);
        targets.add(heap);
        targets.add(allocation(inputs, run));
        targets.add(replay(inputs));
        targets.add(recovery(inputs));
        if (run.quick())
        {
            // heap per position is measured alike in both modes (10M positions, or not measured)
            targets.replaceAll(target -> target == heap ? target : target.indicative());
        }
        return targets;
    }

    /**
     * @param engine  an engine benchmark.
     * @param floor   the floor's engine pattern it compares with.
     * @param inputs  the run's figures.
     * @return floor ops/s over engine ops/s, or empty when either did not run or is not in a throughput unit.
     */
    static Optional<Double> floorTimes(final Inputs inputs, final String engine, final String floor)
    {
        final Optional<JmhResult> ours = inputs.jmhResult(engine, null, null);
        final Optional<JmhResult> theirs = ours.flatMap(o -> floorFor(inputs, o, floor));
        if (theirs.isEmpty() || notThroughput(ours.get(), theirs.get()).isPresent())
        {
            return Optional.empty();
        }
        return Optional.of(times(theirs.get(), ours.get()));
    }

    /** @return how many times the first's throughput is the second's; both in a throughput unit. */
    private static double times(final JmhResult faster, final JmhResult slower)
    {
        return faster.opsPerSecond().getAsDouble() / slower.opsPerSecond().getAsDouble();
    }

    /**
     * @param results JMH results a target reads.
     * @return why they cannot be read, naming the first whose unit is not a throughput, or empty when none is.
     */
    private static Optional<String> notThroughput(final JmhResult... results)
    {
        for (final JmhResult result : results)
        {
            if (result.opsPerSecond().isEmpty())
            {
                return Optional.of("JMH reported " + result.benchmark() + " in " + result.scoreUnit() + ", not a " +
                    "throughput (" + JmhResult.THROUGHPUT_UNITS + "): run it in mode thrpt");
            }
        }
        return Optional.empty();
    }

    /**
     * @param inputs  the run's figures.
     * @param engine  an engine benchmark's result.
     * @param pattern the floor's access pattern it compares with.
     * @return the floor's result under that pattern with the engine's open holds, or empty when it did not run.
     */
    static Optional<JmhResult> floorFor(final Inputs inputs, final JmhResult engine, final String pattern)
    {
        return inputs.jmh().stream().filter(r -> r.benchmark().equals(FLOOR) && pattern.equals(r.param("pattern")) &&
            Objects.equals(r.param(OPEN_HOLDS), engine.param(OPEN_HOLDS))).findFirst();
    }

    /** @return the engine benchmark of single-line reservations at uniform positions. */
    static String uniformEngine()
    {
        return FLOOR_PAIRS[0][0];
    }

    /**
     * @param engine a benchmark, {@code Class.method}.
     * @return the floor pattern it is compared with, or null.
     */
    static String floorPattern(final String engine)
    {
        for (final String[] pair : FLOOR_PAIRS)
        {
            if (pair[0].equals(engine))
            {
                return pair[1];
            }
        }
        return null;
    }

    private static Target floorRatio(final Inputs inputs, final String engine, final String pattern)
    {
        final String name = "state machine vs array floor, " + pattern.toLowerCase(Locale.ROOT) + " positions";
        final String wanted = "at most " + number(FLOOR_TIMES_MAX) + "x the floor's cost";
        final Optional<JmhResult> ours = inputs.jmhResult(engine, null, null);
        final Optional<JmhResult> floor = ours.flatMap(o -> floorFor(inputs, o, pattern));
        if (floor.isEmpty())
        {
            return Target.notMeasured(name, wanted, "JMH did not run " + engine + " and the " + pattern + " floor");
        }
        final Optional<String> unit = notThroughput(ours.get(), floor.get());
        if (unit.isPresent())
        {
            return Target.notMeasured(name, wanted, unit.get());
        }
        final double times = times(floor.get(), ours.get());
        return new Target(name, wanted, String.format(Locale.ROOT, "%.1fx", times),
            Target.Status.of(times <= FLOOR_TIMES_MAX), "JMH " + engine + " vs " + FLOOR + " " + pattern);
    }

    private static Target machineThroughput(final Inputs inputs)
    {
        final String engine = uniformEngine();
        final String name = "state machine, single-line reservations";
        final String wanted = "at least " + number(MACHINE_PER_SECOND_MIN) + "/s";
        final Optional<JmhResult> result = inputs.jmhResult(engine, null, null);
        if (result.isEmpty())
        {
            return Target.notMeasured(name, wanted, "JMH did not run " + engine);
        }
        final Optional<String> unit = notThroughput(result.get());
        if (unit.isPresent())
        {
            return Target.notMeasured(name, wanted, unit.get());
        }
        final double commandsPerSecond = result.get().opsPerSecond().getAsDouble();
        return new Target(name, wanted, reservations(commandsPerSecond),
            Target.Status.of(commandsPerSecond / COMMANDS_PER_RESERVATION >= MACHINE_PER_SECOND_MIN), "JMH " + engine);
    }

    private static Target pipelineThroughput(final Inputs inputs, final String system, final String journal,
        final double minimum)
    {
        final String name = "pipeline, " + journal + " journal, single-line reservations";
        final String wanted = "at least " + number(minimum) + "/s";
        return inputs.peerRow(SINGLE_LINE_WORKLOAD, system)
            .map(row -> new Target(name, wanted, reservations(row.opsPerSecond()),
                Target.Status.of(row.opsPerSecond() / COMMANDS_PER_RESERVATION >= minimum),
                "comparison " + SINGLE_LINE_WORKLOAD + " / " + system + " (" + row.threads() + " clients x " +
                    row.batch() + " in flight)"))
            .orElseGet(() -> Target.notMeasured(name, wanted, "the comparison did not run " + system + " on " +
                SINGLE_LINE_WORKLOAD + " (or it failed its check)"));
    }

    /**
     * @param commandsPerSecond reserve and release commands per second.
     * @return the reservations per second they are, with the commands beside them.
     */
    private static String reservations(final double commandsPerSecond)
    {
        return number(commandsPerSecond / COMMANDS_PER_RESERVATION) + "/s (" + number(commandsPerSecond) +
            " commands/s, a release after each reserve)";
    }

    private static Target asyncP99(final Inputs inputs)
    {
        final long reservationRate = Math.round(ASYNC_PER_SECOND_MIN / 2);
        final long rate = reservationRate * COMMANDS_PER_RESERVATION;
        final String name = "pipeline, async journal, p99 latency at " + number(reservationRate) +
            " reservations/s (open loop, " + number(rate) + " commands/s offered with their releases)";
        final String wanted = "under " + number(ASYNC_P99_MICROS_MAX) + " µs";
        final Optional<LatencyReport.ModeResult> async = inputs.latency() == null ? Optional.empty() :
            inputs.latency().modes().stream().filter(m -> m.mode().equals("async")).findFirst();
        if (async.isEmpty())
        {
            return Target.notMeasured(name, wanted, "the open-loop harness did not run the async journal");
        }
        final String source = "open-loop harness, async journal";
        return async.get().rates().stream().filter(r -> r.offeredPerSecond() == rate).findFirst()
            .map(r -> new Target(name, wanted, String.format(Locale.ROOT, "%,.1f µs%s", r.p99Micros(),
                r.held() ? "" : " (rate not held: achieved " + number(r.achievedPerSecond()) + "/s)"),
                Target.Status.of(r.held() && r.p99Micros() < ASYNC_P99_MICROS_MAX), source))
            .orElseGet(() -> new Target(name, wanted, "not reached: the ramp stopped first (" +
                async.get().stoppedBecause() + ")", Target.Status.MISSED, source));
    }

    /**
     * Met only when every workload that ran has a passing row of both systems and meets the ratio there; missed when
     * one that was measured misses; otherwise not measured. Each workload is named with its ratio, or why it has
     * none.
     */
    private static Target peerRatio(final Inputs inputs, final MarkdownReport.RatioTarget ratio)
    {
        final String name = ratio.omnistock() + " over " + ratio.peer() + ", throughput";
        final String wanted = ratio.wanted();
        final List<String> measured = new ArrayList<>();
        boolean missed = false;
        boolean unmeasured = false;
        for (final MarkdownReport.WorkloadRows workload : inputs.workloads())
        {
            if (workload.skipped() != null)
            {
                continue;
            }
            final List<RunRow> rows = workload.rows() == null ? List.of() : workload.rows();
            final Double times = ratio.ratio(rows);
            if (times == null)
            {
                measured.add(workload.name() + ": not measured (" + whyNoRatio(rows, ratio) + ")");
                unmeasured = true;
            }
            else
            {
                measured.add(workload.name() + " " + MarkdownReport.ratio(times) + "x");
                missed |= !ratio.met(times);
            }
        }
        if (measured.isEmpty())
        {
            return Target.notMeasured(name, wanted, inputs.peers() == null ? "the comparison did not run" :
                "the comparison ran no workload");
        }
        final Target.Status status = missed ? Target.Status.MISSED :
            unmeasured ? Target.Status.NOT_MEASURED : Target.Status.MET;
        return new Target(name, wanted, String.join("; ", measured), status,
            "comparison, every workload that ran (met only if each one has both systems measured and meets it)");
    }

    /**
     * What the device allows one synced ratio target on one workload: omnistock's synced system answers at most its
     * commands in flight per sync, one sync at a time.
     *
     * @param target           the ratio target (its omnistock system syncs before answering).
     * @param workload         the workload.
     * @param inFlight         omnistock's commands in flight: client threads times batch.
     * @param ceilingPerSecond {@code inFlight} over the device's median sync time.
     * @param peerPerSecond    the peer's measured throughput.
     * @param measuredTimes    omnistock's measured throughput over the peer's.
     */
    public record SyncCeiling(MarkdownReport.RatioTarget target, String workload, long inFlight,
        double ceilingPerSecond, double peerPerSecond, double measuredTimes)
    {
        /** @return the highest ratio any system syncing once per group could reach over the peer here. */
        public double bestTimes()
        {
            return ceilingPerSecond / peerPerSecond;
        }
    }

    /**
     * @param inputs one run's figures.
     * @return the device sync the ceilings read: the one of smallest median (the cheapest sync measured, so that a
     * ceiling is never set too low), or empty when none was measured.
     */
    public static Optional<JournalFiguresResult.DeviceSync> cheapestSync(final Inputs inputs)
    {
        return inputs.journal() == null || inputs.journal().deviceSyncs() == null ? Optional.empty() :
            inputs.journal().deviceSyncs().stream().filter(sync -> sync.p50Micros() > 0)
                .min(Comparator.comparingDouble(JournalFiguresResult.DeviceSync::p50Micros));
    }

    /**
     * @param inputs one run's figures.
     * @return for every ratio target whose omnistock system syncs before answering ({@code power-loss}), on every
     * workload where both systems ran, its ceiling on this device at the {@link #cheapestSync}; empty when no device
     * sync was measured.
     */
    public static List<SyncCeiling> syncCeilings(final Inputs inputs)
    {
        final List<SyncCeiling> ceilings = new ArrayList<>();
        final Optional<JournalFiguresResult.DeviceSync> sync = cheapestSync(inputs);
        if (sync.isEmpty())
        {
            return ceilings;
        }
        final double syncSeconds = sync.get().p50Micros() / 1e6;
        for (final MarkdownReport.RatioTarget target : MarkdownReport.TARGETS)
        {
            for (final MarkdownReport.WorkloadRows workload : inputs.workloads())
            {
                final Optional<RunRow> ours = inputs.peerRow(workload.name(), target.omnistock());
                final Optional<RunRow> theirs = inputs.peerRow(workload.name(), target.peer());
                if (ours.isEmpty() || theirs.isEmpty() || !SYNCED.equals(ours.get().durability()) ||
                    theirs.get().opsPerSecond() <= 0)
                {
                    continue;
                }
                final long inFlight = (long)ours.get().threads() * ours.get().batch();
                ceilings.add(new SyncCeiling(target, workload.name(), inFlight, inFlight / syncSeconds,
                    theirs.get().opsPerSecond(), ours.get().opsPerSecond() / theirs.get().opsPerSecond()));
            }
        }
        return ceilings;
    }

    /**
     * @param rows  one workload's rows.
     * @param ratio a ratio target with no ratio on them.
     * @return why: each of its two systems that did not run, was skipped, failed its check or measured nothing.
     */
    private static String whyNoRatio(final List<RunRow> rows, final MarkdownReport.RatioTarget ratio)
    {
        final List<String> reasons = new ArrayList<>();
        for (final String system : List.of(ratio.omnistock(), ratio.peer()))
        {
            final Optional<RunRow> row = rows.stream().filter(r -> r.system().equals(system)).findFirst();
            if (row.isEmpty())
            {
                reasons.add(system + " did not run");
            }
            else if (row.get().skipped() != null)
            {
                reasons.add(system + " skipped (" + row.get().skipped() + ")");
            }
            else if (!row.get().problems().isEmpty())
            {
                reasons.add(system + " failed its check");
            }
            else if (row.get().opsPerSecond() <= 0)
            {
                reasons.add(system + " measured no operation");
            }
        }
        return String.join("; ", reasons);
    }

    private static Target replay(final Inputs inputs)
    {
        final String name = "replay of the journal";
        final String wanted = "at least " + number(REPLAY_PER_SECOND_MIN) + " events/s";
        if (inputs.journal() == null || inputs.journal().recovery() == null)
        {
            return Target.notMeasured(name, wanted, "JournalFigures did not run");
        }
        final double rate = inputs.journal().recovery().replayEventsPerSecond();
        return new Target(name, wanted, number(rate) + " events/s", Target.Status.of(rate >= REPLAY_PER_SECOND_MIN),
            "JournalFigures, median of " + inputs.journal().recovery().recoverySeconds().size() + " recoveries of " +
                number(inputs.journal().recovery().events()) + " events, after allocating the empty machine");
    }

    private static Target recovery(final Inputs inputs)
    {
        final String name = "recovery of " + number(RECOVERY_EVENTS) + " events";
        final String wanted = "in seconds (under " + number(RECOVERY_SECONDS_MAX) + " s)";
        if (inputs.journal() == null || inputs.journal().recovery() == null)
        {
            return Target.notMeasured(name, wanted, "JournalFigures did not run");
        }
        final JournalFiguresResult.Recovery recovery = inputs.journal().recovery();
        final double median =
            recovery.recoverySeconds().stream().sorted().toList().get(recovery.recoverySeconds().size() / 2);
        final String measured = String.format(Locale.ROOT, "%.1f s (median)", median);
        if (recovery.events() != RECOVERY_EVENTS)
        {
            return Target.notMeasured(name, wanted, "this run recovered " + number(recovery.events()) + " events: " +
                measured + "; --full recovers " + number(RECOVERY_EVENTS));
        }
        return new Target(name, wanted, measured, Target.Status.of(median < RECOVERY_SECONDS_MAX),
            "JournalFigures, " + recovery.recoverySeconds().size() + " recoveries, state hash checked");
    }

    private static Target heapPerPosition(final Inputs inputs)
    {
        final String name = "heap per position at " + number(HEAP_POSITIONS) + " positions";
        final String wanted = "at most " + number(HEAP_BYTES_PER_POSITION_MAX) + " bytes";
        if (inputs.memory() == null)
        {
            return Target.notMeasured(name, wanted, "HeapPerPosition did not run");
        }
        final long positions = inputs.memory().positions();
        final double worst = inputs.memory().safetyStockBytesPerPosition();
        final String measured = String.format(Locale.ROOT, "%,.1f bytes%s", inputs.memory().bytesPerPosition(),
            worst > 0 ? String.format(Locale.ROOT, " (%,.1f with a safety stock on every position)", worst) : "");
        if (positions != HEAP_POSITIONS)
        {
            return Target.notMeasured(name, wanted, "this run measured " + number(positions) + " positions: " +
                measured + "; benchmarks.sh measures " + number(HEAP_POSITIONS));
        }
        return new Target(name, wanted, measured,
            Target.Status.of(inputs.memory().bytesPerPosition() <= HEAP_BYTES_PER_POSITION_MAX),
            "HeapPerPosition, " + number(positions) + " positions");
    }

    /**
     * The largest allocation per command over the JMH benchmarks the run included. Each must have reported one: a
     * benchmark that failed or ran without {@code -prof gc} leaves the target not measured (missed when another
     * already allocates), named.
     */
    private static Target allocation(final Inputs inputs, final Run run)
    {
        final String name = "allocation per command, state machine";
        final String wanted = "0 bytes (under " + ALLOC_ZERO_BYTES_MAX + " B/op counts as 0: an allocation of " +
            SMALLEST_OBJECT_BYTES + " bytes every " + ALLOC_UNSEEN_COMMANDS_MIN + " or more commands would not be " +
            "seen)";
        if (run.jmhIncluded().isEmpty())
        {
            return Target.notMeasured(name, wanted, "the run included no JMH benchmark");
        }
        final List<JmhResult> allocating = inputs.jmh().stream().filter(r -> r.allocBytesPerOp() != null).toList();
        final List<String> missing = run.jmhIncluded().stream()
            .filter(benchmark -> allocating.stream().noneMatch(r -> r.benchmark().equals(benchmark))).toList();
        final Optional<JmhResult> worst =
            allocating.stream().max(Comparator.comparingDouble(JmhResult::allocBytesPerOp));
        if (worst.isEmpty())
        {
            return Target.notMeasured(name, wanted, "no gc.alloc.rate.norm from any of the " +
                run.jmhIncluded().size() + " JMH benchmarks this run included: no jmh.json (JMH failed or did not " +
                "run: see jmh.log), or JMH ran without -prof gc");
        }
        final JmhResult largest = worst.get();
        final String figure = String.format(Locale.ROOT, "at most %.2f B/op (%s%s)", largest.allocBytesPerOp(),
            largest.benchmark(), largest.params().isEmpty() ? "" : " " + largest.paramText());
        final boolean allocates = largest.allocBytesPerOp() >= ALLOC_ZERO_BYTES_MAX;
        final String source = "JMH -prof gc, gc.alloc.rate.norm, the largest of " + (run.jmhLeftOut().isEmpty() ?
            "every benchmark (" + run.jmhIncluded().size() + ")" : "the " + run.jmhIncluded().size() +
            " benchmarks this run included; left out: " + String.join(", ", run.jmhLeftOut()));
        if (!missing.isEmpty())
        {
            final String measured = "no gc.alloc.rate.norm from " + String.join(", ", missing) +
                " (not in jmh.json, or run without -prof gc); the others: " + figure;
            return allocates ? new Target(name, wanted, measured, Target.Status.MISSED, source) :
                Target.notMeasured(name, wanted, measured);
        }
        return new Target(name, wanted, figure, Target.Status.of(!allocates), source);
    }

    /**
     * @param value a figure.
     * @return it with thousands separators and no decimals.
     */
    static String number(final double value)
    {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
