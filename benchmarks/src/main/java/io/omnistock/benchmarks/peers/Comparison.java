package io.omnistock.benchmarks.peers;

import io.omnistock.benchmarks.JsonFiles;
import io.omnistock.benchmarks.workload.M5DataMissingException;
import io.omnistock.benchmarks.workload.M5Workload;
import io.omnistock.benchmarks.workload.StockService;
import io.omnistock.benchmarks.workload.SyntheticWorkloads;
import io.omnistock.benchmarks.workload.Workload;
import io.omnistock.engine.EngineConfig;
import io.omnistock.journal.Durability;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The side-by-side comparison: the same workloads, with the same semantics, on the same machine, in one run,
 * the real-data M5 workload first ({@link M5Workload}: a retailer's month; skipped, with the reason, when its data
 * folder is absent), against omnistock (no journal, journal async, journal sync; one at a time and pipelined) and the systems a
 * retailer would pick instead (a synchronized HashMap, a ConcurrentHashMap, PostgreSQL with synchronous_commit on
 * and off, Redis with AOF fsync always and every second, one at a time and pipelined). For each workload and
 * system: load (not timed), run closed-loop ({@link ClosedLoopRun}), cross-check the final stock
 * ({@link LedgerCheck}); then compare each system with omnistock at equal durability. Writes {@code peers.json}
 * and {@code peers.md} to the output folder. PostgreSQL and Redis are skipped, with the reason, when not
 * reachable; only loopback addresses are accepted. Exit code 1 when a run failed its check.
 *
 * <p>Runs the systems one after another from one thread (each run starts its own client threads); allocates freely
 * outside the measured loops.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.omnistock.benchmarks.peers.Comparison --mode quick</pre>
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Runs the workloads against omnistock and its peers; writes peers.json and peers.md.")
public final class Comparison implements Callable<Integer>
{
    /** Quick or full. */
    enum Mode
    {
        /** Small workloads, seconds per run: about 5 minutes in all. */
        quick,
        /** 1,000,000 positions, 1,000,000 reservations, longer runs. */
        full
    }

    private static final SyntheticWorkloads.Size JVM_WARMUP_SIZE = new SyntheticWorkloads.Size(1_000, 50_000, 1_000);
    private static final long JVM_WARMUP_NS = TimeUnit.MILLISECONDS.toNanos(500);
    /** The name that selects the M5 workload in {@code --workloads}. */
    static final String M5_NAME = "m5";

