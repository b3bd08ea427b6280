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
 * Scenario 4: an atomic 4-line reservation (four distinct positions drawn uniformly from the 1,000,000, one
 * unit each, all or nothing) and its release. Each invocation is one 4-line reserve and the release of the
 * reservation made {@code openHolds} invocations earlier: 2 operations (commands), 8 line updates.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {
    ForkOptions.HEAP_MIN, ForkOptions.HEAP_MAX, ForkOptions.PRE_TOUCH, ForkOptions.GC, ForkOptions.AGRONA_UNSAFE})
@State(Scope.Thread)
public class MultiLineReserveBenchmark
{
    /** Lines per reservation. */
    static final int LINES = 4;

    /** Holds kept open between operations; 0 releases each hold right after making it. */
    @Param("10000")
    public int openHolds;

    private ReservationDriver driver;

    /** Builds the engine and the access sequence (distinct positions within each reservation). */
    @Setup(Level.Trial)
    public void setUp()
    {
        final MachineFixture fixture = new MachineFixture();
        final int[] positions =
            AccessPattern.UNIFORM.sequence(MachineFixture.POSITION_COUNT, LINES, AccessPattern.SEED);
        driver = new ReservationDriver(fixture, positions, LINES, openHolds);
    }

    /** One 4-line reserve and one release. */
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
