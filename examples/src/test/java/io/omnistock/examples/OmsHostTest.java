package io.omnistock.examples;

import io.omnistock.api.Disposition;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OMS-shaped host: its walk-through runs and checks itself; its handlers answer as a webhook endpoint should. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OmsHostTest
{
    @Test
    void shouldWalkTheLifecyclesAndReportTheDuplicateWebhook() throws Exception
    {
        final String output = CapturedOutput.of(OmsHost::main);

        assertTrue(output.contains("parcel P-1 webhook delivered again") && output.contains("200 SHIPPED already applied"),
            output);
        assertTrue(output.contains("409 PLACED rejected: INSUFFICIENT_STOCK") ||
            output.contains("409 PLACED rejected: NO_SOURCING_LOCATION"), output);
        assertTrue(output.contains("engine-controlled oversells: 0"), output);
    }

    @Test
    void shouldAcknowledgeEveryRedeliveredWebhookWithoutApplyingItTwice()
    {
        try (OmnistockEngine engine = OmnistockEngine.start(EngineConfig.defaults()))
        {
            engine.submit(new io.omnistock.api.DefineSku("s", "KETTLE")).join();
            engine.submit(new io.omnistock.api.DefineLocation("l", "DC", io.omnistock.api.LocationType.WAREHOUSE,
                io.omnistock.api.LocationCapability.ALL, 1, 0, 0)).join();
            engine.submit(new io.omnistock.api.DefineChannel("c", "web", List.of("DC"))).join();
            engine.submit(new io.omnistock.api.Receive("r", "KETTLE", "DC", 5)).join();
            final OmsHost host = new OmsHost(engine, 60_000);
            final OmsHost.Order order = new OmsHost.Order("W-1", "web", OmsHost.Delivery.HOME_DELIVERY, null,
                List.of(new OmsHost.OrderLine("1", "KETTLE", 2)));

            final List<String> first = List.of(host.onOrderCreated(order), host.onPaymentCaptured("W-1"),
                host.onShipmentDispatched("W-1", "P-1", Map.of("1", 2L)),
                host.onReturnReceived("W-1", "RMA-1", "DC", "1", 1, Disposition.RESTOCK));
            final long sequence = engine.reads().sequence();
            final List<String> again = List.of(host.onOrderCreated(order), host.onPaymentCaptured("W-1"),
                host.onShipmentDispatched("W-1", "P-1", Map.of("1", 2L)),
                host.onReturnReceived("W-1", "RMA-1", "DC", "1", 1, Disposition.RESTOCK));

            first.forEach(response -> assertTrue(response.startsWith("201"), response));
            again.forEach(response -> assertTrue(response.startsWith("200") && response.contains("duplicate"), response));
            assertEquals(sequence, engine.reads().sequence(), "the redeliveries decided nothing");
            assertEquals(4, engine.reads().position("KETTLE", "DC").orElseThrow().onHand(), "5 - 2 shipped + 1 back");
            assertEquals("RETURNED", host.order("W-1").status());
        }
    }
}
