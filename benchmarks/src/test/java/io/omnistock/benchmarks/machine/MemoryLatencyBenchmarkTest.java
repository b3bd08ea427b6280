package io.omnistock.benchmarks.machine;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calibration's region is one cycle through every cache line, so each read waits for the one before. */
class MemoryLatencyBenchmarkTest
{
    @Test
    void shouldLinkEveryLineIntoOneCycle()
    {
        final int[] region = MemoryLatencyBenchmark.cycle(1, AccessPattern.SEED);
        final int lines = region.length / MemoryLatencyBenchmark.INTS_PER_LINE;
        assertEquals(16_384, lines, "1 MiB of 64-byte lines");

        final boolean[] seen = new boolean[lines];
        int at = 0;
        for (int step = 0; step < lines; step++)
        {
            assertEquals(0, at % MemoryLatencyBenchmark.INTS_PER_LINE, "every link names the start of a line");
            final int line = at / MemoryLatencyBenchmark.INTS_PER_LINE;
            assertFalse(seen[line], "line " + line + " visited twice before the cycle closed, at step " + step);
            seen[line] = true;
            at = region[at];
        }
        assertEquals(0, at, "the cycle closes after visiting every line once");
    }

    @Test
    void shouldNotFollowTheLinesInOrder()
    {
        final int[] region = MemoryLatencyBenchmark.cycle(1, AccessPattern.SEED);
        int inOrder = 0;
        for (int at = 0, step = 0; step < 1_000; step++)
        {
            final int next = region[at];
            inOrder += next == at + MemoryLatencyBenchmark.INTS_PER_LINE ? 1 : 0;
            at = next;
        }
        assertTrue(inOrder < 10, "a random cycle rarely steps to the adjacent line: " + inOrder + " of 1,000");
    }

    @Test
    void shouldBeTheSameCycleForTheSameSeed()
    {
        assertArrayEquals(MemoryLatencyBenchmark.cycle(1, 7), MemoryLatencyBenchmark.cycle(1, 7));
        assertFalse(Arrays.equals(MemoryLatencyBenchmark.cycle(1, 7), MemoryLatencyBenchmark.cycle(1, 8)));
        assertThrows(IllegalArgumentException.class, () -> MemoryLatencyBenchmark.cycle(0, 7));
        assertThrows(IllegalArgumentException.class, () -> MemoryLatencyBenchmark.cycle(1025, 7));
    }
}
