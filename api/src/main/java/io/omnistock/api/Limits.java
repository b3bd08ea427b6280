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
     * Largest quantity of one command and largest total of any stock bucket: 2^46 units (about 7 * 10^13), far
     * above any physical stock, and far enough below {@link Long#MAX_VALUE} that no sum the engine keeps can
     * overflow: a few buckets of one position, or a channel's available-to-promise over up to 65,535 locations
     * (2^46 * 2^16 = 2^62).
     */
    public static final long QUANTITY_MAX = 1L << 46;

    /** The largest unit price or discount amount, in minor currency units (cents): 2^46, about 7 x 10^13. */
    public static final long PRICE_MAX = 1L << 46;

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
