package io.omnistock.api;

/**
 * Records an absolute count of the sellable-and-held units on the shelf (everything on hand but damaged and quarantined units). The engine sets on hand from it and records the variance; a count below what is reserved and committed is accepted and reported with an {@link EventType#OVERSOLD} event.
 *
 * @param key the idempotency key.
 * @param sku the SKU.
 * @param location the location counted.
 * @param countedQuantity the units counted, zero or more.
 */
public record CycleCount(String key, String sku, String location, long countedQuantity) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.COUNT;
    }
}
