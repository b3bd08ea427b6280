package io.omnistock.examples;

import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.state.StateMachine;
import io.omnistock.journal.DurableEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the README's demo in the test build: it checks its own claims (no oversell, every buyer answered, the expired
 * hold refused, invariants) and throws when one fails, so a broken demo breaks the build.
 */
class OmnichannelDayTest
{
    @Test
    void shouldRunTheWholeDayAndBalance() throws Exception
    {
        final String output = CapturedOutput.of(OmnichannelDay::main);
        for (final String flow : new String[] {"BOPIS", "Ship-from-store", "EXPIRED", "Flash sale", "SOLD", "BORIS",
            "RETURNED", "(duplicate)", "PROMOTION_DEFINED", "at 2799 cents", "CHANNEL_RULE_SET", "THRESHOLD_CROSSED",
            "The day balanced"})
        {
            assertTrue(output.contains(flow), "the demo shows " + flow + "\n" + output);
        }
    }

    @Test
    void shouldJournalTheDayAndRecoverTheSameState(@TempDir final Path data) throws Exception
    {
        final String output = CapturedOutput.of(args -> OmnichannelDay.main(new String[] {"--data", data.toString()}));
        final String hash = output.lines().filter(line -> line.contains("state hash:")).findFirst().orElseThrow()
            .replaceAll(".*state hash: ", "").trim();

        final StateMachine replayed = DurableEngine.recover(data.resolve(DurableEngine.EVENTS), EngineConfig.defaults());

        assertEquals(hash, String.format("%016x", replayed.stateHash()), "the journal replays to the day's final state");
        assertNull(replayed.verifyInvariants());
    }
}
