package io.omnistock.benchmarks.machine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The state-machine scenarios of the JMH benchmarks (same {@link MachineFixture}, access sequences, seed and open
 * holds), timed by the CPU time of the one thread that applies them instead of by the wall clock: a second way to
 * compare two builds on a shared machine. When other processes take the cores, JMH's operations per second
 * measure the scheduler as much as the engine, while the thread's CPU time leaves out the time it was not
 * running. It still includes the cache misses that other processes cause, so it is only a steadier A/B, not the
 * engine's ceiling, and never a replacement for the JMH figures.
 *
 * <p>Run from the repository root, after the benchmarks jar is built; run two builds back to back, alternating:
 * <pre>
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseG1GC --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED \
 *   -cp benchmarks/target/benchmarks.jar io.omnistock.benchmarks.machine.WriterCpuTime \
 *   [uniform,zipf,hot,multiline,lifecycle | any of them and sale] [rounds 9] [invocations per round 300000] \
 *   [safety stock 0]
 * </pre>
 * A safety stock above 0 sets one at every position ({@link MachineFixture#MachineFixture(long)}). {@code sale}, not
 * a JMH scenario and run only when named, is a till sale (on the web channel, which holds every location) and a
 * receipt back at each uniformly drawn position, with no holds open ({@link ReservationDriver#sellAndRestock()}):
 * the path of the M5 workload's most frequent commands.
 * Prints, per scenario, CPU nanoseconds per command: the best and the median of the rounds after the first
 * third (warm-up), and every round as CPU/wall. Single-threaded; allocates only while setting up and printing.
 */
public final class WriterCpuTime
{
    private static final int OPEN_HOLDS = 10_000;
    private static final int MULTI_LINE_LINES = 4;

    private WriterCpuTime()
    {
    }

    /**
     * @param args scenarios (comma-separated), rounds, invocations per round, safety stock per position.
     */
    public static void main(final String[] args)
    {
        final String[] scenarios = (args.length > 0 ? args[0] : "uniform,zipf,hot,multiline,lifecycle").split(",");
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        final int invocations = args.length > 2 ? Integer.parseInt(args[2]) : 300_000;
        final long safetyStock = args.length > 3 ? Long.parseLong(args[3]) : 0;
        for (final String scenario : scenarios)
        {
            run(scenario, rounds, invocations, safetyStock);
        }
    }

    private static void run(final String scenario, final int rounds, final int invocations, final long safetyStock)
    {
        final boolean lifecycle = "lifecycle".equals(scenario);
        final boolean sale = "sale".equals(scenario);
        final int lines = "multiline".equals(scenario) ? MULTI_LINE_LINES : 1;
        final int commandsPerInvocation = lifecycle ? 3 : 2;
        final ReservationDriver driver = new ReservationDriver(new MachineFixture(safetyStock),
            patternOf(scenario).sequence(MachineFixture.POSITION_COUNT, lines, AccessPattern.SEED), lines,
            sale ? 0 : OPEN_HOLDS);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[] cpuNs = new double[rounds];
        final StringBuilder each = new StringBuilder();
        for (int round = 0; round < rounds; round++)
        {
            final long cpuStartNs = threads.getCurrentThreadCpuTime();
            final long wallStartNs = System.nanoTime();
            for (int i = 0; i < invocations; i++)
            {
                if (sale)
                {
                    driver.sellAndRestock();
                    continue;
                }
                driver.reserveNext();
                if (lifecycle)
                {
                    driver.confirmOldest();
                    driver.fulfilOldest();
                }
                else
                {
                    driver.releaseOldest();
                }
            }
            final double commands = (double)invocations * commandsPerInvocation;
            cpuNs[round] = (threads.getCurrentThreadCpuTime() - cpuStartNs) / commands;
            each.append(String.format(" %.0f/%.0f", cpuNs[round], (System.nanoTime() - wallStartNs) / commands));
        }
        driver.verify();
        final double[] measured = Arrays.copyOfRange(cpuNs, rounds / 3, rounds);
        Arrays.sort(measured);
        System.out.printf("%-10s CPU ns/command: best %.0f, median %.0f (%.2fM commands per CPU-second); rounds CPU/wall:%s%n",
            scenario, measured[0], measured[measured.length / 2], 1_000 / measured[measured.length / 2], each);
    }

    private static AccessPattern patternOf(final String scenario)
    {
        switch (scenario)
        {
            case "uniform":
            case "sale":
            case "multiline":
            case "lifecycle":
                return AccessPattern.UNIFORM;
            case "zipf":
                return AccessPattern.ZIPF;
            case "hot":
                return AccessPattern.HOT;
            default:
                throw new IllegalArgumentException("unknown scenario " + scenario +
                    ": uniform, zipf, hot, multiline, lifecycle or sale");
        }
    }
}
