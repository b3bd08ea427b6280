package io.omnistock.benchmarks.workload;

import io.omnistock.benchmarks.RepositoryRoot;
import org.agrona.collections.LongArrayList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A retailer's day from real data: the M5 (Walmart) store sales of 3,049 items in 10 stores as till sales, with
 * online orders, pickups in store, ship-from-store, weekly replenishment and returns generated on top of them at
 * the documented rates below. Seeded ({@link SplittableRandom}) and deterministic: the same folder, days and seed
 * give the same arrays. The rules and the counts for the default seed are in {@code docs/m5-workload.md}.
 *
 * <p>Catalog: every item at every store and at two warehouses ({@link #WAREHOUSES}: {@code DC_WEST} serves the
 * California stores, {@code DC_EAST} Texas and Wisconsin); position {@code p} is item {@code p / L} at location
 * {@code p % L}, with {@code L} locations (12: the stores first, in the file's order, then the warehouses). Channels {@link #CHANNELS}. Opening stock of every position:
 * {@code ceil(1.2 x units taken there in the first 7 days) + 2}, where taken means sold at the till or held by an
 * online order.
 *
 * <p>Operations, in time order (ties in generation order), for each day:
 * <ul>
 *   <li>On a day that starts a Walmart week (Saturday; never on the first day): one RECEIVE at 00:00 per
 *       position (an overnight delivery, before any other op of the day), of the units taken there since the
 *       previous receipt (order-up-to replenishment).</li>
 *   <li>The day's store sales of each item at each store as SELL ops on channel {@code pos}, split into till
 *       baskets of 1, 2 or 3 units ({@link #BASKET_UNITS_PERCENT}), at uniform times between 08:00 and 22:00.
 *       The SELL units of a day equal the file's units exactly.</li>
 *   <li>{@link #ONLINE_ORDERS_PER_100_STORE_UNITS} online orders per 100 store units sold that day, at uniform
 *       times of the day. Each draws a sold unit of the day (so items and stores in proportion to their sales):
 *       its store anchors the order. Channel, fulfilment, line count, line quantities and outcome follow
 *       {@link #CHANNEL_PERCENT}, {@link #FULFILMENT_PERCENT}, {@link #LINES_PERCENT}, {@link #LINE_UNITS_PERCENT},
 *       {@link #OUTCOME_PERCENT}. Ship orders hold at the anchor's warehouse, pickup and ship-from-store orders at
 *       the anchor store; the other lines draw further sold units of that store (of any store for ship), with
 *       distinct items.</li>
 *   <li>Outcomes: completed (CONFIRM 1-10 min after the RESERVE, then FULFIL after a delay per fulfilment:
 *       ship 4-30 h, pickup 2-48 h, ship-from-store 2-24 h); cancelled (RELEASE 1-60 min after); abandoned
 *       (RELEASE exactly 30 min after, as a 30-minute cart hold expiring). An op that would fall after the last
 *       day is not generated (the reservation stays open at the end).</li>
 *   <li>Returns, each of one unit: {@link #STORE_RETURN_PER_1000_BASKETS} per 1,000 till baskets, at the same
 *       store 1-14 days later; {@link #ONLINE_RETURN_PER_100_LINES} per 100 fulfilled online lines, at a store
 *       of the anchor store's state 3-14 days after the fulfilment, on the order's channel (bought online,
 *       returned in store). Returns land in store hours.</li>
 * </ul>
 *
 * <p>Threading: {@link #generate} is a pure function of its arguments, safe from any thread. Allocation: it builds
 * the workload's arrays (tens of MiB for 28 days) in seconds.
 */
public final class M5Workload
{
    /** System property naming the M5 folder, used by {@link #defaultFolder()} when set. */
    public static final String FOLDER_PROP_NAME = "omnistock.m5.dir";
    /** The default folder, relative to the repository root. */
    public static final String FOLDER_DEFAULT = "../shared/data/m5";
    /** Days in the data, and the default. */
    public static final int DAYS_MAX = M5Sales.DAYS_MAX;
    /** The default seed. */
    public static final long SEED_DEFAULT = 1942;

    /** The two warehouses, after the stores; the first serves California, the second the other states. */
    public static final String[] WAREHOUSES = {"DC_WEST", "DC_EAST"};
    /** The state {@code WAREHOUSES[0]} serves. */
    public static final String WEST_STATE = "CA";
    /** Channels, by channel number. */
    public static final String[] CHANNELS = {"web", "app", "pos", "marketplace"};
    /** Channel number of till sales and receipts. */
    public static final int POS = 2;

    /** Till basket of 1, 2, 3 units, percent (capped by the units left of the item's day at the store). */
    public static final int[] BASKET_UNITS_PERCENT = {80, 15, 5};
    /** Online orders per 100 units sold in stores the same day. */
    public static final int ONLINE_ORDERS_PER_100_STORE_UNITS = 8;
    /** Online channel of an order, percent: web, app, pos (none), marketplace. */
    public static final int[] CHANNEL_PERCENT = {50, 35, 0, 15};
    /** Fulfilment of an online order, percent: ship (warehouse), pickup in store, ship-from-store. */
    public static final int[] FULFILMENT_PERCENT = {55, 30, 15};
    /** Lines of an online order, percent: 1, 2, 3, 4 lines. */
    public static final int[] LINES_PERCENT = {60, 25, 10, 5};
    /** Units of an online line, percent: 1, 2. */
    public static final int[] LINE_UNITS_PERCENT = {90, 10};
    /** Outcome of an online order, percent: completed, cancelled, abandoned. */
    public static final int[] OUTCOME_PERCENT = {85, 5, 10};
    /** Till baskets returned, per 1,000. */
    public static final int STORE_RETURN_PER_1000_BASKETS = 15;
    /** Fulfilled online lines returned in a store, per 100. */
    public static final int ONLINE_RETURN_PER_100_LINES = 8;

    private static final int COMPLETED = 0;
    private static final int CANCELLED = 1;
    private static final int MINUTE_SECONDS = 60;
    private static final int HOUR_SECONDS = 3_600;
    private static final int DAY_SECONDS = 86_400;
    private static final int OPEN_SECOND = 8 * HOUR_SECONDS;
    private static final int TRADING_SECONDS = 14 * HOUR_SECONDS;
    private static final int ABANDON_SECONDS = 30 * MINUTE_SECONDS;
    private static final int FIRST_WEEK_DAYS = 7;
    private static final int DRAW_TRIES = 8;
    private static final int[] FULFIL_DELAY_MIN_HOURS = {4, 2, 2};
    private static final int[] FULFIL_DELAY_MAX_HOURS = {30, 48, 24};

    private M5Workload()
    {
    }

    /**
     * The M5 folder to use when none is given: the {@value #FOLDER_PROP_NAME} system property if set, else
     * {@value #FOLDER_DEFAULT} from the repository root (the nearest folder up from the working directory that
     * holds {@code pom.xml} and {@code benchmarks/}), else from the working directory.
     *
     * @return the folder; it may not exist.
     */
    public static Path defaultFolder()
    {
        final String configured = System.getProperty(FOLDER_PROP_NAME);
        if (configured != null && !configured.isBlank())
        {
            return Path.of(configured);
        }
        return RepositoryRoot.resolve(FOLDER_DEFAULT);
    }

    /**
     * Generates the workload.
     *
     * @param folder the M5 folder ({@code sales_evaluation_d1942_d1969.csv}, {@code calendar.csv}).
     * @param days   days to generate, 1..{@value #DAYS_MAX}, from the first.
     * @param seed   the seed.
     * @return the workload.
     * @throws M5DataMissingException when a file is missing (the message says how to pass another folder).
     * @throws IOException            when a file cannot be read or is malformed.
     */
    public static Workload generate(final Path folder, final int days, final long seed) throws IOException
    {
        return new Generator(M5Sales.read(folder, days), seed).run();
    }

    /** One generation: stages ops with their times, then emits them in time order. Single use. */
    private static final class Generator
    {
        private final M5Sales sales;
        private final long seed;
        private final SplittableRandom random;
        private final int itemCount;
        private final int storeCount;
        private final int locationCount;
        private final int endSecond;
        private final Workload.Builder staged;
        private final LongArrayList stagedSeconds = new LongArrayList();
        private final long[] takenSinceReceipt;
        private final long[] takenFirstWeek;
        private final long[] dayUnitsCumulative;
        private final int[] orderPositions = new int[LINES_PERCENT.length];
        private final long[] orderUnits = new long[LINES_PERCENT.length];
        private int reservations;

        Generator(final M5Sales sales, final long seed)
        {
            this.sales = sales;
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            this.itemCount = sales.itemCount();
            this.storeCount = sales.stores.length;
            this.locationCount = storeCount + WAREHOUSES.length;
            this.endSecond = sales.days * DAY_SECONDS;
            this.staged = catalog(new long[itemCount * locationCount]);
            this.takenSinceReceipt = new long[itemCount * locationCount];
            this.takenFirstWeek = new long[itemCount * locationCount];
            this.dayUnitsCumulative = new long[sales.cellCount()];
        }

        Workload run()
        {
            for (int day = 0; day < sales.days; day++)
            {
                if (day > 0 && sales.weeks[day] != sales.weeks[day - 1])
                {
                    replenish(day);
                }
                sellDay(day);
                onlineDay(day);
            }
            return inTimeOrder();
        }

        private Workload.Builder catalog(final long[] openingStock)
        {
            final String[] locations = Arrays.copyOf(sales.stores, locationCount);
            System.arraycopy(WAREHOUSES, 0, locations, storeCount, WAREHOUSES.length);
            final String description = String.format("M5 Walmart store sales %s..%s (%d days, %,d items x %d stores)"
                    + " as till sales, plus generated online orders (ship, pickup, ship-from-store), weekly receipts"
                    + " and returns; seed %d; rules in docs/m5-workload.md", sales.dates[0],
                sales.dates[sales.days - 1], sales.days, itemCount, storeCount, seed);
            final Workload.Builder builder = new Workload.Builder(
                sales.days == DAYS_MAX ? "m5" : "m5-" + sales.days + "d", description, sales.items, locations, CHANNELS);
            for (int position = 0; position < openingStock.length; position++)
            {
                builder.position(position / locationCount, position % locationCount, openingStock[position]);
            }
            return builder;
        }

        private void replenish(final int day)
        {
            for (int position = 0; position < takenSinceReceipt.length; position++)
            {
                if (takenSinceReceipt[position] > 0)
                {
                    stage(day * DAY_SECONDS, Workload.RECEIVE, -1, POS, 0);
                    staged.line(position, takenSinceReceipt[position]);
                    takenSinceReceipt[position] = 0;
                }
            }
        }

        private void sellDay(final int day)
        {
            final int[] units = sales.units[day];
            for (int cell = 0; cell < units.length; cell++)
            {
                final int store = cell / itemCount;
                final int position = position(cell % itemCount, store);
                for (int left = units[cell]; left > 0; )
                {
                    final int basket = Math.min(left, 1 + pick(BASKET_UNITS_PERCENT));
                    final int second = day * DAY_SECONDS + storeHoursSecond();
                    stage(second, Workload.SELL, -1, POS, Workload.IN_STORE);
                    staged.line(position, basket);
                    take(day, position, basket);
                    if (random.nextInt(1_000) < STORE_RETURN_PER_1000_BASKETS)
                    {
                        stageReturn(second / DAY_SECONDS + 1 + random.nextInt(14), position, POS);
                    }
                    left -= basket;
                }
            }
        }

        private void onlineDay(final int day)
        {
            final int[] units = sales.units[day];
            long total = 0;
            for (int cell = 0; cell < units.length; cell++)
            {
                total += units[cell];
                dayUnitsCumulative[cell] = total;
            }
            final long orders = (total * ONLINE_ORDERS_PER_100_STORE_UNITS + 50) / 100;
            for (long order = 0; order < orders; order++)
            {
                onlineOrder(day * DAY_SECONDS + random.nextInt(DAY_SECONDS), day);
            }
        }

        private void onlineOrder(final int reserveSecond, final int day)
        {
            final int anchor = drawCell(0, dayUnitsCumulative.length);
            final int store = anchor / itemCount;
            final byte fulfilment = (byte)pick(FULFILMENT_PERCENT);
            final int channel = pick(CHANNEL_PERCENT);
            final int location = fulfilment == Workload.SHIP ? warehouseOf(store) : store;
            final int lines = drawLines(anchor, store, fulfilment, location);
            final int reservation = reservations++;
            stage(reserveSecond, Workload.RESERVE, reservation, channel, fulfilment);
            for (int line = 0; line < lines; line++)
            {
                staged.line(orderPositions[line], orderUnits[line]);
                take(day, orderPositions[line], orderUnits[line]);
            }
            final int outcome = pick(OUTCOME_PERCENT);
            if (outcome == COMPLETED)
            {
                complete(reserveSecond, reservation, channel, fulfilment, store, lines);
            }
            else
            {
                final int releaseSecond = reserveSecond + (outcome == CANCELLED
                    ? MINUTE_SECONDS * (1 + random.nextInt(60)) : ABANDON_SECONDS);
                stageIfInPeriod(releaseSecond, Workload.RELEASE, reservation, channel);
            }
        }

        /** Fills the order's positions and units; returns the line count. */
        private int drawLines(final int anchor, final int store, final byte fulfilment, final int location)
        {
            final int wanted = 1 + pick(LINES_PERCENT);
            final boolean atStore = fulfilment != Workload.SHIP;
            final int from = atStore ? store * itemCount : 0;
            final int to = atStore ? from + itemCount : dayUnitsCumulative.length;
            int lines = 0;
            for (int tries = 0; lines < wanted && tries < wanted * DRAW_TRIES; tries++)
            {
                final int cell = lines == 0 ? anchor : drawCell(from, to);
                final int position = position(cell % itemCount, location);
                if (!contains(orderPositions, lines, position))
                {
                    orderPositions[lines] = position;
                    orderUnits[lines] = 1 + pick(LINE_UNITS_PERCENT);
                    lines++;
                }
            }
            return lines;
        }

        private void complete(final int reserveSecond, final int reservation, final int channel,
            final byte fulfilment, final int store, final int lines)
        {
            final int confirmSecond = reserveSecond + MINUTE_SECONDS * (1 + random.nextInt(10));
            final int delayHours = FULFIL_DELAY_MIN_HOURS[fulfilment]
                + random.nextInt(FULFIL_DELAY_MAX_HOURS[fulfilment] - FULFIL_DELAY_MIN_HOURS[fulfilment] + 1);
            final int fulfilSecond = confirmSecond + delayHours * HOUR_SECONDS + random.nextInt(HOUR_SECONDS);
            if (!stageIfInPeriod(confirmSecond, Workload.CONFIRM, reservation, channel)
                || !stageIfInPeriod(fulfilSecond, Workload.FULFIL, reservation, channel))
            {
                return;
            }
            for (int line = 0; line < lines; line++)
            {
                if (random.nextInt(100) < ONLINE_RETURN_PER_100_LINES)
                {
                    final int returnStore = storeOfState(sales.storeStates[store]);
                    final int item = orderPositions[line] / locationCount;
                    stageReturn(fulfilSecond / DAY_SECONDS + 3 + random.nextInt(12), position(item, returnStore),
                        channel);
                }
            }
        }

        private void stageReturn(final int day, final int position, final int channel)
        {
            final int second = day * DAY_SECONDS + storeHoursSecond();
            if (second < endSecond)
            {
                stage(second, Workload.RETURN, -1, channel, 0);
                staged.line(position, 1);
            }
        }

        private boolean stageIfInPeriod(final int second, final byte type, final int reservation, final int channel)
        {
            if (second >= endSecond)
            {
                return false;
            }
            stage(second, type, reservation, channel, 0);
            return true;
        }

        private void stage(final int second, final byte type, final int reservation, final int channel,
            final int fulfilment)
        {
            staged.op(type, reservation, channel, (byte)fulfilment);
            stagedSeconds.addLong(second);
        }

        private void take(final int day, final int position, final long units)
        {
            takenSinceReceipt[position] += units;
            if (day < FIRST_WEEK_DAYS)
            {
                takenFirstWeek[position] += units;
            }
        }

        /** The staged ops sorted by time (ties in staging order), reservations renumbered in order of use. */
        private Workload inTimeOrder()
        {
            final Workload all = staged.build();
            final long[] order = new long[all.opCount];
            for (int op = 0; op < order.length; op++)
            {
                order[op] = stagedSeconds.getLong(op) << 32 | op;
            }
            Arrays.sort(order);
            final long[] openingStock = new long[takenFirstWeek.length];
            for (int position = 0; position < openingStock.length; position++)
            {
                openingStock[position] = (takenFirstWeek[position] * 12 + 9) / 10 + 2;
            }
            final Workload.Builder builder = catalog(openingStock);
            final int[] renumbered = new int[all.reservationCount];
            Arrays.fill(renumbered, -1);
            int next = 0;
            for (final long key : order)
            {
                final int op = (int)key;
                int reservation = all.opReservation[op];
                if (reservation >= 0)
                {
                    if (renumbered[reservation] < 0)
                    {
                        renumbered[reservation] = next++;
                    }
                    reservation = renumbered[reservation];
                }
                builder.op(all.opType[op], reservation, all.opChannel[op], all.opFulfilment[op]);
                for (int line = all.opFirstLine[op]; line < all.opFirstLine[op] + all.opLineCount[op]; line++)
                {
                    builder.line(all.linePosition[line], all.lineQuantity[line]);
                }
            }
            return builder.build();
        }

        /** A cell in {@code [from, to)} drawn in proportion to its units sold that day (uniform if none sold). */
        private int drawCell(final int from, final int to)
        {
            final long base = from == 0 ? 0 : dayUnitsCumulative[from - 1];
            final long units = dayUnitsCumulative[to - 1] - base;
            if (units == 0)
            {
                return from + random.nextInt(to - from);
            }
            final long unit = base + random.nextLong(units);
            int low = from;
            int high = to - 1;
            while (low < high)
            {
                final int middle = (low + high) >>> 1;
                if (dayUnitsCumulative[middle] > unit)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }
            return low;
        }

        private int storeOfState(final String state)
        {
            while (true)
            {
                final int store = random.nextInt(storeCount);
                if (sales.storeStates[store].equals(state))
                {
                    return store;
                }
            }
        }

        private int warehouseOf(final int store)
        {
            return storeCount + (WEST_STATE.equals(sales.storeStates[store]) ? 0 : 1);
        }

        private int position(final int item, final int location)
        {
            return item * locationCount + location;
        }

        private int storeHoursSecond()
        {
            return OPEN_SECOND + random.nextInt(TRADING_SECONDS);
        }

        /** Index drawn from percent weights that sum to 100. */
        private int pick(final int[] percent)
        {
            int draw = random.nextInt(100);
            int index = 0;
            while (draw >= percent[index])
            {
                draw -= percent[index];
                index++;
            }
            return index;
        }

        private static boolean contains(final int[] values, final int count, final int value)
        {
            for (int i = 0; i < count; i++)
            {
                if (values[i] == value)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
