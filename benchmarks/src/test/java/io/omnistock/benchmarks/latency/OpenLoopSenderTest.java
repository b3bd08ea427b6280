package io.omnistock.benchmarks.latency;

import io.omnistock.api.ReasonCode;
import io.omnistock.api.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The open-loop accounting on a clock driven by hand: sends are never early, a late sender catches up at once,
 * and latency runs from the intended send time, so a stall is charged to every command it delayed.
 */
class OpenLoopSenderTest
{
    /** 1,000,000 commands/s: one every microsecond. */
    private static final long RATE = 1_000_000;
    private static final long PERIOD_NS = 1_000;
    private static final long START_NS = 5_000;

    /** Each back-off before a back-pressured command is offered again. */
    private static final long BACK_OFF_NS = 2_000;

    private long nowNs;

    private OpenLoopSender sender()
    {
        return new OpenLoopSender(() -> nowNs, remainingNs -> nowNs += Math.min(remainingNs, 300),
            () -> nowNs += BACK_OFF_NS);
    }

    @Test
    void shouldComputeIntendedTimesFromTheIndexWithoutDrift()
    {
        final SendSchedule schedule = new SendSchedule(START_NS, 3);
        assertEquals(START_NS + 333_333_333, schedule.intendedNs(1));
        assertEquals(START_NS + 1_000_000_000, schedule.intendedNs(3));
        assertEquals(START_NS + 1_000_000_000_000L, schedule.intendedNs(3_000));
        assertEquals(6, schedule.count(2.0));
        assertThrows(IllegalArgumentException.class, () -> new SendSchedule(0, 0));
    }

    @Test
    void shouldSendEachCommandAtItsIntendedTimeWhenOnSchedule()
    {
        final List<Long> sentAtNs = new ArrayList<>();
        final OpenLoopSender.Counts counts = sender().run(new SendSchedule(START_NS, RATE), 50, index ->
        {
            sentAtNs.add(nowNs);
            return ReasonCode.OK;
        });
        for (int index = 0; index < sentAtNs.size(); index++)
        {
            assertEquals(START_NS + index * PERIOD_NS, sentAtNs.get(index), "send " + index);
        }
        assertEquals(new OpenLoopSender.Counts(50, 0, 0, 0, 0, START_NS + 49 * PERIOD_NS), counts);
    }

    @Test
    void shouldSendAtOnceWhenBehindAndChargeTheStallToEveryDelayedCommand()
    {
        final long stallNs = 100_000;
        final LatencyRecorder recorder = new LatencyRecorder(() -> nowNs);
        final SendSchedule schedule = new SendSchedule(START_NS, RATE);
        recorder.start(schedule);
        final List<Long> sentAtNs = new ArrayList<>();
        final OpenLoopSender.Counts counts = sender().run(schedule, 200, index ->
        {
            sentAtNs.add(nowNs);
            if (index == 10)
            {
                nowNs += stallNs;
            }
            recorder.onReply(index, reply(ReasonCode.OK));
            return ReasonCode.OK;
        });
        final long stallEndNs = schedule.intendedNs(10) + stallNs;
        for (int index = 11; index < 110; index++)
        {
            assertEquals(stallEndNs, sentAtNs.get(index), "command " + index + " goes out as soon as the stall ends");
        }
        assertEquals(schedule.intendedNs(110), sentAtNs.get(110), "back on schedule");
        assertEquals(stallNs - PERIOD_NS, counts.senderLagMaxNs());
        assertEquals(200, recorder.answered());
        assertEquals(100, recorder.histogram().getTotalCount() - recorder.histogram().getCountBetweenValues(0, 0),
            "commands 10..109 waited for the stall");
        assertTrue(recorder.histogram().valuesAreEquivalent(stallNs, recorder.histogram().getMaxValue()));
        assertEquals(schedule.intendedNs(199), recorder.lastReplyNs());
    }

    @Test
    void shouldCountRefusedSendsAsDroppedAndRejectedRepliesAsRejected()
    {
        final LatencyRecorder recorder = new LatencyRecorder(() -> nowNs);
        recorder.start(new SendSchedule(START_NS, RATE));
        final OpenLoopSender.Counts counts = sender().run(new SendSchedule(START_NS, RATE), 30, index ->
        {
            if (index % 3 == 0)
            {
                return ReasonCode.SHUT_DOWN;
            }
            recorder.onReply(index, reply(index % 3 == 1 ? ReasonCode.OK : ReasonCode.BACK_PRESSURE));
            return ReasonCode.OK;
        });
        assertEquals(10, counts.dropped());
        assertEquals(0, counts.backPressured());
        assertEquals(20, counts.accepted());
        assertEquals(20, recorder.answered());
        assertEquals(10, recorder.rejected());
        assertEquals(10, recorder.duplicates());
    }

