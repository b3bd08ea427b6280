package io.omnistock.journal;

import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.Receive;
import io.omnistock.api.ReservationState;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshots: taken at an exact event, used by recovery, and never trusted when damaged, newer or ahead. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SnapshotTest
{
    @TempDir
    Path dir;

    private final AtomicLong clockMs = new AtomicLong(5_000_000);

    private EngineConfig config()
    {
        return EngineConfig.defaults().clockMs(clockMs::get).timerIntervalMs(0);
    }

    @Test
    void shouldRecoverFromTheNewestSnapshotPlusTheJournalTail() throws Exception
    {
        final long hash;
        final DurableEngine.SnapshotTaken first;
        final DurableEngine.SnapshotTaken second;
        try (OmnistockEngine engine = DurableEngine.open(dir, Durability.SYNC, config()))
        {
            load(engine, 0, 20);
            first = DurableEngine.snapshot(engine, dir);
            load(engine, 20, 40);
            second = DurableEngine.snapshot(engine, dir);
            load(engine, 40, 60);
            hash = engine.stateHash();
        }
        assertTrue(first.sequence() < second.sequence());
        assertEquals(List.of(second.file(), first.file()), store().snapshotsNewestFirst());

        final SnapshotStore.Loaded newest = store().loadNewest(config(), Long.MAX_VALUE);
        assertEquals(second.sequence(), newest.sequence(), "recovery starts from the newest snapshot");
        assertEquals(hash, DurableEngine.recoverDirectory(dir, config()).stateHash(), "snapshot + tail");
        assertEquals(hash, DurableEngine.recover(dir.resolve(DurableEngine.EVENTS), config()).stateHash(), "journal only");
        try (OmnistockEngine engine = DurableEngine.open(dir, Durability.SYNC, config()))
        {
            assertEquals(hash, engine.stateHash());
            assertEquals(ReservationState.HELD, engine.reads().reservation("order-59").orElseThrow().state());
        }
    }

    @Test
    void shouldFallBackToAnOlderSnapshotWhenTheNewestIsDamaged() throws Exception
    {
        final long hash;
        final DurableEngine.SnapshotTaken first;
        final DurableEngine.SnapshotTaken second;
        try (OmnistockEngine engine = DurableEngine.open(dir, Durability.ASYNC, config()))
        {
            load(engine, 0, 10);
            first = DurableEngine.snapshot(engine, dir);
            load(engine, 10, 20);
            second = DurableEngine.snapshot(engine, dir);
            hash = engine.stateHash();
        }
        final byte[] data = Files.readAllBytes(second.file());
        data[data.length - 3] ^= 0x01;
        Files.write(second.file(), data);

        assertEquals(first.sequence(), store().loadNewest(config(), Long.MAX_VALUE).sequence());
        assertEquals(hash, DurableEngine.recoverDirectory(dir, config()).stateHash());

        Files.write(first.file(), new byte[] {1, 2, 3});
        assertNull(store().loadNewest(config(), Long.MAX_VALUE), "no usable snapshot: the whole journal is replayed");
        assertEquals(hash, DurableEngine.recoverDirectory(dir, config()).stateHash());
    }

    @Test
    void shouldIgnoreASnapshotAheadOfTheJournal() throws Exception
    {
        final DurableEngine.SnapshotTaken taken;
        try (OmnistockEngine engine = DurableEngine.open(dir, Durability.ASYNC, config()))
        {
            load(engine, 0, 5);
            taken = DurableEngine.snapshot(engine, dir);
        }
        assertEquals(taken.sequence(), store().loadNewest(config(), taken.sequence()).sequence());
        assertNull(store().loadNewest(config(), taken.sequence() - 1), "a snapshot of events the journal lost");
    }

    @Test
    void shouldLoadAFormatTwoSnapshotAndSkipAnOlderOne() throws Exception
    {
        final DurableEngine.SnapshotTaken taken;
        final long hash;
        try (OmnistockEngine engine = DurableEngine.open(dir, Durability.ASYNC, config()))
        {
            load(engine, 0, 5);
            taken = DurableEngine.snapshot(engine, dir);
            hash = engine.stateHash();
        }
        final byte[] data = Files.readAllBytes(taken.file());
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putShort(4, SnapshotStore.VERSION_MIN);
        Files.write(taken.file(), data);
        final SnapshotStore.Loaded loaded = store().loadNewest(config(), Long.MAX_VALUE);
        assertEquals(taken.sequence(), loaded.sequence(), "format 2 has format 3's layout");
        assertEquals(DurableEngine.recover(dir.resolve(DurableEngine.EVENTS), config()).inventoryHash(),
            loaded.machine().inventoryHash());

        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putShort(4, (short)(SnapshotStore.VERSION_MIN - 1));
        Files.write(taken.file(), data);
        assertNull(store().loadNewest(config(), Long.MAX_VALUE), "older than any format this build reads");
        assertEquals(hash, DurableEngine.recoverDirectory(dir, config()).stateHash(), "the whole journal instead");
    }

    @Test
    void shouldRefuseASnapshotOfANewerFormatVersion() throws Exception
    {
        final DurableEngine.SnapshotTaken taken;
        try (OmnistockEngine engine = DurableEngine.open(dir, Durability.ASYNC, config()))
        {
            load(engine, 0, 5);
            taken = DurableEngine.snapshot(engine, dir);
        }
        final byte[] data = Files.readAllBytes(taken.file());
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putShort(4, (short)(SnapshotStore.VERSION + 1));
        Files.write(taken.file(), data);

        final JournalException failure = assertThrows(JournalException.class,
            () -> DurableEngine.open(dir, Durability.ASYNC, config()));
        assertTrue(failure.getMessage().contains("format version " + (SnapshotStore.VERSION + 1)), failure.getMessage());
    }

    @Test
    void shouldSnapshotPeriodicallyAndKeepTheNewest() throws Exception
    {
        try (OmnistockEngine engine = DurableEngine.open(dir, Durability.ASYNC, config(), 10))
        {
            define(engine);
            for (int round = 0; round < 5; round++)
            {
                for (int i = 0; i < 12; i++)
                {
                    engine.submit(new Receive("asn-" + round + "-" + i, "SKU-1", "STORE-1", 1)).get();
                }
                final int expected = Math.min(round + 1, DurableEngine.SNAPSHOTS_KEPT);
                final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (store().snapshotsNewestFirst().size() < expected && System.nanoTime() < giveUp)
                {
                    Thread.sleep(20);
                }
                Thread.sleep(250);
            }
            assertEquals(DurableEngine.SNAPSHOTS_KEPT, store().snapshotsNewestFirst().size());
        }
    }

    @Test
    void shouldWriteSnapshotsThatAStoreOnlyLoadsIntoTheSameConfiguration()
    {
        final SnapshotStore store = store();
        final Path file = store.write(0, new UnsafeBuffer(new byte[8]), 8);
        assertTrue(Files.exists(file));
        assertNull(store.loadNewest(config(), Long.MAX_VALUE), "a body that does not load is reported and skipped");
    }

    private SnapshotStore store()
    {
        return new SnapshotStore(dir.resolve(DurableEngine.SNAPSHOTS));
    }

    private void load(final OmnistockEngine engine, final int from, final int to) throws Exception
    {
        if (from == 0)
        {
            define(engine);
        }
        for (int i = from; i < to; i++)
        {
            engine.submit(Reserve.of("hold-" + i, "order-" + i, "web", FulfilmentType.SHIP, 60_000,
                ReserveLine.anywhere("SKU-1", 1))).get();
            clockMs.addAndGet(100);
        }
    }

    private static void define(final OmnistockEngine engine) throws Exception
    {
        engine.submit(new DefineSku("d1", "SKU-1")).get();
        engine.submit(new DefineLocation("d2", "STORE-1", LocationType.STORE, LocationCapability.ALL, 1, 0, 0)).get();
        engine.submit(new DefineChannel("d3", "web", List.of("STORE-1"))).get();
        engine.submit(new Receive("asn-1", "SKU-1", "STORE-1", 1_000)).get();
    }
}
