package io.omnistock.benchmarks.memory;

import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.Receive;
import io.omnistock.api.SetSafetyStock;
import io.omnistock.benchmarks.DirectMachine;
import io.omnistock.benchmarks.JsonFiles;
import io.omnistock.engine.EngineConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Heap bytes per position: builds a state machine sized for N positions (every SKU at every one of 10 locations,
 * the other capacities at their defaults), fills every position through the API boundary, and measures the used
 * heap after a full collection before, once the empty machine is built (what its capacities preallocate) and once
 * it is full. The figure is {@code (full - before) / N}: everything the engine keeps per position, its share of
 * the preallocated tables (reservations, idempotency keys) and the SKU ids included.
 *
 * <p>The state is large (10M positions need a heap of several GiB): run with {@code -Xmx8g} for 10M. Prints the
 * figures and, with {@code --json}, writes them ({@link Result}). Single-threaded; allocates the state it measures
 * and one or two commands per position, collected before measuring. Fills a second machine (after dropping the
 * first) with a safety stock on every position as well, the worst case, unless {@code --receipts-only}.
 *
 * <p>Needs the omnistock JVM flags ({@code docs/jvm-flags.md}, {@code .mvn/jvm.config}):
 * <pre>java $(cat .mvn/jvm.config) -Xms8g -Xmx8g -cp benchmarks/target/benchmarks.jar io.omnistock.benchmarks.memory.HeapPerPosition
 *     --positions 10000000 --json benchmarks/target/memory.json</pre>
 */
@Command(name = "heap-per-position", mixinStandardHelpOptions = true,
    description = "Heap bytes per position of a state machine filled with N positions.")
public final class HeapPerPosition implements Callable<Integer>
{
    /** Locations every SKU is stocked at. */
    static final int LOCATIONS = 10;
    private static final long TIME_MS = 1_767_225_600_000L;

    @Option(names = "--positions", description = "Positions, a multiple of " + LOCATIONS + " (default: ${DEFAULT-VALUE}).")
    int positions = 10_000_000;
    @Option(names = "--json", description = "Where to write the figures as JSON (default: none).")
    Path json;
    @Option(names = "--receipts-only", description = "Skip the second fill, with a safety stock on every position "
        + "(default: both fills).")
    boolean receiptsOnly;

    /**
     * The measurement.
     *
     * @param positions             positions filled.
     * @param skus                  SKUs defined.
     * @param locations             locations defined.
     * @param configuration         the capacities the machine was built with.
     * @param heapBeforeBytes       used heap before the machine was built.
     * @param heapEmptyBytes        used heap with the empty machine.
     * @param heapFullBytes         used heap with every position filled.
     * @param bytesPerPosition      {@code (full - before) / positions}.
     * @param emptyBytesPerPosition {@code (empty - before) / positions}: what the capacities preallocate.
     * @param heapMaxBytes          the JVM's maximum heap.
     * @param safetyStockBytesPerPosition the same figure for a second machine filled the same way plus a safety stock
     *                              on every position, so that every position's cold buckets (safety stock,
     *                              damaged, quarantined, in transit) are allocated: the worst case; -1 when not
     *                              measured.
     */
    public record Result(long positions, int skus, int locations, String configuration, long heapBeforeBytes,
        long heapEmptyBytes, long heapFullBytes, double bytesPerPosition, double emptyBytesPerPosition,
        long heapMaxBytes, double safetyStockBytesPerPosition)
    {
    }

