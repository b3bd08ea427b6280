package io.omnistock.journal;

import io.omnistock.api.Command;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Event;
import io.omnistock.api.EventListener;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.Receive;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A host delivering threshold crossings as webhooks: it remembers the last sequence it sent, and after a restart
 * it reads the journal and sends only what is newer. Every crossing is sent exactly once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThresholdRestartTest
{
    @TempDir
    Path data;

    private final AtomicLong clockMs = new AtomicLong(1_000_000);

    /** The host's webhook sender: what it sent, and the sequence of the last one. */
    private static final class Webhooks implements EventListener
    {
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile long lastSent;
        volatile long seen;

        @Override
        public void onEvent(final Event event)
        {
            seen = event.sequence();
            EventListener.super.onEvent(event);
        }

        @Override
        public void onThresholdCrossed(final Event event)
        {
            if (event.sequence() > lastSent)
            {
                sent.add(event.sequence() + " " + event.threshold() + " " + event.sku() + " " +
                    (event.location() != null ? event.location() : "channel " + event.channel()));
                lastSent = event.sequence();
            }
        }
    }

    @Test
    void shouldDeliverEveryCrossingOnceAcrossRestart()
    {
        final Webhooks webhooks = new Webhooks();
        try (OmnistockEngine engine = DurableEngine.open(data, Durability.SYNC, config().eventListener(webhooks)))
        {
            run(engine, List.of(
                new DefineSku("def-tv", "TV"),
                new DefineLocation("def-store", "STORE", LocationType.STORE, LocationCapability.ALL, 1, 0, 0),
                new DefineChannel("def-pos", "pos", List.of("STORE")),
                new Receive("asn-1", "TV", "STORE", 3),
                new PosSale("till-1", "pos", "TV", "STORE", 1)));
            await(engine, webhooks);
        }
        final long lastSentBeforeStop = webhooks.lastSent;
        final Webhooks restarted = new Webhooks();
        restarted.lastSent = lastSentBeforeStop;

        EventReplay.replay(data, config(), restarted);
        try (OmnistockEngine engine = DurableEngine.open(data, Durability.SYNC, config().eventListener(restarted)))
        {
            run(engine, List.of(new PosSale("till-2", "pos", "TV", "STORE", 2)));
            await(engine, restarted);
        }

        assertEquals(List.of("5 BACK_IN_STOCK TV STORE", "6 BACK_IN_STOCK TV channel pos", "8 LOW_STOCK TV STORE",
            "9 LOW_STOCK TV channel pos"), webhooks.sent);
        assertEquals(List.of("11 OUT_OF_STOCK TV STORE", "12 OUT_OF_STOCK TV channel pos"), restarted.sent,
            "after the restart only the new crossings are sent");
    }

    private EngineConfig config()
    {
        return EngineConfig.defaults().clockMs(clockMs::get).timerIntervalMs(0).positionLowStockUnits(2)
            .channelLowStockUnits(2);
    }

    private static void run(final OmnistockEngine engine, final List<Command> commands)
    {
        commands.forEach(command -> assertTrue(engine.submit(command).join().isOk(), command::toString));
    }

    private static void await(final OmnistockEngine engine, final Webhooks webhooks)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (webhooks.seen < engine.reads().sequence())
        {
            assertTrue(System.nanoTime() < deadlineNs, "the listener caught up");
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
    }
}
