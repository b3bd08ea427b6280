package io.omnistock.benchmarks.workload;

import io.omnistock.benchmarks.machine.AccessPattern;

import java.util.SplittableRandom;

/**
 * Seeded synthetic workloads that mirror the JMH state-machine scenarios ({@code io.omnistock.benchmarks.machine}),
 * for running side by side against the peers. They use the same catalog layout (10 locations, {@code dc-00},
 * {@code dc-01}, {@code store-02..09}; position {@code p} is SKU {@code p / 10} at location {@code p % 10}) and the
 * same position sequences ({@link AccessPattern}, seed {@link AccessPattern#SEED}).
 *
 * <p>Every reservation is closed {@link Size#openHolds()} reservations after it was made, like carts in checkout,
 * so that many holds are open at any time. Building allocates the workload's arrays and one position sequence
 * (16 MiB); not thread-safe, call from one thread.
 */
public final class SyntheticWorkloads
{
    /** Locations of every catalog. */
    public static final int LOCATION_COUNT = 10;
    /** Warehouses among the locations (the first ones); the rest are stores. */
    public static final int WAREHOUSE_COUNT = 2;
    /** Opening stock of every position but the hot one: far more than any scenario holds at once. */
    public static final long OPENING_STOCK = 10_000;
    /** Lines of a {@link Scenario#MULTI_LINE} reservation. */
    public static final int MULTI_LINE_COUNT = 4;
    /** Channels of every catalog; web and app reserve, pos sells at the till. */
    public static final String[] CHANNELS = {"web", "app", "pos"};

    private static final int WEB = 0;
    private static final int POS = 2;
    /** Opening stock of the hot position: a first drop that sells out within the first seconds of any run. */
    public static final long HOT_OPENING_STOCK = 100;
    /** The hot position receives 1 unit after every this many buyers. */
    public static final int HOT_RESTOCK_EVERY_BUYERS = 20;
    private static final int HOT_CONFIRM_PERCENT = 80;
    private static final int MOVEMENT_EVERY_RESERVATIONS = 8;
    private static final int ABANDONED_EVERY_RESERVATIONS = 10;

    /** The scenarios. */
    public enum Scenario
    {
        /** Reserve 1 unit at a position drawn uniformly; release it later. */
        UNIFORM("uniform-1line", AccessPattern.UNIFORM, 1),
        /** As uniform, positions Zipf-skewed (exponent 0.99), popular ones scattered. */
        ZIPF("zipf-1line", AccessPattern.ZIPF, 1),
        /**
         * A flash sale restocked as it sells: every buyer reserves 1 unit of one SKU at one store, which opens with
         * {@link #HOT_OPENING_STOCK} units and receives 1 more after every {@link #HOT_RESTOCK_EVERY_BUYERS} buyers;
         * {@link Size#openHolds()} reservations later 80% confirm and 20% abandon (release). Once the first holds
         * have closed (runs measure from there: {@link Workload#firstCloseOp}), about 1 reserve in 16 is accepted
         * (the receipts plus the abandoned units) and the rest, with their confirms and releases, are rejected, at
         * every point of the workload: a slow system measured over the workload's first seconds sees the same mix
         * as a fast one measured over its middle.
         */
        HOT("hot-sku", AccessPattern.HOT, 1),
        /** One atomic reserve of 4 distinct uniform positions, 1 unit each; release later. */
        MULTI_LINE("multiline-4", AccessPattern.UNIFORM, MULTI_LINE_COUNT),
        /**
         * Reserve 1 unit (uniform), confirm it {@code openHolds} reservations later, fulfil it {@code openHolds}
         * after that; one reservation in 10 is abandoned (released instead of confirmed). Every 8 reservations also
         * a till sale, a receipt and a return of 1 unit at uniform positions.
         */
        LIFECYCLE("lifecycle", AccessPattern.UNIFORM, 1);

        /** The workload's name in reports. */
        public final String workloadName;
        private final AccessPattern pattern;
        private final int lines;

        Scenario(final String workloadName, final AccessPattern pattern, final int lines)
        {
            this.workloadName = workloadName;
            this.pattern = pattern;
            this.lines = lines;
        }
    }

    /**
     * How big a workload is.
     *
     * @param skuCount         SKUs; positions are {@code skuCount * 10}.
     * @param reservationCount reservations made (each also closed, so about twice as many operations).
     * @param openHolds        reservations made between a reservation and its closing.
     */
    public record Size(int skuCount, int reservationCount, int openHolds)
    {
        /** Checks the size. */
        public Size
        {
            if (skuCount < 1 || reservationCount < 1 || openHolds < 0)
            {
                throw new IllegalArgumentException("bad size: " + skuCount + " SKUs, " + reservationCount +
                    " reservations, " + openHolds + " open holds");
            }
        }

        /** @return 10,000 SKUs (100,000 positions), 400,000 reservations, 10,000 open holds: seconds per run. */
        public static Size quick()
        {
            return new Size(10_000, 400_000, 10_000);
        }

