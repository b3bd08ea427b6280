package io.omnistock.api;

/** Why stock was adjusted outside a sale, receipt, count or transfer. Stable codes: they are journaled. */
public enum AdjustmentReason
{
    /** Theft or unexplained loss. */
    SHRINKAGE(1),
    /** Broken or spoiled in the location. */
    DAMAGE(2),
    /** Units found that the books did not know. */
    FOUND(3),
    /** A booking error corrected. */
    CORRECTION(4),
    /** Damaged or quarantined units disposed of. */
    WRITE_OFF(5),
    /** Any other documented reason. */
    OTHER(6);

    private static final AdjustmentReason[] BY_CODE = Codes.index(values(), AdjustmentReason::code);
    private final int code;

    AdjustmentReason(final int code)
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
    public static AdjustmentReason fromCode(final int code)
    {
        return Codes.lookup(BY_CODE, code);
    }
}
