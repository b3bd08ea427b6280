package io.omnistock.api;

/** The facts the engine decides; see {@link Event} for which accessors each type fills. Stable codes: they are journaled. */
public enum EventType
{
    /** A SKU was defined: {@code sku}. */
    SKU_DEFINED(1),
    /** A location was defined: {@code location}. */
    LOCATION_DEFINED(2),
    /** A channel was defined: {@code channel}; its locations as lines ({@code lineLocation}). */
    CHANNEL_DEFINED(3),
    /** A channel rule was set: {@code channel}, {@code sku} and {@code location} (the scope; null when not scoped), {@code quantity} (buffer units), {@code bufferPercent}, {@code sharePercent}. */
    CHANNEL_RULE_SET(4),
    /** A price was set: {@code sku}, {@code location} (null for the SKU's price everywhere), {@code quantity} (the unit price). */
    PRICE_SET(5),
    /**
     * A promotion was defined: {@code reference} (its id), {@code sku} and {@code channel} (null when it applies to
     * all), {@code quantity} (amount off), {@code percentOff}, {@code variance} its start and {@code deadlineMs} its end.
     */
    PROMOTION_DEFINED(6),
    /** Stock received: {@code sku, location, quantity}; {@code variance} is how much of the expected (incoming) quantity it settled. */
    RECEIVED(10),
    /** An expected receipt was recorded: {@code sku, location, quantity}. */
    RECEIPT_EXPECTED(11),
    /** Stock adjusted: {@code sku, location, quantity} (signed delta), {@code bucket}, {@code adjustmentReason}. */
    ADJUSTED(12),
    /** A cycle count: {@code sku, location, quantity} (the count), {@code variance} (count minus on hand before). */
    COUNTED(13),
    /** Safety stock set: {@code sku, location, quantity}. */
    SAFETY_STOCK_SET(14),
    /** A POS sale: {@code channel, sku, location, quantity}, {@code unitPrice} as the pricing adapter priced it. */
    SOLD(15),
    /** A transfer left its source: {@code reference} (transfer key), {@code sku, location} (from), {@code toLocation, quantity}. */
    TRANSFER_SHIPPED(16),
    /** A transfer (or part of it) arrived: {@code reference, sku, location} (to), {@code quantity}, {@code variance} (still in transit after it). */
    TRANSFER_RECEIVED(17),
    /** A return: {@code channel} (where it was sold), {@code sku, location} (where returned), {@code quantity, disposition}. */
    RETURNED(18),
    /** A reservation was held: {@code reference, channel, fulfilment, deadlineMs}, lines with sku, location, quantity and unit price. */
    RESERVED(20),
    /** A hold was extended: {@code reference, deadlineMs}. */
    HOLD_EXTENDED(21),
    /** A reservation was confirmed (committed): {@code reference}. */
    CONFIRMED(22),
    /** A reservation was released: {@code reference}; lines with the quantities given back. */
    RELEASED(23),
    /** A hold passed its deadline: {@code reference}; lines with the quantities given back; {@code timeMs} is the deadline. */
    EXPIRED(24),
    /** Units of a reservation were fulfilled: {@code reference}; lines with the quantities fulfilled now; {@code reservationState} after it. */
    FULFILLED(25),
    /** Engine time was advanced: {@code quantity} is the time asked for, {@code timeMs} the engine time after it, {@code variance} the engine time when the command arrived. */
    TIME_ADVANCED(30),
    /** A command was rejected: {@code commandType, reasonCode, reference}, {@code lineIndex} and {@code available} where a line was short. */
    REJECTED(40),
    /** A physical movement (POS sale, count, adjustment) left less stock than is reserved and committed: {@code sku, location}, {@code quantity} (the shortage). */
    OVERSOLD(41),
    /**
     * A stock level crossed a threshold during a command (holds, releases and expiries included):
     * {@code threshold}, {@code sku}, and either {@code location} (a position's available) or {@code channel} (the
     * SKU's available-to-promise in the channel); {@code quantity} the level after, {@code variance} before.
     */
    THRESHOLD_CROSSED(42);

    private static final EventType[] BY_CODE = Codes.index(values(), EventType::code);
    private final int code;

    EventType(final int code)
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
    public static EventType fromCode(final int code)
    {
        return Codes.lookup(BY_CODE, code);
    }
}
