package io.omnistock.api;

/** The kinds of command the engine accepts. Stable codes: they are journaled. */
public enum CommandType
{
    /** {@link DefineSku}. */
    DEFINE_SKU(1),
    /** {@link DefineLocation}. */
    DEFINE_LOCATION(2),
    /** {@link DefineChannel}. */
    DEFINE_CHANNEL(3),
    /** {@link SetChannelRule}. */
    SET_CHANNEL_RULE(4),
    /** {@link SetPrice}. */
    SET_PRICE(5),
    /** {@link DefinePromotion}. */
    DEFINE_PROMOTION(6),
    /** {@link Receive}. */
    RECEIVE(10),
    /** {@link ExpectReceipt}. */
    EXPECT_RECEIPT(11),
    /** {@link Adjust}. */
    ADJUST(12),
    /** {@link CycleCount}. */
    COUNT(13),
    /** {@link SetSafetyStock}. */
    SET_SAFETY_STOCK(14),
    /** {@link PosSale}. */
    SELL(15),
    /** {@link TransferOut}. */
    TRANSFER_OUT(16),
    /** {@link TransferIn}. */
    TRANSFER_IN(17),
    /** {@link Return}. */
    RETURN(18),
    /** {@link Reserve}. */
    RESERVE(20),
    /** {@link ExtendHold}. */
    EXTEND_HOLD(21),
    /** {@link Confirm}. */
    CONFIRM(22),
    /** {@link Release}. */
    RELEASE(23),
    /** {@link Fulfil}. */
    FULFIL(24),
    /** {@link AdvanceTime}. */
    ADVANCE_TIME(30);

    private static final CommandType[] BY_CODE = Codes.index(values(), CommandType::code);
    private final int code;

    CommandType(final int code)
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
    public static CommandType fromCode(final int code)
    {
        return Codes.lookup(BY_CODE, code);
    }
}
