package io.omnistock.benchmarks.workload;

import java.util.Arrays;

/**
 * A benchmark workload: a catalog of positions with their opening stock, and a fixed sequence of stock operations,
 * in flat primitive arrays so that running it allocates nothing. Every system under test ({@link StockService})
 * runs the same workload with the same semantics; generators ({@code Workload.Builder}) are seeded, so a workload is
 * the same on every run.
 *
 * <p>Semantics shared by every system (the state per position is on hand, held, committed;
 * {@code available = onHand - held - committed}):
 * <ul>
 *   <li>{@link #RESERVE}: all lines or none; a line is taken only if its position's available is at least its
 *       quantity; never oversells. Lines always name their position: the workload, not the system, sources.</li>
 *   <li>{@link #CONFIRM}: the held quantities of a held reservation become committed.</li>
 *   <li>{@link #FULFIL}: a committed reservation ships: on hand and committed drop by its quantities. Rejected,
 *       changing nothing, when a line's position has less on hand than the line (possible only after a till sale
 *       took units that were committed).</li>
 *   <li>{@link #RELEASE}: a held (or committed) reservation's quantities become available again.</li>
 *   <li>{@link #SELL}: a store sale at the till (one line): on hand drops even below what is held or committed
 *       (physical reality may oversell; the system must record it, not refuse it), but never below zero: a sale of
 *       more than is on hand is rejected.</li>
 *   <li>{@link #RECEIVE}: one line of stock arrives: on hand grows.</li>
 *   <li>{@link #RETURN}: one line comes back in sellable condition: on hand grows.</li>
 * </ul>
 * A CONFIRM, FULFIL or RELEASE of a reservation whose RESERVE was rejected is a no-op answered "rejected".
 */
public final class Workload
{
    /** Operation type: hold stock on 1..n lines, all or none. */
    public static final byte RESERVE = 1;
    /** Operation type: commit a held reservation. */
    public static final byte CONFIRM = 2;
    /** Operation type: ship a committed reservation. */
    public static final byte FULFIL = 3;
    /** Operation type: give a held reservation back. */
    public static final byte RELEASE = 4;
    /** Operation type: a till sale of one line, accepted even when it oversells. */
    public static final byte SELL = 5;
    /** Operation type: a receipt of one line. */
    public static final byte RECEIVE = 6;
    /** Operation type: a customer return of one line, restocked. */
    public static final byte RETURN = 7;

    /** Fulfilment of a RESERVE: ship from a warehouse. */
    public static final byte SHIP = 0;
    /** Fulfilment of a RESERVE: pick up in store. */
    public static final byte PICKUP = 1;
    /** Fulfilment of a RESERVE: ship from a store. */
    public static final byte SHIP_FROM_STORE = 2;
    /** Fulfilment of a RESERVE: sold in store. */
    public static final byte IN_STORE = 3;

    /** A short name for reports, e.g. {@code m5-day} or {@code uniform-1line}. */
    public final String name;
    /** What the workload is and how it was generated, for reports. */
    public final String description;
    /** SKU ids, by SKU number. */
    public final String[] skus;
    /** Location ids, by location number. */
    public final String[] locations;
    /** Channel ids, by channel number (every channel sees every location). */
    public final String[] channels;
    /** Number of positions. */
    public final int positionCount;
    /** SKU number of each position. */
    public final int[] positionSku;
    /** Location number of each position. */
    public final int[] positionLocation;
    /** Opening on-hand stock of each position. */
    public final long[] openingStock;

