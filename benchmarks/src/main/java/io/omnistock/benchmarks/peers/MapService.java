package io.omnistock.benchmarks.peers;

import io.omnistock.benchmarks.workload.StockService;
import io.omnistock.benchmarks.workload.Workload;

import java.util.Map;

/**
 * What a developer would write instead of an engine: positions in a map keyed {@code sku@location}, reservations in
 * a map keyed by reservation id, the workload's semantics decided in plain Java, nothing journaled. The two
 * subclasses differ only in how they make an operation atomic: one lock around everything
 * ({@link SynchronizedMapService}), or the monitors of the positions an operation touches, taken in key order
 * ({@link ConcurrentMapService}).
 *
 * <p>{@link #decide} must run with the operation's positions locked. Allocation per operation: the array of
 * positions it touches, and a reservation object per accepted reserve.
 */
abstract class MapService implements StockService
{
    /** Reservation state: holding stock. */
    private static final byte HELD = 1;
    /** Reservation state: confirmed, stock committed. */
    private static final byte COMMITTED = 2;
    /** Reservation state: fulfilled or released. */
    private static final byte CLOSED = 3;
    private static final Position[] NONE = new Position[0];

    /** The stock of one position. */
    static final class Position
    {
        long onHand;
        long held;
        long committed;

        Position(final long onHand)
        {
            this.onHand = onHand;
        }
    }

    /** A reservation: its positions in key order and their quantities. */
    static final class Reservation
    {
        final Position[] positions;
        final long[] quantities;
        byte state = HELD;

        Reservation(final Position[] positions, final long[] quantities)
        {
            this.positions = positions;
            this.quantities = quantities;
        }
    }

    private WorkloadKeys keys;
    private Map<String, Position> positions;
    private Map<String, Reservation> reservations;

    /**
     * @param capacity the number of positions.
     * @return a new, empty map of positions.
     */
    abstract Map<String, Position> newPositionMap(int capacity);

    /**
     * @param capacity the number of reservations.
     * @return a new, empty map of reservations.
     */
    abstract Map<String, Reservation> newReservationMap(int capacity);

    @Override
    public void prepare(final Workload workload)
    {
        keys = new WorkloadKeys(workload);
    }

    @Override
    public void load(final Workload workload)
    {
        if (keys == null || keys.workload != workload)
        {
            prepare(workload);
        }
        positions = newPositionMap(workload.positionCount);
        reservations = newReservationMap(workload.reservationCount);
        for (int position = 0; position < workload.positionCount; position++)
        {
            positions.put(new String(keys.positionKeys[position]), new Position(workload.openingStock[position]));
        }
    }

    @Override
    public long[][] positions()
    {
        final long[][] state = new long[keys.positionKeys.length][];
        for (int position = 0; position < state.length; position++)
        {
            final Position p = positions.get(keys.positionKeys[position]);
            state[position] = new long[] {p.onHand, p.held, p.committed};
        }
        return state;
    }

    @Override
    public void close()
    {
        positions = null;
        reservations = null;
    }

    /**
     * @param op an operation.
     * @return the positions it touches, in key order: its lines', or its reservation's (none if the reservation is
     * unknown). Reading the maps needs no lock beyond what the map itself provides.
     */
    final Position[] positionsOf(final int op)
    {
        final Workload workload = keys.workload;
        if (workload.opReservation[op] >= 0 && workload.opType[op] != Workload.RESERVE)
        {
            final Reservation reservation = reservations.get(keys.reservationKey(op));
            return reservation == null ? NONE : reservation.positions;
        }
        final Position[] touched = new Position[workload.opLineCount[op]];
        for (int k = 0; k < touched.length; k++)
        {
            touched[k] = positions.get(keys.positionKeys[keys.position(op, k)]);
        }
        return touched;
    }

    /**
     * Decides an operation; the caller holds the locks of {@code touched}.
     *
     * @param op      the operation.
     * @param touched {@link #positionsOf}{@code (op)}.
     * @return true if accepted.
     */
    final boolean decide(final int op, final Position[] touched)
    {
        switch (keys.workload.opType[op])
        {
            case Workload.RESERVE:
                return reserve(op, touched);
            case Workload.CONFIRM:
                return confirm(reservations.get(keys.reservationKey(op)));
            case Workload.FULFIL:
                return fulfil(reservations.get(keys.reservationKey(op)));
            case Workload.RELEASE:
                return release(reservations.get(keys.reservationKey(op)));
            case Workload.SELL:
                return sell(touched[0], keys.quantity(op, 0));
            default:
                touched[0].onHand += keys.quantity(op, 0);
                return true;
        }
    }

    private boolean reserve(final int op, final Position[] touched)
    {
        final long[] quantities = new long[touched.length];
        for (int k = 0; k < touched.length; k++)
        {
            quantities[k] = keys.quantity(op, k);
            final Position p = touched[k];
            if (p.onHand - p.held - p.committed < quantities[k])
            {
                return false;
            }
        }
        for (int k = 0; k < touched.length; k++)
        {
            touched[k].held += quantities[k];
        }
        reservations.put(keys.reservationKey(op), new Reservation(touched, quantities));
        return true;
    }

    private static boolean confirm(final Reservation reservation)
    {
        if (reservation == null || reservation.state != HELD)
        {
            return false;
        }
        for (int k = 0; k < reservation.positions.length; k++)
        {
            reservation.positions[k].held -= reservation.quantities[k];
            reservation.positions[k].committed += reservation.quantities[k];
        }
        reservation.state = COMMITTED;
        return true;
    }

    private static boolean fulfil(final Reservation reservation)
    {
        if (reservation == null || reservation.state != COMMITTED)
        {
            return false;
        }
        for (int k = 0; k < reservation.positions.length; k++)
        {
            if (reservation.positions[k].onHand < reservation.quantities[k])
            {
                return false;
            }
        }
        for (int k = 0; k < reservation.positions.length; k++)
        {
            reservation.positions[k].onHand -= reservation.quantities[k];
            reservation.positions[k].committed -= reservation.quantities[k];
        }
        reservation.state = CLOSED;
        return true;
    }

    private static boolean release(final Reservation reservation)
    {
        if (reservation == null || reservation.state == CLOSED)
        {
            return false;
        }
        for (int k = 0; k < reservation.positions.length; k++)
        {
            if (reservation.state == HELD)
            {
                reservation.positions[k].held -= reservation.quantities[k];
            }
            else
            {
                reservation.positions[k].committed -= reservation.quantities[k];
            }
        }
        reservation.state = CLOSED;
        return true;
    }

    private static boolean sell(final Position position, final long quantity)
    {
        if (position.onHand < quantity)
        {
            return false;
        }
        position.onHand -= quantity;
        return true;
    }
}
