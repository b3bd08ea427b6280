package io.omnistock.api.orders;

import java.util.List;

/**
 * One shipment or one pickup of an order: its own id and the units of each order line that left. The id is what
 * tells two partial shipments of the same quantities apart, while a redelivered webhook about the same shipment
 * is a duplicate; it must be unique among the order's shipments (or pickups).
 */
public interface FulfilmentView
{
    /** @return the host's shipment (or pickup) id. */
    String fulfilmentId();

    /**
     * @return the units per order line; lines not listed are not part of it. Empty means everything still
     * outstanding on the order (the usual pickup: the buyer takes the whole order).
     */
    List<? extends LineQuantityView> lines();
}
