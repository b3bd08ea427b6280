package io.omnistock.benchmarks.workload;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily unit sales of the M5 (Walmart) data set, read from its folder: items, stores, the state of each store,
 * and for each of the first {@code days} days of the evaluation period the units sold per item per store, with the
 * date and Walmart week of each day from {@code calendar.csv}.
 *
 * <p>Cells are laid out store-major ({@code cell = store * itemCount + item}) whatever the order of the file's
 * rows, so that the cells of one store are one contiguous range. An item a store does not list sells nothing there.
 *
 * <p>Immutable after {@link #read}; reading allocates (a few MiB), nothing else does.
 */
final class M5Sales
{
    /** The sales file: one row per item and store, one column per day. */
    static final String SALES_FILE = "sales_evaluation_d1942_d1969.csv";
    /** The calendar: date and Walmart week of every day number. */
    static final String CALENDAR_FILE = "calendar.csv";
    /** Days in the sales file. */
    static final int DAYS_MAX = 28;

    private static final int FIRST_DAY_COLUMN = 5;

    final String[] items;
    final String[] stores;
    final String[] storeStates;
    final int days;
    /** Units sold, {@code [day][cell]}. */
    final int[][] units;
    /** Date of each day, ISO {@code yyyy-mm-dd}. */
    final String[] dates;
    /** Walmart week ({@code wm_yr_wk}) of each day; weeks start on Saturday. */
    final int[] weeks;

    private M5Sales(
        final String[] items, final String[] stores, final String[] storeStates, final int[][] units,
        final String[] dates, final int[] weeks)
    {
        this.items = items;
        this.stores = stores;
        this.storeStates = storeStates;
        this.days = units.length;
        this.units = units;
        this.dates = dates;
        this.weeks = weeks;
    }

    int itemCount()
    {
        return items.length;
    }

    int cellCount()
    {
        return items.length * stores.length;
    }

    /** @return the units sold on one day over all cells. */
    long dayUnits(final int day)
    {
        long total = 0;
        for (final int cellUnits : units[day])
        {
            total += cellUnits;
        }
        return total;
    }

    /**
     * Reads the first {@code days} days of the sales file and their calendar rows.
     *
     * @param folder the M5 folder.
     * @param days   1..{@value #DAYS_MAX}.
     * @return the sales.
     * @throws IOException when a file cannot be read or is not in the expected format.
     */
    static M5Sales read(final Path folder, final int days) throws IOException
    {
        if (days < 1 || days > DAYS_MAX)
        {
            throw new IllegalArgumentException("days must be in 1.." + DAYS_MAX + ": " + days);
        }
        final List<String[]> rows = readRows(folder.resolve(SALES_FILE));
        final String[] header = rows.get(0);
        if (header.length < FIRST_DAY_COLUMN + days || !header[FIRST_DAY_COLUMN].startsWith("d_"))
        {
            throw new IOException(folder.resolve(SALES_FILE) + ": expected item_id, dept_id, cat_id, store_id, "
                + "state_id, then " + days + " day columns d_N; header is " + String.join(",", header));
        }
        final Map<String, Integer> itemIndex = new HashMap<>();
        final Map<String, Integer> storeIndex = new HashMap<>();
        final List<String> states = new ArrayList<>();
        for (final String[] row : rows.subList(1, rows.size()))
        {
            itemIndex.putIfAbsent(row[0], itemIndex.size());
            if (storeIndex.putIfAbsent(row[3], storeIndex.size()) == null)
            {
                states.add(row[4]);
            }
        }
        final int itemCount = itemIndex.size();
        final int[][] units = new int[days][itemCount * storeIndex.size()];
        for (final String[] row : rows.subList(1, rows.size()))
        {
            final int cell = storeIndex.get(row[3]) * itemCount + itemIndex.get(row[0]);
            for (int day = 0; day < days; day++)
            {
                units[day][cell] += Integer.parseInt(row[FIRST_DAY_COLUMN + day].trim());
            }
        }
        final String[] dates = new String[days];
        final int[] weeks = new int[days];
        readCalendar(folder.resolve(CALENDAR_FILE), header, dates, weeks);
        return new M5Sales(names(itemIndex), names(storeIndex), states.toArray(new String[0]), units, dates, weeks);
    }

    private static void readCalendar(final Path file, final String[] salesHeader, final String[] dates,
        final int[] weeks) throws IOException
    {
        final Map<String, String[]> byDay = new HashMap<>();
        final List<String[]> rows = readRows(file);
        final List<String> header = List.of(rows.get(0));
        final int date = column(file, header, "date");
        final int week = column(file, header, "wm_yr_wk");
        final int dayName = column(file, header, "d");
        for (final String[] row : rows.subList(1, rows.size()))
        {
            byDay.put(row[dayName], row);
        }
        for (int day = 0; day < dates.length; day++)
        {
            final String[] row = byDay.get(salesHeader[FIRST_DAY_COLUMN + day]);
            if (row == null)
            {
                throw new IOException(file + " has no row for " + salesHeader[FIRST_DAY_COLUMN + day]);
            }
            dates[day] = row[date];
            weeks[day] = Integer.parseInt(row[week].trim());
        }
    }

    private static int column(final Path file, final List<String> header, final String name) throws IOException
    {
        final int index = header.indexOf(name);
        if (index < 0)
        {
            throw new IOException(file + " has no column " + name + "; header is " + String.join(",", header));
        }
        return index;
    }

    private static List<String[]> readRows(final Path file) throws IOException
    {
        if (!Files.isRegularFile(file))
        {
            throw new M5DataMissingException(file);
        }
        final CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(file.toFile()))
        {
            final List<String[]> all = rows.readAll();
            if (all.isEmpty())
            {
                throw new IOException(file + " is empty");
            }
            return all;
        }
    }

    private static String[] names(final Map<String, Integer> index)
    {
        final String[] names = new String[index.size()];
        index.forEach((name, number) -> names[number] = name);
        return names;
    }
}
