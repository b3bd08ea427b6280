package io.omnistock.engine.routing;

import io.omnistock.api.routing.Sourcing;
import io.omnistock.api.routing.SourcingPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in routing (sourcing) policies, composed from four choices:
 * <ul>
 *   <li><b>which locations may serve</b>: always only locations with the capability the fulfilment needs
 *       ({@code PICKUP} for pickup, {@code SHIPS} for ship, same-day and ship-from-store, the last from stores and
 *       dark stores only, anything for in-store), plus any {@link LocationFilter}s the host adds;</li>
 *   <li><b>in which order they are tried</b>: {@link Rank#PRIORITY} (the channel's order: location priority, then
 *       definition order) or {@link Rank#NEAREST} (great-circle distance from the destination, ties by
 *       priority);</li>
 *   <li><b>how lines are grouped</b>: per line (each line at the first location that can serve all of it) or
 *       {@link Builder#fewestShipments fewest shipments} (one location for every line if any can, else the
 *       location serving most lines first, and so on);</li>
 *   <li><b>whether a line may be split</b> over several locations when no single one has all of it
 *       ({@link Builder#splits}), up to the reservation's line capacity;</li>
 *   <li>and for pickup: {@link Pickup#CHOSEN_STORE_ONLY} (refused when the chosen store cannot serve) or
 *       {@link Pickup#NEAREST_ALTERNATIVE} (the chosen store first, then the nearest other pickup stores).</li>
 * </ul>
 * Ties are always broken deterministically: by priority, then by definition order.
 *
 * <p>Rejections say why: {@code INSUFFICIENT_STOCK} at the pickup store with what it has ("pickup store has 1 of
 * 3"), else {@code NO_SOURCING_LOCATION} at the first line that cannot be served, with the most any allowed
 * location could offer. A policy instance keeps scratch space: use one per engine. Allocation-free per call.
 */
public final class Routing
{
    /** The order in which candidate locations are tried. */
    public enum Rank
    {
        /** Location priority (lower first), then definition order: the channel's sourcing order. */
        PRIORITY,
        /** Great-circle distance from the destination (or the pickup store), nearest first; ties by priority. */
        NEAREST
    }

    /** Where a pickup reservation that names a pickup store may be held. */
    public enum Pickup
    {
        /** Only at the chosen store; refused when it cannot serve. */
        CHOSEN_STORE_ONLY,
        /** At the chosen store if it can serve, else at the nearest other pickup store that can. */
        NEAREST_ALTERNATIVE
    }

    /** A host's extra condition on candidate locations, e.g. to skip a store closed today. Must be deterministic. */
    @FunctionalInterface
    public interface LocationFilter
    {
        /**
         * @param sourcing the decision in progress.
         * @param location a candidate location.
         * @return true when the location may serve this reservation.
         */
        boolean accepts(Sourcing sourcing, int location);
    }

    private Routing()
    {
    }

    /**
     * The engine's default: location priority, per line, no splits, the chosen pickup store only.
     *
     * @return a new policy.
     */
    public static SourcingPolicy standard()
    {
        return builder().build();
    }

    /**
     * Nearest location first, fewest shipments, splits allowed, an alternative pickup store when the chosen one
     * cannot serve: a typical e-commerce setting.
     *
     * @return a new policy.
     */
    public static SourcingPolicy nearestFewestShipments()
    {
        return builder().rank(Rank.NEAREST).fewestShipments(true).splits(true).pickup(Pickup.NEAREST_ALTERNATIVE).build();
    }

    /** @return a builder with the defaults of {@link #standard()}. */
    public static Builder builder()
    {
        return new Builder();
    }

    /** Composes a policy. Not thread-safe; build once at start-up. */
    public static final class Builder
    {
        private Rank rank = Rank.PRIORITY;
        private boolean fewestShipments;
        private boolean splits;
        private Pickup pickup = Pickup.CHOSEN_STORE_ONLY;
        private final List<LocationFilter> filters = new ArrayList<>();

        private Builder()
        {
        }

        /** @param value the candidate order. @return this. */
        public Builder rank(final Rank value)
        {
            rank = java.util.Objects.requireNonNull(value, "rank");
            return this;
        }

        /** @param value true to group lines into the fewest shipments. @return this. */
        public Builder fewestShipments(final boolean value)
        {
            fewestShipments = value;
            return this;
        }

        /** @param value true to split a line over locations when none has all of it. @return this. */
        public Builder splits(final boolean value)
        {
            splits = value;
            return this;
        }

        /** @param value the pickup rule. @return this. */
        public Builder pickup(final Pickup value)
        {
            pickup = java.util.Objects.requireNonNull(value, "pickup");
            return this;
        }

        /** @param value an extra condition every candidate must meet. @return this. */
        public Builder filter(final LocationFilter value)
        {
            filters.add(java.util.Objects.requireNonNull(value, "filter"));
            return this;
        }

        /** @return the policy. */
        public SourcingPolicy build()
        {
            return new StandardRouting(rank, fewestShipments, splits, pickup, filters.toArray(new LocationFilter[0]));
        }
    }
}
