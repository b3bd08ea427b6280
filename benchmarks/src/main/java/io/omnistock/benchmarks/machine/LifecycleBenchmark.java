package io.omnistock.benchmarks.machine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Scenario 5: the full reservation lifecycle, HELD -> COMMITTED -> FULFILLED, single-line, positions drawn
 * uniformly from the 1,000,000. Each invocation reserves one unit, then confirms and fulfils the reservation
 * made {@code openHolds} invocations earlier: 3 operations (commands). Fulfilment takes units off the shelf for
 * good; with 2^40 units per position stock never runs out, so no receive is needed and none is counted.
 */
public class LifecycleBenchmark extends DriverBenchmark
{
    /** The scenario: its access pattern and lines per reservation. */
    public LifecycleBenchmark()
    {
        super(AccessPattern.UNIFORM, 1);
    }

    /** One reserve, one confirm, one fulfil. */
    @Benchmark
    @OperationsPerInvocation(3)
    public void reserveConfirmFulfil()
    {
        driver.reserveNext();
        driver.confirmOldest();
        driver.fulfilOldest();
    }
}
