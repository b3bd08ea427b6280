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
 * Scenario 2: single-line reserve + release over 1,000,000 positions, positions drawn from a seeded,
 * precomputed Zipf sequence (exponent 0.99, popular positions scattered by a seeded shuffle; see
 * {@link AccessPattern#ZIPF}). Otherwise identical to {@link ReserveReleaseUniformBenchmark}: one unit per
 * reservation, each invocation reserves once and releases the hold made {@code openHolds} invocations earlier,
 * 2 operations.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {
    ForkOptions.HEAP_MIN, ForkOptions.HEAP_MAX, ForkOptions.PRE_TOUCH, ForkOptions.GC, ForkOptions.AGRONA_UNSAFE})
@State(Scope.Thread)
public class ReserveReleaseZipfBenchmark
{
    /** Holds kept open between operations (carts in checkout); 0 releases each hold right after making it. */
    @Param("10000")
    public int openHolds;

    private ReservationDriver driver;

    /** Builds the engine and the access sequence, and opens the first holds. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final MachineFixture fixture = new MachineFixture();
        final int[] positions = AccessPattern.ZIPF.sequence(MachineFixture.POSITION_COUNT, 1, AccessPattern.SEED);
        driver = new ReservationDriver(fixture, positions, 1, openHolds);
    }

    /** One reserve and one release. */
    @Benchmark
    @OperationsPerInvocation(2)
    public void reserveAndRelease()
    {
        driver.reserveNext();
        driver.releaseOldest();
    }

    /** Fails the trial unless every command was a fresh OK with one event (allocates nothing). */
    @TearDown(Level.Trial)
    public void verify()
    {
        driver.verify();
    }
}
