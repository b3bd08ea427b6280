package io.omnistock.engine.state;

import io.omnistock.api.AdjustmentReason;
import io.omnistock.api.StockBucket;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.omnistock.engine.state.MachineHarness.DC;
import static io.omnistock.engine.state.MachineHarness.OUTLET;
import static io.omnistock.engine.state.MachineHarness.POS;
import static io.omnistock.engine.state.MachineHarness.SKU_1;
import static io.omnistock.engine.state.MachineHarness.SKU_2;
import static io.omnistock.engine.state.MachineHarness.STORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The position hint ({@link EventCodec#POSITION_HINT_OFFSET}) is derived state that replay checks and never
 * trusts: the events that move one position carry its number, and a journal whose hints are wrong, or absent
 * because it was written in format version 2, replays to the same state.
 */
final class PositionHintTest
{
    @Test
    void positionEventsCarryTheirPositionNumber()
    {
        final MachineHarness h = stocked();
        final UnsafeBuffer journal = new UnsafeBuffer(h.journalBytes());
        // positions are numbered in the order they were first stocked
        final java.util.Map<Long, Integer> numbers = new java.util.HashMap<>();
        int hinted = 0;
        for (int offset = 0; offset < journal.capacity(); offset += journal.getInt(offset + EventCodec.LENGTH_OFFSET))
        {
            final int hint = journal.getInt(offset + EventCodec.POSITION_HINT_OFFSET);
            final int sku = journal.getInt(offset + EventCodec.SKU_OFFSET);
            final int location = journal.getInt(offset + EventCodec.LOCATION_OFFSET);
            assertEquals(EventCodec.VERSION, journal.getShort(offset + EventCodec.VERSION_OFFSET));
            if (hint >= 0)
            {
                hinted++;
                final int expected = numbers.computeIfAbsent(((long)sku << 32) | location, key -> numbers.size());
                assertEquals(expected, hint, "hint of the event at " + offset);
            }
        }
        assertTrue(hinted >= 9, "receipts, sales, adjustments and counts are hinted: " + hinted);
        assertEquals(5, numbers.size());
    }

    @Test
    void wrongHintsReplayToTheSameState()
    {
        final MachineHarness h = stocked();
        final byte[] bytes = h.journalBytes();
        final UnsafeBuffer journal = new UnsafeBuffer(bytes);
        int offset = 0;
        for (int n = 0; offset < bytes.length; n++)
        {
            // every record's hint names another position, none, or one past the last
            journal.putInt(offset + EventCodec.POSITION_HINT_OFFSET, n % 3 == 0 ? -1 : n % 3 == 1 ? n % 4 : 1 << 20);
            offset += journal.getInt(offset + EventCodec.LENGTH_OFFSET);
        }
        assertReplaysTo(h, journal);
    }

    /**
     * The first receipt of SKU 0 at location 0 hints at a slot past the last position: unused slots hold key 0, the
     * key of exactly that pair, so only the {@code hint < positionCount} check keeps replay from taking it.
     */
    @Test
    void aHintPastTheLastPositionIsNotTaken()
    {
        final MachineHarness h = stocked();
        final byte[] bytes = h.journalBytes();
        final UnsafeBuffer journal = new UnsafeBuffer(bytes);
        int patched = 0;
        for (int offset = 0; offset < bytes.length; offset += journal.getInt(offset + EventCodec.LENGTH_OFFSET))
        {
            if (journal.getInt(offset + EventCodec.SKU_OFFSET) == 0 && journal.getInt(offset + EventCodec.LOCATION_OFFSET) == 0 &&
                journal.getInt(offset + EventCodec.POSITION_HINT_OFFSET) >= 0 && patched++ == 0)
            {
                journal.putInt(offset + EventCodec.POSITION_HINT_OFFSET, h.config().positionCapacity() - 1);
            }
        }
        assertTrue(patched > 0, "the fixture stocks SKU 0 at location 0");
        assertReplaysTo(h, journal);
    }

    @Test
    void versionTwoRecordsReplayWithoutHints()
    {
        final MachineHarness h = stocked();
        final byte[] bytes = h.journalBytes();
        final UnsafeBuffer journal = new UnsafeBuffer(bytes);
        for (int offset = 0; offset < bytes.length; offset += journal.getInt(offset + EventCodec.LENGTH_OFFSET))
        {
            // what a version-2 writer left there: unspecified padding, here a valid-looking but wrong number
            journal.putShort(offset + EventCodec.VERSION_OFFSET, (short)2);
            journal.putInt(offset + EventCodec.POSITION_HINT_OFFSET, 0);
        }
        final StateMachine replayed = new StateMachine(h.config());
        MachineHarness.replayInChunks(replayed, journal, 4);
        // a version-2 record's payload hash is taken for the legacy one, which the state hash tells apart: the
        // stock is the live machine's, and the whole state what record-by-record replay of the same bytes gives
        final StateMachine oneByOne = new StateMachine(h.config());
        for (int offset = 0; offset < bytes.length; offset += journal.getInt(offset + EventCodec.LENGTH_OFFSET))
        {
            oneByOne.replay(journal, offset);
        }
        assertEquals(h.machine().inventoryHash(), replayed.inventoryHash(), "stock after replay");
        assertEquals(oneByOne.stateHash(), replayed.stateHash(), "state hash after replay");
        assertNull(replayed.verifyInvariants());
    }

    private static void assertReplaysTo(final MachineHarness h, final UnsafeBuffer journal)
    {
        final StateMachine replayed = new StateMachine(h.config());
        MachineHarness.replayInChunks(replayed, journal, 4);
        assertEquals(h.machine().stateHash(), replayed.stateHash(), "state hash after replay");
        assertNull(replayed.verifyInvariants());
    }

    /** Positions created in an order unlike their (SKU, location) order, then moved by every hinted event. */
    private static MachineHarness stocked()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_2, OUTLET, 5);
        h.receive(SKU_1, STORE, 7);
        h.receive(SKU_2, DC, 9);
        h.receive(SKU_1, DC, 11);
        h.receive(SKU_1, STORE, 1);
        h.sell(POS, SKU_1, STORE, 2);
        h.adjust(SKU_2, DC, -1, StockBucket.SELLABLE, AdjustmentReason.FOUND);
        h.count(SKU_2, OUTLET, 4);
        h.receive(SKU_2, STORE, 3);
        return h;
    }
}