    /**
     * @param args the options; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new HeapPerPosition()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        if (positions < LOCATIONS || positions % LOCATIONS != 0)
        {
            throw new CommandLine.ParameterException(new CommandLine(this),
                "--positions must be a positive multiple of " + LOCATIONS);
        }
        final Result result = measure(positions, !receiptsOnly);
        System.out.printf("%,d positions (%,d SKUs x %d locations; %s): %,.1f bytes of heap per position "
                + "(%,.1f preallocated by the empty machine); used heap %,d MiB -> %,d MiB -> %,d MiB, max %,d MiB%n",
            result.positions(), result.skus(), result.locations(), result.configuration(), result.bytesPerPosition(),
            result.emptyBytesPerPosition(), result.heapBeforeBytes() >> 20, result.heapEmptyBytes() >> 20,
            result.heapFullBytes() >> 20, result.heapMaxBytes() >> 20);
        if (result.safetyStockBytesPerPosition() >= 0)
        {
            System.out.printf("with a safety stock on every position as well: %,.1f bytes of heap per position%n",
                result.safetyStockBytesPerPosition());
        }
        if (json != null)
        {
            JsonFiles.write(json, result);
            System.out.println("written: " + json);
        }
        return 0;
    }

    /**
     * @param positionCount positions to fill, a multiple of {@link #LOCATIONS}.
     * @param safetyStock   whether to fill a second machine, with a safety stock on every position as well.
     * @return the measurement.
     */
    static Result measure(final int positionCount, final boolean safetyStock)
    {
        final int skuCount = positionCount / LOCATIONS;
        final EngineConfig config = EngineConfig.defaults().skuCapacity(skuCount).positionCapacity(positionCount)
            .idempotencyRetentionMs(0);
        final String configuration = String.format("capacities: %,d positions, %,d SKUs, %,d reservations, "
                + "%,d idempotency keys", config.positionCapacity(), config.skuCapacity(), config.reservationCapacity(),
            config.idempotencyCapacity());
        final long[] receiptsOnly = fill(config, positionCount, false);
        final long[] withSafetyStock = safetyStock ? fill(config, positionCount, true) : null;
        return new Result(positionCount, skuCount, LOCATIONS, configuration, receiptsOnly[0], receiptsOnly[1],
            receiptsOnly[2], (double)(receiptsOnly[2] - receiptsOnly[0]) / positionCount,
            (double)(receiptsOnly[1] - receiptsOnly[0]) / positionCount, Runtime.getRuntime().maxMemory(),
            withSafetyStock == null ? -1 : (double)(withSafetyStock[2] - withSafetyStock[0]) / positionCount);
    }

    /** @return the used heap before the machine, with it empty and with it full; the machine is then dropped. */
    private static long[] fill(final EngineConfig config, final int positionCount, final boolean safetyStock)
    {
        final long before = usedHeapAfterGc();
        final DirectMachine direct = new DirectMachine(config, TIME_MS);
        final long empty = usedHeapAfterGc();
        fill(direct, positionCount / LOCATIONS, safetyStock);
        if (direct.machine().positionCount() != positionCount)
        {
            throw new IllegalStateException("expected " + positionCount + " positions: " + direct.machine().positionCount());
        }
        final long full = usedHeapAfterGc();
        Reference.reachabilityFence(direct); // so that a compiled caller cannot let it be collected before measuring
        return new long[] {before, empty, full};
    }

    private static void fill(final DirectMachine direct, final int skuCount, final boolean safetyStock)
    {
        final List<String> locations = new ArrayList<>();
        for (int location = 0; location < LOCATIONS; location++)
        {
            locations.add("loc-" + location);
            direct.apply(new DefineLocation("dl" + location, locations.get(location), LocationType.STORE,
                LocationCapability.ALL, 1, 0, 0));
        }
        direct.apply(new DefineChannel("dc", "web", locations));
        for (int sku = 0; sku < skuCount; sku++)
        {
            final String id = "sku-" + sku;
            direct.apply(new DefineSku("ds" + sku, id));
            for (int location = 0; location < LOCATIONS; location++)
            {
                direct.apply(new Receive("r" + sku + "-" + location, id, locations.get(location), 100));
                if (safetyStock)
                {
                    direct.apply(new SetSafetyStock("s" + sku + "-" + location, id, locations.get(location), 5));
                }
            }
        }
    }

    private static long usedHeapAfterGc()
    {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
