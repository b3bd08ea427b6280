package io.omnistock.engine.orders;

import io.omnistock.api.Limits;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.ReservationLineSnapshot;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.orders.LineQuantityView;
import io.omnistock.api.orders.OrderLineView;
import io.omnistock.api.orders.OrderView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How an order's lines map onto reservation lines, a pure function of the order: lines with the same SKU at the
 * same location (the line's own, else the pickup store, else none) become one reservation line with their
 * quantities added, in the order they first appear. The same order always gives the same plan, so a redelivered
 * webhook sends equal commands.
 *
 * <p>Not thread-safe; built per call, allocates.
 */
final class ReservationPlan
{
    private final List<ReserveLine> lines = new ArrayList<>();
    private final Map<String, Integer> reservationLineByOrderLine = new HashMap<>();
    private final Map<String, OrderLineView> orderLines = new HashMap<>();
    private int code = ReasonCode.OK;

    private ReservationPlan()
    {
    }

    /**
     * @param order the order.
     * @return the plan; {@link #code()} is not OK when a line id repeats or a quantity is out of range.
     */
    static ReservationPlan of(final OrderView order)
    {
        final ReservationPlan plan = new ReservationPlan();
        final Map<List<String>, Integer> lineBySkuLocation = new HashMap<>();
        for (final OrderLineView line : Objects.requireNonNull(order.lines(), "lines"))
        {
            if (line.quantity() <= 0 || line.quantity() > Limits.QUANTITY_MAX)
            {
                return plan.reject(line.quantity() <= 0 ? ReasonCode.INVALID_QUANTITY : ReasonCode.QUANTITY_OVERFLOW);
            }
            if (plan.orderLines.putIfAbsent(line.lineId(), line) != null)
            {
                return plan.reject(ReasonCode.DUPLICATE_LINE);
            }
            final String location = line.location() != null ? line.location() : order.pickupStore();
            final Integer index = lineBySkuLocation.putIfAbsent(Arrays.asList(line.sku(), location), plan.lines.size());
            if (index == null)
            {
                plan.reservationLineByOrderLine.put(line.lineId(), plan.lines.size());
                plan.lines.add(new ReserveLine(line.sku(), location, line.quantity()));
            }
            else
            {
                // both quantities are at most QUANTITY_MAX (2^46): the sum cannot overflow, the engine checks it
                final ReserveLine merged = plan.lines.get(index);
                plan.lines.set(index, new ReserveLine(merged.sku(), merged.location(), merged.quantity() + line.quantity()));
                plan.reservationLineByOrderLine.put(line.lineId(), index);
            }
        }
        return plan;
    }

    private ReservationPlan reject(final int reasonCode)
    {
        code = reasonCode;
        return this;
    }

    /** @return {@link ReasonCode#OK}, or why the order cannot be mapped. */
    int code()
    {
        return code;
    }

    /** @return the reservation lines. */
    List<ReserveLine> lines()
    {
        return lines;
    }

    /**
     * The units of a shipment, pickup or other part of the order, per reservation line.
     *
     * <p>When the engine's sourcing policy split lines over several locations ({@code held} given, with more lines
     * than the plan), each part must say the location its units left from and goes to the reservation line of its
     * SKU held there. The reservation's lines never change once held, so a redelivered webhook maps the same way.
     *
     * @param parts the order lines and their units; each line at most once.
     * @param held  the reservation's lines when they were split, else null.
     * @param into  receives one quantity per reservation line: {@code lines().size()} entries, or {@code held.size()}.
     * @return {@link ReasonCode#OK}, or why the parts do not fit the order ({@link ReasonCode#INVALID_ARGUMENT} for
     * an unknown line, or a split line's part without a location or at a location that holds none of its SKU).
     */
    int quantities(final List<? extends LineQuantityView> parts, final List<ReservationLineSnapshot> held,
        final long[] into)
    {
        final Set<String> seen = new HashSet<>();
        for (final LineQuantityView part : parts)
        {
            final Integer index = reservationLineByOrderLine.get(part.lineId());
            final int code = check(part, index, seen);
            if (code != ReasonCode.OK)
            {
                return code;
            }
            final int at = held == null ? index : heldAt(held, lines.get(index).sku(), part.location());
            if (at < 0)
            {
                return ReasonCode.INVALID_ARGUMENT;
            }
            into[at] += part.quantity();
        }
        return ReasonCode.OK;
    }

    private static int heldAt(final List<ReservationLineSnapshot> held, final String sku, final String location)
    {
        for (int i = 0; i < held.size() && location != null; i++)
        {
            if (held.get(i).sku().equals(sku) && held.get(i).location().equals(location))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param lineId an order line id.
     * @return the order line, or null when the order has none with this id.
     */
    OrderLineView orderLine(final String lineId)
    {
        return orderLines.get(lineId);
    }

    /**
     * Checks one part of a shipment, pickup or return against the order.
     *
     * @param part  the part.
     * @param index its reservation line, or null when the order has no such line.
     * @param seen  the line ids seen so far in the same shipment or return; the part's is added.
     * @return {@link ReasonCode#OK}, or why it does not fit.
     */
    static int check(final LineQuantityView part, final Object index, final Set<String> seen)
    {
        if (index == null)
        {
            return ReasonCode.INVALID_ARGUMENT;
        }
        if (!seen.add(part.lineId()))
        {
            return ReasonCode.DUPLICATE_LINE;
        }
        if (part.quantity() <= 0 || part.quantity() > Limits.QUANTITY_MAX)
        {
            return part.quantity() <= 0 ? ReasonCode.INVALID_QUANTITY : ReasonCode.QUANTITY_OVERFLOW;
        }
        return ReasonCode.OK;
    }
}
