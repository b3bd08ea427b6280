package io.omnistock.api.pricing;

/**
 * What a pricing policy prices: one line of a reservation (or a till sale) at a moment of engine time, with the
 * book price and the promotions active for it. Implemented by the engine as a reused flyweight on the writer
 * thread, valid only during {@link PricingPolicy#unitPrice}; allocation-free.
 */
public interface PriceQuote
{
    /** @return the SKU id. */
    String sku();

    /** @return the location id the line is held at (or sold from). */
    String location();

    /** @return the channel id. */
    String channel();

    /** @return engine time, epoch milliseconds. */
    long timeMs();

    /** @return units on the line. */
    long quantity();

    /** @return the book price: the location's price if set, else the SKU's; -1 when the SKU has none. */
    long bookPrice();

    /** @return the number of promotions active for this SKU, channel and time. */
    int promotionCount();

    /**
     * @param index 0..{@link #promotionCount()}-1, in definition order.
     * @return the promotion's id.
     */
    String promotionId(int index);

    /**
     * @param index a promotion.
     * @return its percentage off, 0..100.
     */
    int percentOff(int index);

    /**
     * @param index a promotion.
     * @return its amount off per unit, minor currency units.
     */
    long amountOffMinor(int index);
}
