package io.omnistock.benchmarks.latency;

import io.omnistock.benchmarks.JsonFiles;
import io.omnistock.benchmarks.RepositoryRoot;
import io.omnistock.benchmarks.latency.LatencyReport.ModeResult;
import io.omnistock.benchmarks.latency.LatencyReport.RateResult;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Latency under load, open loop: for each journal mode (off, async, sync), sends single-line reserve and release
 * commands ({@link ReserveReleaseLoad}) through the engine's zero-allocation {@code send} at fixed rates, ramping
 * up until the p99 breaks, the engine cannot keep the rate or it drops commands; measures every reply from its
 * command's intended send time (no coordinated omission) into an HdrHistogram. Each rate runs a warm-up, then the
 * measured run. Commands are sent with {@code waitForSpace = false}: a full ring is a drop, counted, never a
 * hidden wait.
 *
 * <p>Writes {@code latency.json} and {@code latency.md} (a Markdown table) to the output folder and prints the
 * table. Journals go to {@code <out>/journal-<mode>}, deleted before and after each mode. Needs the JVM flags of
 * {@code docs/jvm-flags.md} (the journal modes load Chronicle Queue); run it as {@code benchmarks/README.md} shows.
 *
 * <p>Threading: the main thread sends; the engine's answering thread (the writer, or the journal thread in sync
 * mode) records. Allocation: none per command while measuring; the load's command pool and the catalog are built
 * before.
 */