    @Option(names = "--mode", description = "quick or full (default: ${DEFAULT-VALUE}).")
    Mode mode = Mode.quick;
    @Option(names = "--workloads", split = ",", description = "Workload names, " + M5_NAME + " for the M5 one "
        + "(default: all).")
    List<String> workloads = new ArrayList<>();
    @Option(names = "--systems", split = ",", description = "System names (default: all).")
    List<String> systems = new ArrayList<>();
    @Option(names = "--threads", description = "Client threads for in-process systems (default: ${DEFAULT-VALUE}).")
    int threads = 16;
    @Option(names = "--server-threads", description = "Client threads for PostgreSQL and Redis (default: ${DEFAULT-VALUE}).")
    int serverThreads = 16;
    @Option(names = "--wait-strategy", description = "omnistock's pipeline wait strategy (default: ${DEFAULT-VALUE}).")
    EngineConfig.WaitStrategy waitStrategy = EngineConfig.WaitStrategy.SLEEPING;
    @Option(names = "--batch", description = "Operations per round trip when pipelined (default: ${DEFAULT-VALUE}).")
    int batch = 32;
    @Option(names = "--warmup-seconds", description = "Warm-up per run (default: 1 quick, 5 full).")
    Double warmupSeconds;
    @Option(names = "--measure-seconds", description = "Measured time per run (default: 2 quick, 20 full).")
    Double measureSeconds;
    @Option(names = "--m5", description = "The M5 data folder (default: ../shared/data/m5 from the repository root).")
    Path m5Folder = M5Workload.defaultFolder();
    @Option(names = "--m5-days", description = "Days of M5 data to run (default: ${DEFAULT-VALUE}).")
    int m5Days = M5Workload.DAYS_MAX;
    @Option(names = "--m5-seed", description = "Seed of the M5 generator (default: ${DEFAULT-VALUE}).")
    long m5Seed = M5Workload.SEED_DEFAULT;
    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("benchmarks/target/peers");
    @Option(names = "--data-dir", description = "Where journaled omnistock runs write (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("benchmarks/target/peers/data");
    @Option(names = "--postgres-url", description = "JDBC URL (default: ${DEFAULT-VALUE}).")
    String postgresUrl = "jdbc:postgresql://127.0.0.1:55432/omnistock";
    @Option(names = "--postgres-user", description = "(default: ${DEFAULT-VALUE}).")
    String postgresUser = "omnistock";
    @Option(names = "--postgres-password", description = "(default: ${DEFAULT-VALUE}).")
    String postgresPassword = "omnistock";
    @Option(names = "--redis-host", description = "(default: ${DEFAULT-VALUE}).")
    String redisHost = "127.0.0.1";
    @Option(names = "--redis-port", description = "(default: ${DEFAULT-VALUE}).")
    int redisPort = 56379;

    /**
     * @param args command line; {@code --help} lists the options.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new Comparison()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        requireLoopback(URI.create(postgresUrl.substring("jdbc:".length())).getHost());
        requireLoopback(redisHost);
        final Map<String, String> unreachable = unreachableFamilies();
        final Map<String, String> servers = servers(unreachable);
        warmUpJvm();
        final List<MarkdownReport.WorkloadRows> results = new ArrayList<>();
        if (selected(M5_NAME))
        {
            results.add(runM5(unreachable));
        }
        for (final SyntheticWorkloads.Scenario scenario : SyntheticWorkloads.Scenario.values())
        {
            if (selected(scenario.workloadName))
            {
                results.add(runWorkload(SyntheticWorkloads.build(scenario,
                    mode == Mode.quick ? SyntheticWorkloads.Size.quick() : SyntheticWorkloads.Size.full()), unreachable));
            }
        }
        write(results, servers);
        return results.stream().flatMap(w -> w.rows().stream()).allMatch(r -> r.skipped() != null || r.passed()) ? 0 : 1;
    }

    private boolean selected(final String workloadName)
    {
        return workloads.isEmpty() || workloads.contains(workloadName);
    }

    /** The M5 workload through every system, or a skipped entry saying why when its data is absent. */
    private MarkdownReport.WorkloadRows runM5(final Map<String, String> unreachable) throws Exception
    {
        final Workload workload;
        try
        {
            workload = M5Workload.generate(m5Folder, m5Days, m5Seed);
        }
        catch (final M5DataMissingException e)
        {
            System.out.println("SKIPPING the M5 workload: " + e.getMessage());
            return MarkdownReport.WorkloadRows.skipped(M5_NAME, e.getMessage());
        }
        return runWorkload(workload, unreachable);
    }

    private MarkdownReport.WorkloadRows runWorkload(final Workload workload, final Map<String, String> unreachable)
    {
        return new MarkdownReport.WorkloadRows(workload.name, workload.description, null,
            compare(runAll(workload, unreachable)));
    }

    /**
     * Runs the in-process systems once on a small workload, results discarded, so that the first measured runs do
     * not pay for compiling the shared code (the runner, the histograms, the maps, the engine).
     */
    private void warmUpJvm() throws Exception
    {
        System.out.println("warming up the JVM (results discarded)");
        final Workload small = SyntheticWorkloads.build(SyntheticWorkloads.Scenario.LIFECYCLE, JVM_WARMUP_SIZE);
        for (final SystemUnderTest system : systemsUnderTest())
        {
            if (system.family().equals(SystemUnderTest.IN_PROCESS))
            {
                try (StockService service = system.factory().get())
                {
                    service.load(small);
                    ClosedLoopRun.run(service, small, threads, 0, JVM_WARMUP_NS);
                }
            }
        }
    }

    private static void requireLoopback(final String host) throws Exception
    {
        if (host == null || !InetAddress.getByName(host).isLoopbackAddress())
        {
            throw new IllegalArgumentException("only loopback addresses may be targets: " + host);
        }
    }

    private Map<String, String> unreachableFamilies()
    {
        final Map<String, String> unreachable = new LinkedHashMap<>();
        final String postgres = PostgresService.unreachable(postgresUrl, postgresUser, postgresPassword);
        if (postgres != null)
        {
            unreachable.put(SystemUnderTest.POSTGRES, "PostgreSQL not reachable at " + postgresUrl + " (" + postgres +
                "); start it with benchmarks/scripts/peers.sh start");
        }
        final String redis = RedisService.unreachable(redisHost, redisPort);
        if (redis != null)
        {
            unreachable.put(SystemUnderTest.REDIS, "Redis not reachable at " + redisHost + ":" + redisPort + " (" +
                redis + "); start it with benchmarks/scripts/peers.sh start");
        }
        unreachable.values().forEach(reason -> System.out.println("SKIPPING: " + reason));
        return unreachable;
    }

    /** The version and settings of each server that answered, for the report's settings line. */
    private Map<String, String> servers(final Map<String, String> unreachable)
    {
        final Map<String, String> servers = new LinkedHashMap<>();
        final String postgres = unreachable.containsKey(SystemUnderTest.POSTGRES) ? null :
            PostgresService.describe(postgresUrl, postgresUser, postgresPassword);
        final String redis = unreachable.containsKey(SystemUnderTest.REDIS) ? null :
            RedisService.describe(redisHost, redisPort);
        if (postgres != null)
        {
            servers.put("postgresServer", postgres);
        }
        if (redis != null)
        {
            servers.put("redisServer", redis);
        }
        return servers;
    }

    private List<SystemUnderTest> systemsUnderTest()
    {
        final List<SystemUnderTest> all = List.of(
            omnistock(Durability.IN_MEMORY, SystemUnderTest.NONE, 1),
            new SystemUnderTest("synchronized-hashmap", SystemUnderTest.NONE, SystemUnderTest.IN_PROCESS, false,
                SynchronizedMapService::new),
            new SystemUnderTest("concurrent-hashmap", SystemUnderTest.NONE, SystemUnderTest.IN_PROCESS, false,
                ConcurrentMapService::new),
            omnistock(Durability.ASYNC, SystemUnderTest.PROCESS_CRASH, 1),
            postgres(false),
            redis(false, 1),
            omnistock(Durability.ASYNC, SystemUnderTest.PROCESS_CRASH, batch),
            redis(false, batch),
            omnistock(Durability.SYNC, SystemUnderTest.POWER_LOSS, 1),
            postgres(true),
            redis(true, 1),
            omnistock(Durability.SYNC, SystemUnderTest.POWER_LOSS, batch),
            redis(true, batch));
        return all.stream().filter(s -> systems.isEmpty() || systems.contains(s.name())).toList();
    }

    private SystemUnderTest omnistock(final Durability durability, final String durabilityClass, final int batchSize)
    {
        final OmnistockService sample = new OmnistockService(durability, dataDir, batchSize, waitStrategy);
        return new SystemUnderTest(sample.name(), durabilityClass, SystemUnderTest.IN_PROCESS, batchSize > 1,
            () -> new OmnistockService(durability, dataDir, batchSize, waitStrategy));
    }

    private SystemUnderTest postgres(final boolean synchronousCommit)
    {
        return new SystemUnderTest(synchronousCommit ? "postgres-sync-commit" : "postgres-async-commit",
            synchronousCommit ? SystemUnderTest.POWER_LOSS : SystemUnderTest.PROCESS_CRASH, SystemUnderTest.POSTGRES,
            false, () -> new PostgresService(postgresUrl, postgresUser, postgresPassword, synchronousCommit));
    }

    private SystemUnderTest redis(final boolean fsyncAlways, final int batchSize)
    {
        final RedisService sample = new RedisService(redisHost, redisPort, fsyncAlways, batchSize);
        return new SystemUnderTest(sample.name(), fsyncAlways ? SystemUnderTest.POWER_LOSS :
            SystemUnderTest.PROCESS_CRASH, SystemUnderTest.REDIS, batchSize > 1,
            () -> new RedisService(redisHost, redisPort, fsyncAlways, batchSize));
    }

    private List<RunRow> runAll(final Workload workload, final Map<String, String> unreachable)
    {
        final List<RunRow> rows = new ArrayList<>();
        for (final SystemUnderTest system : systemsUnderTest())
        {
            final String reason = unreachable.get(system.family());
            if (reason != null)
            {
                rows.add(RunRow.skipped(workload.name, system.name(), system.durability(), reason));
                continue;
            }
            System.out.printf(Locale.ROOT, "%s / %s ... ", workload.name, system.name());
            RunRow row;
            try
            {
                row = runOne(workload, system);
                System.out.printf(Locale.ROOT, "%,.0f ops/s, p99 %.1f us, %s%n", row.opsPerSecond(), row.p99Us(),
                    row.problems().isEmpty() ? "checked" : "CHECK FAILED: " + row.problems());
            }
            catch (final Exception e)
            {
                row = RunRow.failed(workload.name, system.name(), system.durability(), e.toString());
                System.out.println("FAILED: " + e);
            }
            rows.add(row);
        }
        return rows;
    }

    private RunRow runOne(final Workload workload, final SystemUnderTest system) throws Exception
    {
        final int clients = system.family().equals(SystemUnderTest.IN_PROCESS) ? threads : serverThreads;
        try (StockService service = system.factory().get())
        {
            service.prepare(workload);
            final long heapBefore = usedHeapAfterGc();
            service.load(workload);
            final long heapAfter = usedHeapAfterGc();
            final long stateBytes = service.stateBytes();
            final ClosedLoopRun.Measured measured = ClosedLoopRun.run(service, workload, clients,
                nanos(warmupSeconds, mode == Mode.quick ? 1 : 5), nanos(measureSeconds, mode == Mode.quick ? 2 : 20));
            final List<String> problems = LedgerCheck.problems(workload, measured.outcomes(), service.positions());
            return row(workload, system, clients, service.batchSize(), measured, problems,
                stateBytes >= 0 ? stateBytes : heapAfter - heapBefore, stateBytes >= 0 ? memorySource(system) : "heap");
        }
    }

    private static String memorySource(final SystemUnderTest system)
    {
        return system.family().equals(SystemUnderTest.POSTGRES) ? "table+index" : "used_memory";
    }

    private static RunRow row(
        final Workload workload, final SystemUnderTest system, final int clients, final int batchSize,
        final ClosedLoopRun.Measured measured, final List<String> problems, final long stateBytes,
        final String memorySource)
    {
        final long runOps = countRun(measured.outcomes());
        return new RunRow(workload.name, system.name(), system.durability(), clients, batchSize,
            measured.throughput(), micros(measured.latencyNs().getValueAtPercentile(50)),
            micros(measured.latencyNs().getValueAtPercentile(99)),
            micros(measured.latencyNs().getValueAtPercentile(99.9)), micros(measured.latencyNs().getMaxValue()),
            measured.measuredOps(), measured.measuredNs() / 1e9, measured.acceptedOps(),
            measured.measuredOps() - measured.acceptedOps(), runOps, (double)stateBytes / workload.positionCount,
            memorySource, problems, null, null, null);
    }

    private static long countRun(final byte[] outcomes)
    {
        long run = 0;
        for (final byte outcome : outcomes)
        {
            run += outcome == LedgerCheck.NOT_RUN ? 0 : 1;
        }
        return run;
    }

    private List<RunRow> compare(final List<RunRow> rows)
    {
        final List<RunRow> compared = new ArrayList<>();
        for (final RunRow row : rows)
        {
            final RunRow reference = reference(rows, row);
            final boolean comparable = reference != null && reference != row && row.skipped() == null &&
                row.opsPerSecond() > 0;
            compared.add(!comparable ? row :
                row.compared(reference.system(), reference.opsPerSecond() / row.opsPerSecond()));
        }
        return compared;
    }

    private RunRow reference(final List<RunRow> rows, final RunRow row)
    {
        for (final RunRow candidate : rows)
        {
            if (candidate.system().startsWith("omnistock-") && candidate.passed() &&
                candidate.durability().equals(row.durability()) && (candidate.batch() > 1) == (row.batch() > 1))
            {
                return candidate;
            }
        }
        return null;
    }

    private void write(final List<MarkdownReport.WorkloadRows> results, final Map<String, String> servers)
        throws Exception
    {
        Files.createDirectories(out);
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("threads", threads);
        settings.put("serverThreads", serverThreads);
        settings.put("batch", batch);
        settings.put("omnistockWaitStrategy", waitStrategy.name());
        settings.put("warmupSeconds", seconds(warmupSeconds, mode == Mode.quick ? 1 : 5));
        settings.put("measureSeconds", seconds(measureSeconds, mode == Mode.quick ? 2 : 20));
        settings.putAll(servers);
        JsonFiles.write(out.resolve("peers.json"), new ComparisonResults(mode.name(), Instant.now().toString(),
            machine(), settings, results));
        final List<String> header = List.of(
            "Side-by-side comparison, " + mode + " mode, " + Instant.now() + ", on " + machine() + ".",
            "Closed loop: " + threads + " client threads for in-process systems, " + serverThreads +
                " for PostgreSQL and Redis; pipelined systems send " + batch + " operations per round trip; " +
                "omnistock's wait strategy " + waitStrategy + ". " +
                "Warm-up " + seconds(warmupSeconds, mode == Mode.quick ? 1 : 5) + " s, measured " +
                seconds(measureSeconds, mode == Mode.quick ? 2 : 20) + " s per run. " +
                "`omnistock ÷ this` compares with omnistock at equal durability (and pipelining).");
        Files.writeString(out.resolve("peers.md"), MarkdownReport.render(header, results), StandardCharsets.UTF_8);
        System.out.println("wrote " + out.resolve("peers.json") + " and " + out.resolve("peers.md"));
    }

    private static String machine()
    {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " " +
            System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + ", max heap " +
            Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB";
    }

    private static long usedHeapAfterGc()
    {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(final Double chosen, final double fallback)
    {
        return chosen == null ? fallback : chosen;
    }

    private static long nanos(final Double chosen, final double fallback)
    {
        return (long)(seconds(chosen, fallback) * TimeUnit.SECONDS.toNanos(1));
    }

    private static double micros(final long nanos)
    {
        return nanos / 1_000.0;
    }
}
