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
 * <p>A command the target refuses for {@link ReasonCode#BACK_PRESSURE} (its queue is full) is offered again, after
 * a short back-off, until it is accepted, as a caller that must not lose it would: the wait is part of its latency
 * (from its intended time) and of every later command's, so a full queue shows in the percentiles instead of
 * leaving the slowest commands out of them. Such commands are counted ({@link Counts#backPressured}). Any other
 * refusal (shut down, a boundary rejection) drops the command: it is never answered, and is counted.
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
         * @return {@link ReasonCode#OK} when accepted; {@link ReasonCode#BACK_PRESSURE} to be offered the same index
         *         again; anything else drops the command.
         */
        int send(long index);
    }

    /**
     * What one run did.
     *
     * @param sent           commands the sender offered: all of the schedule, unless it gave up.
     * @param unsent         commands of the schedule never offered: the sender gave up, too far behind
     *                       ({@link #giveUpLagNs}); 0 when it sent the whole schedule.
     * @param dropped        commands refused for anything but back pressure (shut down, boundary rejection):
     *                       never answered.
     * @param backPressured  commands refused at least once for back pressure, then accepted when offered again
     *                       (but for the one waiting when the sender gave the run up, if it did).
     * @param senderLagMaxNs the latest any accepted command was first offered after its intended time: how far
     *                       behind the sender was (descheduled, or held up by an earlier command that waited for
     *                       a full queue); a command's own wait for the queue is in its latency, not here.
     * @param endNs          when the last command went out.
     */
    public record Counts(long sent, long unsent, long dropped, long backPressured, long senderLagMaxNs, long endNs)
    {
        /** @return the commands accepted, each of which gets exactly one reply. */
        public long accepted()
        {
            return sent - dropped;
        }
    }

    /** How long {@link #systemClock()} parks before offering a back-pressured command again. */
    public static final long BACK_OFF_NS = 1_000;
    /** The sender gives a run up when it is this far behind its schedule, or a tenth of the run if longer. */
    public static final long GIVE_UP_LAG_MIN_NS = 1_000_000_000L;

    private final LongSupplier clockNs;
    private final LongConsumer pause;
    private final Runnable backOff;

    /**
     * @param clockNs the clock.
     * @param pause   called with the nanoseconds left until the next send; returns once it has waited some.
     * @param backOff called before a back-pressured command is offered again; returns once it has waited some.
     */
    public OpenLoopSender(final LongSupplier clockNs, final LongConsumer pause, final Runnable backOff)
    {
        this.clockNs = clockNs;
        this.pause = pause;
        this.backOff = backOff;
    }

    /**
     * @return a sender on {@link System#nanoTime()} that spins near the next send and parks when far from it, and
     *         parks {@link #BACK_OFF_NS} (plus the timer's slack) while the target's queue is full, leaving the
     *         cores to the threads that drain it.
     */
    public static OpenLoopSender systemClock()
    {
        return new OpenLoopSender(System::nanoTime, OpenLoopSender::spinOrPark, () -> LockSupport.parkNanos(BACK_OFF_NS));
    }

    /**
     * How far behind its schedule the sender may fall before it gives the run up: a tenth of the run's length, at
     * least {@link #GIVE_UP_LAG_MIN_NS}. A rate the target cannot take queues commands faster than they are
     * answered, and with every command offered until accepted the run would last as many times its length as the
     * rate is over what the target achieves; this far behind, the target achieves less than about 90 % of the rate
     * (under which a rate does not hold anyway), so the rest of the schedule would tell nothing more.
     *
     * @param schedule the run's schedule.
     * @param count    its commands.
     * @return the lag in nanoseconds.
     */
    public static long giveUpLagNs(final SendSchedule schedule, final long count)
    {
        return Math.max(GIVE_UP_LAG_MIN_NS, (schedule.intendedNs(count) - schedule.startNs()) / 10);
    }

    /**
     * Sends {@code count} commands on the schedule, or fewer if it falls {@link #giveUpLagNs} behind.
     *
     * @param schedule when each command is due.
     * @param count    commands to send.
     * @param target   what to send them to.
     * @return what happened.
     */
    public Counts run(final SendSchedule schedule, final long count, final Target target)
    {
        final long giveUpLagNs = giveUpLagNs(schedule, count);
        long dropped = 0;
        long backPressured = 0;
        long lagMaxNs = 0;
        long nowNs = clockNs.getAsLong();
        for (long index = 0; index < count; index++)
        {
            final long intendedNs = schedule.intendedNs(index);
            if (nowNs - intendedNs > giveUpLagNs)
            {
                return new Counts(index, count - index, dropped, backPressured, lagMaxNs, nowNs);
            }
            while (nowNs < intendedNs)
            {
                pause.accept(intendedNs - nowNs);
                nowNs = clockNs.getAsLong();
            }
            final long offeredNs = nowNs;
            int code = target.send(index);
            if (code == ReasonCode.BACK_PRESSURE)
            {
                backPressured++;
                do
                {
                    backOff.run();
                    nowNs = clockNs.getAsLong();
                    if (nowNs - intendedNs > giveUpLagNs)
                    {
                        // a target that never takes it again (a stalled consumer) must not hold the sender forever
                        return new Counts(index, count - index, dropped, backPressured, lagMaxNs, nowNs);
                    }
                    code = target.send(index);
                }
                while (code == ReasonCode.BACK_PRESSURE);
            }
            if (code == ReasonCode.OK)
            {
                lagMaxNs = Math.max(lagMaxNs, offeredNs - intendedNs);
            }
            else
            {
                dropped++;
            }
            nowNs = clockNs.getAsLong();
        }
        return new Counts(count, 0, dropped, backPressured, lagMaxNs, nowNs);
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
