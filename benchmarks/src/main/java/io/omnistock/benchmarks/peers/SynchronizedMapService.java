package io.omnistock.benchmarks.peers;

import java.util.HashMap;
import java.util.Map;

/**
 * The naive peer: a {@link HashMap} of positions keyed {@code sku@location} and one of reservations, every
 * operation inside one {@code synchronized} block, nothing journaled. Atomic and never oversells, trivially; all
 * threads queue on the one lock. Thread-safe; see {@link MapService} for the semantics and allocation.
 */
public final class SynchronizedMapService extends MapService
{
    @Override
    public String name()
    {
        return "synchronized-hashmap";
    }

    @Override
    Map<String, Position> newPositionMap(final int capacity)
    {
        return new HashMap<>(capacity * 2);
    }

    @Override
    Map<String, Reservation> newReservationMap(final int capacity)
    {
        return new HashMap<>(capacity * 2);
    }

    @Override
    public synchronized boolean execute(final int op)
    {
        return decide(op, positionsOf(op));
    }
}
