package io.omnistock.benchmarks.latency;

import io.omnistock.api.ReasonCode;
import io.omnistock.api.Reply;
import io.omnistock.api.ReplyListener;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Records, for every reply, the time from the command's intended send time ({@link SendSchedule}) to the reply
 * into an HdrHistogram, and counts the replies, the rejections and the duplicates among them.
 *
 * <p>Threading: {@link #onReply} runs on the engine's answering pipeline thread and is the only writer of the
 * histogram and the counters. The sender calls {@link #start} and reads the results only while no command is in flight (after
 * {@link #answered()} has reached the number of accepted commands); the volatile {@code answered} count written
 * last in {@link #onReply} is what makes the histogram visible to it. Allocation: none per reply (values above
 * {@link #HIGHEST_TRACKABLE_NS} are recorded as that value, so the histogram never resizes).
 */
public final class LatencyRecorder implements ReplyListener
{
    /** Largest latency the histogram holds exactly: one hour. */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.HOURS.toNanos(1);
    /** Significant decimal digits the histogram keeps. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final LongSupplier clockNs;
    private final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    private SendSchedule schedule = new SendSchedule(0, 1);
    private long rejected;
    private long duplicates;
    private long lastReplyNs;
    private volatile long answered;

    /**
     * @param clockNs the clock replies are timed with; the same clock as the schedule's.
     */
    public LatencyRecorder(final LongSupplier clockNs)
    {
        this.clockNs = clockNs;
    }

    /**
     * Empties the histogram and the counters for a new run; call only while no command is in flight. The ring
     * publishes the new schedule to the answering thread together with the first command sent after this call.
     *
     * @param newSchedule the schedule of the run about to start.
     */
    public void start(final SendSchedule newSchedule)
    {
        histogram.reset();
        schedule = newSchedule;
        rejected = 0;
        duplicates = 0;
        lastReplyNs = newSchedule.startNs();
        answered = 0;
    }

    @Override
    public void onReply(final long correlationId, final Reply reply)
    {
        final long nowNs = clockNs.getAsLong();
        final long latencyNs = nowNs - schedule.intendedNs(correlationId);
        histogram.recordValue(Math.max(0, Math.min(latencyNs, HIGHEST_TRACKABLE_NS)));
        if (reply.code() != ReasonCode.OK)
        {
            rejected++;
        }
        if (reply.duplicate())
        {
            duplicates++;
        }
        lastReplyNs = nowNs;
        answered++;
    }

    /** @return replies recorded since {@link #start}; a volatile read, safe from any thread. */
    public long answered()
    {
        return answered;
    }

    /** @return replies that were not OK; read only when quiescent. */
    public long rejected()
    {
        return rejected;
    }

    /**
     * @return replies answered from the engine's memory of an earlier command with the same key, which did none of
     *         a fresh command's work; read only when quiescent.
     */
    public long duplicates()
    {
        return duplicates;
    }

    /** @return when the last reply was recorded; read only when quiescent. */
    public long lastReplyNs()
    {
        return lastReplyNs;
    }

    /** @return the histogram of latencies in nanoseconds; read only when quiescent, do not keep. */
    public Histogram histogram()
    {
        return histogram;
    }
}
