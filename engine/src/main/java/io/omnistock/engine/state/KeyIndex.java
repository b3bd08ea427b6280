package io.omnistock.engine.state;

import io.omnistock.api.Limits;

/**
 * A preallocated map from byte keys ({@link AsciiKey}) to dense values {@code 0..capacity-1}, with the key bytes
 * kept in an arena by value. Open addressing with linear probing and backward-shift deletion: no tombstones, no
 * rehash (the table is sized at twice the capacity), no allocation after construction except the chunks of a
 * {@link #packed} arena as it fills.
 *
 * <p>Each table slot is one {@code long}: the low 32 bits of the key's hash, its length and its value. A probe
 * therefore reads one cache line of the table, rejects a different key by its hash bits without touching the
 * arena, and reads the arena (one more line) only to confirm a match; a slot's home follows from its own bits, so
 * deletion moves entries without reading anything else. The full hash per value is kept apart for
 * {@link #hashOf} (a packed index recomputes it from the key instead). For a key that is absent, the common case of a fresh idempotency or reservation key, a lookup
 * costs one cache line.
 *
 * <p>Two layouts of the key bytes. The default gives each value a fixed slot of {@link Limits#ID_LENGTH_MAX} bytes,
 * so a value can be forgotten and its slot reused (idempotency keys, reservations). {@link #packed} keeps keys back
 * to back in chunks of 64 KiB allocated as they fill, with an {@code int} per value saying where its key starts:
 * {@code length + 5} bytes per key (at most 63 more are left at the end of a chunk) instead of 65 plus the 8 of
 * its kept hash, for an index whose values are
 * handed out in order and never forgotten (SKUs, which number in the millions). A packed lookup reads that
 * {@code int} before the key: one more access, to an array a sixteenth of the fixed arena's size.
 *
 * <p>Exists because the primitive maps of Agrona and Eclipse Collections key on objects or numbers: keying on
 * bytes in place is what lets ids cross the ring and be interned without allocating a String per command.
 * Single writer; readers on other threads must validate what they read (see the engine's read view): a slot is
 * written as one {@code long}, so a reader sees either the old entry or the new one.
 */
public final class KeyIndex
{
    /** Largest capacity: 2^24 keys, so the key arena ({@code capacity * ID_LENGTH_MAX} bytes) fits one array. */
    public static final int CAPACITY_MAX = 1 << 24;

    private static final long EMPTY = 0;
    private static final int VALUE_BITS = 25;
    private static final long VALUE_MASK = (1L << VALUE_BITS) - 1;
    private static final int LENGTH_SHIFT = VALUE_BITS;
    private static final int LENGTH_MASK = 0x7F;
    private static final int HASH_SHIFT = 32;
    /** Bytes per chunk of a packed arena: an offset is the chunk's number above these bits, the place in it below. */
    private static final int CHUNK_SHIFT = 16;
    private static final int CHUNK_BYTES = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_BYTES - 1;

    private final int capacity;
    private final int mask;
    private final long[] slots;
    private final byte[] lengths;
    /** Fixed layout: value {@code v}'s key at {@code v * ID_LENGTH_MAX}; null when packed. */
    private final byte[] arena;
    /** Fixed layout: the hash of each value's key; null when packed (recomputed from the key). */
    private final long[] hashes;
    /** Packed layout: where each value's key starts (chunk number, then place in the chunk); null when fixed. */
    private final int[] offsets;
    /** Packed layout: the chunks, allocated as they fill; null when fixed. */
    private final byte[][] chunks;
    /** Packed layout: the values stored so far, and where the next key goes. */
    private int packedCount;
    private int packedEnd;
    private int size;

    /**
     * An index whose values each have a fixed slot for their key, so that any value can be forgotten
     * ({@link #removeValue}) and stored again.
     *
     * @param capacity the number of distinct values, {@code 1..}{@link #CAPACITY_MAX}.
     */
    public KeyIndex(final int capacity)
    {
        this(capacity, false);
    }

    private KeyIndex(final int capacity, final boolean packed)
    {
        if (capacity < 1 || capacity > CAPACITY_MAX)
        {
            throw new IllegalArgumentException("capacity must be in 1.." + CAPACITY_MAX + ": " + capacity);
        }
        this.capacity = capacity;
        final int tableSize = Integer.highestOneBit(capacity * 2 - 1) << 1;
        this.mask = tableSize - 1;
        this.slots = new long[tableSize];
        this.lengths = new byte[capacity];
        this.arena = packed ? null : new byte[capacity * Limits.ID_LENGTH_MAX];
        this.hashes = packed ? null : new long[capacity];
        this.offsets = packed ? new int[capacity] : null;
        this.chunks = packed ? new byte[(int)(((long)capacity * Limits.ID_LENGTH_MAX + CHUNK_MASK) >>> CHUNK_SHIFT)][] : null;
    }

