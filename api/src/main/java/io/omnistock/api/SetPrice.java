package io.omnistock.api;

/**
 * Sets a SKU's price in the price book: for every location, or for one location (which then wins over the SKU's
 * price there). Prices are integral minor currency units (cents); one currency per engine. Price changes are
 * commands, journaled, so the audit shows what a sale was priced at and why.
 *
 * @param key            the idempotency key.
 * @param sku            the SKU.
 * @param location       a location for a local price, or null for the SKU's price everywhere.
 * @param unitPriceMinor the unit price, 0..{@link Limits#PRICE_MAX}.
 */
public record SetPrice(String key, String sku, String location, long unitPriceMinor) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.SET_PRICE;
    }
}
