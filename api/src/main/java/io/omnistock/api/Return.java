package io.omnistock.api;

/**
 * A return at any location that accepts returns, whatever channel sold the goods (buy online, return in store).
 *
 * @param key the idempotency key.
 * @param channel the channel that made the sale.
 * @param sku the SKU.
 * @param location where the goods are returned.
 * @param quantity units returned, positive.
 * @param disposition restock, damaged or quarantine.
 */
public record Return(String key, String channel, String sku, String location, long quantity, Disposition disposition) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.RETURN;
    }
}
