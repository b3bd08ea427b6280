package io.omnistock.benchmarks.machine;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;


/**
 * What every reservation scenario shares: the JMH settings, the {@code openHolds} parameter, a
 * {@link ReservationDriver} over the 1,000,000-position {@link MachineFixture} built once per trial, and the
 * check after the trial that every command was a fresh OK. A scenario names its access pattern and lines per
 * reservation, and its {@code @Benchmark} methods drive {@link #driver}.
 */
public abstract class DriverBenchmark extends MachineBenchmark
{
    /** Holds kept open between operations (carts in checkout); 0 ends each hold right after making it. */
    @Param("10000")
    public int openHolds;

    /**
     * Units of safety stock at every position; 0 (the default) sets none, so no availability check reads the cold
     * buckets. {@code -p safetyStock=5} measures what one costs where every position has one.
     */
    @Param("0")
    public long safetyStock;

    /** Drives the scenario's commands. */
    protected ReservationDriver driver;

    private final AccessPattern pattern;
    private final int lines;

    /**
     * @param pattern how positions are drawn.
     * @param lines   lines per reservation (distinct positions within each).
     */
    protected DriverBenchmark(final AccessPattern pattern, final int lines)
    {
        this.pattern = pattern;
        this.lines = lines;
    }

    /** Builds the engine and the access sequence, and opens the first holds. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final MachineFixture fixture = new MachineFixture(safetyStock);
        final int[] positions = pattern.sequence(MachineFixture.POSITION_COUNT, lines, AccessPattern.SEED);
        driver = new ReservationDriver(fixture, positions, lines, openHolds);
    }

    /** Fails the trial unless every command was a fresh OK with one event (allocates nothing). */
    @TearDown(Level.Trial)
    public void verify()
    {
        driver.verify();
    }
}
