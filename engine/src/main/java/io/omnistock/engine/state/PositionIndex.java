package io.omnistock.engine.state;

/**
 * Finds the position number of a (SKU, location) pair: a preallocated open-addressing table of one {@code long}
 * per slot, the upper 32 bits of the pair's hash beside the position number, linear probing, never a deletion
 * (positions live as long as the engine).
 *
 * <p>Why not a general primitive map: the SKU and the location of every position are already kept by the state
 * machine ({@code positionSku}, {@code positionLocation}), and a command reads them anyway. So a slot holds no key,
 * only hash bits that rule out another pair without a memory access; the one candidate whose bits match is
 * confirmed against the state machine's arrays. A lookup costs one cache line of the table where a map of keys
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
    private final int[] positionSku;
    private final int[] positionLocation;

    /**
     * @param positionSku      the SKU of each position, by position number; its length is the capacity.
     * @param positionLocation the location of each position, by position number.
     */
    PositionIndex(final int[] positionSku, final int[] positionLocation)
    {
        final int capacity = positionSku.length;
        if (capacity < 1 || capacity > 1 << 28 || positionLocation.length != capacity)
        {
            throw new IllegalArgumentException("capacity must be in 1..2^28, one SKU and location per position");
        }
        this.mask = (Integer.highestOneBit(capacity * 2 - 1) << 1) - 1;
        this.slots = new long[mask + 1];
        this.positionSku = positionSku;
        this.positionLocation = positionLocation;
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
                if (positionSku[position] == sku && positionLocation[position] == location)
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
     * Indexes a new position; its SKU and location must already be stored in the state machine's arrays.
     *
     * @param position a position number not indexed yet, below the capacity.
     */
    void add(final int position)
    {
        final long hash = hash(positionSku[position], positionLocation[position]);
        int slot = (int)hash & mask;
        while (slots[slot] != EMPTY)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = (hash & HASH_BITS) | (position + 1L);
    }

    private static long hash(final int sku, final int location)
    {
        return Hashing.mix(((long)sku << 32) | (location & POSITION_MASK));
    }
}
