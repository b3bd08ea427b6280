package io.omnistock.benchmarks.machine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Scenario 4: an atomic 4-line reservation (four distinct positions drawn uniformly from the 1,000,000, one
 * unit each, all or nothing) and its release. Each invocation is one 4-line reserve and the release of the
 * reservation made {@code openHolds} invocations earlier: 2 operations (commands), 8 line updates.
 */
public class MultiLineReserveBenchmark extends DriverBenchmark
{
    /** Lines per reservation. */
    static final int LINES = 4;

    /** The scenario: its access pattern and lines per reservation. */
    public MultiLineReserveBenchmark()
    {
        super(AccessPattern.UNIFORM, LINES);
    }

    /** One 4-line reserve and one release. */
    @Benchmark
    @OperationsPerInvocation(2)
    public void reserveAndRelease()
    {
        driver.reserveNext();
        driver.releaseOldest();
    }
}
