package io.omnistock.engine.kpi;

import io.omnistock.api.CommandType;
import io.omnistock.api.FulfilmentType;

import java.util.Map;

/**
 * The KPIs of an event stream as of one event sequence: the raw counters, immutable, and the ratios computed from
 * them. A ratio with a zero denominator (nothing counted, reserved or sold yet) is {@link Double#NaN}, never a
 * made-up 0 or 1. Two snapshots of the same stream up to the same sequence are equal.
 *
 * @param sequence                    the last event counted; 0 before any.
 * @param counts                      cycle counts ({@code COUNTED} events).
 * @param exactCounts                 cycle counts that found exactly what the books said (variance 0).
 * @param countedUnits                units counted, summed over the counts.
 * @param absoluteVarianceUnits       the sum over the counts of |count - on hand before|.
 * @param reservationsByFulfilment    reservations held ({@code RESERVED} events) per fulfilment type; types never
 *                                    reserved are absent.
 * @param reservationsHeld            reservations held, all types.
 * @param reservationsFulfilledInFull reservations that ended with every unit fulfilled (in one or several
 *                                    fulfilments).
 * @param reservationsReleased        reservations that ended released (cancelled, or closed after a partial
 *                                    fulfilment).
 * @param reservationsExpired         reservations whose hold expired.
 * @param channels                    sales and returns per channel, by channel id.
 * @param oversellsByCause            {@code OVERSOLD} events per causing command type; causes never seen are absent.
 */
public record KpiSnapshot(
    long sequence,
    long counts,
    long exactCounts,
    long countedUnits,
    long absoluteVarianceUnits,
    Map<FulfilmentType, Long> reservationsByFulfilment,
    long reservationsHeld,
    long reservationsFulfilledInFull,
    long reservationsReleased,
    long reservationsExpired,
    Map<String, ChannelSales> channels,
    Map<CommandType, Oversells> oversellsByCause)
{
    /**
     * Units sold and returned through one channel.
     *
     * @param posSoldUnits   units sold at tills ({@code SOLD}).
     * @param fulfilledUnits units of the channel's reservations fulfilled ({@code FULFILLED}).
     * @param returnedUnits  units returned that the channel sold ({@code RETURNED}), wherever they came back.
     */
    public record ChannelSales(long posSoldUnits, long fulfilledUnits, long returnedUnits)
    {
        /** @return units sold: till sales plus fulfilled reservation units. */
        public long soldUnits()
        {
            return posSoldUnits + fulfilledUnits;
        }

        /** @return returned units over sold units; NaN when nothing was sold. */
        public double returnRate()
        {
            return ratio(returnedUnits, soldUnits());
        }
    }

    /**
     * The {@code OVERSOLD} events of one cause.
     *
     * @param events how many.
     * @param units  the shortages they reported, summed.
     */
    public record Oversells(long events, long units)
    {
    }

    /**
     * The command types whose oversells are physical reality the engine reports rather than prevents: till sales,
     * cycle counts and adjustments. Every other command is engine-controlled and never oversells.
     *
     * @param cause a command type.
     * @return true when it is a physical movement.
     */
    public static boolean isPhysical(final CommandType cause)
    {
        return cause == CommandType.SELL || cause == CommandType.COUNT || cause == CommandType.ADJUST;
    }

    /** @return inventory accuracy: the share of cycle counts with zero variance; NaN before any count. */
    public double inventoryAccuracy()
    {
        return ratio(exactCounts, counts);
    }

    /** @return absolute variance units over counted units; NaN when no unit was counted. */
    public double absoluteVarianceRate()
    {
        return ratio(absoluteVarianceUnits, countedUnits);
    }

    /**
     * @param fulfilment a fulfilment type.
     * @return reservations held with that type.
     */
    public long reservations(final FulfilmentType fulfilment)
    {
        return reservationsByFulfilment.getOrDefault(fulfilment, 0L);
    }

    /** @return the BOPIS share: pickup reservations over all reservations held; NaN before any. */
    public double bopisShare()
    {
        return ratio(reservations(FulfilmentType.PICKUP), reservationsHeld);
    }

    /** @return the hold expiry rate: reservations expired over reservations held; NaN before any. */
    public double holdExpiryRate()
    {
        return ratio(reservationsExpired, reservationsHeld);
    }

    /** @return reservations that ended: fulfilled in full, released or expired. */
    public long reservationsEnded()
    {
        return reservationsFulfilledInFull + reservationsReleased + reservationsExpired;
    }

    /** @return the fill rate: reservations fulfilled in full over reservations that ended; NaN before any ended. */
    public double fillRate()
    {
        return ratio(reservationsFulfilledInFull, reservationsEnded());
    }

    /**
     * @param channel a channel id.
     * @return its sales and returns; all zero when it sold and took back nothing.
     */
    public ChannelSales channel(final String channel)
    {
        return channels.getOrDefault(channel, new ChannelSales(0, 0, 0));
    }

    /**
     * @param channel a channel id.
     * @return the channel's returned units over its sold units; NaN when it sold nothing.
     */
    public double returnRate(final String channel)
    {
        return channel(channel).returnRate();
    }

    /**
     * @param cause a command type.
     * @return the {@code OVERSOLD} events it caused.
     */
    public Oversells oversells(final CommandType cause)
    {
        return oversellsByCause.getOrDefault(cause, new Oversells(0, 0));
    }

    /** @return oversells caused by engine-controlled commands: the no-oversell invariant says 0. */
    public long engineControlledOversells()
    {
        long events = 0;
        for (final Map.Entry<CommandType, Oversells> entry : oversellsByCause.entrySet())
        {
            events += isPhysical(entry.getKey()) ? 0 : entry.getValue().events();
        }
        return events;
    }

    /** @return every oversell, physical or not. */
    public long oversells()
    {
        long events = 0;
        for (final Oversells oversells : oversellsByCause.values())
        {
            events += oversells.events();
        }
        return events;
    }

    private static double ratio(final long numerator, final long denominator)
    {
        return denominator == 0 ? Double.NaN : (double)numerator / denominator;
    }
}
