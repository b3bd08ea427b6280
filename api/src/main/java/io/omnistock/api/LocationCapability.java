package io.omnistock.api;

/** Bit flags of what a location can do; combine with {@code |}. */
public final class LocationCapability
{
    /** No capability: holds stock that only moves by transfer. */
    public static final int NONE = 0;
    /** Ships parcels to buyers. */
    public static final int SHIPS = 1;
    /** Buyers can pick up reserved orders here. */
    public static final int PICKUP = 1 << 1;
    /** Accepts returns of goods bought in any channel. */
    public static final int RETURNS = 1 << 2;
    /** Every capability. */
    public static final int ALL = SHIPS | PICKUP | RETURNS;

    private LocationCapability()
    {
    }

    /**
     * @param capabilities a set of flags.
     * @param capability   the flag to test.
     * @return true when all bits of {@code capability} are set.
     */
    public static boolean has(final int capabilities, final int capability)
    {
        return (capabilities & capability) == capability;
    }
}
