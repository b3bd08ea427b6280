package io.omnistock.benchmarks.latency;

/**
 * When each command of an open-loop run is meant to be sent: command {@code i} at
 * {@code startNs + i * 1e9 / ratePerSecond}, computed from the index each time so that rounding never drifts.
 * Latency is measured from this intended time, not from the moment the sender got round to sending, so a stall
 * of the system under test shows in the latency of every command it delayed (no coordinated omission).
 *
 * <p>Immutable; safe to share between the sending and the replying thread. Allocation-free.
 *
 * @param startNs       intended send time of command 0, on the {@link System#nanoTime()} scale (or a test clock).
 * @param ratePerSecond commands per second, at least 1.
 */
public record SendSchedule(long startNs, long ratePerSecond)
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Checks the rate. */
    public SendSchedule
    {
        if (ratePerSecond < 1)
        {
            throw new IllegalArgumentException("ratePerSecond must be at least 1: " + ratePerSecond);
        }
    }

    /**
     * @param index a command's index in the run, from 0 (below about 9.2e9, far beyond any run).
     * @return its intended send time.
     */
    public long intendedNs(final long index)
    {
        return startNs + index * NANOS_PER_SECOND / ratePerSecond;
    }

    /**
     * @param seconds the run's length.
     * @return the number of commands the schedule holds in that time.
     */
    public long count(final double seconds)
    {
        return Math.max(1, Math.round(seconds * ratePerSecond));
    }
}
