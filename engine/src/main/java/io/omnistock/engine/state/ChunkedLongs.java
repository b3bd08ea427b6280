package io.omnistock.engine.state;

/**
 * {@code fields} {@code long}s per index {@code 0..capacity-1}, zero until written, kept in chunks of
 * {@link #CHUNK_LENGTH} indexes that are allocated on the first non-zero write into their range. For per-position
 * values that most positions never use (units expected from purchase orders, safety stock, damaged units): a
 * machine that never writes one pays a reference per chunk, 0.001 bytes per index, instead of {@code 8 * fields}
 * bytes per index; one that writes them everywhere pays what a flat array costs. An index's fields are adjacent
 * ({@code fields * 8} bytes), so reading several costs one cache miss, or two where they straddle a line (a
 * chunk is not aligned on one).
 *
 * <p>Single writer. Readers on other threads see a chunk reference either null (every value zero) or the chunk,
 * whose values they must validate as they validate any other state of the machine (see the engine's read view).
 * Allocation: one chunk of {@code 8 * fields * CHUNK_LENGTH} bytes the first time a range is written, none after.
 */
final class ChunkedLongs
{
    /** Indexes per chunk, a power of two. */
    static final int CHUNK_LENGTH = 1 << 12;
    private static final int CHUNK_SHIFT = Integer.numberOfTrailingZeros(CHUNK_LENGTH);
    private static final int CHUNK_MASK = CHUNK_LENGTH - 1;

    private final long[][] chunks;
    private final int capacity;
    private final int fieldShift;

    /**
     * @param capacity the number of indexes, at least 0.
     * @param fields   values per index, a power of two from 1 to 8.
     */
    ChunkedLongs(final int capacity, final int fields)
    {
        if (capacity < 0)
        {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        if (fields < 1 || fields > 8 || Integer.bitCount(fields) != 1)
        {
            throw new IllegalArgumentException("fields must be a power of two from 1 to 8: " + fields);
        }
        this.capacity = capacity;
        this.fieldShift = Integer.numberOfTrailingZeros(fields);
        this.chunks = new long[(int)(((long)capacity + CHUNK_MASK) >>> CHUNK_SHIFT)][];
    }

    /**
     * @param index an index below the capacity.
     * @param field a field below {@code fields}.
     * @return its value; 0 if never written.
     */
    long get(final int index, final int field)
    {
        final long[] chunk = chunks[index >>> CHUNK_SHIFT];
        return chunk == null ? 0 : chunk[offset(index) + field];
    }

    /**
     * The chunk holding an index's fields, for a reader of several of them: field {@code f} is at
     * {@code chunk[offset(index) + f]}.
     *
     * @param index an index below the capacity.
     * @return the chunk, or null when nothing in its range was ever written (every value there is 0).
     */
    long[] chunkOf(final int index)
    {
        return chunks[index >>> CHUNK_SHIFT];
    }

    /**
     * @param index an index below the capacity.
     * @return where its first field is in {@link #chunkOf(int) its chunk}.
     */
    int offset(final int index)
    {
        return (index & CHUNK_MASK) << fieldShift;
    }

    /**
     * Adds to a value; adding 0 allocates nothing.
     *
     * @param index an index below the capacity.
     * @param field a field below {@code fields}.
     * @param delta what to add.
     */
    void add(final int index, final int field, final long delta)
    {
        if (delta != 0)
        {
            chunkFor(index)[offset(index) + field] += delta;
        }
    }

    /**
     * Sets a value; setting 0 where nothing was written allocates nothing.
     *
     * @param index an index below the capacity.
     * @param field a field below {@code fields}.
     * @param value the value.
     */
    void set(final int index, final int field, final long value)
    {
        if (value != 0 || chunks[index >>> CHUNK_SHIFT] != null)
        {
            chunkFor(index)[offset(index) + field] = value;
        }
    }

    /**
     * Allocates the chunk holding an index if it is not allocated yet, so that a later write there cannot fail for
     * want of memory (a caller that must not be left half done allocates first).
     *
     * @param index an index below the capacity.
     */
    void ensure(final int index)
    {
        chunkFor(index);
    }

    /** @return the number of chunks allocated so far. */
    int chunksAllocated()
    {
        int allocated = 0;
        for (final long[] chunk : chunks)
        {
            allocated += chunk == null ? 0 : 1;
        }
        return allocated;
    }

    private long[] chunkFor(final int index)
    {
        if (index < 0 || index >= capacity)
        {
            throw new IndexOutOfBoundsException("index " + index + " outside 0.." + (capacity - 1));
        }
        long[] chunk = chunks[index >>> CHUNK_SHIFT];
        if (chunk == null)
        {
            chunk = new long[CHUNK_LENGTH << fieldShift];
            chunks[index >>> CHUNK_SHIFT] = chunk;
        }
        return chunk;
    }
}