    /**
     * A full queue is not a way out of the percentiles: the command that met it is offered again until accepted,
     * never dropped, and its wait, like every later command's, is charged from its intended time.
     */
    @Test
    void shouldOfferABackPressuredCommandAgainUntilAcceptedAndChargeTheWait()
    {
        final int refusals = 50;
        final LatencyRecorder recorder = new LatencyRecorder(() -> nowNs);
        final SendSchedule schedule = new SendSchedule(START_NS, RATE);
        recorder.start(schedule);
        final List<Long> offered = new ArrayList<>();
        final OpenLoopSender.Counts counts = sender().run(schedule, 300, index ->
        {
            offered.add(index);
            if (index == 20 && offered.size() <= 20 + refusals)
            {
                return ReasonCode.BACK_PRESSURE;
            }
            recorder.onReply(index, reply(ReasonCode.OK));
            return ReasonCode.OK;
        });
        assertEquals(300 + refusals, offered.size());
        for (int attempt = 20; attempt <= 20 + refusals; attempt++)
        {
            assertEquals(20L, offered.get(attempt), "attempt " + attempt + " offers command 20 again");
        }
        assertEquals(21L, offered.get(21 + refusals));
        assertEquals(new OpenLoopSender.Counts(300, 0, 0, 1, refusals * BACK_OFF_NS - PERIOD_NS,
            schedule.intendedNs(299)), counts, "the lag is command 21's, first offered when command 20 was taken; " +
            "command 20's own wait is in its latency, not in the lag");
        assertEquals(300, recorder.answered());
        assertEquals(refusals * BACK_OFF_NS, recorder.histogram().getMaxValue(), refusals * BACK_OFF_NS / 500,
            "command 20 waited for the ring from its intended time");
        final long waited = refusals * BACK_OFF_NS / PERIOD_NS;
        assertEquals(waited, recorder.histogram().getTotalCount() - recorder.histogram().getCountBetweenValues(0, 0),
            "command 20 and every command due while it waited are charged the wait");
    }

    /**
     * A rate the target cannot take would keep the sender behind for as many times the run's length as the rate is
     * over what the target achieves: the sender gives the run up once it is a tenth of the run behind (at least
     * {@link OpenLoopSender#GIVE_UP_LAG_MIN_NS}), and says how many commands it did not send.
     */
    @Test
    void shouldGiveTheRunUpWhenTooFarBehindAndCountWhatItDidNotSend()
    {
        final long count = 20L * RATE;
        final SendSchedule schedule = new SendSchedule(START_NS, RATE);
        assertEquals(2_000_000_000L, OpenLoopSender.giveUpLagNs(schedule, count), "a tenth of a 20 s run");
        assertEquals(OpenLoopSender.GIVE_UP_LAG_MIN_NS, OpenLoopSender.giveUpLagNs(schedule, RATE), "1 s run");
        // the target takes 2 us per command: it achieves half the rate, so the sender loses 1 us per command
        final OpenLoopSender.Counts counts = sender().run(schedule, count, index ->
        {
            nowNs += 2 * PERIOD_NS;
            return ReasonCode.OK;
        });
        final long sent = 2_000_000 + 1;
        assertEquals(new OpenLoopSender.Counts(sent, count - sent, 0, 0, 2_000_000_000L, START_NS + 2 * sent * PERIOD_NS),
            counts);
        assertEquals(count, counts.sent() + counts.unsent());
    }

    @Test
    @Timeout(10)
    void shouldGiveTheRunUpWhenTheTargetNeverTakesABackPressuredCommand()
    {
        final SendSchedule schedule = new SendSchedule(START_NS, RATE);
        final OpenLoopSender.Counts counts = sender().run(schedule, 100, index ->
            index < 10 ? ReasonCode.OK : ReasonCode.BACK_PRESSURE);
        assertEquals(10, counts.sent(), "command 10 was never taken: not sent");
        assertEquals(90, counts.unsent());
        assertEquals(1, counts.backPressured());
        assertEquals(0, counts.dropped());
        assertTrue(counts.endNs() - schedule.intendedNs(10) > OpenLoopSender.GIVE_UP_LAG_MIN_NS);
        assertTrue(counts.endNs() - schedule.intendedNs(10) <= OpenLoopSender.GIVE_UP_LAG_MIN_NS + BACK_OFF_NS);
    }

    @Test
    void shouldForgetThePreviousRunWhenStarted()
    {
        final LatencyRecorder recorder = new LatencyRecorder(() -> nowNs);
        recorder.start(new SendSchedule(START_NS, RATE));
        nowNs = START_NS + 7_000;
        recorder.onReply(0, reply(ReasonCode.BACK_PRESSURE));
        recorder.start(new SendSchedule(nowNs, RATE));
        assertEquals(0, recorder.answered());
        assertEquals(0, recorder.rejected());
        assertEquals(0, recorder.histogram().getTotalCount());
    }

    static Reply reply(final int code)
    {
        return new Reply()
        {
            @Override
            public int code()
            {
                return code;
            }

            @Override
            public boolean duplicate()
            {
                return code == ReasonCode.BACK_PRESSURE;
            }

            @Override
            public long sequence()
            {
                return -1;
            }

            @Override
            public long timeMs()
            {
                return 0;
            }

            @Override
            public int lineIndex()
            {
                return -1;
            }

            @Override
            public long available()
            {
                return -1;
            }

            @Override
            public int lineCount()
            {
                return 0;
            }

            @Override
            public String lineLocation(final int lineIndex)
            {
                return null;
            }
        };
    }
}
