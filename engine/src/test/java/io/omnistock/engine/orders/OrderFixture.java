package io.omnistock.engine.orders;

import io.omnistock.api.Command;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Disposition;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.Receive;
import io.omnistock.api.Result;
import io.omnistock.api.orders.FulfilmentView;
import io.omnistock.api.orders.LineQuantityView;
import io.omnistock.api.orders.OrderLineView;
import io.omnistock.api.orders.OrderOutcome;
import io.omnistock.api.orders.OrderView;
import io.omnistock.api.orders.ReturnLineView;
import io.omnistock.api.orders.ReturnView;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A small retailer for the order and KPI tests, and plain records implementing the order views the way a host's
 * own classes would:
 * <pre>
 *   SKUs       TV, CAM
 *   locations  DC       WAREHOUSE  SHIPS | RETURNS   priority 1
 *              STORE-1  STORE      ALL               priority 2
 *              STORE-2  STORE      ALL               priority 3
 *   channels   web -> DC, STORE-1, STORE-2;  app -> DC, STORE-1;  pos -> STORE-1
 *   stock      TV 10 at DC, TV 5 at STORE-1, CAM 3 at DC
 * </pre>
 * The engine's clock stands still at {@link #CLOCK_MS} (no timer); time moves only by {@code AdvanceTime}.
 */
public final class OrderFixture
{
    public static final long CLOCK_MS = 1_000_000;
    public static final long HOLD_MS = 60_000;
    public static final String TV = "TV";
    public static final String CAM = "CAM";
    public static final String DC = "DC";
    public static final String STORE_1 = "STORE-1";
    public static final String STORE_2 = "STORE-2";
    public static final String WEB = "web";
    public static final String APP = "app";
    public static final String POS = "pos";

    /** An order as a host might keep it. */
    public record Order(String orderId, String channel, FulfilmentType fulfilment, String pickupStore, List<Line> lines)
        implements OrderView
    {
    }

    /** An order line. */
    public record Line(String lineId, String sku, String location, long quantity) implements OrderLineView
    {
    }

    /** Units of one line in a shipment or pickup. */
    public record Part(String lineId, long quantity, String location) implements LineQuantityView
    {
        /**
         * A part that does not say where it left from.
         *
         * @param lineId   the order line.
         * @param quantity units.
         */
        public Part(final String lineId, final long quantity)
        {
            this(lineId, quantity, null);
        }
    }

    /** A shipment or pickup. */
    public record Shipment(String fulfilmentId, List<Part> lines) implements FulfilmentView
    {
    }

    /** A returned line. */
    public record ReturnedLine(String lineId, long quantity, Disposition disposition) implements ReturnLineView
    {
    }

    /** A return. */
    public record Returned(String returnId, String location, List<ReturnedLine> lines) implements ReturnView
    {
    }

    private OrderFixture()
    {
    }

    /** @return a configuration with small capacities, a clock standing still and no timer. */
    public static EngineConfig config()
    {
        final LongSupplier clockMs = new AtomicLong(CLOCK_MS)::get;
        return EngineConfig.defaults()
            .skuCapacity(8).locationCapacity(8).channelCapacity(4).positionCapacity(64)
            .reservationCapacity(64).linesPerReservationMax(4).idempotencyCapacity(1024)
            .clockMs(clockMs)
            .timerIntervalMs(0);
    }

    /**
     * Starts an engine with the retailer of the class comment.
     *
     * @param config the configuration, e.g. {@link #config()} with listeners.
     * @return the engine.
     */
    public static OmnistockEngine start(final EngineConfig config)
    {
        final OmnistockEngine engine = OmnistockEngine.start(config);
        final List<Command> commands = List.of(
            new DefineSku("def-tv", TV),
            new DefineSku("def-cam", CAM),
            new DefineLocation("def-dc", DC, LocationType.WAREHOUSE,
                LocationCapability.SHIPS | LocationCapability.RETURNS, 1, 0, 0),
            new DefineLocation("def-store-1", STORE_1, LocationType.STORE, LocationCapability.ALL, 2, 0, 0),
            new DefineLocation("def-store-2", STORE_2, LocationType.STORE, LocationCapability.ALL, 3, 0, 0),
            new DefineChannel("def-web", WEB, List.of(DC, STORE_1, STORE_2)),
            new DefineChannel("def-app", APP, List.of(DC, STORE_1)),
            new DefineChannel("def-pos", POS, List.of(STORE_1)),
            new Receive("asn-1", TV, DC, 10),
            new Receive("asn-2", TV, STORE_1, 5),
            new Receive("asn-3", CAM, DC, 3));
        for (final Command command : commands)
        {
            final Result result = engine.submit(command).join();
            assertTrue(result.isOk(), () -> "fixture " + command + ": " + result);
        }
        return engine;
    }

    /**
     * @param orderId the order id.
     * @param lines   its lines.
     * @return a web order shipped from wherever the engine sources it.
     */
    public static Order webShipOrder(final String orderId, final Line... lines)
    {
        return new Order(orderId, WEB, FulfilmentType.SHIP, null, List.of(lines));
    }

    /**
     * @param orderId the order id.
     * @param store   the pickup store.
     * @param lines   its lines.
     * @return a web order picked up in store.
     */
    public static Order webPickupOrder(final String orderId, final String store, final Line... lines)
    {
        return new Order(orderId, WEB, FulfilmentType.PICKUP, store, List.of(lines));
    }

    /**
     * @param id    the shipment id.
     * @param parts units per line.
     * @return the shipment.
     */
    public static Shipment shipment(final String id, final Part... parts)
    {
        return new Shipment(id, List.of(parts));
    }

    /**
     * @param future an adapter call.
     * @return its outcome (fails the test after 10 seconds).
     */
    public static OrderOutcome await(final CompletableFuture<OrderOutcome> future)
    {
        try
        {
            return future.get(10, TimeUnit.SECONDS);
        }
        catch (final Exception failure)
        {
            return fail("no outcome", failure);
        }
    }

    /**
     * Waits until a listener has seen every event the engine decided so far.
     *
     * @param engine     the engine.
     * @param seenSoFar  the listener's last sequence.
     */
    public static void awaitListener(final OmnistockEngine engine, final LongSupplier seenSoFar)
    {
        final long target = engine.reads().sequence();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seenSoFar.getAsLong() < target)
        {
            if (System.nanoTime() > deadlineNs)
            {
                fail("listener at " + seenSoFar.getAsLong() + ", engine at " + target);
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
    }
}
