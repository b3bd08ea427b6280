package io.omnistock.api;

/**
 * One line of a reservation as the engine holds it.
 *
 * @param sku       the SKU.
 * @param location  where it is held.
 * @param quantity  units held (or committed).
 * @param fulfilled units fulfilled so far.
 * @param unitPrice the unit price the pricing adapter applied when the line was reserved, in minor currency units;
 *                  -1 when the SKU had no price.
 */
public record ReservationLineSnapshot(String sku, String location, long quantity, long fulfilled, long unitPrice)
{
    /**
     * A line without a price.
     *
     * @param sku       the SKU.
     * @param location  where it is held.
     * @param quantity  units held.
     * @param fulfilled units fulfilled so far.
     */
    public ReservationLineSnapshot(final String sku, final String location, final long quantity, final long fulfilled)
    {
        this(sku, location, quantity, fulfilled, -1);
    }
}
