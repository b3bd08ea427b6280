package io.omnistock.api;

/** What happens to a returned unit. Stable codes: they are journaled. */
public enum Disposition
{
    /** Back on the shelf: sellable again at once. */
    RESTOCK(1),
    /** On hand but damaged: not sellable. */
    DAMAGED(2),
    /** On hand, held for inspection: not sellable. */
    QUARANTINE(3);

    private static final Disposition[] BY_CODE = Codes.index(values(), Disposition::code);
    private final int code;

    Disposition(final int code)
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
    public static Disposition fromCode(final int code)
    {
        return Codes.lookup(BY_CODE, code);
    }
}
