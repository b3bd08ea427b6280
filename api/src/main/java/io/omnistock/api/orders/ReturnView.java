package io.omnistock.api.orders;

import java.util.List;

/**
 * A return of (part of) an order, at any location that accepts returns, whatever channel sold it (buy online,
 * return in store). Its own id tells two returns of the same units apart; it must be unique among the order's
 * returns.
 */
public interface ReturnView
{
    /** @return the host's return id (RMA number, till receipt...). */
    String returnId();

    /** @return where the goods came back. */
    String location();

    /** @return the lines returned, at least one. */
    List<? extends ReturnLineView> lines();
}
