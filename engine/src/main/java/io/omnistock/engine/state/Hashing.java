package io.omnistock.engine.state;

/** Stable 64-bit mixing for state hashes and payload hashes: the same on every run and JVM. */
public final class Hashing
{
    private Hashing()
    {
    }

    /**
     * The murmur3 64-bit finaliser.
     *
     * @param value any value.
     * @return a well-mixed value.
     */
    public static long mix(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Folds a value into a running hash; order matters.
     *
     * @param hash  the running hash.
     * @param value the next value.
     * @return the new running hash.
     */
    public static long combine(final long hash, final long value)
    {
        return mix(hash * 31 + value);
    }
}
