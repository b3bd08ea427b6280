/**
 * The pricing SPI: one price book and promotion logic for every channel, resolved in the writer at reservation
 * and sale time. See {@link io.omnistock.api.pricing.PricingPolicy}.
 */
package io.omnistock.api.pricing;
