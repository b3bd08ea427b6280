package io.omnistock.engine.state;

import io.omnistock.api.Limits;

/**
 * A mutable, preallocated id or key of up to {@link Limits#ID_LENGTH_MAX} printable ASCII bytes, with its hash.
 * Lives in ring slots and scratch space so that ids cross the ring without allocation. Also a
 * {@link CharSequence} view of itself, so listeners can read keys without a copy.
 */
public final class AsciiKey implements CharSequence
{
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
        if (id == null)
        {
            length = 0;
        }
        else
        {
            length = id.length();
            for (int i = 0; i < length; i++)
            {
                bytes[i] = (byte)id.charAt(i);
            }
        }
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
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < count; i++)
        {
            h ^= (byte)id.charAt(i);
            h *= 0x100000001b3L;
        }
        return Hashing.mix(h ^ count);
    }

    /**
     * A 64-bit FNV-1a hash finished with a murmur mix: stable, cheap, well spread for short ids.
     *
     * @param data   bytes.
     * @param offset start.
     * @param count  length.
     * @return the hash.
     */
    public static long computeHash(final byte[] data, final int offset, final int count)
    {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < count; i++)
        {
            h ^= data[offset + i];
            h *= 0x100000001b3L;
        }
        return Hashing.mix(h ^ count);
    }
}
