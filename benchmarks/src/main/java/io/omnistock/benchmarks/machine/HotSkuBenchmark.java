package io.omnistock.benchmarks.machine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Scenario 3: a flash sale, every reservation on one hot SKU at one store (SKU 0 at store-02, which all three
 * channels see, so every change also updates three channel ATP counters). The rest of the 1,000,000-position
 * fixture is there but untouched. Each invocation reserves one unit and releases the hold made
 * {@code openHolds} invocations earlier: {@code openHolds} buyers hold the SKU at any time. 2 operations.
 */
public class HotSkuBenchmark extends DriverBenchmark
{
    /** The scenario: its access pattern and lines per reservation. */
    public HotSkuBenchmark()
    {
        super(AccessPattern.HOT, 1);
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
