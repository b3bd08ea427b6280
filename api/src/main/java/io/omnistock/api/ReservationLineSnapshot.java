package io.omnistock.api;

/**
 * One line of a reservation as read.
 *
 * @param sku       the SKU id.
 * @param location  the location the line is held at.
 * @param quantity  units of the line.
 * @param fulfilled units fulfilled so far.
 */
public record ReservationLineSnapshot(String sku, String location, long quantity, long fulfilled)
{
}
