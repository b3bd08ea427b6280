package io.omnistock.benchmarks.latency;

import io.omnistock.api.ReasonCode;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Sends commands at a fixed rate, whatever the system under test does: command {@code i} goes out at its intended
 * time ({@link SendSchedule}), never earlier; when the sender is behind (the target blocked it, or the thread was
 * descheduled) it sends at once, without waiting, until it has caught up. It never waits for a reply. Latency is
 * measured from the intended time by the {@link LatencyRecorder}, so being behind is charged to the commands
 * that were delayed.
 *
 * <p>Threading: one sending thread per instance. Allocation: none per command. Time and waiting are injected (a
 * clock and a pause), so the accounting is testable with a hand-driven clock; {@link #systemClock()} spins when
 * the next send is near and parks only when it is more than {@link #PARK_THRESHOLD_NS} away, leaving that margin
 * for the park to overshoot.
 */
public final class OpenLoopSender
{
    /** Gaps longer than this are parked (minus this margin); shorter ones are spun. */
    public static final long PARK_THRESHOLD_NS = 100_000;

    /** What the sender drives. */
    @FunctionalInterface
    public interface Target
    {
        /**
         * Sends command {@code index} of the run without waiting for its reply.
         *
         * @param index the command's index in the run, which is also its correlation id.
         * @return {@link ReasonCode#OK} when accepted; anything else counts as dropped.
         */
        int send(long index);
    }

    /**
     * What one run did.
     *
     * @param sent          commands the sender tried, all of the schedule.
     * @param dropped       commands not accepted (back pressure, shut down, boundary rejection): never answered.
     * @param senderLagMaxNs the latest any command went out after its intended time.
     * @param endNs         when the last command went out.
     */
    public record Counts(long sent, long dropped, long senderLagMaxNs, long endNs)
    {
        /** @return the commands accepted, each of which gets exactly one reply. */
        public long accepted()
        {
            return sent - dropped;
        }
    }

    private final LongSupplier clockNs;
    private final LongConsumer pause;

    /**
     * @param clockNs the clock.
     * @param pause   called with the nanoseconds left until the next send; returns once it has waited some.
     */
    public OpenLoopSender(final LongSupplier clockNs, final LongConsumer pause)
    {
        this.clockNs = clockNs;
        this.pause = pause;
    }

    /** @return a sender on {@link System#nanoTime()} that spins near the next send and parks when far from it. */
    public static OpenLoopSender systemClock()
    {
        return new OpenLoopSender(System::nanoTime, OpenLoopSender::spinOrPark);
    }

    /**
     * Sends {@code count} commands on the schedule.
     *
     * @param schedule when each command is due.
     * @param count    commands to send.
     * @param target   what to send them to.
     * @return what happened.
     */
    public Counts run(final SendSchedule schedule, final long count, final Target target)
    {
        long dropped = 0;
        long lagMaxNs = 0;
        long nowNs = clockNs.getAsLong();
        for (long index = 0; index < count; index++)
        {
            final long intendedNs = schedule.intendedNs(index);
            while (nowNs < intendedNs)
            {
                pause.accept(intendedNs - nowNs);
                nowNs = clockNs.getAsLong();
            }
            lagMaxNs = Math.max(lagMaxNs, nowNs - intendedNs);
            if (target.send(index) != ReasonCode.OK)
            {
                dropped++;
            }
            nowNs = clockNs.getAsLong();
        }
        return new Counts(count, dropped, lagMaxNs, nowNs);
    }

    private static void spinOrPark(final long remainingNs)
    {
        if (remainingNs > PARK_THRESHOLD_NS)
        {
            LockSupport.parkNanos(remainingNs - PARK_THRESHOLD_NS);
        }
        else
        {
            Thread.onSpinWait();
        }
    }
}
