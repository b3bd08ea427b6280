package io.omnistock.journal;

import io.omnistock.api.Command;
import io.omnistock.api.CycleCount;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Disposition;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.Receive;
import io.omnistock.api.Return;
import io.omnistock.api.orders.OrderLineView;
import io.omnistock.api.orders.OrderView;
import io.omnistock.api.orders.OrdersAdapter;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.engine.kpi.KpiReadModel;
import io.omnistock.engine.kpi.KpiSnapshot;
import io.omnistock.engine.orders.DefaultOrdersAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The KPIs rebuilt from a Chronicle journal after a restart equal the live ones, and carry on with the engine. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KpiRebuildTest
{
    private record Line(String lineId, String sku, String location, long quantity) implements OrderLineView
    {
    }

    private record Order(String orderId, String channel, FulfilmentType fulfilment, String pickupStore,
        List<Line> lines) implements OrderView
    {
    }

    @TempDir
    Path data;

    private final AtomicLong clockMs = new AtomicLong(1_000_000);

    @Test
    void shouldRebuildTheLiveKpisFromTheJournalAndContinueAfterARestart()
    {
        final KpiReadModel live = new KpiReadModel();
        try (OmnistockEngine engine = DurableEngine.open(data, Durability.ASYNC, config().eventListener(live)))
        {
            runDay(engine);
            awaitListener(engine, live);
        }
        final KpiReadModel rebuilt = new KpiReadModel();

        final long last = EventReplay.replay(data, config(), rebuilt);

        assertEquals(live.snapshot(), rebuilt.snapshot());
        assertEquals(last, rebuilt.sequence());
        try (OmnistockEngine engine = DurableEngine.open(data, Durability.ASYNC, config().eventListener(rebuilt)))
        {
            engine.submit(new PosSale("till-2", "pos", "TV", "STORE", 1)).join();
            awaitListener(engine, rebuilt);
        }
        final KpiSnapshot after = rebuilt.snapshot();
        assertEquals(last + 1, after.sequence());
        assertEquals(live.snapshot().channel("pos").posSoldUnits() + 1, after.channel("pos").posSoldUnits());
        assertEquals(0, after.engineControlledOversells());
    }

    private EngineConfig config()
    {
        return EngineConfig.defaults().clockMs(clockMs::get).timerIntervalMs(0);
    }

    private static void runDay(final OmnistockEngine engine)
    {
        final List<Command> commands = List.of(
            new DefineSku("def-tv", "TV"),
            new DefineLocation("def-store", "STORE", LocationType.STORE, LocationCapability.ALL, 1, 0, 0),
            new DefineChannel("def-web", "web", List.of("STORE")),
            new DefineChannel("def-pos", "pos", List.of("STORE")),
            new Receive("asn-1", "TV", "STORE", 10));
        commands.forEach(command -> assertTrue(engine.submit(command).join().isOk(), command::toString));
        final OrdersAdapter orders = new DefaultOrdersAdapter(engine, 60_000);
        final Order pickup = new Order("A", "web", FulfilmentType.PICKUP, "STORE", List.of(new Line("1", "TV", null, 2)));
        final Order cancelled = new Order("B", "web", FulfilmentType.SHIP, null, List.of(new Line("1", "TV", null, 1)));
        assertTrue(orders.placed(pickup).join().isOk());
        assertTrue(orders.paid(pickup).join().isOk());
        assertTrue(orders.pickedUp(pickup, new io.omnistock.api.orders.FulfilmentView()
        {
            @Override
            public String fulfilmentId()
            {
                return "P-1";
            }

            @Override
            public List<io.omnistock.api.orders.LineQuantityView> lines()
            {
                return List.of();
            }
        }).join().isOk());
        assertTrue(orders.placed(cancelled).join().isOk());
        assertTrue(orders.cancelled(cancelled).join().isOk());
        assertTrue(engine.submit(new PosSale("till-1", "pos", "TV", "STORE", 1)).join().isOk());
        assertTrue(engine.submit(new Return("rma-1", "web", "TV", "STORE", 1, Disposition.RESTOCK)).join().isOk());
        assertTrue(engine.submit(new CycleCount("count-1", "TV", "STORE", 7)).join().isOk());
    }

    private static void awaitListener(final OmnistockEngine engine, final KpiReadModel model)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (model.sequence() < engine.reads().sequence())
        {
            assertTrue(System.nanoTime() < deadlineNs, "the listener caught up");
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
    }
}
