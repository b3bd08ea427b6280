package io.omnistock.benchmarks.machine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Scenario 1: single-line reserve + release over 1,000,000 positions (100,000 SKUs x 10 locations, see
 * {@link MachineFixture}), positions drawn uniformly from a seeded, precomputed sequence. One unit per
 * reservation on the web channel at a named location. An operation is one command: each invocation reserves
 * once and releases the hold made {@code openHolds} invocations earlier, so it counts as 2 operations.
 *
 * <p>{@link #stampOnly()} measures, on the same state, the boundary share of each pair (fresh keys and line
 * ids copied into the reused slots) without applying anything, to subtract or compare.
 */
public class ReserveReleaseUniformBenchmark extends DriverBenchmark
{
    /** The scenario: its access pattern and lines per reservation. */
    public ReserveReleaseUniformBenchmark()
    {
        super(AccessPattern.UNIFORM, 1);
    }

    /** One reserve and one release. */
    @Benchmark
    @OperationsPerInvocation(2)
    public void reserveAndRelease()
    {
        driver.reserveNext();
        driver.releaseOldest();
    }

    /**
     * The same pairs decided {@value ReservationDriver#GROUP_PAIRS} at a time, as the pipeline's writer decides a
     * batch: the group's first table slots are read ahead in one loop before any is decided.
     */
    @Benchmark
    @OperationsPerInvocation(2 * ReservationDriver.GROUP_PAIRS)
    public void reserveAndReleaseGrouped()
    {
        driver.reserveAndReleaseGroup();
    }

    /** The boundary share of {@link #reserveAndRelease()}: the same stamping, nothing applied. */
    @Benchmark
    @OperationsPerInvocation(2)
    public void stampOnly()
    {
        driver.stampOnly();
    }
}
