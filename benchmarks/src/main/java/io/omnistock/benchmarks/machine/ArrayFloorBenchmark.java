package io.omnistock.benchmarks.machine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Arrays;

/**
 * Scenario 7, the floor: the cheapest possible reservation, a bare {@code long[]} of 1,000,000 stock counters
 * with a no-oversell check-and-decrement and a later increment, under the same access sequences as the engine
 * benchmarks (the same {@link AccessPattern}s, sizes and seed). The engine's cost per operation is reported as a
 * multiple of this one for the same pattern.
 *
 * <p>Each invocation takes one unit at the next position of the sequence and gives back the unit taken
 * {@code openHolds} invocations earlier, mirroring the engine benchmarks' reserve and release of the hold made
 * {@code openHolds} invocations earlier: 2 operations. (Giving back at a lag also keeps the JIT from folding a
 * decrement and an increment of the same element into nothing.) Nothing else is done: no ids, no keys, no
 * events, no idempotency, no ATP.
 */
public class ArrayFloorBenchmark extends MachineBenchmark
{
    /** The access pattern, as in the engine benchmarks. */
    @Param({"UNIFORM", "ZIPF", "HOT"})
    public AccessPattern pattern;

    /** Units taken and not yet given back, as the engine benchmarks' open holds. */
    @Param("10000")
    public int openHolds;

    private long[] stock;
    private int[] positions;
    private long next;
    private long rejected;

    /** Fills the counters and the access sequence, and takes the first units. */
    @Setup(Level.Trial)
    public void setUp()
    {
        stock = new long[MachineFixture.POSITION_COUNT];
        Arrays.fill(stock, MachineFixture.UNITS_PER_POSITION);
        positions = pattern.sequence(MachineFixture.POSITION_COUNT, 1, AccessPattern.SEED);
        for (int i = 0; i < openHolds; i++)
        {
            stock[positions[(int)next++ & AccessPattern.SEQUENCE_MASK]]--;
        }
    }

    /** Takes one unit if available, gives one back. */
    @Benchmark
    @OperationsPerInvocation(2)
    public void takeAndGiveBack()
    {
        final long taken = next++;
        final int position = positions[(int)taken & AccessPattern.SEQUENCE_MASK];
        if (stock[position] >= 1)
        {
            stock[position] -= 1;
        }
        else
        {
            rejected++;
        }
        stock[positions[(int)(taken - openHolds) & AccessPattern.SEQUENCE_MASK]] += 1;
    }

    /** Fails the trial if a take was ever refused (the counters started far above what a run can take). */
    @TearDown(Level.Trial)
    public void verify()
    {
        if (rejected != 0)
        {
            throw new IllegalStateException(rejected + " takes were refused");
        }
    }
}
