package io.omnistock.api;

/** The bucket of on-hand stock an adjustment moves. Stable codes: they are journaled. */
public enum StockBucket
{
    /** Sellable on-hand stock (an adjustment here changes on hand and so available). */
    SELLABLE(1),
    /** Damaged stock (changes on hand and damaged together; available is unchanged). */
    DAMAGED(2),
    /** Quarantined stock (changes on hand and quarantined together; available is unchanged). */
    QUARANTINED(3);

    private static final StockBucket[] BY_CODE = Codes.index(values(), StockBucket::code);
    private final int code;

    StockBucket(final int code)
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
    public static StockBucket fromCode(final int code)
    {
        return Codes.lookup(BY_CODE, code);
    }
}
