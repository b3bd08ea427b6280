package io.omnistock.api;

/**
 * Stable numeric outcome codes, grouped by the stage that decides them. The numbers never change meaning
 * once released: hosts may store them, journals carry them, and dashboards may group on {@link #kind(int)}.
 *
 * <table>
 *   <caption>Reason codes</caption>
 *   <tr><th>range</th><th>kind</th><th>decided by</th></tr>
 *   <tr><td>0</td><td>OK</td><td>the command was applied</td></tr>
 *   <tr><td>100-199</td><td>VALIDATION</td><td>the command itself is malformed (at the API boundary or in the writer)</td></tr>
 *   <tr><td>200-299</td><td>REFERENCE</td><td>the command names something that does not exist or does not fit</td></tr>
 *   <tr><td>300-399</td><td>STOCK</td><td>there is not enough stock, or no location can serve</td></tr>
 *   <tr><td>400-499</td><td>LIFECYCLE</td><td>the reservation or transfer is in a state that does not allow the command</td></tr>
 *   <tr><td>500-599</td><td>IDEMPOTENCY</td><td>the idempotency key was used before with a different payload</td></tr>
 *   <tr><td>600-699</td><td>CAPACITY</td><td>a configured capacity is exhausted: an answer, never a crash</td></tr>
 *   <tr><td>700-799</td><td>PIPELINE</td><td>the command never reached the writer (back-pressure, shut down)</td></tr>
 * </table>
 *
 * <p>Every rejection leaves the engine state unchanged. Hot paths carry the plain {@code int}; use
 * {@link #name(int)} and {@link #describe(int)} at the edges.
 */
public final class ReasonCode
{
    /** The command was applied. */
    public static final int OK = 0;

    // 1xx: validation
    /** A quantity is zero or negative where a positive quantity is required (or negative where a count is). */
    public static final int INVALID_QUANTITY = 100;
    /** A quantity, or the sum it would produce, exceeds {@link Limits#QUANTITY_MAX}. */
    public static final int QUANTITY_OVERFLOW = 101;
    /** The idempotency key is null, empty, longer than {@link Limits#ID_LENGTH_MAX} or not printable ASCII. */
    public static final int INVALID_KEY = 102;
    /** An id (SKU, location, channel, reservation, transfer) is null, empty, too long or not printable ASCII. */
    public static final int INVALID_ID = 103;
    /** A reservation has more lines than the configured maximum. */
    public static final int TOO_MANY_LINES = 104;
    /** A reservation names the same SKU at the same location (or twice at "any location") more than once. */
    public static final int DUPLICATE_LINE = 105;
    /** A reservation or channel has no lines or no locations. */
    public static final int EMPTY = 106;
    /** A hold duration is zero, negative or above the configured maximum. */
    public static final int INVALID_HOLD_DURATION = 107;
    /** Any other malformed argument (null enum, fulfil quantities that do not match the lines, ...). */
    public static final int INVALID_ARGUMENT = 108;

    // 2xx: reference
    /** The SKU has not been defined. */
    public static final int UNKNOWN_SKU = 200;
    /** The location has not been defined. */
    public static final int UNKNOWN_LOCATION = 201;
    /** The channel has not been defined. */
    public static final int UNKNOWN_CHANNEL = 202;
    /** No reservation with this key is known (never made, or forgotten after its retention). */
    public static final int UNKNOWN_RESERVATION = 203;
    /** The line names a location that is not one of the channel's locations. */
    public static final int LOCATION_NOT_IN_CHANNEL = 204;
    /** The SKU, location or channel id is already defined. */
    public static final int ALREADY_DEFINED = 205;
    /** No transfer with this key is known. */
    public static final int UNKNOWN_TRANSFER = 206;
    /** A reservation or transfer with this key already exists. */
    public static final int KEY_IN_USE = 207;
    /** The location does not accept returns. */
    public static final int RETURNS_NOT_ACCEPTED = 208;
    /** Transfer from a location to itself. */
    public static final int SAME_LOCATION = 209;
    /** The pickup location given with a reservation does not offer pickup. */
    public static final int PICKUP_NOT_OFFERED = 210;

