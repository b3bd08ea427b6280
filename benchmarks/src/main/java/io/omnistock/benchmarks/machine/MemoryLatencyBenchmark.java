package io.omnistock.benchmarks.machine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.util.SplittableRandom;

/**
 * A calibration of the machine, not a scenario: the time of one read from memory that nothing can overlap. Each
 * operation reads the cache line the previous read named, in one random cycle through every line of a region of
 * {@link #mebibytes} MiB, so each read waits for the one before it, as a command's dependent lookups do (an id's
 * table slot, then the record it names). The engine's commands are set against it in BENCHMARKS.md: the time of one
 * command in such reads tells how much of the command is waiting for memory on this machine, where the array floor
 * ({@link ArrayFloorBenchmark}), whose reads do not depend on each other, lets the core overlap them.
 *
 * <p>The region, 64 MiB by default, is larger than the last-level cache of the machines these figures were taken on
 * (32 MiB), as the engine's tables are in the uniform scenario (the 1,000,000 position records alone take 32 MB,
 * beside their index, the reservations and the idempotency keys). Same JVM settings as the scenarios
 * ({@link MachineBenchmark}): the region is on transparent huge pages where the kernel offers them, as the engine's
 * tables are. The cycle is seeded ({@link AccessPattern#SEED}).
 */
public class MemoryLatencyBenchmark extends MachineBenchmark
{
    /** Ints per 64-byte cache line: the region holds one link per line, at its start. */
    static final int INTS_PER_LINE = 16;

    /** The region's size, MiB. */
    @Param("64")
    public int mebibytes;

    private int[] links;
    private int at;

    /** Links every line of the region into one random cycle (Sattolo's algorithm: a single cycle through all). */
    @Setup(Level.Trial)
    public void setUp()
    {
        links = cycle(mebibytes, AccessPattern.SEED);
        at = 0;
    }

    /**
     * Reads the next line of the cycle.
     *
     * @return the index read, so that the read is kept.
     */
    @Benchmark
    public int dependentRead()
    {
        final int next = links[at];
        at = next;
        return next;
    }

    /**
     * @param mebibytes the region's size, MiB.
     * @param seed      the shuffle's seed.
     * @return the region: at the start of each 64-byte line, the array index of the next line of one cycle through
     * every line.
     */
    static int[] cycle(final int mebibytes, final long seed)
    {
        if (mebibytes < 1 || mebibytes > 1024)
        {
            throw new IllegalArgumentException("mebibytes must be in 1..1024: " + mebibytes);
        }
        final int lines = mebibytes * (1 << 20) / (INTS_PER_LINE * Integer.BYTES);
        final int[] order = new int[lines];
        for (int i = 0; i < lines; i++)
        {
            order[i] = i;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = lines - 1; i > 0; i--)
        {
            final int j = random.nextInt(i);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        // order is now one cycle: line i is followed by line order[i]
        final int[] region = new int[lines * INTS_PER_LINE];
        for (int i = 0; i < lines; i++)
        {
            region[i * INTS_PER_LINE] = order[i] * INTS_PER_LINE;
        }
        return region;
    }
}
