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
    private static final int DAYS = 7;
    private static final int RECEIPT_DAY = 5;
    private static final String[] ITEMS = {"FOODS_1_001", "HOBBIES_1_002", "HOUSEHOLD_1_003"};
    private static final String[] STORES = {"CA_1", "TX_1"};
    private static final int LOCATIONS = STORES.length + M5Workload.WAREHOUSES.length;

    @TempDir
    Path folder;

    @Test
    void shouldSellTheFileUnitsOfEachItemAtEachStore() throws IOException
    {
        writeFixture();
        final long[] sold = WorkloadChecks.unitsByPosition(M5Workload.generate(folder, DAYS, 3), Workload.SELL);
        for (int item = 0; item < ITEMS.length; item++)
        {
            for (int store = 0; store < STORES.length; store++)
            {
                long expected = 0;
                for (int day = 0; day < DAYS; day++)
                {
                    expected += units(item, store, day);
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
        writeFixture();
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
        writeFixture();
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
        writeFixture();
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

    /** Units of an item at a store on a day: varied, never all zero. */
    private static int units(final int item, final int store, final int day)
    {
        return (item * 7 + store * 5 + day * 3) % 11 + item * 4;
    }

    private void writeFixture() throws IOException
    {
        final StringBuilder sales = new StringBuilder("\"item_id\",\"dept_id\",\"cat_id\",\"store_id\",\"state_id\"");
        for (int day = 0; day < DAYS; day++)
        {
            sales.append(",\"d_").append(1942 + day).append('"');
        }
        sales.append('\n');
        for (int store = 0; store < STORES.length; store++)
        {
            for (int item = 0; item < ITEMS.length; item++)
            {
                final String category = ITEMS[item].substring(0, ITEMS[item].indexOf('_'));
                sales.append(String.format("\"%s\",\"%s_1\",\"%s\",\"%s\",\"%s\"", ITEMS[item], category, category,
                    STORES[store], STORES[store].substring(0, 2)));
                for (int day = 0; day < DAYS; day++)
                {
                    sales.append(',').append(units(item, store, day));
                }
                sales.append('\n');
            }
        }
        final StringBuilder calendar = new StringBuilder("date,wm_yr_wk,weekday,wday,month,year,d,event_name_1,"
            + "event_type_1,event_name_2,event_type_2,snap_CA,snap_TX,snap_WI\n");
        for (int day = 0; day < DAYS; day++)
        {
            calendar.append(String.format("2016-05-%02d,%d,Day,1,5,2016,d_%d,,,,,0,0,0%n", 23 + day,
                day < RECEIPT_DAY ? 11617 : 11618, 1942 + day));
        }
        Files.writeString(folder.resolve(M5Sales.SALES_FILE), sales);
        Files.writeString(folder.resolve(M5Sales.CALENDAR_FILE), calendar);
    }
}