    /** Number of operations. */
    public final int opCount;
    /** Type of each operation. */
    public final byte[] opType;
    /** Reservation number (dense, from 0) of each RESERVE/CONFIRM/FULFIL/RELEASE; -1 for the others. */
    public final int[] opReservation;
    /** Channel number of each operation. */
    public final int[] opChannel;
    /** Fulfilment of each RESERVE ({@link #SHIP}...), 0 otherwise. */
    public final byte[] opFulfilment;
    /** Index of the first line of each operation in the line arrays (CONFIRM/FULFIL/RELEASE have no lines). */
    public final int[] opFirstLine;
    /** Number of lines of each operation. */
    public final int[] opLineCount;
    /** Number of reservations ({@code max(opReservation) + 1}). */
    public final int reservationCount;
    /** Position of each line. */
    public final int[] linePosition;
    /** Quantity of each line, at least 1. */
    public final long[] lineQuantity;

    private Workload(final Builder b)
    {
        name = b.name;
        description = b.description;
        skus = b.skus;
        locations = b.locations;
        channels = b.channels;
        positionCount = b.positionCount;
        positionSku = Arrays.copyOf(b.positionSku, b.positionCount);
        positionLocation = Arrays.copyOf(b.positionLocation, b.positionCount);
        openingStock = Arrays.copyOf(b.openingStock, b.positionCount);
        opCount = b.opCount;
        opType = Arrays.copyOf(b.opType, b.opCount);
        opReservation = Arrays.copyOf(b.opReservation, b.opCount);
        opChannel = Arrays.copyOf(b.opChannel, b.opCount);
        opFulfilment = Arrays.copyOf(b.opFulfilment, b.opCount);
        opFirstLine = Arrays.copyOf(b.opFirstLine, b.opCount);
        opLineCount = Arrays.copyOf(b.opLineCount, b.opCount);
        reservationCount = b.reservationCount;
        linePosition = Arrays.copyOf(b.linePosition, b.lineCount);
        lineQuantity = Arrays.copyOf(b.lineQuantity, b.lineCount);
    }

    /**
     * The first operation that closes a reservation (confirm, fulfil or release): before it the workload only opens
     * holds (and moves stock), from it on its mix of operations is the one it keeps, for the synthetic workloads
     * (their holds close a fixed number of reservations after they open). Runs start measuring at or after it, so
     * that a slow system, which covers only the workload's first part, is not measured on opening holds alone.
     *
     * @return its index, or 0 when no operation closes a reservation (the mix is then the same throughout).
     */
    public int firstCloseOp()
    {
        for (int i = 0; i < opCount; i++)
        {
            if (opType[i] == CONFIRM || opType[i] == FULFIL || opType[i] == RELEASE)
            {
                return i;
            }
        }
        return 0;
    }

    /** @return the number of operations of each type, indexed by type, for reports. */
    public int[] countsByType()
    {
        final int[] counts = new int[RETURN + 1];
        for (int i = 0; i < opCount; i++)
        {
            counts[opType[i]]++;
        }
        return counts;
    }

    /**
     * @param op an operation.
     * @return the key of its reservation, the same string for every system ({@code r<number>}).
     */
    public String reservationKey(final int op)
    {
        return "r" + opReservation[op];
    }

    /**
     * @param position a position.
     * @return its key {@code sku@location}, the same string for every system.
     */
    public String positionKey(final int position)
    {
        return skus[positionSku[position]] + "@" + locations[positionLocation[position]];
    }

    /** @return the most lines of any operation. */
    public int linesMax()
    {
        int max = 0;
        for (int i = 0; i < opCount; i++)
        {
            max = Math.max(max, opLineCount[i]);
        }
        return max;
    }

    /**
     * The most reservations open at once (reserved, not yet fulfilled or released) when the operations run in
     * order, counting every RESERVE as accepted: what a system must be able to hold, give or take the skew
     * between client threads.
     *
     * @return the number of reservations.
     */
    public int openReservationsMax()
    {
        int open = 0;
        int max = 0;
        for (int i = 0; i < opCount; i++)
        {
            if (opType[i] == RESERVE)
            {
                max = Math.max(max, ++open);
            }
            else if (opType[i] == FULFIL || opType[i] == RELEASE)
            {
                open--;
            }
        }
        return max;
    }

