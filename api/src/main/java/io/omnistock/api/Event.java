package io.omnistock.api;

/**
 * A fact the engine decided, as a flyweight over its encoded record, valid only during the listener call.
 * Which accessors carry meaning depends on {@link #type()} (see {@link EventType}); the others return null,
 * 0 or -1. Ids come back as the engine's interned strings (no allocation); keys as a reused
 * {@link CharSequence} ({@code toString()} to keep one).
 */
public interface Event
{
    /** @return the global sequence number: dense, from 1, one per event. */
    long sequence();

    /** @return engine time of the event, epoch milliseconds (for {@link EventType#EXPIRED}, the deadline). */
    long timeMs();

    /** @return what happened. */
    EventType type();

    /** @return the idempotency key of the command that caused the event; empty for events fired by time. */
    CharSequence commandKey();

    /** @return for {@link EventType#REJECTED}, the command that was rejected; otherwise the causing command, or null. */
    CommandType commandType();

    /** @return for {@link EventType#REJECTED}, the reason; otherwise {@link ReasonCode#OK}. */
    int reasonCode();

    /** @return the reservation or transfer key, or an empty sequence. */
    CharSequence reference();

    /** @return the SKU id, or null. */
    String sku();

    /** @return the location id, or null. */
    String location();

    /** @return the destination of a transfer, or null. */
    String toLocation();

    /** @return the channel id, or null. */
    String channel();

    /** @return the main quantity of the event (see {@link EventType}). */
    long quantity();

    /** @return the secondary quantity of the event (see {@link EventType}). */
    long variance();

    /** @return for {@link EventType#CHANNEL_RULE_SET}, the share of available held back, 0..100; otherwise 0. */
    int bufferPercent();

    /** @return for {@link EventType#CHANNEL_RULE_SET}, the share of the shelf the channel may use, 0..100; otherwise 0. */
    int sharePercent();

    /**
     * @return the latitude (micro-degrees) of a {@link EventType#LOCATION_DEFINED} location, or the destination of a
     * {@link EventType#RESERVED} reservation (its pickup store is {@link #location()}); otherwise 0.
     */
    int latitudeMicros();

    /** @return the longitude matching {@link #latitudeMicros()}; otherwise 0. */
    int longitudeMicros();

    /** @return for {@link EventType#PROMOTION_DEFINED}, the percentage off; otherwise 0. */
    int percentOff();

    /** @return for {@link EventType#THRESHOLD_CROSSED}, which threshold; otherwise null. */
    StockThreshold threshold();

    /** @return the hold deadline, or -1. */
    long deadlineMs();

    /** @return the fulfilment type of a reservation event, or null. */
    FulfilmentType fulfilment();

    /** @return the disposition of a return, or null. */
    Disposition disposition();

    /** @return the bucket of an adjustment, or null. */
    StockBucket bucket();

    /** @return the reason of an adjustment, or null. */
    AdjustmentReason adjustmentReason();

    /** @return the reservation's state after a reservation event, or null. */
    ReservationState reservationState();

    /** @return for a rejection, the failing line, or -1. */
    int lineIndex();

    /** @return for a stock rejection, what was available at the failing line, or -1. */
    long available();

    /** @return the number of lines (reservation lines, or a channel's locations). */
    int lineCount();

    /**
     * @param index a line.
     * @return its SKU id, or null for a channel's location list.
     */
    String lineSku(int index);

    /**
     * @param index a line.
     * @return its location id.
     */
    String lineLocation(int index);

    /**
     * @param index a line.
     * @return its quantity.
     */
    long lineQuantity(int index);

    /**
     * @param index a line of a {@link EventType#RESERVED} event.
     * @return the unit price applied, minor currency units; -1 when unpriced (and for other events' lines).
     */
    long lineUnitPrice(int index);

    /** @return for {@link EventType#SOLD}, the unit price applied (-1 when unpriced); otherwise -1. */
    long unitPrice();
}
