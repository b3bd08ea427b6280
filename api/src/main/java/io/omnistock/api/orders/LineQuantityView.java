package io.omnistock.api.orders;

/** A quantity of one order line, in a shipment, a pickup or a return: a view over the host's own object. */
public interface LineQuantityView
{
    /** @return the id of the order line. */
    String lineId();

    /** @return units, positive. */
    long quantity();
}