    /**
     * Builds a workload: the catalog first ({@link #position}), then the operations in order.
     */
    public static final class Builder
    {
        private final String name;
        private final String description;
        private final String[] skus;
        private final String[] locations;
        private final String[] channels;
        private int positionCount;
        private int[] positionSku = new int[1024];
        private int[] positionLocation = new int[1024];
        private long[] openingStock = new long[1024];
        private int opCount;
        private byte[] opType = new byte[1024];
        private int[] opReservation = new int[1024];
        private int[] opChannel = new int[1024];
        private byte[] opFulfilment = new byte[1024];
        private int[] opFirstLine = new int[1024];
        private int[] opLineCount = new int[1024];
        private int reservationCount;
        private int lineCount;
        private int[] linePosition = new int[1024];
        private long[] lineQuantity = new long[1024];

        /**
         * @param name        short name.
         * @param description how it was generated.
         * @param skus        SKU ids.
         * @param locations   location ids.
         * @param channels    channel ids.
         */
        public Builder(final String name, final String description, final String[] skus, final String[] locations,
            final String[] channels)
        {
            this.name = name;
            this.description = description;
            this.skus = skus.clone();
            this.locations = locations.clone();
            this.channels = channels.clone();
        }

        /**
         * Adds a position.
         *
         * @param sku      SKU number.
         * @param location location number.
         * @param stock    opening on hand, at least 0.
         * @return the position number.
         */
        public int position(final int sku, final int location, final long stock)
        {
            if (positionCount == positionSku.length)
            {
                positionSku = Arrays.copyOf(positionSku, positionCount * 2);
                positionLocation = Arrays.copyOf(positionLocation, positionCount * 2);
                openingStock = Arrays.copyOf(openingStock, positionCount * 2);
            }
            positionSku[positionCount] = sku;
            positionLocation[positionCount] = location;
            openingStock[positionCount] = stock;
            return positionCount++;
        }

        /**
         * Starts an operation; add its lines with {@link #line} right after.
         *
         * @param type        operation type.
         * @param reservation reservation number, or -1.
         * @param channel     channel number.
         * @param fulfilment  fulfilment of a RESERVE.
         * @return this.
         */
        public Builder op(final byte type, final int reservation, final int channel, final byte fulfilment)
        {
            if (opCount == opType.length)
            {
                final int n = opCount * 2;
                opType = Arrays.copyOf(opType, n);
                opReservation = Arrays.copyOf(opReservation, n);
                opChannel = Arrays.copyOf(opChannel, n);
                opFulfilment = Arrays.copyOf(opFulfilment, n);
                opFirstLine = Arrays.copyOf(opFirstLine, n);
                opLineCount = Arrays.copyOf(opLineCount, n);
            }
            opType[opCount] = type;
            opReservation[opCount] = reservation;
            opChannel[opCount] = channel;
            opFulfilment[opCount] = fulfilment;
            opFirstLine[opCount] = lineCount;
            opLineCount[opCount] = 0;
            opCount++;
            reservationCount = Math.max(reservationCount, reservation + 1);
            return this;
        }

        /**
         * Adds a line to the last operation.
         *
         * @param position position number.
         * @param quantity units, at least 1.
         * @return this.
         */
        public Builder line(final int position, final long quantity)
        {
            if (quantity < 1 || position < 0 || position >= positionCount)
            {
                throw new IllegalArgumentException("bad line: position " + position + ", quantity " + quantity);
            }
            if (lineCount == linePosition.length)
            {
                linePosition = Arrays.copyOf(linePosition, lineCount * 2);
                lineQuantity = Arrays.copyOf(lineQuantity, lineCount * 2);
            }
            linePosition[lineCount] = position;
            lineQuantity[lineCount] = quantity;
            lineCount++;
            opLineCount[opCount - 1]++;
            return this;
        }

        /** @return the workload. */
        public Workload build()
        {
            return new Workload(this);
        }
    }
}
