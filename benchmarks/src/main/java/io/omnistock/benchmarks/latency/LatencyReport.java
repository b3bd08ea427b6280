package io.omnistock.benchmarks.latency;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Locale;

/**
 * What the open-loop harness measured, as plain records that Jackson writes as JSON, and the same as a Markdown
 * table. Latencies are in microseconds, measured from each command's intended send time; rates in commands per
 * second (a reserve and a release are one command each).
 *
 * @param machine  cores, JDK and heap of the run.
 * @param settings the options of the run.
 * @param modes    one entry per journal mode, in run order.
 */
public record LatencyReport(String machine, String settings, List<ModeResult> modes)
{
    private static final double NANOS_PER_MICRO = 1_000.0;

    /**
     * One journal mode's ramp.
     *
     * @param mode                 the journal mode.
     * @param bestRatePerSecond    the highest offered rate that held (see {@link RateResult#held}) with p99 under
     *                             the target; 0 when none did.
     * @param p99TargetMicros      the target.
     * @param stoppedBecause       how the ramp ended: at its first break (named), or after every rate (and
     *                             the first break, if any).
     * @param jitSettled           how the runs before the ramp let the JIT settle; null when there were none (and
     *                             in results written before there were).
     * @param rates                one entry per rate, in ramp order.
     */
    public record ModeResult(String mode, long bestRatePerSecond, double p99TargetMicros, String stoppedBecause,
        String jitSettled, List<RateResult> rates)
    {
        /**
         * @return the highest offered rate up to which every rate of the ramp held with p99 under the target: the
         *         highest passing rate below the lowest that missed (the rate at which p99 stays under it). 0 when
         *         the lowest rate missed; {@link #bestRatePerSecond} when no lower rate missed.
         */
        public long sustainedRatePerSecond()
        {
            final RateResult miss = lowestMiss();
            long sustained = 0;
            for (final RateResult rate : rates == null ? List.<RateResult>of() : rates)
            {
                if (passed(rate) && (miss == null || rate.offeredPerSecond() < miss.offeredPerSecond()))
                {
                    sustained = Math.max(sustained, rate.offeredPerSecond());
                }
            }
            return sustained;
        }

        /** @return the lowest offered rate that did not hold with p99 under the target, or null. */
        private RateResult lowestMiss()
        {
            RateResult lowest = null;
            for (final RateResult rate : rates == null ? List.<RateResult>of() : rates)
            {
                if (!passed(rate) && (lowest == null || rate.offeredPerSecond() < lowest.offeredPerSecond()))
                {
                    lowest = rate;
                }
            }
            return lowest;
        }

        private boolean passed(final RateResult rate)
        {
            return rate.held() && rate.p99Micros() < p99TargetMicros;
        }

        /**
         * @return one line: the rate up to which p99 stayed under the target and, when a lower rate missed while a
         *         higher one passed (a noisy machine), which one and the highest that passed, then why the ramp
         *         stopped.
         */
        String summary()
        {
            final long sustained = sustainedRatePerSecond();
            final StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "- %s: p99 under %,.0f us at every rate up to: %s", mode, p99TargetMicros, perSecond(sustained)));
            if (bestRatePerSecond > sustained)
            {
                final RateResult miss = lowestMiss();
                line.append(String.format(Locale.ROOT, " (at %,d/s %s); the highest single rate with p99 under " +
                    "%,.0f us: %s", miss.offeredPerSecond(), miss.held() ? String.format(Locale.ROOT,
                    "p99 was %,.1f us", miss.p99Micros()) : "the rate was not held", p99TargetMicros,
                    perSecond(bestRatePerSecond)));
            }
            line.append("; ramp: ").append(stoppedBecause);
            if (jitSettled != null)
            {
                line.append("; before the ramp: ").append(jitSettled);
            }
            return line.append('\n').toString();
        }

        private static String perSecond(final long rate)
        {
            return rate == 0 ? "none" : String.format(Locale.ROOT, "%,d/s", rate);
        }
    }

    /**
     * One rate of a ramp, measured after its warm-up.
     *
     * @param offeredPerSecond  the rate commands were scheduled at.
     * @param achievedPerSecond commands answered per second, from the first intended send to the last reply.
     * @param answered          commands answered (all latencies below are over these).
     * @param dropped           commands the engine refused for anything but back pressure (shut down, boundary);
     *                          never answered. None are expected.
     * @param backPressured     commands that met a full ring and were offered again until accepted (their wait
     *                          is in their latency, from their intended time, and in every later command's); null
     *                          in results written before such commands were offered again (they were dropped).
     * @param unsent            commands of the schedule never sent: the sender gave the run up, too far behind
     *                          ({@link OpenLoopSender#giveUpLagNs}); the rate did not hold. Null in results
     *                          written before the sender could give a run up.
     * @param rejected          answered commands that were not OK; none are expected (the harness fails the run
     *                          on any).
     * @param p50Micros         median latency.
     * @param p99Micros         99th percentile.
     * @param p999Micros        99.9th percentile.
     * @param p9999Micros       99.99th percentile.
     * @param maxMicros         largest latency.
     * @param senderLagMaxMicros the latest a command went out after its intended time.
     * @param held              achieved at least 90 % of offered, the whole schedule sent, nothing dropped and
     *                          nothing rejected: every command of the schedule is in the percentiles.
     * @param jitMillis         JIT compilation time of the JVM during the measured run ({@link JvmActivity}), a
     *                          noise gauge like the sender's lag: compiler threads take a core from the engine; null
     *                          when not reported (and in results written before it was).
     * @param gcMillis          garbage collection time during the measured run, likewise.
     */
    public record RateResult(long offeredPerSecond, long achievedPerSecond, long answered, long dropped,
        Long backPressured, Long unsent, long rejected,
        double p50Micros, double p99Micros, double p999Micros, double p9999Micros, double maxMicros,
        double senderLagMaxMicros, boolean held, Long jitMillis, Long gcMillis)
    {
        /**
         * @param schedule  the measured run's schedule.
         * @param counts    what the sender did.
         * @param recorder  what the replies showed, quiescent.
         * @param jvm       what the JVM did during the run.
         * @return the result.
         */
        static RateResult of(final SendSchedule schedule, final OpenLoopSender.Counts counts,
            final LatencyRecorder recorder, final JvmActivity jvm)
        {
            final Histogram histogram = recorder.histogram();
            final long spanNs = Math.max(1, recorder.lastReplyNs() - schedule.startNs());
            final long achieved = Math.round(recorder.answered() * 1e9 / spanNs);
            final boolean held = achieved * 10 >= schedule.ratePerSecond() * 9 && counts.unsent() == 0 &&
                counts.dropped() == 0 && recorder.rejected() == 0;
            return new RateResult(schedule.ratePerSecond(), achieved, recorder.answered(), counts.dropped(),
                counts.backPressured(), counts.unsent(), recorder.rejected(), micros(histogram.getValueAtPercentile(50)),
                micros(histogram.getValueAtPercentile(99)), micros(histogram.getValueAtPercentile(99.9)),
                micros(histogram.getValueAtPercentile(99.99)), micros(histogram.getMaxValue()),
                micros(counts.senderLagMaxNs()), held, reported(jvm.compileMillis()),
                reported(jvm.gcMillis()));
        }
    }

    private static Long reported(final long millis)
    {
        return millis < 0 ? null : millis;
    }

    /** @return the results as a Markdown fragment: one table over all modes, then the best rate per mode. */
    public String markdown()
    {
        final StringBuilder out = new StringBuilder()
            .append("| journal | offered/s | achieved/s | p50 us | p99 us | p99.9 us | p99.99 us | max us | answered"
                + " | met a full ring | not sent | dropped | rejected | sender lag max us | JIT ms | GC ms |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final ModeResult mode : modes)
        {
            for (final RateResult rate : mode.rates())
            {
                out.append(String.format("| %s | %,d | %,d | %,.1f | %,.1f | %,.1f | %,.1f | %,.1f | %,d | %s | %s | %,d | %,d | %,.1f | %s | %s |%n",
                    mode.mode(), rate.offeredPerSecond(), rate.achievedPerSecond(), rate.p50Micros(),
                    rate.p99Micros(), rate.p999Micros(), rate.p9999Micros(), rate.maxMicros(), rate.answered(),
                    count(rate.backPressured()), count(rate.unsent()), rate.dropped(), rate.rejected(), rate.senderLagMaxMicros(), millis(rate.jitMillis()),
                    millis(rate.gcMillis())));
            }
        }
        out.append('\n');
        for (final ModeResult mode : modes)
        {
            out.append(mode.summary());
        }
        return out.toString();
    }

    private static String count(final Long count)
    {
        return count == null ? "" : String.format("%,d", count);
    }

    private static String millis(final Long millis)
    {
        return millis == null ? "" : String.format("%,d", millis);
    }

    private static double micros(final long nanos)
    {
        return Math.round(nanos / NANOS_PER_MICRO * 10) / 10.0;
    }
}
