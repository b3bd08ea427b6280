package io.omnistock.api.orders;

/** A quantity of one order line, in a shipment, a pickup or a return: a view over the host's own object. */
public interface LineQuantityView
{
    /** @return the id of the order line. */
    String lineId();

    /** @return units, positive. */
    long quantity();

    /**
     * @return for a shipment or pickup, the location the units left from; needed only when the engine's sourcing
     * policy split the order line over several locations (the adapter then fulfils the part held there). Null
     * when not known.
     */
    default String location()
    {
        return null;
    }
}
