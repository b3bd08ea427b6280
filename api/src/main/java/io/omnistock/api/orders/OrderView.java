package io.omnistock.api.orders;

import io.omnistock.api.Destination;
import io.omnistock.api.FulfilmentType;

import java.util.List;

/**
 * A host OMS order as the orders adapter sees it: implemented by the host over its own order objects (a thin view,
 * no copying), so the adapter never depends on the host's order model.
 *
 * <p>The adapter reads the view on the calling thread only, during the call; it keeps nothing. Every webhook
 * about the same order must present the same order id, channel, fulfilment type, pickup store and lines (in the
 * same order): the commands derived from them must be equal for a redelivered webhook to count as a duplicate.
 */
public interface OrderView
{
    /** @return the host's order id: any non-empty string (long or non-ASCII ids are hashed into keys, see {@link OrdersAdapter}). */
    String orderId();

    /** @return the engine channel the order came from (web, app, marketplace...). */
    String channel();

    /** @return how the order will be fulfilled; {@link FulfilmentType#PICKUP} for buy online, pick up in store. */
    FulfilmentType fulfilment();

    /**
     * @return for a pickup order, the store the buyer collects at: lines that name no location of their own are held
     * there. Null to let the engine choose (for pickup orders, among the channel's pickup locations).
     */
    String pickupStore();

    /** @return the order lines, at least one, each with its own line id unique within the order. */
    List<? extends OrderLineView> lines();

    /** @return where the order ships to, for nearest-location sourcing ({@code Reserve.shipTo}); null when unknown. */
    default Destination destination()
    {
        return null;
    }
}
