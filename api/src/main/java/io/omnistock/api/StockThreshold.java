package io.omnistock.api;

/**
 * Which threshold a {@link EventType#THRESHOLD_CROSSED} event reports. Stable codes: they are journaled.
 */
public enum StockThreshold
{
    /** The level fell to the low-stock threshold or below, still above zero. */
    LOW_STOCK(1),
    /** The level fell to zero. */
    OUT_OF_STOCK(2),
    /** The level rose above zero from zero. */
    BACK_IN_STOCK(3);

    private static final StockThreshold[] BY_CODE = Codes.index(values(), StockThreshold::code);
    private final int code;

    StockThreshold(final int code)
    {
        this.code = code;
    }

    /** @return the stable code. */
    public int code()
    {
        return code;
    }

    /**
     * @param code a stable code.
     * @return the constant, or null when the code is unknown.
     */
    public static StockThreshold fromCode(final int code)
    {
        return Codes.lookup(BY_CODE, code);
    }

    /**
     * The crossing, if any, between two levels of the same stock figure.
     *
     * @param before   the level before.
     * @param after    the level after.
     * @param lowUnits the low-stock threshold, or -1 for none.
     * @return the threshold crossed, or null.
     */
    public static StockThreshold crossed(final long before, final long after, final long lowUnits)
    {
        if (after <= 0 && before > 0)
        {
            return OUT_OF_STOCK;
        }
        if (before <= 0 && after > 0)
        {
            return BACK_IN_STOCK;
        }
        return after > 0 && after <= lowUnits && before > lowUnits ? LOW_STOCK : null;
    }
}
