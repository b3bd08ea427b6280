package io.omnistock.api;

/** What kind of node a location is. Stable codes: they are journaled. */
public enum LocationType
{
    /** A shop with a sales floor. */
    STORE(1),
    /** A warehouse or distribution centre. */
    WAREHOUSE(2),
    /** A dark store: a fulfilment-only shop closed to walk-in buyers. */
    DARK_STORE(3),
    /** A third-party logistics node. */
    THIRD_PARTY(4);

    private static final LocationType[] BY_CODE = Codes.index(values(), LocationType::code);
    private final int code;

    LocationType(final int code)
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
    public static LocationType fromCode(final int code)
    {
        return Codes.lookup(BY_CODE, code);
    }
}
