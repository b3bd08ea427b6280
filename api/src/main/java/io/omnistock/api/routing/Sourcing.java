package io.omnistock.api.routing;

import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationType;

/**
 * One sourcing decision in progress: the reservation's lines and context to read, the candidate locations, and
 * where the policy records its choice ({@link #take}) or its refusal ({@link #reject}). Implemented by the engine
 * as a reused flyweight on the writer thread: valid only during {@link SourcingPolicy#source}, never to be kept
 * or touched from another thread. No method allocates.
 *
 * <p>Locations are dense indexes ({@code 0..locationCapacity-1}); {@link #locationId} names them. Lines are the
 * reservation's lines in request order; a line that names its location ({@link #namedLocation} not -1) is the
 * host's decision and already held there before the policy runs: the policy sources the others.
 */
public interface Sourcing
{
    /** @return the channel reserving. */
    String channel();

    /** @return how the reservation will be fulfilled. */
    FulfilmentType fulfilment();

    /** @return the pickup store the buyer chose ({@code Reserve.pickupLocation}), or -1. */
    int pickupLocation();

    /**
     * @return true when distances can be measured: from the chosen pickup store for a pickup reservation that names
     * one, else from the reservation's destination coordinates.
     */
    boolean hasDestination();

    /** @return the destination latitude in micro-degrees; 0 without a destination. */
    int destinationLatitudeMicros();

    /** @return the destination longitude in micro-degrees; 0 without a destination. */
    int destinationLongitudeMicros();

    /** @return the number of lines. */
    int lineCount();

    /**
     * @param line a line.
     * @return its SKU id.
     */
    String sku(int line);

    /**
     * @param line a line.
     * @return its quantity.
     */
    long quantity(int line);

    /**
     * @param line a line.
     * @return the location it names, or -1 when the policy must source it.
     */
    int namedLocation(int line);

    /** @return how many lines the reservation may have in all, splits included. */
    int lineCapacity();

    /** @return the number of the channel's locations: the candidates. */
    int candidateCount();

    /**
     * @param index 0..{@link #candidateCount()}-1.
     * @return a candidate location, in the channel's sourcing order (priority, then definition order).
     */
    int candidate(int index);

    /**
     * @param location a location.
     * @return its id.
     */
    String locationId(int location);

    /**
     * @param location a location.
     * @return its type.
     */
    LocationType locationType(int location);

    /**
     * @param location a location.
     * @return its {@code LocationCapability} flags.
     */
    int capabilities(int location);

    /**
     * @param location a location.
     * @return its sourcing priority (lower is preferred).
     */
    int priority(int location);

    /**
     * @param location a location.
     * @return its latitude in micro-degrees.
     */
    int latitudeMicros(int location);

    /**
     * @param location a location.
     * @return its longitude in micro-degrees.
     */
    int longitudeMicros(int location);

    /**
     * A key that orders locations by great-circle distance from the destination (smaller is nearer), computed
     * without trigonometry per call and identically on every JVM. 0 for every location without a destination.
     *
     * @param location a location.
     * @return the key.
     */
    long distanceKey(int location);

    /**
     * @param location a location.
     * @return the great-circle distance from the destination in metres (rounded); 0 without a destination.
     */
    long distanceMetres(int location);

    /**
     * What the channel may still take of the line's SKU at the location: available after safety stock and the
     * channel's rules, less what this reservation already takes there (named lines and earlier {@link #take}s).
     *
     * @param line     a line.
     * @param location a location.
     * @return units, never negative; 0 when the location is not the channel's or holds none of the SKU.
     */
    long available(int line, int location);

    /**
     * Holds units of a line at a location. Call once per line, or several times to split it; the takes of a line
     * must add up to its quantity. The engine checks every take again and refuses the reservation when a take
     * exceeds {@link #available} or leaves a line short.
     *
     * @param line     a line the policy sources.
     * @param location a location of the channel.
     * @param quantity units, positive.
     */
    void take(int line, int location, long quantity);

    /**
     * Refuses the reservation: nothing is held.
     *
     * @param line       the line that cannot be served.
     * @param reasonCode why, e.g. {@code ReasonCode.NO_SOURCING_LOCATION} or {@code INSUFFICIENT_STOCK}.
     * @param available  what the best location could offer, for the caller.
     */
    void reject(int line, int reasonCode, long available);
}
