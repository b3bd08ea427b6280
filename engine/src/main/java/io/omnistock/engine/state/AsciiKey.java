package io.omnistock.engine.state;

import io.omnistock.api.Limits;

/**
 * A mutable, preallocated id or key of up to {@link Limits#ID_LENGTH_MAX} printable ASCII bytes, with its hash.
 * Lives in ring slots and scratch space so that ids cross the ring without allocation. Also a
 * {@link CharSequence} view of itself, so listeners can read keys without a copy.
 */
public final class AsciiKey implements CharSequence
{
    private static final long HASH_SEED = 0x27D4EB2F165667C5L;
    private static final java.lang.invoke.VarHandle LONG_LE =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes = new byte[Limits.ID_LENGTH_MAX];
    private int length;
    private long hash;

    /**
     * Copies a string; the caller has validated it with {@link Limits#isValidId(CharSequence)}.
     *
     * @param id a valid id, or null to clear.
     * @return this.
     */
    public AsciiKey set(final CharSequence id)
    {
        // copied and hashed in one pass, a word at a time: each word is built in a register, stored once and
        // hashed from the register, so no load waits for the narrow stores before it
        final int count = id == null ? 0 : id.length();
        long h = HASH_SEED;
        for (int i = 0; i < count; i += Long.BYTES)
        {
            final long word = word(id, i, Math.min(i + Long.BYTES, count));
            // the array holds ID_LENGTH_MAX bytes, a multiple of 8: a whole word always fits past the id's end
            LONG_LE.set(bytes, i, word);
            h = Hashing.round(h, word);
        }
        length = count;
        hash = Hashing.mix(h ^ count);
        return this;
    }

    /**
     * Recomputes the hash after the first {@link #length()} bytes of {@link #bytes()} were changed in place (a
     * counter stamped into a reused key, say), without copying them.
     *
     * @return this.
     */
    public AsciiKey rehash()
    {
        hash = computeHash(bytes, 0, length);
        return this;
    }

    /**
     * Copies raw bytes.
     *
     * @param source the source array.
     * @param offset where the id starts.
     * @param count  its length.
     * @return this.
     */
    public AsciiKey set(final byte[] source, final int offset, final int count)
    {
        System.arraycopy(source, offset, bytes, 0, count);
        length = count;
        hash = computeHash(bytes, 0, count);
        return this;
    }

    /**
     * Copies another key.
     *
     * @param other the key to copy.
     * @return this.
     */
    public AsciiKey set(final AsciiKey other)
    {
        return set(other.bytes, 0, other.length);
    }

    /** @return this key emptied. */
    public AsciiKey clear()
    {
        length = 0;
        hash = computeHash(bytes, 0, 0);
        return this;
    }

    /** @return true when no id is held. */
    public boolean isEmpty()
    {
        return length == 0;
    }

    /** @return the backing bytes; only the first {@link #length()} are meaningful. */
    public byte[] bytes()
    {
        return bytes;
    }

    /** @return a 64-bit hash of the bytes, stable across runs and JVMs. */
    public long hash()
    {
        return hash;
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public char charAt(final int index)
    {
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException(index);
        }
        return (char)bytes[index];
    }

    @Override
    public CharSequence subSequence(final int start, final int end)
    {
        return toString().subSequence(start, end);
    }

    /**
     * @param other bytes to compare.
     * @param offset where they start.
     * @param count  how many.
     * @return true when equal to this key's bytes.
     */
    public boolean equalsBytes(final byte[] other, final int offset, final int count)
    {
        return count == length && java.util.Arrays.equals(bytes, 0, count, other, offset, offset + count);
    }

    @Override
    public String toString()
    {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * The same hash as {@link #computeHash(byte[], int, int)} for a char sequence of ASCII characters, so that
     * reads can look ids up without copying them.
     *
     * @param id the id.
     * @return the hash.
     */
    public static long computeHash(final CharSequence id)
    {
        final int count = id.length();
        long h = HASH_SEED;
        for (int i = 0; i < count; i += Long.BYTES)
        {
            h = Hashing.round(h, word(id, i, Math.min(i + Long.BYTES, count)));
        }
        return Hashing.mix(h ^ count);
    }

    /** @return characters {@code from..to-1} (at most eight) as a little-endian word, zero-padded. */
    private static long word(final CharSequence id, final int from, final int to)
    {
        long word = 0;
        for (int j = to - 1; j >= from; j--)
        {
            word = word << 8 | (id.charAt(j) & 0xFF);
        }
        return word;
    }

    /**
     * A 64-bit hash of up to {@link Limits#ID_LENGTH_MAX} bytes, eight at a time: each little-endian word (the last
     * one zero-padded) goes through one xxHash64 round ({@link Hashing#round}), and the result through the murmur3 finaliser with the
     * length. Stable across runs and JVMs; a chain of one multiply per eight bytes instead of one per byte.
     *
     * @param data   bytes.
     * @param offset start.
     * @param count  length.
     * @return the hash.
     */
    public static long computeHash(final byte[] data, final int offset, final int count)
    {
        long h = HASH_SEED;
        int i = 0;
        for (; i + Long.BYTES <= count; i += Long.BYTES)
        {
            h = Hashing.round(h, (long)LONG_LE.get(data, offset + i));
        }
        if (i < count)
        {
            long word = 0;
            for (int j = count - 1; j >= i; j--)
            {
                word = word << 8 | (data[offset + j] & 0xFF);
            }
            h = Hashing.round(h, word);
        }
        return Hashing.mix(h ^ count);
    }

    /**
     * The id hash of builds before journal format {@link EventCodec#PAYLOAD_HASH_VERSION}, which their payload
     * hashes were made of: 64-bit FNV-1a over the bytes, finished with the murmur3 finaliser and the length.
     *
     * @param key the id.
     * @return the hash.
     */
    public static long legacyHash(final AsciiKey key)
    {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length; i++)
        {
            h ^= key.bytes[i];
            h *= 0x100000001b3L;
        }
        return Hashing.mix(h ^ key.length);
    }
}
