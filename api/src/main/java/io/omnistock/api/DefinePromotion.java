package io.omnistock.api;

/**
 * Defines (or, with the same promotion id, replaces) a promotion: a percentage and/or an amount off the book price
 * of one SKU or of every SKU, during {@code [startMs, endMs)} of engine time, in every channel unless scoped to one.
 * The pricing adapter resolves it at reservation and sale time (the default takes the best active promotion; they
 * do not stack).
 *
 * @param key             the idempotency key.
 * @param promotion       the promotion's id.
 * @param sku             the SKU it applies to, or null for every SKU.
 * @param channel         the only channel it applies to, or null for every channel.
 * @param startMs         first engine time it applies, epoch milliseconds.
 * @param endMs           first engine time it no longer applies, after {@code startMs}.
 * @param percentOff      0..100.
 * @param amountOffMinor  0..{@link Limits#PRICE_MAX}, minor currency units off each unit after the percentage.
 */
public record DefinePromotion(String key, String promotion, String sku, String channel, long startMs, long endMs,
    int percentOff, long amountOffMinor) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.DEFINE_PROMOTION;
    }
}