    // 3xx: stock
    /** A line asks for more than is available at its location; {@code Result.lineIndex} and {@code available} say which and how much. */
    public static final int INSUFFICIENT_STOCK = 300;
    /** A line left to the engine found no location of the channel with enough available stock. */
    public static final int NO_SOURCING_LOCATION = 301;
    /** A fulfilment asks for more than the line has outstanding. */
    public static final int OVER_FULFILMENT = 302;
    /** A transfer receipt asks for more than is still in transit. */
    public static final int OVER_RECEIPT = 303;
    /** A movement would take on hand (or a damaged/quarantined bucket) below zero. */
    public static final int INSUFFICIENT_ON_HAND = 304;
    /** The host's sourcing policy threw or decided wrongly (a line short, or more than the channel may take); nothing was held. */
    public static final int SOURCING_POLICY_FAILED = 305;

    // 4xx: lifecycle
    /** The reservation's hold expired before this command. */
    public static final int RESERVATION_EXPIRED = 400;
    /** The reservation was released. */
    public static final int RESERVATION_RELEASED = 401;
    /** The reservation is already completely fulfilled. */
    public static final int RESERVATION_FULFILLED = 402;
    /** The command needs a held (not yet confirmed) reservation. */
    public static final int RESERVATION_NOT_HELD = 403;
    /** The command needs a confirmed (committed) reservation. */
    public static final int RESERVATION_NOT_COMMITTED = 404;
    /** The transfer has been completely received. */
    public static final int TRANSFER_COMPLETE = 405;

    // 5xx: idempotency
    /** The idempotency key was used before for a different command or payload. */
    public static final int IDEMPOTENCY_CONFLICT = 500;

    // 6xx: capacity
    /** The configured number of SKUs is reached. */
    public static final int SKU_CAPACITY_EXHAUSTED = 600;
    /** The configured number of locations is reached. */
    public static final int LOCATION_CAPACITY_EXHAUSTED = 601;
    /** The configured number of channels (or locations per channel) is reached. */
    public static final int CHANNEL_CAPACITY_EXHAUSTED = 602;
    /** The configured number of SKU-location positions is reached. */
    public static final int POSITION_CAPACITY_EXHAUSTED = 603;
    /** The configured number of reservations (open ones plus those retained for lookups) is reached. */
    public static final int RESERVATION_CAPACITY_EXHAUSTED = 604;
    /** The idempotency key table is full of keys still inside their retention window. */
    public static final int IDEMPOTENCY_CAPACITY_EXHAUSTED = 605;
    /** The configured number of open transfers is reached. */
    public static final int TRANSFER_CAPACITY_EXHAUSTED = 606;
    /** The promotion table is full (configured {@code promotionCapacity}). */
    public static final int PROMOTION_CAPACITY_EXHAUSTED = 607;

    // 7xx: pipeline
    /** The command ring was full and the caller asked not to wait. Nothing was applied; retry later. */
    public static final int BACK_PRESSURE = 700;
    /** The engine is shut down or shutting down. Nothing was applied. */
    public static final int SHUT_DOWN = 701;
    /**
     * The journal could not make the outcome durable (disk full, I/O error): the engine stopped deciding. The
     * outcome is unknown: the command may or may not have been applied in memory, and its records may or may not
     * have reached the journal (a batch that fails part way through its documents); recovery from the journal is the
     * truth, and after it a retry with the same idempotency key gets the recorded answer or is decided afresh.
     * Every later command is refused.
     */
    public static final int STORAGE_FAILURE = 702;

    private ReasonCode()
    {
    }

    /**
     * The kind of a code: the name of its group.
     *
     * @param code a reason code.
     * @return "OK", "VALIDATION", "REFERENCE", "STOCK", "LIFECYCLE", "IDEMPOTENCY", "CAPACITY", "PIPELINE" or "UNKNOWN".
     */
    public static String kind(final int code)
    {
        if (code == OK)
        {
            return "OK";
        }
        switch (code / 100)
        {
            case 1: return "VALIDATION";
            case 2: return "REFERENCE";
            case 3: return "STOCK";
            case 4: return "LIFECYCLE";
            case 5: return "IDEMPOTENCY";
            case 6: return "CAPACITY";
            case 7: return "PIPELINE";
            default: return "UNKNOWN";
        }
    }

