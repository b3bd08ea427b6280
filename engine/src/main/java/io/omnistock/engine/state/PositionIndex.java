package io.omnistock.engine.state;

/**
 * Finds the position number of a (SKU, location) pair: a preallocated open-addressing table of one {@code long}
 * per slot, the upper 32 bits of the pair's hash beside the position number, linear probing, never a deletion
 * (positions live as long as the engine), at most three quarters full.
 *
 * <p>Why not a general primitive map: the SKU and the location of every position are already kept by the state
 * machine (the key field of each position record), and a command reads that record anyway. So a slot holds no key,
 * only hash bits that rule out another pair without a memory access; the one candidate whose bits match is
 * confirmed against the state machine's records. A lookup costs one cache line of the table where a map of keys
 * and values in separate arrays costs two or more, and the table is half the size.
 *
 * <p>Single writer. Readers on other threads may look up while the writer inserts: a slot is written as one
 * {@code long} after the position's SKU and location are in place, and a reader validates what it read (see the
 * engine's read view). No allocation after construction.
 */
final class PositionIndex
{
    private static final long EMPTY = 0;
    private static final long POSITION_MASK = 0xFFFF_FFFFL;
    private static final long HASH_BITS = ~POSITION_MASK;

    private final int mask;
    private final long[] slots;
    private final long[] records;
    private final int shift;
    /** Index in {@link #records} of position 0's key: the records' base plus the key field. */
    private final int keyField;

    /**
     * @param records  the state machine's position records: {@code stride} longs per position from index
     *                 {@code base}, the capacity being {@code (records.length - base) / stride}.
     * @param base     index of position 0's record in {@code records} (the state machine starts its records on a
     *                 cache line boundary past the array's header).
     * @param stride   longs per record, a power of two.
     * @param keyField the record field holding the position's key: SKU index in the high 32 bits, location in the low.
     */
    PositionIndex(final long[] records, final int base, final int stride, final int keyField)
    {
        if (Integer.bitCount(stride) != 1 || keyField < 0 || keyField >= stride || base < 0 || base > records.length)
        {
            throw new IllegalArgumentException(
                "stride must be a power of two, the key field inside it and the base inside the records");
        }
        final int capacity = (records.length - base) / stride;
        if (capacity < 1 || capacity > 1 << 28)
        {
            throw new IllegalArgumentException("capacity must be in 1..2^28");
        }
        // the smallest power of two that keeps the table at most three quarters full: positions are looked up
        // far more often than missed, and a hit costs about 2.5 probes there, all in one or two cache lines
        final int wanted = (int)((capacity * 4L + 2) / 3);
        this.mask = (wanted <= 1 ? 2 : Integer.highestOneBit(wanted - 1) << 1) - 1;
        this.slots = new long[mask + 1];
        this.records = records;
        this.shift = Integer.numberOfTrailingZeros(stride);
        this.keyField = base + keyField;
    }

    /**
     * @param sku      SKU index.
     * @param location location index.
     * @return the position number, or -1 when the pair has no position.
     */
    int get(final int sku, final int location)
    {
        final long hash = hash(sku, location);
        final long hashBits = hash & HASH_BITS;
        int slot = (int)hash & mask;
        for (int probes = 0; probes <= mask; probes++)
        {
            final long entry = slots[slot];
            if (entry == EMPTY)
            {
                return -1;
            }
            if ((entry & HASH_BITS) == hashBits)
            {
                final int position = (int)(entry & POSITION_MASK) - 1;
                if (records[(position << shift) + keyField] == key(sku, location))
                {
                    return position;
                }
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /**
     * Reads the table slot where the probe for a pair starts, and nothing else: called ahead of the lookup so that
     * its cache miss overlaps with other work. The answer means nothing; fold it into a field so that the
     * compiler keeps the read.
     *
     * @param sku      SKU index.
     * @param location location index.
     * @return the slot's bits.
     */
    long prefetch(final int sku, final int location)
    {
        return slots[(int)hash(sku, location) & mask];
    }

    /**
     * Indexes a new position; its key must already be stored in its record.
     *
     * @param position a position number not indexed yet, below the capacity.
     */
    void add(final int position)
    {
        final long key = records[(position << shift) + keyField];
        final long hash = hash((int)(key >>> 32), (int)key);
        int slot = (int)hash & mask;
        while (slots[slot] != EMPTY)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = (hash & HASH_BITS) | (position + 1L);
    }

    private static long key(final int sku, final int location)
    {
        return ((long)sku << 32) | (location & POSITION_MASK);
    }

    private static long hash(final int sku, final int location)
    {
        return Hashing.mix(key(sku, location));
    }
}
