package io.omnistock.api;

/**
 * One line of a {@link Reserve}: a quantity of a SKU at a named location, or at whichever location of the
 * channel the engine chooses.
 *
 * @param sku      the SKU.
 * @param location the location, or null to let the engine source it within the channel's locations.
 * @param quantity units, positive.
 */
public record ReserveLine(String sku, String location, long quantity)
{
    /**
     * @param sku      the SKU.
     * @param location the location.
     * @param quantity units.
     * @return a line at a named location.
     */
    public static ReserveLine at(final String sku, final String location, final long quantity)
    {
        return new ReserveLine(sku, location, quantity);
    }

    /**
     * @param sku      the SKU.
     * @param quantity units.
     * @return a line the engine sources at reservation time.
     */
    public static ReserveLine anywhere(final String sku, final long quantity)
    {
        return new ReserveLine(sku, null, quantity);
    }
}
