package io.omnistock.api.orders;

/**
 * One line of a host order, as a view over the host's own line object.
 *
 * <p>Lines of one order that name the same SKU at the same location (or both at no location) are held as one
 * reservation line with their quantities added: the engine holds a SKU once per location per reservation.
 */
public interface OrderLineView
{
    /** @return the host's line id, unique within the order. */
    String lineId();

    /** @return the SKU id, as defined in the engine. */
    String sku();

    /** @return the location the host already sourced the line from, or null (pickup store, else the engine chooses). */
    String location();

    /** @return units ordered, positive. */
    long quantity();
}
