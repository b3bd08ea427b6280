package io.omnistock.benchmarks.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a benchmark run measured on, for the report's header: cores, memory, CPU, OS, JDK, and the load
 * average at the start and the end of the run (how busy the machine was with other work: the noise gauge).
 * Immutable.
 *
 * @param cores        available processors.
 * @param memoryBytes  physical memory, or -1 when unknown.
 * @param cpu          CPU model, or "unknown".
 * @param os           OS name, version and architecture.
 * @param jdk          Java runtime version and vendor.
 * @param loadStart    load averages (1, 5, 15 minutes) when the run started, as recorded then.
 * @param loadEnd      load averages when the report was made.
 * @param startedAt    when the run started.
 * @param finishedAt   when the report was made.
 */
public record Machine(int cores, long memoryBytes, String cpu, String os, String jdk, String loadStart,
    String loadEnd, String startedAt, String finishedAt)
{
    private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    /**
     * @param loadStart the load averages recorded when the run started, or null when not recorded.
     * @param startedAt when the run started, or null.
     * @return this machine, now.
     */
    public static Machine current(final String loadStart, final String startedAt)
    {
        return new Machine(Runtime.getRuntime().availableProcessors(), physicalMemoryBytes(), cpuModel(),
            System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
            System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")",
            loadStart == null ? "not recorded" : loadStart, loadAverages(),
            startedAt == null ? "not recorded" : startedAt, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /**
     * @return true when the 1-minute load average at the start or the end was above half the cores: other work
     * shared the machine, so the figures are noisy.
     */
    public boolean busy()
    {
        return firstLoad(loadStart) > cores / 2.0 || firstLoad(loadEnd) > cores / 2.0;
    }

    private static double firstLoad(final String loads)
    {
        try
        {
            return Double.parseDouble(loads.trim().split("\\s+")[0]);
        }
        catch (final NumberFormatException e)
        {
            return 0;
        }
    }

    private static String loadAverages()
    {
        return read(LOAD_AVERAGE).map(line -> String.join(" ", Arrays.copyOf(line.trim().split("\\s+"), 3)))
            .orElseGet(() -> String.format(Locale.ROOT, "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    private static long physicalMemoryBytes()
    {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
        {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    private static String cpuModel()
    {
        return read(CPU_INFO).flatMap(info -> info.lines().filter(line -> line.startsWith("model name")).findFirst())
            .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
    }

    private static Optional<String> read(final Path file)
    {
        try
        {
            return Files.isReadable(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        }
        catch (final IOException e)
        {
            return Optional.empty();
        }
    }
}
