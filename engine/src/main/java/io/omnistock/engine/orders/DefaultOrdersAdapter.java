package io.omnistock.engine.orders;

import io.omnistock.api.Command;
import io.omnistock.api.Confirm;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.InventoryEngine;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.ReservationLineSnapshot;
import io.omnistock.api.ReservationSnapshot;
import io.omnistock.api.ReservationState;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.Result;
import io.omnistock.api.Return;
import io.omnistock.api.orders.FulfilmentView;
import io.omnistock.api.orders.OrderLineView;
import io.omnistock.api.orders.OrderOutcome;
import io.omnistock.api.orders.OrderStep;
import io.omnistock.api.orders.OrderView;
import io.omnistock.api.orders.OrdersAdapter;
import io.omnistock.api.orders.ReturnLineView;
import io.omnistock.api.orders.ReturnView;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's {@link OrdersAdapter}: maps each order webhook onto one or a few engine commands with keys from
 * {@link OrderKeys}, sends them through {@link InventoryEngine#submit} one after the other (stopping at the first
 * rejection) and answers the engine's results as an {@link OrderOutcome}.
 *
 * <p>Line mapping: the reservation's lines come from a {@link ReservationPlan} of the order (order lines with the
 * same SKU and location merged), so a shipment's units are added per reservation line, and a shipment or pickup
 * of less than is outstanding is the engine's partial fulfilment ({@code Fulfil.lines}): the reservation stays
 * committed until everything left or the order is cancelled or closed. Malformed webhooks (a line id the order
 * does not have, a line twice, a quantity out of range) are rejected here with the engine's reason codes
 * ({@code INVALID_ARGUMENT}, {@code DUPLICATE_LINE}, {@code INVALID_QUANTITY}, {@code QUANTITY_OVERFLOW}) and
 * send nothing.
 *
 * <p>Thread-safe and stateless; allocates per call (commands, futures, the outcome).
 */
public final class DefaultOrdersAdapter implements OrdersAdapter
{
    private final InventoryEngine engine;
    private final OrderKeys keys;
    private final long holdMs;

    /**
     * @param engine the engine.
     * @param holdMs how long a placed order is held before it expires unless paid; positive, within the engine's
     *               {@code holdMaxMs}.
     */
    public DefaultOrdersAdapter(final InventoryEngine engine, final long holdMs)
    {
        this(engine, holdMs, new OrderKeys(OrderKeys.DEFAULT_PREFIX));
    }

    /**
     * @param engine the engine.
     * @param holdMs how long a placed order is held unless paid.
     * @param keys   the key scheme, e.g. with another prefix per OMS when several share one engine.
     */
    public DefaultOrdersAdapter(final InventoryEngine engine, final long holdMs, final OrderKeys keys)
    {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.keys = Objects.requireNonNull(keys, "keys");
        if (holdMs <= 0)
        {
            throw new IllegalArgumentException("holdMs must be positive: " + holdMs);
        }
        this.holdMs = holdMs;
    }

    @Override
    public CompletableFuture<OrderOutcome> placed(final OrderView order)
    {
        final ReservationPlan plan = ReservationPlan.of(order);
        if (plan.code() != ReasonCode.OK)
        {
            return rejected(OrderStep.PLACED, order, plan.code());
        }
        final String orderId = order.orderId();
        final String pickup = order.fulfilment() == FulfilmentType.PICKUP ? order.pickupStore() : null;
        return run(OrderStep.PLACED, orderId, List.of(new Reserve(keys.command(orderId, "hold"),
            keys.reservation(orderId), order.channel(), order.fulfilment(), holdMs, plan.lines(), pickup,
            order.destination())));
    }

    @Override
    public CompletableFuture<OrderOutcome> paid(final OrderView order)
    {
        final String orderId = order.orderId();
        return run(OrderStep.PAID, orderId,
            List.of(new Confirm(keys.command(orderId, "paid"), keys.reservation(orderId))));
    }

    @Override
    public CompletableFuture<OrderOutcome> cancelled(final OrderView order)
    {
        final String orderId = order.orderId();
        return run(OrderStep.CANCELLED, orderId,
            List.of(new Release(keys.command(orderId, "cancel"), keys.reservation(orderId))));
    }

    @Override
    public CompletableFuture<OrderOutcome> shipped(final OrderView order, final FulfilmentView shipment)
    {
        return fulfil(OrderStep.SHIPPED, order, "ship", shipment, false);
    }

    @Override
    public CompletableFuture<OrderOutcome> pickedUp(final OrderView order, final FulfilmentView pickup)
    {
        return fulfil(OrderStep.PICKED_UP, order, "pickup", pickup, false);
    }

