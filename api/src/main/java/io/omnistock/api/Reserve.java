package io.omnistock.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Holds stock for a channel: all lines or none (a multi-line reservation is atomic). Each line either names
 * a location of the channel or leaves it to the engine's sourcing policy ({@code EngineConfig.sourcingPolicy},
 * see {@link io.omnistock.api.routing.SourcingPolicy}), which chooses inside the single writer, so choosing and
 * holding are one atomic step. The default policy takes the preferred location of the channel (lowest priority
 * value, then first defined) that has the whole line available to the channel and can serve the fulfilment type:
 * {@link LocationCapability#PICKUP} for {@link FulfilmentType#PICKUP} (only the {@code pickupLocation} when one is
 * given); {@link LocationCapability#SHIPS} for ship, same-day and ship-from-store, the last from a store or dark
 * store only; any location for {@link FulfilmentType#IN_STORE}. A line that names its location is the host's own
 * sourcing decision and is held there as asked.
 *
 * <p>The hold expires {@code holdMs} after engine time unless confirmed. A rejection names the first failing
 * line and what was available there ({@link Result#lineIndex()}, {@link Result#available()}). When the policy
 * splits a line over several locations, the reservation holds one line per location, in request order.
 *
 * @param key            the idempotency key.
 * @param reservation    the reservation's key, chosen by the caller (e.g. the order id); unique among known reservations.
 * @param channel        the channel reserving.
 * @param fulfilment     how the reservation will be fulfilled.
 * @param holdMs         how long the hold lasts before it expires, positive and within the configured maximum.
 * @param lines          1..N lines; no SKU twice at the same location (or twice at "anywhere").
 * @param pickupLocation the store the buyer chose to collect from (for {@link FulfilmentType#PICKUP}), or null.
 * @param destination    where the goods go, for nearest-location sourcing, or null.
 */
public record Reserve(String key, String reservation, String channel, FulfilmentType fulfilment, long holdMs,
    List<ReserveLine> lines, String pickupLocation, Destination destination) implements Command
{
    /** Copies the list so the command stays immutable; a null list stays null and is rejected by the engine. */
    public Reserve
    {
        lines = lines == null ? null : Collections.unmodifiableList(new ArrayList<>(lines));
    }

    /**
     * A reservation without a pickup store or destination.
     *
     * @param key         the idempotency key.
     * @param reservation the reservation's key.
     * @param channel     the channel.
     * @param fulfilment  the fulfilment type.
     * @param holdMs      the hold duration.
     * @param lines       the lines.
     */
    public Reserve(final String key, final String reservation, final String channel, final FulfilmentType fulfilment,
        final long holdMs, final List<ReserveLine> lines)
    {
        this(key, reservation, channel, fulfilment, holdMs, lines, null, null);
    }

    /**
     * A one-line reservation.
     *
     * @param key         the idempotency key.
     * @param reservation the reservation's key.
     * @param channel     the channel.
     * @param fulfilment  the fulfilment type.
     * @param holdMs      the hold duration.
     * @param line        the line.
     * @return the command.
     */
    public static Reserve of(
        final String key,
        final String reservation,
        final String channel,
        final FulfilmentType fulfilment,
        final long holdMs,
        final ReserveLine line)
    {
        return new Reserve(key, reservation, channel, fulfilment, holdMs, List.of(line));
    }

    /**
     * @param store the pickup store's id.
     * @return this reservation collected at the store.
     */
    public Reserve pickupAt(final String store)
    {
        return new Reserve(key, reservation, channel, fulfilment, holdMs, lines, store, destination);
    }

    /**
     * @param to where the goods go.
     * @return this reservation with a destination.
     */
    public Reserve shipTo(final Destination to)
    {
        return new Reserve(key, reservation, channel, fulfilment, holdMs, lines, pickupLocation, to);
    }

    @Override
    public CommandType type()
    {
        return CommandType.RESERVE;
    }
}
