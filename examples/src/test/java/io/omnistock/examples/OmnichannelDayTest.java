package io.omnistock.examples;

import org.junit.jupiter.api.Test;

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
            "RETURNED", "(duplicate)", "The day balanced"})
        {
            assertTrue(output.contains(flow), "the demo shows " + flow + "\n" + output);
        }
    }
}