        /** @return 100,000 SKUs (1,000,000 positions), 1,000,000 reservations, 10,000 open holds. */
        public static Size full()
        {
            return new Size(100_000, 1_000_000, 10_000);
        }
    }

    private SyntheticWorkloads()
    {
    }

    /**
     * Builds a workload; the same scenario and size give the same workload on every run.
     *
     * @param scenario the scenario.
     * @param size     its size.
     * @return the workload.
     */
    public static Workload build(final Scenario scenario, final Size size)
    {
        final int positionCount = size.skuCount() * LOCATION_COUNT;
        if (scenario.lines * (long)size.reservationCount() > AccessPattern.SEQUENCE_LENGTH)
        {
            throw new IllegalArgumentException("at most " + AccessPattern.SEQUENCE_LENGTH / scenario.lines +
                " reservations in " + scenario.workloadName);
        }
        final Workload.Builder builder = catalog(scenario, size, positionCount);
        final int[] sequence = scenario.pattern.sequence(positionCount, scenario.lines, AccessPattern.SEED);
        final SplittableRandom random = new SplittableRandom(AccessPattern.SEED);
        for (int reservation = 0; reservation < size.reservationCount(); reservation++)
        {
            reserve(builder, scenario, sequence, reservation, random);
            final int due = reservation - size.openHolds();
            if (scenario == Scenario.LIFECYCLE)
            {
                close(builder, abandoned(due) ? Workload.RELEASE : Workload.CONFIRM, due);
                if (!abandoned(due - size.openHolds()))
                {
                    close(builder, Workload.FULFIL, due - size.openHolds());
                }
                if (reservation % MOVEMENT_EVERY_RESERVATIONS == 0)
                {
                    movements(builder, positionCount, random);
                }
            }
            else if (due >= 0)
            {
                final boolean confirm = scenario == Scenario.HOT && random.nextInt(100) < HOT_CONFIRM_PERCENT;
                close(builder, confirm ? Workload.CONFIRM : Workload.RELEASE, due);
            }
            if (scenario == Scenario.HOT && reservation % HOT_RESTOCK_EVERY_BUYERS == HOT_RESTOCK_EVERY_BUYERS - 1)
            {
                builder.op(Workload.RECEIVE, -1, WEB, Workload.SHIP).line(AccessPattern.HOT_POSITION, 1);
            }
        }
        return builder.build();
    }

    private static Workload.Builder catalog(final Scenario scenario, final Size size, final int positionCount)
    {
        final String[] skus = new String[size.skuCount()];
        for (int sku = 0; sku < skus.length; sku++)
        {
            skus[sku] = String.format("sku-%06d", sku);
        }
        final String[] locations = new String[LOCATION_COUNT];
        for (int location = 0; location < LOCATION_COUNT; location++)
        {
            locations[location] = String.format(location < WAREHOUSE_COUNT ? "dc-%02d" : "store-%02d", location);
        }
        final String description = scenario.name().toLowerCase() + " scenario: " + size.skuCount() + " SKUs x " +
            LOCATION_COUNT + " locations, " + size.reservationCount() + " reservations, " + size.openHolds() +
            " open holds, seed " + AccessPattern.SEED + (scenario == Scenario.HOT ? "; the hot position opens with " +
            HOT_OPENING_STOCK + " units and receives 1 after every " + HOT_RESTOCK_EVERY_BUYERS + " buyers" : "");
        final Workload.Builder builder =
            new Workload.Builder(scenario.workloadName, description, skus, locations, CHANNELS);
        for (int position = 0; position < positionCount; position++)
        {
            final boolean hot = scenario == Scenario.HOT && position == AccessPattern.HOT_POSITION;
            builder.position(position / LOCATION_COUNT, position % LOCATION_COUNT, hot ? HOT_OPENING_STOCK : OPENING_STOCK);
        }
        return builder;
    }

    private static void reserve(
        final Workload.Builder builder,
        final Scenario scenario,
        final int[] sequence,
        final int reservation,
        final SplittableRandom random)
    {
        final int channel = random.nextInt(2);
        builder.op(Workload.RESERVE, reservation, channel, channel == WEB ? Workload.SHIP : Workload.PICKUP);
        for (int line = 0; line < scenario.lines; line++)
        {
            builder.line(sequence[reservation * scenario.lines + line], 1);
        }
    }

    private static boolean abandoned(final int reservation)
    {
        return reservation % ABANDONED_EVERY_RESERVATIONS == ABANDONED_EVERY_RESERVATIONS - 1;
    }

    private static void close(final Workload.Builder builder, final byte type, final int reservation)
    {
        if (reservation >= 0)
        {
            builder.op(type, reservation, WEB, Workload.SHIP);
        }
    }

    private static void movements(final Workload.Builder builder, final int positionCount, final SplittableRandom random)
    {
        builder.op(Workload.SELL, -1, POS, Workload.IN_STORE).line(random.nextInt(positionCount), 1);
        builder.op(Workload.RECEIVE, -1, WEB, Workload.SHIP).line(random.nextInt(positionCount), 1);
        builder.op(Workload.RETURN, -1, WEB, Workload.SHIP).line(random.nextInt(positionCount), 1);
    }
}
