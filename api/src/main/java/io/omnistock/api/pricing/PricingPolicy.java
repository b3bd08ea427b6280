package io.omnistock.api.pricing;

/**
 * The pricing adapter: one commercial logic for every channel. The engine calls it inside the single writer when
 * it holds a reservation line or records a till sale, and captures the unit price on the event and the
 * reservation, so the store, the web shop and the audit see the same decision. The price book and promotions are
 * engine state, changed by journaled commands ({@code SetPrice}, {@code DefinePromotion}).
 *
 * <p>An implementation must be deterministic (a function of the {@link PriceQuote}), fast and allocation-free,
 * like the sourcing policy. Replay never calls it: the journal records the price applied. A policy that throws
 * or answers a negative price other than -1 leaves the line unpriced (-1).
 */
@FunctionalInterface
public interface PricingPolicy
{
    /**
     * @param quote the line to price; valid only during the call.
     * @return the unit price in minor currency units, or -1 for "no price" (e.g. no book price).
     */
    long unitPrice(PriceQuote quote);
}