    /**
     * The constant name of a code, e.g. {@code "INSUFFICIENT_STOCK"} for 300.
     *
     * @param code a reason code.
     * @return its name, or {@code "UNKNOWN_<code>"}.
     */
    public static String name(final int code)
    {
        switch (code)
        {
            case OK: return "OK";
            case INVALID_QUANTITY: return "INVALID_QUANTITY";
            case QUANTITY_OVERFLOW: return "QUANTITY_OVERFLOW";
            case INVALID_KEY: return "INVALID_KEY";
            case INVALID_ID: return "INVALID_ID";
            case TOO_MANY_LINES: return "TOO_MANY_LINES";
            case DUPLICATE_LINE: return "DUPLICATE_LINE";
            case EMPTY: return "EMPTY";
            case INVALID_HOLD_DURATION: return "INVALID_HOLD_DURATION";
            case INVALID_ARGUMENT: return "INVALID_ARGUMENT";
            case UNKNOWN_SKU: return "UNKNOWN_SKU";
            case UNKNOWN_LOCATION: return "UNKNOWN_LOCATION";
            case UNKNOWN_CHANNEL: return "UNKNOWN_CHANNEL";
            case UNKNOWN_RESERVATION: return "UNKNOWN_RESERVATION";
            case LOCATION_NOT_IN_CHANNEL: return "LOCATION_NOT_IN_CHANNEL";
            case ALREADY_DEFINED: return "ALREADY_DEFINED";
            case UNKNOWN_TRANSFER: return "UNKNOWN_TRANSFER";
            case KEY_IN_USE: return "KEY_IN_USE";
            case RETURNS_NOT_ACCEPTED: return "RETURNS_NOT_ACCEPTED";
            case SAME_LOCATION: return "SAME_LOCATION";
            case PICKUP_NOT_OFFERED: return "PICKUP_NOT_OFFERED";
            case INSUFFICIENT_STOCK: return "INSUFFICIENT_STOCK";
            case NO_SOURCING_LOCATION: return "NO_SOURCING_LOCATION";
            case OVER_FULFILMENT: return "OVER_FULFILMENT";
            case OVER_RECEIPT: return "OVER_RECEIPT";
            case INSUFFICIENT_ON_HAND: return "INSUFFICIENT_ON_HAND";
            case SOURCING_POLICY_FAILED: return "SOURCING_POLICY_FAILED";
            case RESERVATION_EXPIRED: return "RESERVATION_EXPIRED";
            case RESERVATION_RELEASED: return "RESERVATION_RELEASED";
            case RESERVATION_FULFILLED: return "RESERVATION_FULFILLED";
            case RESERVATION_NOT_HELD: return "RESERVATION_NOT_HELD";
            case RESERVATION_NOT_COMMITTED: return "RESERVATION_NOT_COMMITTED";
            case TRANSFER_COMPLETE: return "TRANSFER_COMPLETE";
            case IDEMPOTENCY_CONFLICT: return "IDEMPOTENCY_CONFLICT";
            case SKU_CAPACITY_EXHAUSTED: return "SKU_CAPACITY_EXHAUSTED";
            case LOCATION_CAPACITY_EXHAUSTED: return "LOCATION_CAPACITY_EXHAUSTED";
            case CHANNEL_CAPACITY_EXHAUSTED: return "CHANNEL_CAPACITY_EXHAUSTED";
            case POSITION_CAPACITY_EXHAUSTED: return "POSITION_CAPACITY_EXHAUSTED";
            case RESERVATION_CAPACITY_EXHAUSTED: return "RESERVATION_CAPACITY_EXHAUSTED";
            case IDEMPOTENCY_CAPACITY_EXHAUSTED: return "IDEMPOTENCY_CAPACITY_EXHAUSTED";
            case TRANSFER_CAPACITY_EXHAUSTED: return "TRANSFER_CAPACITY_EXHAUSTED";
            case PROMOTION_CAPACITY_EXHAUSTED: return "PROMOTION_CAPACITY_EXHAUSTED";
            case BACK_PRESSURE: return "BACK_PRESSURE";
            case SHUT_DOWN: return "SHUT_DOWN";
            case STORAGE_FAILURE: return "STORAGE_FAILURE";
            default: return "UNKNOWN_" + code;
        }
    }

