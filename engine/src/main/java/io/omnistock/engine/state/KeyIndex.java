package io.omnistock.engine.state;

import io.omnistock.api.Limits;

/**
 * A preallocated map from byte keys ({@link AsciiKey}) to dense values {@code 0..capacity-1}, with the key bytes
 * kept in an arena indexed by value. Open addressing with linear probing and backward-shift deletion: no
 * tombstones, no allocation after construction, no rehash (the table is sized at twice the capacity).
 *
 * <p>Each table slot is one {@code long}: the low 32 bits of the key's hash, its length and its value. A probe
 * therefore reads one cache line of the table, rejects a different key by its hash bits without touching the
 * arena, and reads the arena (one more line) only to confirm a match; a slot's home follows from its own bits, so
 * deletion moves entries without reading anything else. The full hash per value is kept apart for
 * {@link #hashOf}. For a key that is absent, the common case of a fresh idempotency or reservation key, a lookup
 * costs one cache line.
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

    private final int capacity;
    private final int mask;
    private final long[] slots;
    private final byte[] arena;
    private final byte[] lengths;
    private final long[] hashes;
    private int size;

    /**
     * @param capacity the number of distinct values, {@code 1..}{@link #CAPACITY_MAX}.
     */
    public KeyIndex(final int capacity)
    {
        if (capacity < 1 || capacity > CAPACITY_MAX)
        {
            throw new IllegalArgumentException("capacity must be in 1.." + CAPACITY_MAX + ": " + capacity);
        }
        this.capacity = capacity;
        final int tableSize = Integer.highestOneBit(capacity * 2 - 1) << 1;
        this.mask = tableSize - 1;
        this.slots = new long[tableSize];
        this.arena = new byte[capacity * Limits.ID_LENGTH_MAX];
        this.lengths = new byte[capacity];
        this.hashes = new long[capacity];
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
                if (key.equalsBytes(arena, value * Limits.ID_LENGTH_MAX, key.length()))
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
        return entry == EMPTY ? 0 : arena[valueOf(entry) * Limits.ID_LENGTH_MAX];
    }

    /**
     * {@link #prefetch(long)} for the key a value maps to, ahead of {@link #removeValue(int)}.
     *
     * @param value a value, mapped or not.
     * @return the slot's bits.
     */
    public long prefetchValue(final int value)
    {
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
        final int base = value * Limits.ID_LENGTH_MAX;
        for (int i = 0; i < length; i++)
        {
            if (arena[base + i] != id.charAt(i))
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
     * @param value the value, {@code 0..capacity-1}, not currently mapped.
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
     * @param value  the value, {@code 0..capacity-1}, not currently indexed.
     */
    public void store(final byte[] source, final int offset, final int length, final int value)
    {
        System.arraycopy(source, offset, arena, value * Limits.ID_LENGTH_MAX, length);
        lengths[value] = (byte)length;
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
        return AsciiKey.computeHash(arena, value * Limits.ID_LENGTH_MAX, lengths[value]);
    }

    private void insert(final long hash, final int value)
    {
        int slot = (int)hash & mask;
        while (slots[slot] != EMPTY)
        {
            slot = (slot + 1) & mask;
        }
        hashes[value] = hash;
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
        return target.set(arena, value * Limits.ID_LENGTH_MAX, lengths[value]);
    }

    /**
     * @param value a mapped value.
     * @return the stable hash of its key, for state hashing.
     */
    public long hashOf(final int value)
    {
        return hashes[value];
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