    @Override
    public CompletableFuture<OrderOutcome> partiallyFulfilled(final OrderView order, final FulfilmentView last)
    {
        final String action = order.fulfilment() == FulfilmentType.PICKUP ? "pickup" : "ship";
        return fulfil(OrderStep.PARTIALLY_FULFILLED, order, action, last, true);
    }

    private CompletableFuture<OrderOutcome> fulfil(
        final OrderStep step, final OrderView order, final String action, final FulfilmentView part, final boolean close)
    {
        final String orderId = order.orderId();
        final String key = keys.command(orderId, action, part.fulfilmentId());
        final String reservation = keys.reservation(orderId);
        final Fulfil fulfil;
        if (part.lines().isEmpty())
        {
            fulfil = Fulfil.all(key, reservation);
        }
        else
        {
            final ReservationPlan plan = ReservationPlan.of(order);
            final List<ReservationLineSnapshot> held = engine.reads().reservation(reservation)
                .map(ReservationSnapshot::lines).orElse(null);
            final boolean split = held != null && held.size() != plan.lines().size();
            final long[] quantities = new long[split ? held.size() : plan.lines().size()];
            final int code = plan.code() != ReasonCode.OK ? plan.code() :
                plan.quantities(part.lines(), split ? held : null, quantities);
            if (code != ReasonCode.OK)
            {
                return rejected(step, order, code);
            }
            fulfil = Fulfil.lines(key, reservation, quantities);
        }
        if (!close)
        {
            return run(step, orderId, List.of(fulfil));
        }
        final Release release = new Release(keys.command(orderId, "close"), reservation);
        return run(step, orderId, List.of(fulfil)).thenCompose(shipped -> !shipped.isOk() || isFulfilled(reservation) ?
            CompletableFuture.completedFuture(shipped) :
            engine.submit(release).thenApply(closed -> new OrderOutcome(step, orderId,
                List.of(fulfil.key(), release.key()), List.of(shipped.results().get(0), closed))));
    }

    /** @return true when the reservation is completely fulfilled: nothing is left to close. */
    private boolean isFulfilled(final String reservation)
    {
        return engine.reads().reservation(reservation).map(r -> r.state() == ReservationState.FULFILLED).orElse(false);
    }

    @Override
    public CompletableFuture<OrderOutcome> returned(final OrderView order, final ReturnView returned)
    {
        final ReservationPlan plan = ReservationPlan.of(order);
        if (plan.code() != ReasonCode.OK || returned.lines().isEmpty())
        {
            return rejected(OrderStep.RETURNED, order, returned.lines().isEmpty() ? ReasonCode.EMPTY : plan.code());
        }
        final String orderId = order.orderId();
        final List<Command> commands = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (final ReturnLineView line : returned.lines())
        {
            final OrderLineView ordered = plan.orderLine(line.lineId());
            final int code = ReservationPlan.check(line, ordered, seen);
            if (code != ReasonCode.OK)
            {
                return rejected(OrderStep.RETURNED, order, code);
            }
            commands.add(new Return(keys.command(orderId, "return", returned.returnId(), line.lineId()),
                order.channel(), ordered.sku(), returned.location(), line.quantity(), line.disposition()));
        }
        return run(OrderStep.RETURNED, orderId, commands);
    }

    @Override
    public String reservationKey(final String orderId)
    {
        return keys.reservation(orderId);
    }

    /** Sends the commands one after the other, each once the previous one was applied; stops at a rejection. */
    private CompletableFuture<OrderOutcome> run(final OrderStep step, final String orderId, final List<Command> commands)
    {
        CompletableFuture<List<Result>> results = CompletableFuture.completedFuture(new ArrayList<>(commands.size()));
        for (final Command command : commands)
        {
            results = results.thenCompose(sofar -> sofar.isEmpty() || sofar.get(sofar.size() - 1).isOk() ?
                engine.submit(command).thenApply(result -> append(sofar, result)) :
                CompletableFuture.completedFuture(sofar));
        }
        return results.thenApply(done ->
        {
            final List<String> sent = new ArrayList<>(done.size());
            for (int i = 0; i < done.size(); i++)
            {
                sent.add(commands.get(i).key());
            }
            return new OrderOutcome(step, orderId, sent, done);
        });
    }

    private static List<Result> append(final List<Result> results, final Result result)
    {
        results.add(result);
        return results;
    }

    private static CompletableFuture<OrderOutcome> rejected(final OrderStep step, final OrderView order, final int code)
    {
        return CompletableFuture.completedFuture(new OrderOutcome(step, order.orderId(),
            Collections.singletonList(null), List.of(Result.rejected(code))));
    }
}
