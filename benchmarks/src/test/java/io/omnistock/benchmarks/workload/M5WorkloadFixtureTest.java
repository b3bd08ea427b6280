package io.omnistock.benchmarks.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The M5 generator's rules on a tiny synthetic data set (3 items, 2 stores, 7 days, a Walmart week starting on the
 * sixth day) written to a temporary folder, so they are checked without the real data.
 */
class M5WorkloadFixtureTest
{
    private static final int DAYS = M5Fixture.DAYS;
    private static final String[] ITEMS = M5Fixture.ITEMS;
    private static final String[] STORES = M5Fixture.STORES;
    private static final int LOCATIONS = STORES.length + M5Workload.WAREHOUSES.length;

    @TempDir
    Path folder;

    @Test
    void shouldSellTheFileUnitsOfEachItemAtEachStore() throws IOException
    {
        M5Fixture.write(folder);
        final long[] sold = WorkloadChecks.unitsByPosition(M5Workload.generate(folder, DAYS, 3), Workload.SELL);
        for (int item = 0; item < ITEMS.length; item++)
        {
            for (int store = 0; store < STORES.length; store++)
            {
                long expected = 0;
                for (int day = 0; day < DAYS; day++)
                {
                    expected += M5Fixture.units(item, store, day);
                }
                assertEquals(expected, sold[item * LOCATIONS + store], ITEMS[item] + " at " + STORES[store]);
            }
            for (int warehouse = STORES.length; warehouse < LOCATIONS; warehouse++)
            {
                assertEquals(0, sold[item * LOCATIONS + warehouse], "no till sales at a warehouse");
            }
        }
    }

    @Test
    void shouldPassTheStructuralChecks() throws IOException
    {
        M5Fixture.write(folder);
        final Workload workload = M5Workload.generate(folder, DAYS, 3);
        WorkloadChecks.assertValidReferences(workload, M5Workload.LINES_PERCENT.length);
        WorkloadChecks.assertReservationOpsOrdered(workload);
        assertTrue(workload.reservationCount > 10, "online orders: " + workload.reservationCount);
        assertArrayEquals(new String[] {"CA_1", "TX_1", "DC_WEST", "DC_EAST"}, workload.locations);
        assertArrayEquals(ITEMS, workload.skus);
    }

    @Test
    void shouldReceiveAtTheWeekStartWhatWasTakenBeforeIt() throws IOException
    {
        M5Fixture.write(folder);
        final Workload workload = M5Workload.generate(folder, DAYS, 3);
        final long[] takenSinceReceipt = new long[workload.positionCount];
        int receipts = 0;
        for (int op = 0; op < workload.opCount; op++)
        {
            final byte type = workload.opType[op];
            for (int line = workload.opFirstLine[op]; line < workload.opFirstLine[op] + workload.opLineCount[op]; line++)
            {
                final int position = workload.linePosition[line];
                if (type == Workload.SELL || type == Workload.RESERVE)
                {
                    takenSinceReceipt[position] += workload.lineQuantity[line];
                }
                else if (type == Workload.RECEIVE)
                {
                    assertEquals(takenSinceReceipt[position], workload.lineQuantity[line], "receipt at " + position);
                    takenSinceReceipt[position] = 0;
                    receipts++;
                }
            }
        }
        assertTrue(receipts >= ITEMS.length * STORES.length, "one receipt per sold position: " + receipts);
    }

    @Test
    void shouldStockEachPositionFromItsFirstWeeksTake() throws IOException
    {
        M5Fixture.write(folder);
        final Workload workload = M5Workload.generate(folder, DAYS, 3);
        final long[] sold = WorkloadChecks.unitsByPosition(workload, Workload.SELL);
        final long[] held = WorkloadChecks.unitsByPosition(workload, Workload.RESERVE);
        for (int position = 0; position < workload.positionCount; position++)
        {
            final long taken = sold[position] + held[position];
            assertEquals((long)Math.ceil(1.2 * taken) + 2, workload.openingStock[position], "position " + position);
        }
    }

    @Test
    void shouldNameTheFolderAndTheWayToPassAnotherWhenTheDataIsAbsent()
    {
        final Path missing = folder.resolve("no-m5-here");
        final M5DataMissingException thrown =
            assertThrows(M5DataMissingException.class, () -> M5Workload.generate(missing, DAYS, 1));
        assertTrue(thrown.getMessage().contains(missing.toString()), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("--m5"), thrown.getMessage());
        assertEquals(missing, thrown.folder());
    }
}
