package io.omnistock.benchmarks.peers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The finer-grained in-process peer: {@link ConcurrentHashMap}s of positions and reservations; an operation takes
 * the monitors of the positions it touches in key order (so two multi-line reservations cannot deadlock), decides
 * with all of them held (all lines or none, never oversells), then lets go. Operations on different positions run
 * in parallel. Nothing journaled. Thread-safe; see {@link MapService} for the semantics and allocation.
 */
public final class ConcurrentMapService extends MapService
{
    @Override
    public String name()
    {
        return "concurrent-hashmap";
    }

    @Override
    Map<String, Position> newPositionMap(final int capacity)
    {
        return new ConcurrentHashMap<>(capacity * 2);
    }

    @Override
    Map<String, Reservation> newReservationMap(final int capacity)
    {
        return new ConcurrentHashMap<>(capacity * 2);
    }

    @Override
    public boolean execute(final int op)
    {
        return decideLocked(op, positionsOf(op), 0);
    }

    private boolean decideLocked(final int op, final Position[] touched, final int next)
    {
        if (next == touched.length)
        {
            return decide(op, touched);
        }
        synchronized (touched[next])
        {
            return decideLocked(op, touched, next + 1);
        }
    }
}
