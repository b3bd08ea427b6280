package io.omnistock.journal;

import io.omnistock.api.Confirm;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.ReservationState;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Result;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stop and reopen: the engine continues from exactly the state it stopped in. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DurableEngineTest
{
    @TempDir
    Path dir;

    private final AtomicLong clockMs = new AtomicLong(1_000_000);

    private EngineConfig config()
    {
        return EngineConfig.defaults().clockMs(clockMs::get).timerIntervalMs(0);
    }

    @Test
    void shouldRecoverTheSameStateAcrossRestartsInBothModes() throws Exception
    {
        for (final Durability durability : new Durability[] {Durability.ASYNC, Durability.SYNC})
        {
            final Path data = dir.resolve(durability.name());
            final long hashBeforeStop;
            try (OmnistockEngine engine = DurableEngine.open(data, durability, config()))
            {
                define(engine);
                for (int i = 0; i < 50; i++)
                {
                    engine.submit(Reserve.of("hold-" + i, "order-" + i, "web", FulfilmentType.SHIP, 60_000,
                        ReserveLine.anywhere("SKU-1", 1))).get();
                }
                for (int i = 0; i < 50; i += 2)
                {
                    engine.submit(new Confirm("paid-" + i, "order-" + i)).get();
                }
                hashBeforeStop = engine.stateHash();
            }

            try (OmnistockEngine engine = DurableEngine.open(data, durability, config()))
            {
                assertEquals(hashBeforeStop, engine.stateHash(), durability + ": recovered state hash");
                assertEquals(ReservationState.COMMITTED, engine.reads().reservation("order-0").orElseThrow().state());
                assertEquals(ReservationState.HELD, engine.reads().reservation("order-1").orElseThrow().state());
                assertEquals(50, engine.reads().available("SKU-1", "STORE-1"));

                final Result retry = engine.submit(Reserve.of("hold-3", "order-3", "web", FulfilmentType.SHIP, 60_000,
                    ReserveLine.anywhere("SKU-1", 1))).get();
                assertTrue(retry.duplicate(), "idempotency keys survive the restart: " + retry);

                clockMs.addAndGet(61_000);
                engine.submit(new Receive("late-asn", "SKU-1", "STORE-1", 1)).get();
                assertEquals(ReservationState.EXPIRED, engine.reads().reservation("order-1").orElseThrow().state(),
                    "pending expiries survive the restart");
                assertEquals(76, engine.reads().available("SKU-1", "STORE-1"));
            }
        }
    }

    @Test
    void shouldRefuseToOpenADataDirectoryWithOtherSettings() throws Exception
    {
        try (OmnistockEngine engine = DurableEngine.open(dir, Durability.ASYNC, config()))
        {
            for (int i = 0; i < 10; i++)
            {
                assertEquals(ReasonCode.OK, engine.submit(new DefineSku("sku-" + i, "SKU-" + i)).get().code());
            }
        }
        assertEquals(config().skuCapacity(), DurableEngine.storedConfig(dir).skuCapacity(), "settings recorded");

        final JournalException failure = assertThrows(JournalException.class,
            () -> DurableEngine.open(dir, Durability.ASYNC, config().skuCapacity(5)));
        assertTrue(failure.getMessage().contains("skuCapacity=5"), failure.getMessage());
    }

    @Test
    void shouldRefuseAJournalThatNeedsMoreCapacity() throws Exception
    {
        try (OmnistockEngine engine = DurableEngine.open(dir, Durability.ASYNC, config()))
        {
            for (int i = 0; i < 10; i++)
            {
                assertEquals(ReasonCode.OK, engine.submit(new DefineSku("sku-" + i, "SKU-" + i)).get().code());
            }
        }

        final JournalException failure = assertThrows(JournalException.class,
            () -> DurableEngine.recover(dir.resolve(DurableEngine.EVENTS), config().skuCapacity(5)));
        assertTrue(failure.getMessage().contains("does not replay"), failure.getMessage());
    }

    private static void define(final OmnistockEngine engine) throws Exception
    {
        engine.submit(new DefineSku("d1", "SKU-1")).get();
        engine.submit(new DefineLocation("d2", "STORE-1", LocationType.STORE, LocationCapability.ALL, 1, 0, 0)).get();
        engine.submit(new DefineChannel("d3", "web", List.of("STORE-1"))).get();
        engine.submit(new Receive("asn-1", "SKU-1", "STORE-1", 100)).get();
    }
}
