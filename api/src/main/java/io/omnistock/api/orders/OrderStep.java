package io.omnistock.api.orders;

/** The steps of a host order's lifecycle that the orders adapter maps onto engine commands. */
public enum OrderStep
{
    /** The order was placed: its lines are held ({@code Reserve}). */
    PLACED,
    /** The order was paid: the hold is confirmed and no longer expires ({@code Confirm}). */
    PAID,
    /** The order was cancelled: whatever is still outstanding goes back to stock ({@code Release}). */
    CANCELLED,
    /** A shipment left: its units are fulfilled ({@code Fulfil}); partial shipments keep the rest committed. */
    SHIPPED,
    /** The buyer collected (part of) a pickup order ({@code Fulfil}). */
    PICKED_UP,
    /**
     * The order was closed partially fulfilled: a last shipment or pickup is fulfilled ({@code Fulfil}) and the
     * units that will never leave go back to stock ({@code Release}).
     */
    PARTIALLY_FULFILLED,
    /** Goods came back, at any location that accepts returns ({@code Return}, one per line). */
    RETURNED
}
