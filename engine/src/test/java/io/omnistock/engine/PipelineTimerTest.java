package io.omnistock.engine;

import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Event;
import io.omnistock.api.EventListener;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.ReservationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Holds expire on the pipeline's timer, at their exact deadline in engine time, with no command arriving. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineTimerTest
{
    @Test
    void shouldExpireHoldsFromTimerTicksWithoutAnyCommand() throws Exception
    {
        final AtomicLong clockMs = new AtomicLong(1_000_000);
        final List<String> expired = new CopyOnWriteArrayList<>();
        final List<Long> expiredAt = new CopyOnWriteArrayList<>();
        final EngineConfig config = EngineConfig.defaults()
            .skuCapacity(8).locationCapacity(8).channelCapacity(4).positionCapacity(64)
            .clockMs(clockMs::get)
            .timerIntervalMs(5)
            .eventListener(new EventListener()
            {
                @Override
                public void onExpired(final Event event)
                {
                    expired.add(event.reference().toString());
                    expiredAt.add(event.timeMs());
                }
            });
        try (OmnistockEngine engine = OmnistockEngine.start(config))
        {
            engine.submit(new DefineSku("s", "SKU")).join();
            engine.submit(new DefineLocation("l", "STORE-1", LocationType.STORE, LocationCapability.ALL, 1, 0, 0)).join();
            engine.submit(new DefineChannel("c", "web", List.of("STORE-1"))).join();
            engine.submit(new Receive("r", "SKU", "STORE-1", 5)).join();
            assertEquals(ReasonCode.OK, engine.submit(Reserve.of("cart-2", "cart-2", "web", FulfilmentType.PICKUP,
                2_000, ReserveLine.at("SKU", "STORE-1", 1))).join().code());
            assertEquals(ReasonCode.OK, engine.submit(Reserve.of("cart-1", "cart-1", "web", FulfilmentType.PICKUP,
                1_000, ReserveLine.at("SKU", "STORE-1", 2))).join().code());
            assertEquals(2, engine.reads().available("SKU", "STORE-1"));

            clockMs.addAndGet(999);
            Thread.sleep(50);
            assertTrue(expired.isEmpty(), "nothing is due one millisecond before the first deadline");

            clockMs.addAndGet(5_000);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (expired.size() < 2 && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertEquals(List.of("cart-1", "cart-2"), expired, "deadline order");
            assertEquals(List.of(1_001_000L, 1_002_000L), expiredAt, "each expiry at its exact deadline");
            assertEquals(5, engine.reads().available("SKU", "STORE-1"));
            assertEquals(ReservationState.EXPIRED, engine.reads().reservation("cart-1").orElseThrow().state());
        }
    }

    @Test
    void shouldKeepDecidingWhenTheClockFailsAtATimerTick() throws Exception
    {
        final AtomicBoolean clockFails = new AtomicBoolean(true);
        final AtomicLong clockReads = new AtomicLong();
        final EngineConfig config = EngineConfig.defaults()
            .skuCapacity(8).locationCapacity(8).channelCapacity(4).positionCapacity(64).ringSize(8)
            .clockMs(() ->
            {
                clockReads.incrementAndGet();
                if (clockFails.get())
                {
                    throw new IllegalStateException("clock unavailable");
                }
                return 1_000_000;
            })
            .timerIntervalMs(1);
        try (OmnistockEngine engine = OmnistockEngine.start(config))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (clockReads.get() < 20 && System.nanoTime() < deadline) // more failed ticks than the ring has slots
            {
                Thread.sleep(1);
            }
            assertTrue(clockReads.get() >= 20, "the timer read the clock");
            clockFails.set(false);
            assertEquals(ReasonCode.OK, engine.submit(new DefineSku("s", "SKU")).get(10, TimeUnit.SECONDS).code(),
                "a tick whose clock failed published nothing: the writer never saw an empty slot");
        }
    }
}
