package io.omnistock.engine.state;

/**
 * Finds the position number of a (SKU, location) pair: a preallocated open-addressing table of one {@code int}
 * per slot, bits of the pair's hash above the position number, linear probing, never a deletion (positions live
 * as long as the engine), at most three quarters full: 5.3 bytes per position.
 *
 * <p>Why not a general primitive map: the SKU and the location of every position are already kept by the state
 * machine (the key field of each position record), and a command reads that record anyway. So a slot holds no key,
 * only hash bits that rule out another pair without a memory access; the candidate whose bits match is confirmed
 * against the state machine's records. A lookup costs one cache line of the table where a map of keys and values in
 * separate arrays costs two or more, and the table is a quarter of the size. The hash bits are those the position
 * number leaves free: 8 up to 16,777,215 positions (a probe past another pair reads that pair's record once in 256
 * times), 4 at the engine's largest capacity, 2^27 (once in 16), 3 at this index's largest, 2^28.
 *
 * <p>Single writer. Readers on other threads may look up while the writer inserts: a slot is written as one
 * {@code int} after the position's SKU and location are in place, and a reader validates what it read (see the
 * engine's read view). No allocation after construction.
 */
final class PositionIndex
{
    private static final int EMPTY = 0;
    private static final long LOW_32 = 0xFFFF_FFFFL;

    private final int size;
    private final int[] slots;
    /** The bits of a slot that hold the position number plus one; the others hold hash bits. */
    private final int positionMask;
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
        this(records, base, stride, keyField, 0);
    }

    /**
     * For tests: keeps fewer hash bits than the capacity allows, so that probes past other pairs confirm against
     * the records more often (with 32 position bits, always).
     *
     * @param records      as for the main constructor.
     * @param base         as for the main constructor.
     * @param stride       as for the main constructor.
     * @param keyField     as for the main constructor.
     * @param positionBits bits of a slot for the position number, at most 32; fewer than the capacity needs
     *                     (including 0) means as many as it needs.
     */
    PositionIndex(final long[] records, final int base, final int stride, final int keyField, final int positionBits)
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
        // at most three quarters full: positions are looked up far more often than missed, and a hit costs about
        // 2.5 probes there, all in one or two cache lines. Not rounded up to a power of two (which would cost up to
        // twice the memory): a hash is mapped onto the table by a multiplication (home)
        if (positionBits > 32)
        {
            throw new IllegalArgumentException("a slot has 32 bits: " + positionBits);
        }
        this.size = (int)Math.max(2, (capacity * 4L + 2) / 3);
        this.slots = new int[size];
        this.positionMask = (int)((1L << Math.max(positionBits, 32 - Integer.numberOfLeadingZeros(capacity))) - 1);
        this.records = records;
        this.shift = Integer.numberOfTrailingZeros(stride);
        this.keyField = base + keyField;
    }

    /** @return the number of table slots: four thirds of the capacity, so a full table is three quarters full. */
    int tableLength()
    {
        return size;
    }

    /**
     * @param sku      SKU index.
     * @param location location index.
     * @return the position number, or -1 when the pair has no position.
     */
    int get(final int sku, final int location)
    {
        final long hash = hash(sku, location);
        final int hashBits = hashBits(hash);
        int slot = home(hash);
        for (int probes = 0; probes < size; probes++)
        {
            final int entry = slots[slot];
            if (entry == EMPTY)
            {
                return -1;
            }
            if ((entry & ~positionMask) == hashBits)
            {
                final int position = (entry & positionMask) - 1;
                if (records[(position << shift) + keyField] == key(sku, location))
                {
                    return position;
                }
            }
            slot = next(slot);
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
    int prefetch(final int sku, final int location)
    {
        return slots[home(hash(sku, location))];
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
        int slot = home(hash);
        while (slots[slot] != EMPTY)
        {
            slot = next(slot);
        }
        slots[slot] = hashBits(hash) | (position + 1);
    }

    /** The slot where a hash's probe starts: its low 32 bits scaled onto the table (high ones are kept in it). */
    private int home(final long hash)
    {
        return (int)(((hash & LOW_32) * size) >>> 32);
    }

    /** The hash bits a slot keeps: the top of the hash's high 32 bits, as many as the position number leaves. */
    private int hashBits(final long hash)
    {
        return (int)(hash >>> 32) & ~positionMask;
    }

    private int next(final int slot)
    {
        return slot + 1 == size ? 0 : slot + 1;
    }

    private static long key(final int sku, final int location)
    {
        return ((long)sku << 32) | (location & LOW_32);
    }

    private static long hash(final int sku, final int location)
    {
        return Hashing.mix(key(sku, location));
    }
}
