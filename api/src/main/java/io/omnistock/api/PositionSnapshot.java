package io.omnistock.api;

/**
 * The stock of one SKU at one location, read consistently (all fields from the same engine state).
 * On hand = free + reserved + committed + damaged + quarantined, where free = available + effective safety stock.
 *
 * @param sku          the SKU id.
 * @param location     the location id.
 * @param onHand       units physically at the location.
 * @param reserved     units held by reservations not yet confirmed.
 * @param committed    units of confirmed reservations not yet fulfilled.
 * @param safetyStock  the configured safety stock (only what is free of it is kept back).
 * @param damaged      damaged units (on hand, not sellable).
 * @param quarantined  quarantined units (on hand, not sellable).
 * @param inTransit    units shipped to this location by transfer, not yet received (not on hand).
 * @param incoming     units expected by receipt, not yet received (not on hand).
 * @param available    units that can be reserved now; negative only after a physical oversell.
 * @param sequence     the sequence number of the last event applied when the snapshot was read.
 */
public record PositionSnapshot(
    String sku,
    String location,
    long onHand,
    long reserved,
    long committed,
    long safetyStock,
    long damaged,
    long quarantined,
    long inTransit,
    long incoming,
    long available,
    long sequence)
{
}
