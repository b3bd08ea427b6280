package io.omnistock.examples;

import io.omnistock.api.Confirm;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.Receive;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Result;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;

import java.util.List;

/**
 * The README's embedding example, verbatim: the code between the {@code README} markers is copied into
 * {@code README.md}, and {@code ReadmeSyncTest} fails the build when the two drift apart.
 */
public final class QuickStart
{
    private QuickStart()
    {
    }

    /**
     * Defines a store and a channel, receives stock, holds and confirms one unit.
     *
     * @param args none.
     * @throws Exception if a command's future fails.
     */
    public static void main(final String[] args) throws Exception
    {
        // README:begin
        try (OmnistockEngine engine = OmnistockEngine.start(EngineConfig.defaults()))
        {
            engine.submit(new DefineSku("d1", "SKU-1")).get();
            engine.submit(new DefineLocation("d2", "STORE-7", LocationType.STORE,
                LocationCapability.ALL, 1, 40_723_000, -74_000_000)).get();
            engine.submit(new DefineChannel("d3", "web", List.of("STORE-7"))).get();
            engine.submit(new Receive("asn-1", "SKU-1", "STORE-7", 5)).get();

            // Hold 2 units for 15 minutes, wherever the channel has them: all lines or none.
            final Result held = engine.submit(Reserve.of("order-42/hold", "order-42", "web",
                FulfilmentType.PICKUP, 15 * 60_000, ReserveLine.anywhere("SKU-1", 2))).get();
            System.out.println(held);   // OK at [STORE-7] #5

            if (held.isOk())
            {
                engine.submit(new Confirm("order-42/paid", "order-42")).get();
            }
            System.out.println(engine.reads().available("SKU-1", "STORE-7"));   // 3
        }
        // README:end
    }
}
