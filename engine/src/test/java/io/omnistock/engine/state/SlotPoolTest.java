package io.omnistock.engine.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link SlotPool#peekRetired(int)} names the slot each coming acquisition takes, or -1 when it takes a new one. */
final class SlotPoolTest
{
    @Test
    void peekAheadMatchesAcquisitions()
    {
        final SlotPool pool = new SlotPool(4);
        assertEquals(-1, pool.peekRetired(0), "an unused slot comes first");
        pool.acquire();
        pool.acquire();
        pool.acquire();
        pool.retire(1);
        pool.retire(0);
        assertEquals(-1, pool.peekRetired(0), "slot 3 is still unused");
        assertEquals(1, pool.peekRetired(1));
        assertEquals(0, pool.peekRetired(2));
        assertEquals(-1, pool.peekRetired(3), "nothing more is retired");
        assertEquals(3, pool.acquire(), "the never-used slot, as peekRetired(0) = -1 said");
        assertEquals(1, pool.peekRetired(0));
        assertEquals(1, pool.acquire());
        assertEquals(0, pool.peekRetired(0));
        assertEquals(0, pool.acquire());
        assertEquals(-1, pool.peekRetired(0), "empty");
        assertEquals(false, pool.hasSpace());
    }

    @Test
    void peekWrapsAroundTheRetiredRing()
    {
        final SlotPool pool = new SlotPool(3);
        for (int i = 0; i < 3; i++)
        {
            pool.acquire();
        }
        for (int round = 0; round < 5; round++)
        {
            pool.retire(round % 3);
            pool.retire((round + 1) % 3);
            assertEquals(round % 3, pool.peekRetired(0));
            assertEquals((round + 1) % 3, pool.peekRetired(1));
            assertEquals(round % 3, pool.acquire());
            assertEquals((round + 1) % 3, pool.acquire());
        }
    }
}
