package io.omnistock.engine.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link ChunkedLongs}: zero until written, a chunk allocated only by a non-zero write into its range. */
final class ChunkedLongsTest
{
    private static final int CHUNK = ChunkedLongs.CHUNK_LENGTH;

    @Test
    void shouldReadZeroAndAllocateNothingUntilANonZeroWrite()
    {
        final ChunkedLongs values = new ChunkedLongs(3 * CHUNK + 5, 1);

        values.add(7, 0, 0);
        values.set(CHUNK + 1, 0, 0);

        assertEquals(0, values.get(0, 0));
        assertEquals(0, values.get(3 * CHUNK + 4, 0));
        assertEquals(0, values.chunksAllocated(), "adding or setting 0 allocates nothing");
    }

    @Test
    void shouldKeepEachValueInItsOwnChunkAcrossChunkBoundaries()
    {
        final ChunkedLongs values = new ChunkedLongs(3 * CHUNK + 5, 1);

        values.add(CHUNK - 1, 0, 5);
        values.add(CHUNK, 0, 7);
        values.add(CHUNK, 0, -2);
        values.set(3 * CHUNK + 4, 0, -9);

        assertEquals(5, values.get(CHUNK - 1, 0));
        assertEquals(5, values.get(CHUNK, 0));
        assertEquals(0, values.get(CHUNK + 1, 0));
        assertEquals(0, values.get(2 * CHUNK, 0), "a chunk not written reads 0");
        assertEquals(-9, values.get(3 * CHUNK + 4, 0), "the last, partial chunk");
        assertEquals(3, values.chunksAllocated());

        values.set(CHUNK, 0, 0);
        assertEquals(0, values.get(CHUNK, 0), "setting 0 into an allocated chunk clears the value");
        assertEquals(3, values.chunksAllocated(), "chunks are kept once allocated");
    }

    @Test
    void shouldAllocateTheChunkOfAnIndexAheadOfAWrite()
    {
        final ChunkedLongs values = new ChunkedLongs(2 * CHUNK, 1);

        values.ensure(CHUNK + 3);
        values.ensure(CHUNK + 4);

        assertEquals(1, values.chunksAllocated(), "one chunk, once");
        assertEquals(0, values.get(CHUNK + 3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> values.ensure(2 * CHUNK));
    }

    @Test
    void shouldRefuseWritesOutsideItsCapacity()
    {
        final ChunkedLongs values = new ChunkedLongs(CHUNK + 1, 1);

        assertThrows(IndexOutOfBoundsException.class, () -> values.add(CHUNK + 1, 0, 1),
            "inside the last chunk's range but past the capacity");
        assertThrows(IndexOutOfBoundsException.class, () -> values.set(-1, 0, 1));
        assertEquals(0, values.chunksAllocated());
    }

    @Test
    void shouldKeepTheFieldsOfAnIndexApartAndSideBySide()
    {
        final ChunkedLongs values = new ChunkedLongs(2 * CHUNK, 4);

        values.set(CHUNK + 2, 0, 11);
        values.add(CHUNK + 2, 3, 13);
        values.add(CHUNK + 3, 0, 17);

        assertEquals(11, values.get(CHUNK + 2, 0));
        assertEquals(0, values.get(CHUNK + 2, 1));
        assertEquals(13, values.get(CHUNK + 2, 3));
        assertEquals(17, values.get(CHUNK + 3, 0), "the next index's first field, not the previous one's last");
        final long[] chunk = values.chunkOf(CHUNK + 2);
        assertEquals(13, chunk[values.offset(CHUNK + 2) + 3]);
        assertEquals(4, values.offset(CHUNK + 3) - values.offset(CHUNK + 2), "an index's fields are adjacent");
        assertEquals(null, values.chunkOf(0), "nothing written below CHUNK");
        assertEquals(1, values.chunksAllocated());
        assertThrows(IllegalArgumentException.class, () -> new ChunkedLongs(CHUNK, 3));
    }
}
