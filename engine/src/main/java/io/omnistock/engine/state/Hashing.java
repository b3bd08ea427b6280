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

    /**
     * Starts a running hash that {@link #round} folds values into and {@link #mix} finishes.
     *
     * @param value the first value.
     * @return the running hash.
     */
    public static long start(final long value)
    {
        return round(0x165667B19E3779F9L, value);
    }

    /**
     * Folds a value into a running hash with one xxHash64 round: order matters, and the latency is one multiply,
     * not {@link #combine}'s three, so a long chain of fields costs a third. Finish with {@link #mix}.
     *
     * @param hash  the running hash.
     * @param value the next value.
     * @return the new running hash.
     */
    public static long round(final long hash, final long value)
    {
        return Long.rotateLeft(hash + value * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B185EBCA87L;
    }
}
