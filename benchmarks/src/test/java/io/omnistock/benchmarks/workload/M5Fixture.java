package io.omnistock.benchmarks.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny synthetic M5 data set (3 items, 2 stores, 7 days, a Walmart week starting on the sixth day), written to a
 * folder so that the generator and the systems running its workload are tested without the real data.
 */
public final class M5Fixture
{
    /** Days in the fixture. */
    public static final int DAYS = 7;
    /** The day (from 0) that starts the second Walmart week: receipts arrive then. */
    static final int RECEIPT_DAY = 5;
    /** Items. */
    static final String[] ITEMS = {"FOODS_1_001", "HOBBIES_1_002", "HOUSEHOLD_1_003"};
    /** Stores. */
    static final String[] STORES = {"CA_1", "TX_1"};

    private M5Fixture()
    {
    }

    /** Units of an item at a store on a day: varied, never all zero. */
    static int units(final int item, final int store, final int day)
    {
        return (item * 7 + store * 5 + day * 3) % 11 + item * 4;
    }

    /**
     * Writes the two M5 files of the fixture.
     *
     * @param folder where.
     * @throws IOException when they cannot be written.
     */
    public static void write(final Path folder) throws IOException
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
