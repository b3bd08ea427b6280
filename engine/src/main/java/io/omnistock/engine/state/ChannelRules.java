package io.omnistock.engine.state;

import io.omnistock.api.Limits;

/**
 * A channel rule (see {@code io.omnistock.api.SetChannelRule}) packed into one {@code long}, so that the writer keeps
 * rules in primitive arrays and maps: bits 0..46 buffer units, 47..53 buffer percent, 54..60 share percent,
 * bit 62 set on every rule so that 0 means "no rule at this scope". Stateless.
 */
final class ChannelRules
{
    private static final long PRESENT = 1L << 62;
    private static final int PERCENT_BITS = 7;
    private static final int BUFFER_PERCENT_SHIFT = 47;
    private static final int SHARE_PERCENT_SHIFT = BUFFER_PERCENT_SHIFT + PERCENT_BITS;
    private static final long UNITS_MASK = (1L << BUFFER_PERCENT_SHIFT) - 1;
    private static final long PERCENT_MASK = (1L << PERCENT_BITS) - 1;

    static
    {
        if (Limits.QUANTITY_MAX > UNITS_MASK)
        {
            throw new AssertionError("buffer units do not fit the packed rule");
        }
    }

    private ChannelRules()
    {
    }

    static long encode(final long bufferUnits, final int bufferPercent, final int sharePercent)
    {
        return PRESENT | bufferUnits | (long)bufferPercent << BUFFER_PERCENT_SHIFT | (long)sharePercent << SHARE_PERCENT_SHIFT;
    }

    static long bufferUnits(final long rule)
    {
        return rule & UNITS_MASK;
    }

    static int bufferPercent(final long rule)
    {
        return (int)(rule >>> BUFFER_PERCENT_SHIFT & PERCENT_MASK);
    }

    static int sharePercent(final long rule)
    {
        return (int)(rule >>> SHARE_PERCENT_SHIFT & PERCENT_MASK);
    }

    static boolean isPercent(final int value)
    {
        return value >= 0 && value <= 100;
    }
}
