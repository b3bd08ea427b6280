package io.omnistock.api;

/**
 * Records goods on order for a position (the incoming bucket). They are not available until received.
 *
 * @param key the idempotency key.
 * @param sku the SKU.
 * @param location where the goods will arrive.
 * @param quantity units expected, positive.
 */
public record ExpectReceipt(String key, String sku, String location, long quantity) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.EXPECT_RECEIPT;
    }
}
