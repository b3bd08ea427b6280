package io.omnistock.engine.state;

import io.omnistock.api.Disposition;
import io.omnistock.api.PositionSnapshot;
import io.omnistock.api.ReservationState;
import io.omnistock.api.StockBucket;
import io.omnistock.engine.state.MachineHarness.Decoded;
import io.omnistock.engine.state.MachineHarness.Line;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the event stream, and nothing else, into the buckets of every position: the check that the journal
 * explains every change (conservation, and what an auditor replaying the journal relies on). It knows the
 * commands only through the facts the engine recorded: quantities, variances, buckets, dispositions and the
 * lines of reservation events; the lines of a reservation are remembered from its RESERVED event so that a
 * CONFIRMED event (which carries none) can move them.
 *
 * <p>Single-threaded; allocates freely.
 */
final class ReferenceLedger
{
    private static final int ON_HAND = 0;
    private static final int RESERVED = 1;
    private static final int COMMITTED = 2;
    private static final int SAFETY_STOCK = 3;
    private static final int DAMAGED = 4;
    private static final int QUARANTINED = 5;
    private static final int IN_TRANSIT = 6;
    private static final int INCOMING = 7;
    private static final int BUCKETS = 8;

    private record Key(String sku, String location)
    {
    }

    private static final class Held
    {
        final List<Line> lines;
        ReservationState state = ReservationState.HELD;

        Held(final List<Line> lines)
        {
            this.lines = lines;
        }
    }

    private final Map<Key, long[]> positions = new HashMap<>();
    private final Map<String, Held> reservations = new HashMap<>();

    /**
     * Applies the facts of one event.
     *
     * @param event a decoded event.
     */
    void apply(final Decoded event)
    {
        switch (event.type())
        {
            case RECEIVED:
                add(event.sku(), event.location(), ON_HAND, event.quantity());
                add(event.sku(), event.location(), INCOMING, -event.variance());
                break;
            case RECEIPT_EXPECTED:
                add(event.sku(), event.location(), INCOMING, event.quantity());
                break;
            case ADJUSTED:
                add(event.sku(), event.location(), ON_HAND, event.quantity());
                add(event.sku(), event.location(), bucket(event.bucket()), event.quantity());
                break;
            case COUNTED:
                add(event.sku(), event.location(), ON_HAND, event.variance());
                break;
            case SAFETY_STOCK_SET:
                bucketsOf(event.sku(), event.location())[SAFETY_STOCK] = event.quantity();
                break;
            case SOLD:
                add(event.sku(), event.location(), ON_HAND, -event.quantity());
                break;
            case TRANSFER_SHIPPED:
                add(event.sku(), event.location(), ON_HAND, -event.quantity());
                add(event.sku(), event.toLocation(), IN_TRANSIT, event.quantity());
                break;
            case TRANSFER_RECEIVED:
                add(event.sku(), event.location(), IN_TRANSIT, -event.quantity());
                add(event.sku(), event.location(), ON_HAND, event.quantity());
                break;
            case RETURNED:
                add(event.sku(), event.location(), ON_HAND, event.quantity());
                add(event.sku(), event.location(), disposition(event.disposition()), event.quantity());
                break;
            default:
                applyReservationEvent(event);
                break;
        }
    }

    private void applyReservationEvent(final Decoded event)
    {
        switch (event.type())
        {
            case RESERVED:
                reservations.put(event.reference(), new Held(new ArrayList<>(event.lines())));
                move(event.lines(), RESERVED, 1, -1);
                break;
            case CONFIRMED:
            {
                final Held held = reservations.get(event.reference());
                move(held.lines, RESERVED, -1, COMMITTED);
                held.state = ReservationState.COMMITTED;
                break;
            }
            case RELEASED:
            case EXPIRED:
            {
                final Held held = reservations.get(event.reference());
                move(event.lines(), held.state == ReservationState.HELD ? RESERVED : COMMITTED, -1, -1);
                held.state = event.reservationState();
                break;
            }
            case FULFILLED:
                move(event.lines(), COMMITTED, -1, -1);
                for (final Line line : event.lines())
                {
                    add(line.sku(), line.location(), ON_HAND, -line.quantity());
                }
                reservations.get(event.reference()).state = event.reservationState();
                break;
            default:
                break;
        }
    }

    /** Adds {@code sign * quantity} of each line to one bucket and, when {@code to >= 0}, the opposite to another. */
    private void move(final List<Line> lines, final int from, final int sign, final int to)
    {
        for (final Line line : lines)
        {
            add(line.sku(), line.location(), from, sign * line.quantity());
            if (to >= 0)
            {
                add(line.sku(), line.location(), to, line.quantity());
            }
        }
    }

    private static int bucket(final StockBucket bucket)
    {
        return bucket == StockBucket.DAMAGED ? DAMAGED : bucket == StockBucket.QUARANTINED ? QUARANTINED : -1;
    }

    private static int disposition(final Disposition disposition)
    {
        return disposition == Disposition.DAMAGED ? DAMAGED : disposition == Disposition.QUARANTINE ? QUARANTINED : -1;
    }

    private void add(final String sku, final String location, final int bucket, final long quantity)
    {
        if (bucket >= 0)
        {
            bucketsOf(sku, location)[bucket] += quantity;
        }
    }

    private long[] bucketsOf(final String sku, final String location)
    {
        return positions.computeIfAbsent(new Key(sku, location), k -> new long[BUCKETS]);
    }

    /**
     * @param snapshot a position as the engine reports it.
     * @return null when the events explain every bucket of it, else what they explain.
     */
    String explain(final PositionSnapshot snapshot)
    {
        final long[] folded = positions.getOrDefault(new Key(snapshot.sku(), snapshot.location()), new long[BUCKETS]);
        final long[] actual = {snapshot.onHand(), snapshot.reserved(), snapshot.committed(), snapshot.safetyStock(),
            snapshot.damaged(), snapshot.quarantined(), snapshot.inTransit(), snapshot.incoming()};
        return Arrays.equals(folded, actual) ? null :
            "events explain " + Arrays.toString(folded) + " but the position is " + snapshot;
    }
}
