package io.omnistock.api;

/**
 * Sets the safety stock of a position: units kept back from every channel. Safety stock never makes available negative: it takes only from what is free.
 *
 * @param key the idempotency key.
 * @param sku the SKU.
 * @param location the location.
 * @param quantity units to keep back, zero or more.
 */
public record SetSafetyStock(String key, String sku, String location, long quantity) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.SET_SAFETY_STOCK;
    }
}