    /**
     * A one-line human description of a code, for logs and API error bodies.
     *
     * @param code a reason code.
     * @return the description.
     */
    public static String describe(final int code)
    {
        switch (code)
        {
            case OK: return "applied";
            case INVALID_QUANTITY: return "quantity must be positive (counts: zero or more)";
            case QUANTITY_OVERFLOW: return "quantity or resulting total exceeds " + Limits.QUANTITY_MAX;
            case INVALID_KEY: return "idempotency key must be 1.." + Limits.ID_LENGTH_MAX + " printable ASCII characters";
            case INVALID_ID: return "ids must be 1.." + Limits.ID_LENGTH_MAX + " printable ASCII characters";
            case TOO_MANY_LINES: return "more lines than the configured maximum per reservation";
            case DUPLICATE_LINE: return "the same SKU and location appear twice";
            case EMPTY: return "no lines or no locations given";
            case INVALID_HOLD_DURATION: return "hold duration must be positive and within the configured maximum";
            case INVALID_ARGUMENT: return "malformed argument";
            case UNKNOWN_SKU: return "SKU not defined";
            case UNKNOWN_LOCATION: return "location not defined";
            case UNKNOWN_CHANNEL: return "channel not defined";
            case UNKNOWN_RESERVATION: return "no such reservation";
            case LOCATION_NOT_IN_CHANNEL: return "location is not one of the channel's locations";
            case ALREADY_DEFINED: return "id already defined";
            case UNKNOWN_TRANSFER: return "no such transfer";
            case KEY_IN_USE: return "a reservation or transfer with this key already exists";
            case RETURNS_NOT_ACCEPTED: return "location does not accept returns";
            case SAME_LOCATION: return "transfer source and destination are the same location";
            case PICKUP_NOT_OFFERED: return "the pickup location does not offer pickup";
            case INSUFFICIENT_STOCK: return "not enough available stock";
            case NO_SOURCING_LOCATION: return "no location of the channel can serve the line";
            case OVER_FULFILMENT: return "fulfilment exceeds the outstanding quantity";
            case OVER_RECEIPT: return "receipt exceeds the quantity in transit";
            case INSUFFICIENT_ON_HAND: return "movement would take on hand or a stock bucket below zero";
            case SOURCING_POLICY_FAILED: return "the sourcing policy threw or decided wrongly; nothing was held";
            case RESERVATION_EXPIRED: return "reservation hold expired";
            case RESERVATION_RELEASED: return "reservation was released";
            case RESERVATION_FULFILLED: return "reservation is completely fulfilled";
            case RESERVATION_NOT_HELD: return "reservation is not in the HELD state";
            case RESERVATION_NOT_COMMITTED: return "reservation is not in the COMMITTED state";
            case TRANSFER_COMPLETE: return "transfer completely received";
            case IDEMPOTENCY_CONFLICT: return "idempotency key reused with a different payload";
            case SKU_CAPACITY_EXHAUSTED: return "SKU capacity exhausted";
            case LOCATION_CAPACITY_EXHAUSTED: return "location capacity exhausted";
            case CHANNEL_CAPACITY_EXHAUSTED: return "channel capacity exhausted";
            case POSITION_CAPACITY_EXHAUSTED: return "position capacity exhausted";
            case RESERVATION_CAPACITY_EXHAUSTED: return "reservation capacity exhausted";
            case IDEMPOTENCY_CAPACITY_EXHAUSTED: return "idempotency key capacity exhausted";
            case TRANSFER_CAPACITY_EXHAUSTED: return "transfer capacity exhausted";
            case PROMOTION_CAPACITY_EXHAUSTED: return "promotion capacity exhausted";
            case BACK_PRESSURE: return "command ring full; retry later";
            case SHUT_DOWN: return "engine shut down";
            case STORAGE_FAILURE: return "journal failed: outcome not durable, engine stopped";
            default: return "unknown reason code " + code;
        }
    }
}
