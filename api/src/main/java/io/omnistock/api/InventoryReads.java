package io.omnistock.api;

import java.util.Optional;

/**
 * Reads from any thread, without entering the command ring. Every read sees the state between two commands,
 * never a half-applied one, at most one command behind the writer. The {@code long} reads allocate nothing;
 * snapshots allocate their result.
 */
public interface InventoryReads
{
    /**
     * @param sku      the SKU id.
     * @param location the location id.
     * @return units that can be reserved at the position; 0 when the SKU, location or position is unknown.
     */
    long available(String sku, String location);

    /**
     * What a channel may take of a SKU at one location: available net of safety stock, less the channel's buffer,
     * capped by its ring-fence (see {@link SetChannelRule}), never negative.
     *
     * @param channel  the channel id.
     * @param sku      the SKU id.
     * @param location the location id.
     * @return units; 0 when unknown or when the location is not the channel's.
     */
    long availableTo(String channel, String sku, String location);

    /**
     * Available-to-promise of a SKU for a channel: the sum over the channel's locations of what the channel may
     * take at each ({@link #availableTo}). Kept up to date by the writer on every change, so reading it is O(1).
     *
     * @param sku     the SKU id.
     * @param channel the channel id.
     * @return units; 0 when unknown.
     */
    long availableToPromise(String sku, String channel);

    /**
     * @param sku      the SKU id.
     * @param location the location id.
     * @return the position's states, or empty when never touched or unknown.
     */
    Optional<PositionSnapshot> position(String sku, String location);

    /**
     * @param reservation the reservation's key.
     * @return the reservation, or empty when unknown or forgotten.
     */
    Optional<ReservationSnapshot> reservation(String reservation);

    /** @return the engine's current time, epoch milliseconds. */
    long timeMs();

    /** @return the sequence number of the last event decided. */
    long sequence();
}
