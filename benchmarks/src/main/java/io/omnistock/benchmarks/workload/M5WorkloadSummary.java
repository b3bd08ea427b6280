package io.omnistock.benchmarks.workload;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Generates the {@link M5Workload} and prints what it holds: positions, opening stock, reservations, lines, ops by
 * type, units sold at the till, and the time generation took. The counts in {@code docs/m5-workload.md} come from
 * it. Single-threaded; allocates the workload.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.omnistock.benchmarks.workload.M5WorkloadSummary
 * [--m5 <folder>] [--days N] [--seed N]}.
 */
@Command(name = "m5-workload", mixinStandardHelpOptions = true,
    description = "Generates the M5 workload and prints its counts.")
public final class M5WorkloadSummary implements Callable<Integer>
{
    private static final String[] TYPE_NAMES = {"", "RESERVE", "CONFIRM", "FULFIL", "RELEASE", "SELL", "RECEIVE",
        "RETURN"};

    @Option(names = "--m5", description = "M5 folder (default: ${DEFAULT-VALUE}).")
    private Path folder = M5Workload.defaultFolder();

    @Option(names = "--days", description = "Days to generate, 1..28 (default: ${DEFAULT-VALUE}).")
    private int days = M5Workload.DAYS_MAX;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed = M5Workload.SEED_DEFAULT;

    /**
     * @param args the options.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new M5WorkloadSummary()).setExecutionExceptionHandler(M5WorkloadSummary::failed)
            .execute(args));
    }

    /**
     * Prints a missing data set as one clear line instead of a stack trace.
     *
     * @param failure  what the command threw.
     * @param command  the command line.
     * @param ignored  the parse result.
     * @return the exit code, 2.
     * @throws Exception any other failure, rethrown.
     */
    static int failed(final Exception failure, final CommandLine command, final CommandLine.ParseResult ignored)
        throws Exception
    {
        if (failure instanceof M5DataMissingException)
        {
            command.getErr().println(failure.getMessage());
            return 2;
        }
        throw failure;
    }

    @Override
    public Integer call() throws Exception
    {
        final long startNs = System.nanoTime();
        final Workload workload = M5Workload.generate(folder, days, seed);
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        System.out.println(workload.name + ": " + workload.description);
        System.out.printf("generated in %,d ms%n", elapsedMs);
        System.out.printf("SKUs %,d, locations %d, channels %d, positions %,d, opening stock %,d units%n",
            workload.skus.length, workload.locations.length, workload.channels.length, workload.positionCount,
            sum(workload.openingStock, 0, workload.positionCount));
        System.out.printf("ops %,d, reservations %,d, lines %,d%n", workload.opCount, workload.reservationCount,
            workload.linePosition.length);
        final int[] counts = workload.countsByType();
        for (int type = Workload.RESERVE; type <= Workload.RETURN; type++)
        {
            System.out.printf("  %-8s %,10d ops %,12d units%n", TYPE_NAMES[type], counts[type],
                unitsOf(workload, (byte)type));
        }
        return 0;
    }

    /**
     * @param workload a workload.
     * @param type     an operation type.
     * @return the units on the lines of every op of that type.
     */
    static long unitsOf(final Workload workload, final byte type)
    {
        long units = 0;
        for (int op = 0; op < workload.opCount; op++)
        {
            if (workload.opType[op] == type)
            {
                units += sum(workload.lineQuantity, workload.opFirstLine[op], workload.opLineCount[op]);
            }
        }
        return units;
    }

    private static long sum(final long[] values, final int from, final int count)
    {
        long total = 0;
        for (int i = from; i < from + count; i++)
        {
            total += values[i];
        }
        return total;
    }
}