@Command(name = "open-loop-harness", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Open-loop latency of the omnistock pipeline per journal mode, rates ramping until p99 breaks.")
public final class OpenLoopHarness implements Callable<Integer>
{
    private static final long[] QUICK_RATES = {25_000, 50_000, 100_000, 200_000, 400_000, 800_000, 1_600_000,
        3_200_000};
    private static final long[] FULL_RATES = {25_000, 50_000, 100_000, 150_000, 200_000, 300_000, 400_000, 600_000,
        800_000, 1_000_000, 1_200_000, 1_600_000, 2_000_000, 2_400_000, 3_200_000, 4_000_000};
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long START_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * The rates of the runs that let the JIT settle before a ramp, a second each in turn: a low and a high one, so
     * that the code is compiled with the branch profile of both (compiled at one rate only, the writer's journal
     * group was recompiled at the first other rate measured). Every journal mode keeps both here.
     */
    static final long[] SETTLE_RATES = {25_000, 100_000};
    /** The JIT counts as settled after {@link #SETTLED_SECONDS} seconds in a row of compiling for less than this. */
    static final long SETTLED_COMPILE_MS = 10;
    /**
     * Quiet seconds in a row that count as settled: two at each settling rate. One at each was not enough: the JIT
     * compiles in bursts, as methods cross the next tier's thresholds, and compiled for 343 ms during the next
     * measured run.
     */
    static final int SETTLED_SECONDS = 4;

    @Option(names = "--quick", description = "Quick ramp: 1 s warm-up and 2 s measured per rate (about 1-2 minutes). "
        + "Default: the full ramp, 5 s warm-up and 20 s measured per rate.")
    private boolean quick;

    @Option(names = "--modes", split = ",", description = "Journal modes, in order (default: ${DEFAULT-VALUE}).")
    private List<JournalMode> modes = List.of(JournalMode.OFF, JournalMode.ASYNC, JournalMode.SYNC);

    @Option(names = "--rates", split = ",", description = "Rates to ramp through, commands/s (default: by mode).")
    private long[] rates;

    @Option(names = "--warmup-seconds", description = "Warm-up per rate (default: 1 quick, 5 full).")
    private Double warmupSeconds;

    @Option(names = "--measure-seconds", description = "Measured run per rate (default: 2 quick, 20 full).")
    private Double measureSeconds;

    @Option(names = "--jit-settle-seconds", description = "Before each mode's ramp, run the load a second at a "
        + "time at 25,000 and 100,000/s in turn until the JIT compiled for under 10 ms in each of 4 seconds in a row, "
        + "at most this long (default: 15 quick, 30 full; 0: no such runs). Without it the first rates are measured "
        + "while the compiler threads take a core.")
    private Double jitSettleSeconds;

    @Option(names = "--p99-target-us", description = "p99 target for the best-rate figure (default: ${DEFAULT-VALUE}).")
    private double p99TargetMicros = 100;

    @Option(names = "--stop-p99-us", description = "The ramp stops once p99 exceeds this (default: ${DEFAULT-VALUE}).")
    private double stopP99Micros = 1_000;

    @Option(names = "--keep-going", description = "Run every rate of the ramp, even after p99 broke (the shape on a "
        + "noisy machine).")
    private boolean keepGoing;

    @Option(names = "--wait-strategy", description = "Engine wait strategy: ${COMPLETION-CANDIDATES} (default: "
        + "${DEFAULT-VALUE}; BLOCKING suits a small shared machine, BUSY_SPIN needs a free core per engine thread).")
    private EngineConfig.WaitStrategy waitStrategy = EngineConfig.WaitStrategy.BLOCKING;

    @Option(names = "--pairs", description = "Reserve/release pairs in the command pool, a power of 2 (default: "
        + "${DEFAULT-VALUE}).")
    private int pairs = ReserveReleaseLoad.PAIRS_DEFAULT;

    @Option(names = "--seed", description = "Seed of the positions reserved (default: ${DEFAULT-VALUE}).")
    private long seed = 20_260_401L;

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path out = RepositoryRoot.resolve("benchmarks/target/latency");

    /**
     * @param args the options; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new OpenLoopHarness()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws IOException
    {
        final String machine = String.format("%s: %d cores, load average %.1f, JDK %s, heap %d MiB",
            Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"),
            Runtime.getRuntime().maxMemory() >> 20);
        final String settings = String.format("%s ramp, warm-up %.1f s, measured %.1f s per rate, wait strategy %s, "
                + "pool %,d pairs, %,d open holds, stop when p99 > %,.0f us%s", quick ? "quick" : "full", warmup(),
            measure(), waitStrategy, pairs, pairs / 64, stopP99Micros, keepGoing ? " (but keep going)" : "");
        final String settle = jitSettle() > 0 ? String.format("; before each ramp, JIT settling at %s in turn for "
            + "up to %.0f s", settleRates(), jitSettle()) : "";
        System.out.println(machine + "; " + settings + settle);
        final List<ModeResult> results = new ArrayList<>();
        for (final JournalMode mode : modes)
        {
            results.add(runMode(mode));
        }
        final LatencyReport report = new LatencyReport(machine, settings + settle, results);
        Files.createDirectories(out);
        JsonFiles.write(out.resolve("latency.json"), report);
        Files.writeString(out.resolve("latency.md"), report.markdown());
        System.out.println();
        System.out.print(report.markdown());
        System.out.println("\nwritten: " + out.resolve("latency.json") + ", " + out.resolve("latency.md"));
        return 0;
    }

    /** One mode's ramp on a fresh engine; the garbage of loading is collected before the first rate. */
    private ModeResult runMode(final JournalMode mode) throws IOException
    {
        final Path directory = out.resolve("journal-" + mode.name().toLowerCase());
        deleteRecursively(directory);
        final LatencyRecorder recorder = new LatencyRecorder(System::nanoTime);
        final ReserveReleaseLoad load = new ReserveReleaseLoad(pairs, seed);
        final List<RateResult> measured = new ArrayList<>();
        String stoppedBecause = null;
        String jitSettled = null;
        try (OmnistockEngine engine = mode.open(directory, ReserveReleaseLoad.config(pairs, waitStrategy)))
        {
            load.load(engine, recorder);
            System.gc();
            jitSettled = settleJit(mode, load, recorder);
            for (final long rate : rates == null ? (quick ? QUICK_RATES : FULL_RATES) : rates)
            {
                final RateResult result = measureRate(mode, rate, load, recorder);
                measured.add(result);
                final String reason = breakReason(result);
                if (reason != null && stoppedBecause == null)
                {
                    stoppedBecause = reason;
                    if (!keepGoing)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            deleteRecursively(directory);
        }
        return new ModeResult(mode.name().toLowerCase(), bestRate(measured), p99TargetMicros,
            stoppedBecause == null ? "ran every rate; none broke" : keepGoing ?
                "ran every rate (kept going after the first break); first break: " + stoppedBecause :
                "stopped at the first break: " + stoppedBecause, jitSettled, measured);
    }

    /**
     * Runs the load a second at a time, at each of {@link #SETTLE_RATES} in turn, until the JIT compiled for less
     * than {@link #SETTLED_COMPILE_MS} in each of {@link #SETTLED_SECONDS} seconds in a row, or
     * {@link #jitSettle()} seconds have passed: the hot paths are then compiled before the first rate is measured,
     * instead of while it is.
     *
     * @return what happened, for the report; null when there were no such runs.
     */
    private String settleJit(final JournalMode mode, final ReserveReleaseLoad load, final LatencyRecorder recorder)
    {
        final long limitSeconds = Math.round(jitSettle());
        if (limitSeconds <= 0)
        {
            return null;
        }
        final String rates = settleRates();
        String outcome = null;
        int quietInARow = 0;
        long lastCompileMs = -1;
        for (long second = 1; second <= limitSeconds && outcome == null; second++)
        {
            final JvmActivity before = JvmActivity.now();
            run(newSchedule(SETTLE_RATES[(int)(second % SETTLE_RATES.length)]), 1, load, recorder);
            lastCompileMs = JvmActivity.now().since(before).compileMillis();
            if (lastCompileMs < 0)
            {
                return String.format("JIT time not reported; ran %s for %d s", rates, limitSeconds);
            }
            quietInARow = lastCompileMs < SETTLED_COMPILE_MS ? quietInARow + 1 : 0;
            if (quietInARow == SETTLED_SECONDS)
            {
                outcome = String.format("JIT settled after %d s at %s in turn (under %d ms compiling in each of the "
                    + "last %d s)", second, rates, SETTLED_COMPILE_MS, SETTLED_SECONDS);
            }
        }
        if (outcome == null)
        {
            outcome = String.format("JIT still compiling after %d s at %s (%d ms in the last second)", limitSeconds,
                rates, lastCompileMs);
        }
        System.out.printf("%-5s %s%n", mode, outcome);
        return outcome;
    }

    /** A warm-up, then the measured run, at one rate; prints and returns the measured run. */
    private RateResult measureRate(final JournalMode mode, final long rate, final ReserveReleaseLoad load,
        final LatencyRecorder recorder)
    {
        run(newSchedule(rate), warmup(), load, recorder);
        final SendSchedule schedule = newSchedule(rate);
        final JvmActivity before = JvmActivity.now();
        final OpenLoopSender.Counts counts = run(schedule, measure(), load, recorder);
        final RateResult result = RateResult.of(schedule, counts, recorder, JvmActivity.now().since(before));
        System.out.printf("%-5s %,10d/s offered  %,10d/s achieved  p50 %,9.1f  p99 %,9.1f  p99.99 %,9.1f  "
                + "max %,10.1f us  met a full ring %,d  dropped %,d%n", mode, rate, result.achievedPerSecond(),
            result.p50Micros(), result.p99Micros(), result.p9999Micros(), result.maxMicros(),
            result.backPressured(), result.dropped());
        return result;
    }

    /** One run at one rate: sends the whole schedule, then waits until every accepted command is answered. */
    private static OpenLoopSender.Counts run(final SendSchedule schedule, final double seconds,
        final ReserveReleaseLoad load, final LatencyRecorder recorder)
    {
        recorder.start(schedule);
        final OpenLoopSender.Counts counts = OpenLoopSender.systemClock().run(schedule, schedule.count(seconds), load);
        final long deadlineNs = System.nanoTime() + DRAIN_TIMEOUT_NS;
        while (recorder.answered() < counts.accepted())
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException(String.format("only %,d of %,d accepted commands answered within %d s",
                    recorder.answered(), counts.accepted(), TimeUnit.NANOSECONDS.toSeconds(DRAIN_TIMEOUT_NS)));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (recorder.duplicates() > 0)
        {
            throw new IllegalStateException(recorder.duplicates() + " commands were answered as duplicates: the "
                + "command pool is too small for the engine's idempotency table");
        }
        if (recorder.rejected() > 0)
        {
            // a fast rejection would pass for a fast answer in the percentiles: the load must never meet one
            throw new IllegalStateException(recorder.rejected() + " commands were rejected: the load's stock or "
                + "reservation capacity does not fit its schedule, so the latencies would not be those of its work");
        }
        return counts;
    }

    private static SendSchedule newSchedule(final long rate)
    {
        return new SendSchedule(System.nanoTime() + START_DELAY_NS, rate);
    }

    /** @return why the ramp stops after this rate, or null to go on. */
    private String breakReason(final RateResult result)
    {
        if (!result.held())
        {
            return String.format("at %,d/s the rate was not held (achieved %,d/s%s%s)", result.offeredPerSecond(),
                result.achievedPerSecond(), result.unsent() > 0 ? String.format(Locale.ROOT, "; the sender gave up "
                    + "behind its schedule with %,d commands not sent", result.unsent()) : "",
                result.dropped() > 0 ? String.format(Locale.ROOT, "; %,d dropped", result.dropped()) : "");
        }
        if (result.p99Micros() > stopP99Micros)
        {
            return String.format("at %,d/s p99 was %,.1f us, above %,.0f us", result.offeredPerSecond(),
                result.p99Micros(), stopP99Micros);
        }
        return null;
    }

    private long bestRate(final List<RateResult> measured)
    {
        return measured.stream()
            .filter(rate -> rate.held() && rate.p99Micros() < p99TargetMicros)
            .mapToLong(RateResult::offeredPerSecond)
            .max()
            .orElse(0);
    }

    private double warmup()
    {
        return warmupSeconds != null ? warmupSeconds : quick ? 1 : 5;
    }

    /** @return {@link #SETTLE_RATES} for the report, e.g. "25,000 and 100,000/s". */
    private static String settleRates()
    {
        return Arrays.stream(SETTLE_RATES).mapToObj(rate -> String.format("%,d", rate))
            .collect(Collectors.joining(" and ")) + "/s";
    }

    private double jitSettle()
    {
        return jitSettleSeconds != null ? jitSettleSeconds : quick ? 15 : 30;
    }

    private double measure()
    {
        return measureSeconds != null ? measureSeconds : quick ? 2 : 20;
    }

    private static void deleteRecursively(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }
}
