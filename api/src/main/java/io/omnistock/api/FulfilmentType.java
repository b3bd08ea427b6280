package io.omnistock.api;

/** How a reservation will be fulfilled; travels on the reservation for KPIs and routing. Stable codes: they are journaled. */
public enum FulfilmentType
{
    /** Shipped to the buyer from a warehouse or any shipping location. */
    SHIP(1),
    /** Buy online, pick up in store (BOPIS): the buyer collects at the reserved store. */
    PICKUP(2),
    /** Shipped to the buyer from a store's stock. */
    SHIP_FROM_STORE(3),
    /** Same-day delivery from a nearby location. */
    SAME_DAY(4),
    /** Reserved at a till or by store staff for a buyer present in the store. */
    IN_STORE(5);

    private static final FulfilmentType[] BY_CODE = Codes.index(values(), FulfilmentType::code);
    private final int code;

    FulfilmentType(final int code)
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
    public static FulfilmentType fromCode(final int code)
    {
        return Codes.lookup(BY_CODE, code);
    }
}
