package io.omnistock.api.orders;

import io.omnistock.api.Limits;

import java.util.concurrent.CompletableFuture;

/**
 * Maps a host OMS order and its lifecycle onto engine commands, one method per order webhook, with idempotency
 * keys derived from the order, shipment, return and line ids, so that at-least-once delivery of webhooks is safe:
 * a webhook delivered twice changes nothing the second time and answers {@link OrderOutcome.Status#DUPLICATE}.
 *
 * <pre>
 *   placed              Reserve   reservation key(order), idempotency key(order, "hold")
 *   paid                Confirm   key(order, "paid")
 *   cancelled           Release   key(order, "cancel")
 *   shipped             Fulfil    key(order, "ship", shipment id)
 *   picked up           Fulfil    key(order, "pickup", pickup id)
 *   partially fulfilled Fulfil    key(order, "ship" or "pickup", id), then Release key(order, "close")
 *   returned            Return    key(order, "return", return id, line id), one per line
 * </pre>
 *
 * <p>Keys are readable ({@code o/ORDER-1/ship/SHP-7}) when every id is printable ASCII without {@code /} and the
 * key fits {@link Limits#ID_LENGTH_MAX}; otherwise the ids are hashed deterministically (SHA-256, see the
 * implementation and docs/orders-adapter.md). Either way equal ids give equal keys and different ids different
 * keys.
 *
 * <p>Implementations are thread-safe and keep no state of their own: the engine's idempotency table is the only
 * memory, so any number of webhook threads and adapter instances may call them. Each call allocates (commands,
 * futures); the adapter is a boundary, not a hot path.
 */
public interface OrdersAdapter
{
    /**
     * The order was placed: holds every line, all or none, until the hold expires or the order is paid.
     *
     * @param order the order.
     * @return the outcome, completed when the engine has decided.
     */
    CompletableFuture<OrderOutcome> placed(OrderView order);

    /**
     * The order was paid: the hold becomes a commitment that no longer expires.
     *
     * @param order the order.
     * @return the outcome.
     */
    CompletableFuture<OrderOutcome> paid(OrderView order);

    /**
     * The order was cancelled, before or after payment, or after a partial shipment: every unit still
     * outstanding goes back to available.
     *
     * @param order the order.
     * @return the outcome.
     */
    CompletableFuture<OrderOutcome> cancelled(OrderView order);

    /**
     * A shipment left: its units leave stock. A shipment of less than is outstanding is a partial fulfilment; the
     * rest stays committed for later shipments.
     *
     * @param order    the order, paid.
     * @param shipment the shipment, with its own id.
     * @return the outcome.
     */
    CompletableFuture<OrderOutcome> shipped(OrderView order, FulfilmentView shipment);

    /**
     * The buyer collected a pickup order (or part of it) at the store.
     *
     * @param order  the order, paid.
     * @param pickup the pickup, with its own id.
     * @return the outcome.
     */
    CompletableFuture<OrderOutcome> pickedUp(OrderView order, FulfilmentView pickup);

    /**
     * The order was closed partially fulfilled: the given last shipment (or pickup, for pickup orders) is fulfilled,
     * then every unit still outstanding goes back to available. A last shipment that was already reported through
     * {@link #shipped} is found as a duplicate.
     *
     * @param order the order, paid.
     * @param last  the last shipment or pickup.
     * @return the outcome.
     */
    CompletableFuture<OrderOutcome> partiallyFulfilled(OrderView order, FulfilmentView last);

    /**
     * Goods of the order came back, at any location that accepts returns; each line is booked against the order's
     * channel (for return rates per channel) with its disposition.
     *
     * @param order    the order.
     * @param returned the return, with its own id.
     * @return the outcome.
     */
    CompletableFuture<OrderOutcome> returned(OrderView order, ReturnView returned);

    /**
     * @param orderId the host's order id.
     * @return the engine reservation key the order is held under, for reads ({@code reads().reservation(key)}).
     */
    String reservationKey(String orderId);
}
