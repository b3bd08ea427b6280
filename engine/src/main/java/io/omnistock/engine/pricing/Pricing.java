package io.omnistock.engine.pricing;

import io.omnistock.api.pricing.PriceQuote;
import io.omnistock.api.pricing.PricingPolicy;

/**
 * The built-in pricing policy. Stateless, thread-safe and allocation-free.
 */
public final class Pricing
{
    private Pricing()
    {
    }

    /**
     * The book price (the location's if set, else the SKU's), less the best active promotion for the SKU and
     * channel: each promotion takes its percentage off the book price (rounded half up to a whole minor unit), then
     * its amount, never below 0; promotions do not stack, the lowest resulting price wins. A SKU without a book
     * price is unpriced (-1).
     *
     * @return the policy.
     */
    public static PricingPolicy bestPromotion()
    {
        return Pricing::bestPromotionPrice;
    }

    /**
     * @param quote the line.
     * @return its unit price under {@link #bestPromotion()}.
     */
    public static long bestPromotionPrice(final PriceQuote quote)
    {
        final long book = quote.bookPrice();
        if (book < 0)
        {
            return -1;
        }
        long best = book;
        for (int i = 0; i < quote.promotionCount(); i++)
        {
            best = Math.min(best, promoted(book, quote.percentOff(i), quote.amountOffMinor(i)));
        }
        return best;
    }

    /**
     * @param book           the book price.
     * @param percentOff     0..100.
     * @param amountOffMinor amount off after the percentage.
     * @return the price after one promotion, never below 0.
     */
    public static long promoted(final long book, final int percentOff, final long amountOffMinor)
    {
        final long discount = (book * percentOff + 50) / 100;
        return Math.max(0, book - discount - amountOffMinor);
    }
}
