package io.omnistock.engine.kpi;

import io.omnistock.api.CommandType;
import io.omnistock.api.Event;
import io.omnistock.api.EventListener;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.ReservationState;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.StampedLock;

/**
 * Retail KPIs kept up to date from the engine's event stream, one event at a time: inventory accuracy from cycle
 * counts, the BOPIS share of reservations, return rates per channel, the hold expiry rate, the fill rate and
 * oversells by cause (see {@link KpiSnapshot} for each definition). A host registers it as an event listener and
 * queries it from any thread:
 *
 * <pre>{@code
 * KpiReadModel kpis = new KpiReadModel();
 * OmnistockEngine engine = OmnistockEngine.start(EngineConfig.defaults().eventListener(kpis));
 * double fillRate = kpis.snapshot().fillRate();
 * }</pre>
 *
 * <p>Consistency: {@link #snapshot()} returns a copy as of one event sequence ({@link KpiSnapshot#sequence()}):
 * every event up to it counted, none after, never a half-counted event. Events arrive on the engine's listener
 * thread after the writer decided them, so a snapshot may trail {@code reads().sequence()} by the events still on
 * their way. The model is a pure function of the events it was shown: fed the same stream (live, or replayed from
 * the journal) it holds the same figures, and an event at or below the sequence already counted is ignored, so a
 * stream replayed over a live model does not count anything twice.
 *
 * <p>Threading: one thread feeds it ({@link #onEvent}); any thread reads. Allocation: nothing per event in steady
 * state (a counter array the first time a channel is seen); a snapshot allocates its copy.
 */
public final class KpiReadModel implements EventListener
{
    private static final int SOLD = 0;
    private static final int FULFILLED = 1;
    private static final int RETURNED = 2;
    private static final int UNIT_KINDS = 3;

    private final StampedLock lock = new StampedLock();
    private final long[] reservationsByFulfilment = new long[FulfilmentType.values().length];
    private final long[] oversellEventsByCause = new long[CommandType.values().length];
    private final long[] oversoldUnitsByCause = new long[CommandType.values().length];
    private final Map<String, long[]> unitsByChannel = new HashMap<>();
    private volatile long sequence;
    private long counts;
    private long exactCounts;
    private long countedUnits;
    private long absoluteVarianceUnits;
    private long reservationsFulfilledInFull;
    private long reservationsReleased;
    private long reservationsExpired;

    /** @return the last event counted, 0 before any; readable from any thread without locking. */
    public long sequence()
    {
        return sequence;
    }

    /**
     * Counts one event; events at or below {@link #sequence()} are ignored.
     *
     * @param event the event, valid only during the call.
     */
    @Override
    public void onEvent(final Event event)
    {
        if (event.sequence() <= sequence)
        {
            return;
        }
        final long stamp = lock.writeLock();
        try
        {
            count(event);
            sequence = event.sequence();
        }
        finally
        {
            lock.unlockWrite(stamp);
        }
    }

    private void count(final Event event)
    {
        switch (event.type())
        {
            case COUNTED:
                counted(event.quantity(), event.variance());
                break;
            case RESERVED:
                reservationsByFulfilment[event.fulfilment().ordinal()]++;
                break;
            case FULFILLED:
                fulfilled(event);
                break;
            case RELEASED:
                reservationsReleased++;
                break;
            case EXPIRED:
                reservationsExpired++;
                break;
            case SOLD:
                channelUnits(event.channel())[SOLD] += event.quantity();
                break;
            case RETURNED:
                channelUnits(event.channel())[RETURNED] += event.quantity();
                break;
            case OVERSOLD:
                oversellEventsByCause[event.commandType().ordinal()]++;
                oversoldUnitsByCause[event.commandType().ordinal()] += event.quantity();
                break;
            default:
                break;
        }
    }

    private void counted(final long countedQuantity, final long variance)
    {
        counts++;
        exactCounts += variance == 0 ? 1 : 0;
        countedUnits += countedQuantity;
        absoluteVarianceUnits += Math.abs(variance);
    }

    private void fulfilled(final Event event)
    {
        long units = 0;
        for (int i = 0; i < event.lineCount(); i++)
        {
            units += event.lineQuantity(i);
        }
        channelUnits(event.channel())[FULFILLED] += units;
        if (event.reservationState() == ReservationState.FULFILLED)
        {
            reservationsFulfilledInFull++;
        }
    }

    private long[] channelUnits(final String channel)
    {
        return unitsByChannel.computeIfAbsent(channel, id -> new long[UNIT_KINDS]);
    }

    /** @return the figures as of the last event counted; see the class comment for the consistency. */
    public KpiSnapshot snapshot()
    {
        final long stamp = lock.readLock();
        try
        {
            final Map<FulfilmentType, Long> byFulfilment = new EnumMap<>(FulfilmentType.class);
            long held = 0;
            for (final FulfilmentType fulfilment : FulfilmentType.values())
            {
                final long reservations = reservationsByFulfilment[fulfilment.ordinal()];
                held += reservations;
                if (reservations > 0)
                {
                    byFulfilment.put(fulfilment, reservations);
                }
            }
            return new KpiSnapshot(sequence, counts, exactCounts, countedUnits, absoluteVarianceUnits,
                Collections.unmodifiableMap(byFulfilment), held, reservationsFulfilledInFull, reservationsReleased,
                reservationsExpired, channels(), oversells());
        }
        finally
        {
            lock.unlockRead(stamp);
        }
    }

    private Map<String, KpiSnapshot.ChannelSales> channels()
    {
        final Map<String, KpiSnapshot.ChannelSales> channels = new TreeMap<>();
        for (final Map.Entry<String, long[]> entry : unitsByChannel.entrySet())
        {
            final long[] units = entry.getValue();
            channels.put(entry.getKey(), new KpiSnapshot.ChannelSales(units[SOLD], units[FULFILLED], units[RETURNED]));
        }
        return Collections.unmodifiableMap(channels);
    }

    private Map<CommandType, KpiSnapshot.Oversells> oversells()
    {
        final Map<CommandType, KpiSnapshot.Oversells> byCause = new EnumMap<>(CommandType.class);
        for (final CommandType cause : CommandType.values())
        {
            if (oversellEventsByCause[cause.ordinal()] > 0)
            {
                byCause.put(cause, new KpiSnapshot.Oversells(oversellEventsByCause[cause.ordinal()],
                    oversoldUnitsByCause[cause.ordinal()]));
            }
        }
        return Collections.unmodifiableMap(byCause);
    }
}
