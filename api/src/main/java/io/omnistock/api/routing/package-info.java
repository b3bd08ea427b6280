/**
 * The routing (sourcing) SPI: a host's rules for choosing where a reservation's stock is held, run inside the
 * engine's single writer. See {@link io.omnistock.api.routing.SourcingPolicy}.
 */
package io.omnistock.api.routing;
