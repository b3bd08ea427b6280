package io.omnistock.api;

/**
 * Adjusts a stock bucket with a reason: a positive delta adds units, a negative one removes them. A negative delta may not take on hand or the bucket below zero ({@link ReasonCode#INSUFFICIENT_ON_HAND}); removing sellable units that are reserved or committed is accepted as a physical fact and reported with an {@link EventType#OVERSOLD} event.
 *
 * @param key the idempotency key.
 * @param sku the SKU.
 * @param location the location.
 * @param delta signed units, non-zero.
 * @param bucket which bucket of on hand changes.
 * @param reason why.
 */
public record Adjust(String key, String sku, String location, long delta, StockBucket bucket, AdjustmentReason reason) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.ADJUST;
    }
}
