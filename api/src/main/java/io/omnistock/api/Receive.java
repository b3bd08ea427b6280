package io.omnistock.api;

/**
 * Books a receipt of goods: on hand rises by {@code quantity}; an expected receipt ({@link ExpectReceipt}) at the position is settled by up to the same quantity.
 *
 * @param key the idempotency key.
 * @param sku the SKU.
 * @param location where the goods arrived.
 * @param quantity units received, positive.
 */
public record Receive(String key, String sku, String location, long quantity) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.RECEIVE;
    }
}
