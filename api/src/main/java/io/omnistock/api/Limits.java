package io.omnistock.api;

/**
 * Hard limits of the API that do not depend on configuration. Inputs outside them are rejected at the
 * boundary with a typed reason code and never reach the engine.
 */
public final class Limits
{
    /** Longest id or idempotency key, in characters. Ids are printable ASCII ({@code 0x21..0x7E}). */
    public static final int ID_LENGTH_MAX = 64;

    /**
     * Largest quantity of one command and largest total of any stock bucket: 2^50 units, far above any
     * physical stock, and far enough below {@link Long#MAX_VALUE} that sums of a few buckets cannot overflow.
     */
    public static final long QUANTITY_MAX = 1L << 50;

    private Limits()
    {
    }

    /**
     * Whether a string is a valid id or key: 1..{@link #ID_LENGTH_MAX} printable ASCII characters.
     *
     * @param id the candidate, may be null.
     * @return true when valid.
     */
    public static boolean isValidId(final CharSequence id)
    {
        if (id == null)
        {
            return false;
        }
        final int length = id.length();
        if (length == 0 || length > ID_LENGTH_MAX)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final char c = id.charAt(i);
            if (c < 0x21 || c > 0x7E)
            {
                return false;
            }
        }
        return true;
    }
}
