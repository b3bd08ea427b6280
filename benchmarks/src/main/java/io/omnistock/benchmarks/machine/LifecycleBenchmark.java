package io.omnistock.benchmarks.machine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Scenario 5: the full reservation lifecycle, HELD -> COMMITTED -> FULFILLED, single-line, positions drawn
 * uniformly from the 1,000,000. Each invocation reserves one unit, then confirms and fulfils the reservation
 * made {@code openHolds} invocations earlier: 3 operations (commands). Fulfilment takes units off the shelf for
 * good; with 2^40 units per position stock never runs out, so no receive is needed and none is counted.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {
    ForkOptions.HEAP_MIN, ForkOptions.HEAP_MAX, ForkOptions.PRE_TOUCH, ForkOptions.GC, ForkOptions.AGRONA_UNSAFE})
@State(Scope.Thread)
public class LifecycleBenchmark
{
    /** Holds kept open before confirmation; 0 confirms and fulfils each hold right after making it. */
    @Param("10000")
    public int openHolds;

    private ReservationDriver driver;

    /** Builds the engine and the access sequence, and opens the first holds. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final MachineFixture fixture = new MachineFixture();
        final int[] positions =
            AccessPattern.UNIFORM.sequence(MachineFixture.POSITION_COUNT, 1, AccessPattern.SEED);
        driver = new ReservationDriver(fixture, positions, 1, openHolds);
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

    /** Fails the trial unless every command was a fresh OK with one event (allocates nothing). */
    @TearDown(Level.Trial)
    public void verify()
    {
        driver.verify();
    }
}
