package io.omnistock.api;

/**
 * A sale at a till: on hand falls at once. Selling units the books think are reserved or committed is accepted as a physical fact and reported with an {@link EventType#OVERSOLD} event; selling more than is physically on hand (less damaged and quarantined) is rejected with {@link ReasonCode#INSUFFICIENT_ON_HAND}.
 *
 * @param key the idempotency key.
 * @param channel the selling channel (usually the store's POS channel).
 * @param sku the SKU.
 * @param location the store.
 * @param quantity units sold, positive.
 */
public record PosSale(String key, String channel, String sku, String location, long quantity) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.SELL;
    }
}
