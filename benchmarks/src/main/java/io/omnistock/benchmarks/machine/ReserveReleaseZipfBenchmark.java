package io.omnistock.benchmarks.machine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Scenario 2: single-line reserve + release over 1,000,000 positions, positions drawn from a seeded,
 * precomputed Zipf sequence (exponent 0.99, popular positions scattered by a seeded shuffle; see
 * {@link AccessPattern#ZIPF}). Otherwise identical to {@link ReserveReleaseUniformBenchmark}: one unit per
 * reservation, each invocation reserves once and releases the hold made {@code openHolds} invocations earlier,
 * 2 operations.
 */
public class ReserveReleaseZipfBenchmark extends DriverBenchmark
{
    /** The scenario: its access pattern and lines per reservation. */
    public ReserveReleaseZipfBenchmark()
    {
        super(AccessPattern.ZIPF, 1);
    }

    /** One reserve and one release. */
    @Benchmark
    @OperationsPerInvocation(2)
    public void reserveAndRelease()
    {
        driver.reserveNext();
        driver.releaseOldest();
    }
}