    /**
     * An index with its keys packed back to back (see the class comment): values must be stored in order,
     * {@code 0, 1, 2, ...}, each once, and are never removed.
     *
     * @param capacity the number of distinct values, {@code 1..}{@link #CAPACITY_MAX}.
     * @return the index.
     */
    public static KeyIndex packed(final int capacity)
    {
        return new KeyIndex(capacity, true);
    }

    /** @return the number of values this index can hold. */
    public int capacity()
    {
        return capacity;
    }

    /** @return the number of keys held. */
    public int size()
    {
        return size;
    }

    /**
     * @param key the key.
     * @return its value, or -1 when absent.
     */
    public int get(final AsciiKey key)
    {
        final long hash = key.hash();
        final long tag = tag(hash, key.length());
        int slot = (int)hash & mask;
        for (int probes = 0; probes <= mask; probes++)
        {
            final long entry = slots[slot];
            if (entry == EMPTY)
            {
                return -1;
            }
            if ((entry & ~VALUE_MASK) == tag)
            {
                final int value = valueOf(entry);
                if (key.equalsBytes(arenaOf(value), baseOf(value), key.length()))
                {
                    return value;
                }
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /**
     * Reads the table slot where the probe for a key starts, and nothing else: called ahead of the lookup so that
     * its cache miss overlaps with other work instead of stalling the lookup. The answer means nothing; fold it
     * into a field so that the compiler keeps the read.
     *
     * @param hash the key's hash ({@link AsciiKey#hash()}).
     * @return the slot's bits.
     */
    public long prefetch(final long hash)
    {
        return slots[(int)hash & mask];
    }

    /**
     * Reads the key bytes of the entry in the home slot of a hash, if any, and nothing else: called once the slot
     * itself has been read ahead ({@link #prefetch}), so that the key comparison of the lookup that follows hits
     * the cache. The answer means nothing.
     *
     * @param hash the key's hash.
     * @return the first key byte of the entry there, or 0.
     */
    public long prefetchKey(final long hash)
    {
        final long entry = slots[(int)hash & mask];
        if (entry == EMPTY)
        {
            return 0;
        }
        final int value = valueOf(entry);
        return arenaOf(value)[baseOf(value)];
    }

    /**
     * {@link #prefetch(long)} for the key a value maps to, ahead of {@link #removeValue(int)}.
     *
     * @param value a value, mapped or not.
     * @return the slot's bits.
     */
    public long prefetchValue(final int value)
    {
        requireFixed();
        return slots[(int)hashes[value] & mask];
    }

    /**
     * Looks up a char sequence without copying it: for reads from other threads.
     *
     * @param id the id, may be null.
     * @return its value, or -1 when absent.
     */
    public int get(final CharSequence id)
    {
        if (id == null || id.length() == 0 || id.length() > Limits.ID_LENGTH_MAX)
        {
            return -1;
        }
        final long hash = AsciiKey.computeHash(id);
        final long tag = tag(hash, id.length());
        int slot = (int)hash & mask;
        for (int probes = 0; probes <= mask; probes++)
        {
            final long entry = slots[slot];
            if (entry == EMPTY)
            {
                return -1;
            }
            if ((entry & ~VALUE_MASK) == tag && equalsChars(valueOf(entry), id))
            {
                return valueOf(entry);
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private boolean equalsChars(final int value, final CharSequence id)
    {
        final int length = id.length();
        final byte[] bytes = arenaOf(value);
        final int base = baseOf(value);
        for (int i = 0; i < length; i++)
        {
            if (bytes[base + i] != id.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Maps a key that is absent to a value that is unused.
     *
     * @param key   the key.
     * @param value the value, {@code 0..capacity-1}, not currently mapped; when {@link #packed}, the next value in
     *              order.
     */
    public void put(final AsciiKey key, final int value)
    {
        store(key.bytes(), 0, key.length(), value);
        insert(key.hash(), value);
    }

    /**
     * Copies a key's bytes into the arena under a value without indexing it: {@link #get} does not find it until
     * {@link #indexStored} is called for the value. For a writer that fills values in bulk (replay) and indexes
     * only those still live at the end; {@link #keyOf} and {@link #storedHash} already see the key.
     *
     * @param source holds the key's bytes, printable ASCII.
     * @param offset where they start.
     * @param length how many, {@code 1..}{@link Limits#ID_LENGTH_MAX}.
     * @param value  the value, {@code 0..capacity-1}, not currently indexed; when {@link #packed}, the next value
     *               in order (the number of values stored so far).
     */
    public void store(final byte[] source, final int offset, final int length, final int value)
    {
        if (offsets == null)
        {
            System.arraycopy(source, offset, arena, value * Limits.ID_LENGTH_MAX, length);
        }
        else
        {
            storePacked(source, offset, length, value);
        }
        lengths[value] = (byte)length;
    }

    private void storePacked(final byte[] source, final int offset, final int length, final int value)
    {
        if (value != packedCount)
        {
            throw new IllegalStateException("a packed index stores its values in order: expected value " + packedCount +
                ", got " + value);
        }
        int at = packedEnd;
        if ((at & CHUNK_MASK) + length > CHUNK_BYTES)
        {
            at = (at | CHUNK_MASK) + 1; // a key never straddles two chunks
        }
        final int chunk = at >>> CHUNK_SHIFT;
        if (chunks[chunk] == null)
        {
            chunks[chunk] = new byte[CHUNK_BYTES]; // before anything changes, should it fail
        }
        System.arraycopy(source, offset, chunks[chunk], at & CHUNK_MASK, length);
        offsets[value] = at;
        packedEnd = at + length;
        packedCount++;
    }

    /** @return the bytes holding a stored value's key, starting at {@link #baseOf}. */
    private byte[] arenaOf(final int value)
    {
        return offsets == null ? arena : chunks[offsets[value] >>> CHUNK_SHIFT];
    }

    /** @return where a stored value's key starts in {@link #arenaOf}. */
    private int baseOf(final int value)
    {
        return offsets == null ? value * Limits.ID_LENGTH_MAX : offsets[value] & CHUNK_MASK;
    }

    private void requireFixed()
    {
        if (offsets != null)
        {
            throw new UnsupportedOperationException("a packed index never forgets a value");
        }
    }

    /**
     * Indexes the key last stored under a value ({@link #store} or {@link #put}), hashing its bytes.
     *
     * @param value a stored value whose key is not in the table.
     */
    public void indexStored(final int value)
    {
        insert(storedHash(value), value);
    }

    /**
     * Empties the table, keeping the arena: every key is forgotten by {@link #get} until indexed again with
     * {@link #indexStored}.
     */
    public void clearTable()
    {
        java.util.Arrays.fill(slots, EMPTY);
        size = 0;
    }

    /**
     * @param value a stored value, indexed or not.
     * @return the hash of the key last stored under it, computed from its bytes ({@link AsciiKey#hash()}).
     */
    public long storedHash(final int value)
    {
        return AsciiKey.computeHash(arenaOf(value), baseOf(value), lengths[value]);
    }

    private void insert(final long hash, final int value)
    {
        int slot = (int)hash & mask;
        while (slots[slot] != EMPTY)
        {
            slot = (slot + 1) & mask;
        }
        if (hashes != null)
        {
            hashes[value] = hash;
        }
        slots[slot] = tag(hash, lengths[value]) | (value + 1L);
        size++;
    }

    /**
     * Removes the key mapped to a value.
     *
     * @param value a mapped value.
     */
    public void removeValue(final int value)
    {
        requireFixed();
        int slot = (int)hashes[value] & mask;
        while (valueOf(slots[slot]) != value)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = EMPTY;
        size--;
        int next = (slot + 1) & mask;
        long entry;
        while ((entry = slots[next]) != EMPTY)
        {
            final int home = (int)(entry >>> HASH_SHIFT) & mask;
            final boolean movable = slot <= next ? (home <= slot || home > next) : (home <= slot && home > next);
            if (movable)
            {
                slots[slot] = entry;
                slots[next] = EMPTY;
                slot = next;
            }
            next = (next + 1) & mask;
        }
    }

    /**
     * Copies the key of a value into a key buffer.
     *
     * @param value  a mapped value.
     * @param target the buffer.
     * @return the target.
     */
    public AsciiKey keyOf(final int value, final AsciiKey target)
    {
        return target.set(arenaOf(value), baseOf(value), lengths[value]);
    }

    /**
     * @param value a mapped value.
     * @return the stable hash of its key, for state hashing; recomputed from the key when {@link #packed}.
     */
    public long hashOf(final int value)
    {
        return hashes == null ? storedHash(value) : hashes[value];
    }

    /** The bits of a slot that identify its key: the low 32 bits of the hash, then the length. */
    private static long tag(final long hash, final int length)
    {
        return (hash << HASH_SHIFT) | ((long)(length & LENGTH_MASK) << LENGTH_SHIFT);
    }

    /** The value of a slot, or -1 for an empty one. */
    private static int valueOf(final long entry)
    {
        return (int)(entry & VALUE_MASK) - 1;
    }
}
