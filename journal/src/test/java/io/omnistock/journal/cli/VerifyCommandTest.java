package io.omnistock.journal.cli;

import io.omnistock.api.Adjust;
import io.omnistock.api.AdjustmentReason;
import io.omnistock.api.Command;
import io.omnistock.api.Confirm;
import io.omnistock.api.CycleCount;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Disposition;
import io.omnistock.api.EventType;
import io.omnistock.api.ExpectReceipt;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.ReservationState;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Return;
import io.omnistock.api.SetSafetyStock;
import io.omnistock.api.StockBucket;
import io.omnistock.api.TransferIn;
import io.omnistock.api.TransferOut;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.engine.state.AsciiKey;
import io.omnistock.engine.state.EventCodec;
import io.omnistock.journal.ChronicleJournal;
import io.omnistock.journal.DurableEngine;
import io.omnistock.journal.JournalDamage;
import io.omnistock.journal.Durability;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code verify}: a good journal passes with the engine's state hash; a broken one is a finding or an error. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerifyCommandTest
{
    @TempDir
    Path dir;

    private final AuditFixture fixture = new AuditFixture();

    @Test
    void shouldPassAndPrintTheEnginesStateHash() throws Exception
    {
        final long hash = fixture.writeMorning(dir);

        final AuditFixture.Run run = AuditFixture.run(fixture.tool(), "verify", dir.toString(), "--check-every", "5");

        assertEquals(AuditTool.EXIT_OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("state hash      " + String.format("%016x", hash)), run.out());
        assertTrue(run.out().contains("events          23 in 21 documents, sequence 1..23"), run.out());
        assertTrue(run.out().contains("engine time     2026-11-27T08:00:00Z .. 2026-11-27T08:20:00Z"), run.out());
        assertTrue(run.out().contains("RESERVED           3"), run.out());
        assertTrue(run.out().contains("rejected        INSUFFICIENT_STOCK             1"), run.out());
        assertTrue(run.out().contains("checked         13 engine decisions for oversell, " +
            "1 physical oversells for their report, the invariants 5 time(s)"), run.out());
        assertTrue(run.out().endsWith("OK" + System.lineSeparator()), run.out());
    }

    @Test
    void shouldPassOnASeededRandomDayWithOversellsExpiriesAndRejections() throws Exception
    {
        final long seed = System.nanoTime();
        final long hash = writeRandomDay(new Random(seed), 3_000);

        final AuditFixture.Run run = AuditFixture.run(fixture.tool(), "verify", dir.toString(), "--check-every", "250");

        assertEquals(AuditTool.EXIT_OK, run.exitCode(), "seed " + seed + "\n" + run.out() + run.err());
        assertTrue(run.out().contains("state hash      " + String.format("%016x", hash)), run.out());
        assertTrue(run.out().contains("OVERSOLD"), "the day should include physical oversells: " + run.out());
        assertTrue(run.out().contains("EXPIRED"), "the day should include expiries: " + run.out());
    }

    @Test
    void shouldExitTwoWithTheReasonOnACorruptedJournal() throws Exception
    {
        fixture.writeMorning(dir);
        JournalDamage.flipFirst(dir.resolve(DurableEngine.EVENTS), "order-2");

        final AuditFixture.Run run = AuditFixture.run(fixture.tool(), "verify", dir.toString());

        assertEquals(AuditTool.EXIT_ERROR, run.exitCode(), run.out());
        assertTrue(run.err().startsWith("error: journal "), run.err());
        assertTrue(run.err().contains("checksum mismatch"), run.err());
    }

    @Test
    void shouldExitOneWhenARecordDrivesAvailableBelowZero() throws Exception
    {
        fixture.writeMorning(dir);
        // a forged reservation of 100 units where 24 are available: replay applies facts, verify must object
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final EventCodec codec = new EventCodec();
        codec.wrap(buffer);
        codec.begin(EventType.RESERVED.code(), 0, AuditFixture.EVENTS + 1, AuditFixture.START_MS + 21 * 60_000, null,
                new AsciiKey().set("forged"))
            .channel(0)
            .kind(FulfilmentType.SHIP.code())
            .deadlineMs(AuditFixture.START_MS + 60 * 60_000)
            .reservationState(ReservationState.HELD.code())
            .line(0, 1, 100)
            .end();
        try (ChronicleJournal journal = ChronicleJournal.open(dir.resolve(DurableEngine.EVENTS), Durability.ASYNC))
        {
            journal.append(buffer, codec.limit(), codec.count());
        }

        final AuditFixture.Run run = AuditFixture.run(fixture.tool(), "verify", dir.toString());

        assertEquals(AuditTool.EXIT_FINDINGS, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("violation after #24: RESERVED (an engine decision) drove available of SKU-1 " +
            "at STORE-1 from 24 to -76"), run.out());
        assertTrue(run.out().endsWith("FAILED: 1 violation(s)" + System.lineSeparator()), run.out());
    }

    @Test
    void shouldPassOnAnEmptyJournal() throws Exception
    {
        Files.createDirectories(dir.resolve(DurableEngine.EVENTS));

        final AuditFixture.Run run = AuditFixture.run(fixture.tool(), "verify", dir.toString());

        assertEquals(AuditTool.EXIT_OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("events          0 in 0 documents, sequence none"), run.out());
    }

    /** Random commands of every kind on 3 SKUs at 3 locations, so that stock runs short often. */
    private long writeRandomDay(final Random random, final int commands) throws Exception
    {
        final String[] skus = {"S0", "S1", "S2"};
        final String[] locations = {"L0", "L1", "L2"};
        try (OmnistockEngine engine = DurableEngine.open(dir, Durability.ASYNC, fixture.config()))
        {
            for (final String sku : skus)
            {
                engine.submit(new DefineSku("d-" + sku, sku)).get();
            }
            for (final String location : locations)
            {
                engine.submit(new DefineLocation("d-" + location, location, LocationType.STORE, LocationCapability.ALL,
                    1, 0, 0)).get();
            }
            engine.submit(new DefineChannel("d-web", "web", List.of(locations))).get();
            for (int i = 0; i < commands; i++)
            {
                final String key = "k" + i;
                final String sku = skus[random.nextInt(skus.length)];
                final String location = locations[random.nextInt(locations.length)];
                final String order = "o" + random.nextInt(Math.max(1, i / 4 + 1));
                final int quantity = 1 + random.nextInt(4);
                fixture.clockMs.addAndGet(random.nextInt(20_000));
                final Command command;
                switch (random.nextInt(14))
                {
                    case 0: command = new Receive(key, sku, location, quantity * 3); break;
                    case 1: command = new PosSale(key, "web", sku, location, quantity); break;
                    case 2: command = new CycleCount(key, sku, location, random.nextInt(5)); break;
                    case 3: command = new Adjust(key, sku, location, random.nextBoolean() ? -quantity : quantity,
                        StockBucket.values()[random.nextInt(StockBucket.values().length)], AdjustmentReason.CORRECTION);
                        break;
                    case 4: command = new SetSafetyStock(key, sku, location, random.nextInt(3)); break;
                    case 5: command = new TransferOut(key, "t" + i, sku, location, locations[(i + 1) % 3], quantity); break;
                    case 6: command = new TransferIn(key, "t" + (i - 1 - random.nextInt(20)), quantity); break;
                    case 7: command = new Return(key, "web", sku, location, quantity,
                        Disposition.values()[random.nextInt(Disposition.values().length)]); break;
                    case 8: command = new Confirm(key, order); break;
                    case 9: command = new Release(key, order); break;
                    case 10: command = Fulfil.all(key, order); break;
                    case 11: command = new ExpectReceipt(key, sku, location, quantity); break;
                    default: command = Reserve.of(key, "o" + i, "web", FulfilmentType.SHIP,
                        60_000 + random.nextInt(120_000), random.nextBoolean() ?
                            ReserveLine.at(sku, location, quantity) : ReserveLine.anywhere(sku, quantity));
                }
                engine.submit(command).get();
            }
            return engine.stateHash();
        }
    }
}
