package io.omnistock.benchmarks.latency;

import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The harness's load against a real engine: the command pool wraps round several times and every reuse is still
 * decided as a fresh command (no duplicate, no key in use), in every journal mode. No timing is asserted; a
 * command that meets a full ring (a busy machine) is offered again until accepted, so nothing is dropped and the
 * ring changes nothing the engine decides.
 */
@Timeout(120)
class ReserveReleaseLoadTest
{
    private static final int PAIRS = ReserveReleaseLoad.PAIRS_MIN;
    private static final long COMMANDS = 6L * PAIRS;

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(JournalMode.class)
    void shouldDecideEveryReusedCommandAsFreshWhenThePoolWrapsRound(final JournalMode mode)
    {
        final LatencyRecorder recorder = new LatencyRecorder(System::nanoTime);
        final ReserveReleaseLoad load = new ReserveReleaseLoad(PAIRS, 1);
        try (OmnistockEngine engine = mode.open(directory, ReserveReleaseLoad.config(PAIRS,
            EngineConfig.WaitStrategy.BLOCKING)))
        {
            load.load(engine, recorder);
            final SendSchedule schedule = new SendSchedule(System.nanoTime(), 25_000);
            recorder.start(schedule);
            final OpenLoopSender.Counts counts = OpenLoopSender.systemClock().run(schedule, COMMANDS, load);
            while (recorder.answered() < counts.accepted())
            {
                Thread.onSpinWait();
            }
            assertEquals(COMMANDS, counts.sent());
            assertEquals(0, counts.dropped(), "a full ring delays a command; it never drops it");
            assertEquals(0, recorder.duplicates(), "every reused command is decided afresh");
            assertEquals(counts.accepted(), recorder.histogram().getTotalCount());
            assertEquals(0, recorder.rejected());
            assertNull(engine.verifyInvariants());
        }
    }

    @Test
    void shouldRefuseAPoolThatIsNotAPowerOfTwoOrTooSmall()
    {
        assertThrows(IllegalArgumentException.class, () -> new ReserveReleaseLoad(PAIRS + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReserveReleaseLoad(PAIRS / 2, 1));
    }
}
