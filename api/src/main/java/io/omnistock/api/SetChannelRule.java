package io.omnistock.api;

/**
 * Sets what one channel may see and take of stock: a safety buffer and a ring-fence. A rule applies to every
 * position of the channel (neither SKU nor location given), to every SKU at one location, or to one SKU at every
 * location of the channel. The most specific rule wins, one rule per position and channel: SKU over location over
 * channel. A rule stays until another is set at the same scope; {@link #unlimited} exempts a scope from a wider one.
 *
 * <p>What the channel may take at a position ({@code seen}, also what its available-to-promise sums), with
 * {@code available} the position's available after safety stock and {@code shelf = onHand - damaged - quarantined}:
 * <pre>
 *   buffer = max(bufferUnits, ceil(available * bufferPercent / 100))
 *   fence  = floor(shelf * sharePercent / 100) - (units the channel holds or has committed at the position)
 *   seen   = max(0, min(available - buffer, fence))
 * </pre>
 * Both limits always apply; the smaller wins. A buffer holds back the last units of a position from the channel
 * (the web shop does not sell a store's last 2 units); a fence caps the channel's own use at a share of the shelf
 * (a marketplace uses at most 30%), however much else is free. Reservations of the channel are checked against
 * {@code seen}; physical movements (till sales, counts, returns) are not limited by rules.
 *
 * <p>Setting a rule costs a scan of the positions (it is configuration, not traffic).
 *
 * @param key           the idempotency key.
 * @param channel       the channel.
 * @param sku           a SKU to scope the rule to, or null.
 * @param location      a location of the channel to scope the rule to, or null (not both with {@code sku}).
 * @param bufferUnits   units held back from the channel at each position, 0..{@link Limits#QUANTITY_MAX}.
 * @param bufferPercent share of available held back, 0..100, rounded up to whole units.
 * @param sharePercent  share of the shelf the channel may use, 0..100; 100 means no fence.
 */
public record SetChannelRule(String key, String channel, String sku, String location, long bufferUnits,
    int bufferPercent, int sharePercent) implements Command
{
    /**
     * A rule that holds nothing back and fences nothing: set at a narrow scope, it exempts that scope from a wider rule.
     *
     * @param key      the idempotency key.
     * @param channel  the channel.
     * @param sku      the SKU scope, or null.
     * @param location the location scope, or null.
     * @return the command.
     */
    public static SetChannelRule unlimited(final String key, final String channel, final String sku, final String location)
    {
        return new SetChannelRule(key, channel, sku, location, 0, 0, 100);
    }

    @Override
    public CommandType type()
    {
        return CommandType.SET_CHANNEL_RULE;
    }
}
