package io.omnistock.benchmarks.latency;

import io.omnistock.api.ReasonCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A measured run becomes a result row (percentiles, achieved rate, whether the rate held) and a Markdown table. */
class LatencyReportTest
{
    private static final long START_NS = 1_000_000;

    private long nowNs;

    @Test
    void shouldReportPercentilesFromTheIntendedTimesAndTheAchievedRate()
    {
        final SendSchedule schedule = new SendSchedule(START_NS, 1_000);
        final LatencyRecorder recorder = replies(schedule, 100, 2_000, 50_000);
        final LatencyReport.RateResult result =
            LatencyReport.RateResult.of(schedule, new OpenLoopSender.Counts(100, 0, 0, nowNs), recorder);
        assertEquals(2.0, result.p50Micros(), 0.01);
        assertEquals(2.0, result.p99Micros(), 0.01);
        assertEquals(50.0, result.maxMicros(), 0.1);
        assertEquals(Math.round(100 * 1e9 / (nowNs - START_NS)), result.achievedPerSecond());
        assertTrue(result.held());
    }

    @Test
    void shouldNotCountARateAsHeldWhenMoreThanOnePercentWasDropped()
    {
        final SendSchedule schedule = new SendSchedule(START_NS, 1_000);
        final LatencyRecorder recorder = replies(schedule, 98, 0, 0);
        assertFalse(LatencyReport.RateResult.of(schedule, new OpenLoopSender.Counts(100, 2, 0, nowNs), recorder).held());
    }

    /** Records {@code count} replies, each {@code latencyNs} after its intended time, the last {@code lastLatencyNs}. */
    private LatencyRecorder replies(final SendSchedule schedule, final int count, final long latencyNs,
        final long lastLatencyNs)
    {
        final LatencyRecorder recorder = new LatencyRecorder(() -> nowNs);
        recorder.start(schedule);
        for (int index = 0; index < count; index++)
        {
            nowNs = schedule.intendedNs(index) + (index == count - 1 ? lastLatencyNs : latencyNs);
            recorder.onReply(index, OpenLoopSenderTest.reply(ReasonCode.OK));
        }
        return recorder;
    }

    @Test
    void shouldListEveryRateAndTheBestRatePerModeInMarkdown()
    {
        final LatencyReport.RateResult fast = new LatencyReport.RateResult(50_000, 49_990, 100_000, 0, 0, 3.5, 40.25,
            90, 120, 130, 5, true);
        final LatencyReport report = new LatencyReport("machine", "settings", List.of(
            new LatencyReport.ModeResult("async", 50_000, 100, "end of the ramp", List.of(fast)),
            new LatencyReport.ModeResult("sync", 0, 100, "at 50,000/s p99 was 2,000.0 us", List.of())));
        final String markdown = report.markdown();
        assertTrue(markdown.contains("| async | 50,000 | 49,990 | 3.5 | 40.3 | 90.0 | 120.0 | 130.0 | 100,000 | 0 | 0 | 5.0 |"),
            markdown);
        assertTrue(markdown.contains("- async: highest rate with p99 under 100 us: 50,000/s; ramp stopped: end of the ramp"),
            markdown);
        assertTrue(markdown.contains("- sync: highest rate with p99 under 100 us: none"), markdown);
    }
}
