package io.omnistock.api.orders;

import io.omnistock.api.Disposition;

/** Units of one order line coming back, and what happens to them: a view over the host's own return line. */
public interface ReturnLineView extends LineQuantityView
{
    /** @return restock, damaged or quarantine. */
    Disposition disposition();
}
