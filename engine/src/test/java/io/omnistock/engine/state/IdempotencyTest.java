package io.omnistock.engine.state;

import io.omnistock.api.Adjust;
import io.omnistock.api.AdjustmentReason;
import io.omnistock.api.AdvanceTime;
import io.omnistock.api.Command;
import io.omnistock.api.Confirm;
import io.omnistock.api.CycleCount;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Disposition;
import io.omnistock.api.EventType;
import io.omnistock.api.ExpectReceipt;
import io.omnistock.api.ExtendHold;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.Limits;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.ReservationState;
import io.omnistock.api.Return;
import io.omnistock.api.SetSafetyStock;
import io.omnistock.api.StockBucket;
import io.omnistock.api.TransferIn;
import io.omnistock.api.TransferOut;
import io.omnistock.engine.state.MachineHarness.Decoded;
import io.omnistock.engine.state.MachineHarness.Outcome;
import io.omnistock.engine.state.MachineHarness.Stock;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.omnistock.api.ReasonCode.*;
import static io.omnistock.engine.state.MachineHarness.DC;
import static io.omnistock.engine.state.MachineHarness.OUTLET;
import static io.omnistock.engine.state.MachineHarness.POS;
import static io.omnistock.engine.state.MachineHarness.SKU_1;
import static io.omnistock.engine.state.MachineHarness.SKU_2;
import static io.omnistock.engine.state.MachineHarness.START_MS;
import static io.omnistock.engine.state.MachineHarness.STORE;
import static io.omnistock.engine.state.MachineHarness.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariant 4: a command repeated with the same key returns the first outcome, emits nothing and changes nothing;
 * the same key with a different payload (or another command type) is an {@code IDEMPOTENCY_CONFLICT}. Which
 * outcomes are remembered follows the state machine's contract: applied commands and reference (2xx), stock (3xx)
 * and lifecycle (4xx) rejections are; validation (1xx), idempotency (5xx) and capacity (6xx) rejections, and
 * boundary rejections that never reach the writer, are not, so the caller may fix and resend with the same key.
 */
class IdempotencyTest
{
    @Test
    void shouldReturnFirstOutcomeForSameKeyAndPayloadWithoutEventsOrChange()
    {
        final MachineHarness h = MachineHarness.standard();
        final Outcome first = h.send(new Receive("receipt-1", SKU_1, DC, 5));
        final long state = h.machine().stateHash();
        final long sequence = h.machine().sequence();

        final Outcome again = h.send(new Receive("receipt-1", SKU_1, DC, 5));

        assertEquals(OK, first.code());
        assertFalse(first.duplicate());
        assertEquals(OK, again.code());
        assertTrue(again.duplicate());
        assertEquals(first.sequence(), again.sequence());
        assertEquals(List.of(), again.events());
        assertEquals(state, h.machine().stateHash());
        assertEquals(sequence, h.machine().sequence());
        assertEquals(Stock.NONE.onHand(5).available(5), h.stock(SKU_1, DC));
        assertEquals(5, h.atp(SKU_1, WEB));
    }

    @Test
    void shouldReplayReservationWithTheLocationsItWasHeldAt()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 1);
        h.receive(SKU_1, STORE, 10);
        final Reserve reserve = new Reserve("order-7", "r1", WEB, FulfilmentType.SHIP, 10_000,
            List.of(ReserveLine.anywhere(SKU_1, 3), ReserveLine.at(SKU_1, DC, 1)));
        final Outcome first = h.send(reserve);
        final long state = h.machine().stateHash();

        final Outcome again = h.send(reserve);

        assertEquals(OK, again.code());
        assertTrue(again.duplicate());
        assertEquals(List.of(STORE, DC), first.lineLocations());
        assertEquals(first.lineLocations(), again.lineLocations());
        assertEquals(first.sequence(), again.sequence());
        assertEquals(List.of(), again.events());
        assertEquals(state, h.machine().stateHash());
        assertEquals(Stock.NONE.onHand(10).reserved(3).available(7), h.stock(SKU_1, STORE));
    }

    @Test
    void shouldReturnFirstOutcomeEvenAfterStateHasMovedOn()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        final Reserve reserve = Reserve.of("order-7", "r1", WEB, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 4));
        final Outcome first = h.send(reserve);
        h.release("r1");
        final long state = h.machine().stateHash();

        final Outcome again = h.send(reserve);

        assertEquals(OK, again.code());
        assertTrue(again.duplicate());
        assertEquals(first.sequence(), again.sequence());
        assertEquals(ReservationState.RELEASED, h.state("r1"));
        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, DC));
        assertEquals(state, h.machine().stateHash());
    }

    @Test
    void shouldReplayEveryKindOfAppliedCommandWithoutApplyingItAgain()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 50);
        h.receive(SKU_1, STORE, 50);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 5));
        h.reserve("r2", ReserveLine.at(SKU_1, DC, 5));
        h.confirm("r2");
        h.reserve("r3", ReserveLine.at(SKU_1, DC, 5));
        h.transferOut("t1", SKU_1, DC, STORE, 5);
        final List<Command> commands = List.of(
            new DefineSku("a1", "sku-3"),
            new DefineLocation("a2", "dark", LocationType.DARK_STORE, LocationCapability.SHIPS, 4, 0, 0),
            new DefineChannel("a3", "app", List.of(DC, STORE)),
            new Receive("a4", SKU_1, DC, 3),
            new ExpectReceipt("a5", SKU_1, DC, 3),
            new Adjust("a6", SKU_1, DC, -2, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE),
            new CycleCount("a7", SKU_1, STORE, 40),
            new SetSafetyStock("a8", SKU_1, STORE, 2),
            new PosSale("a9", POS, SKU_1, STORE, 1),
            new TransferOut("a10", "t2", SKU_1, DC, OUTLET, 2),
            new TransferIn("a11", "t1", 2),
            new Return("a12", WEB, SKU_1, STORE, 1, Disposition.DAMAGED),
            new ExtendHold("a13", "r1", 20_000),
            new Confirm("a14", "r1"),
            Fulfil.lines("a15", "r2", 2),
            new Release("a16", "r3"),
            new AdvanceTime("a17", START_MS + 1));

        for (final Command command : commands)
        {
            final Outcome first = h.send(command);
            assertEquals(OK, first.code(), command::toString);
            final long state = h.machine().stateHash();

            final Outcome again = h.send(command);

            assertEquals(OK, again.code(), command::toString);
            assertTrue(again.duplicate(), command::toString);
            assertEquals(first.sequence(), again.sequence(), command::toString);
            assertEquals(List.of(), again.events(), command::toString);
            assertEquals(state, h.machine().stateHash(), command::toString);
        }
    }

    @Test
    void shouldRejectSameKeyWithDifferentPayloadAsConflictAndKeepFirstOutcome()
    {
        final MachineHarness h = MachineHarness.standard();
        final Outcome first = h.send(new Receive("receipt-1", SKU_1, DC, 5));
        final long inventory = h.machine().inventoryHash();

        final Outcome conflict = h.send(new Receive("receipt-1", SKU_1, DC, 6));

        assertEquals(IDEMPOTENCY_CONFLICT, conflict.code());
        assertFalse(conflict.duplicate());
        final Decoded rejected = conflict.event(EventType.REJECTED);
        assertEquals(List.of(EventType.REJECTED), conflict.eventTypes());
        assertEquals(IDEMPOTENCY_CONFLICT, rejected.reasonCode());
        assertEquals("receipt-1", rejected.commandKey());
        assertEquals(inventory, h.machine().inventoryHash());
        assertEquals(Stock.NONE.onHand(5).available(5), h.stock(SKU_1, DC));

        final Outcome original = h.send(new Receive("receipt-1", SKU_1, DC, 5));

        assertEquals(OK, original.code());
        assertTrue(original.duplicate());
        assertEquals(first.sequence(), original.sequence());
        assertEquals(IDEMPOTENCY_CONFLICT, h.send(new Receive("receipt-1", SKU_1, DC, 6)).code());
        assertEquals(Stock.NONE.onHand(5).available(5), h.stock(SKU_1, DC));
    }

    @Test
    void shouldShareOneKeySpaceAcrossCommandTypes()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.send(Reserve.of("order-7", "order-7", WEB, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 1)));
        final long inventory = h.machine().inventoryHash();

        assertEquals(IDEMPOTENCY_CONFLICT, h.send(new Confirm("order-7", "order-7")).code());
        assertEquals(IDEMPOTENCY_CONFLICT, h.send(new Receive("order-7", SKU_1, DC, 1)).code());
        assertEquals(inventory, h.machine().inventoryHash());
        assertEquals(ReservationState.HELD, h.state("order-7"));
        assertEquals(OK, h.send(new Confirm("order-7/confirm", "order-7")).code());
    }

    @Test
    void shouldTreatEveryPayloadFieldAsPartOfTheCommand()
    {
        final List<List<Command>> pairs = List.of(
            List.of(new Receive("x", SKU_1, DC, 1), new Receive("x", SKU_2, DC, 1)),
            List.of(new Receive("x", SKU_1, DC, 1), new Receive("x", SKU_1, STORE, 1)),
            List.of(new Receive("x", SKU_1, DC, 1), new ExpectReceipt("x", SKU_1, DC, 1)),
            List.of(new Adjust("x", SKU_1, DC, 1, StockBucket.SELLABLE, AdjustmentReason.FOUND),
                new Adjust("x", SKU_1, DC, 1, StockBucket.DAMAGED, AdjustmentReason.FOUND)),
            List.of(new Adjust("x", SKU_1, DC, 1, StockBucket.SELLABLE, AdjustmentReason.FOUND),
                new Adjust("x", SKU_1, DC, 1, StockBucket.SELLABLE, AdjustmentReason.CORRECTION)),
            List.of(new Return("x", WEB, SKU_1, DC, 1, Disposition.RESTOCK),
                new Return("x", POS, SKU_1, DC, 1, Disposition.RESTOCK)),
            List.of(new Return("x", WEB, SKU_1, DC, 1, Disposition.RESTOCK),
                new Return("x", WEB, SKU_1, DC, 1, Disposition.QUARANTINE)),
            List.of(new TransferOut("x", "t1", SKU_1, DC, STORE, 1), new TransferOut("x", "t1", SKU_1, DC, OUTLET, 1)),
            List.of(new TransferOut("x", "t1", SKU_1, DC, STORE, 1), new TransferOut("x", "t2", SKU_1, DC, STORE, 1)),
            List.of(Reserve.of("x", "r1", WEB, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 1)),
                Reserve.of("x", "r1", WEB, FulfilmentType.SHIP, 20_000, ReserveLine.at(SKU_1, DC, 1))),
            List.of(Reserve.of("x", "r1", WEB, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 1)),
                Reserve.of("x", "r1", WEB, FulfilmentType.SAME_DAY, 10_000, ReserveLine.at(SKU_1, DC, 1))),
            List.of(Reserve.of("x", "r1", WEB, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 1)),
                Reserve.of("x", "r1", WEB, FulfilmentType.SHIP, 10_000, ReserveLine.anywhere(SKU_1, 1))),
            List.of(new Reserve("x", "r1", WEB, FulfilmentType.SHIP, 10_000,
                    List.of(ReserveLine.at(SKU_1, DC, 1), ReserveLine.at(SKU_2, DC, 1))),
                new Reserve("x", "r1", WEB, FulfilmentType.SHIP, 10_000,
                    List.of(ReserveLine.at(SKU_2, DC, 1), ReserveLine.at(SKU_1, DC, 1)))),
            List.of(new DefineLocation("x", "new", LocationType.STORE, LocationCapability.ALL, 1, 0, 0),
                new DefineLocation("x", "new", LocationType.STORE, LocationCapability.ALL, 1, 0, 1)),
            List.of(new DefineChannel("x", "app", List.of(DC)), new DefineChannel("x", "app", List.of(DC, STORE))),
            List.of(Fulfil.all("x", "r9"), Fulfil.lines("x", "r9", 1)));

        for (final List<Command> pair : pairs)
        {
            final MachineHarness h = MachineHarness.standard();
            h.receive(SKU_1, DC, 10);
            h.receive(SKU_2, DC, 10);
            h.reserve("r9", ReserveLine.at(SKU_1, DC, 1));
            h.confirm("r9");
            assertEquals(OK, h.send(pair.get(0)).code(), pair::toString);
            final long inventory = h.machine().inventoryHash();

            assertEquals(IDEMPOTENCY_CONFLICT, h.send(pair.get(1)).code(), pair::toString);
            assertEquals(inventory, h.machine().inventoryHash(), pair::toString);
        }
    }

    @Test
    void shouldRememberReferenceRejection()
    {
        final MachineHarness h = MachineHarness.standard();
        final Outcome first = h.send(new Receive("receipt-1", "sku-3", DC, 5));
        h.defineSku("sku-3");
        final long state = h.machine().stateHash();

        final Outcome again = h.send(new Receive("receipt-1", "sku-3", DC, 5));

        assertEquals(UNKNOWN_SKU, first.code());
        assertEquals(UNKNOWN_SKU, again.code());
        assertTrue(again.duplicate());
        assertEquals(first.sequence(), again.sequence());
        assertEquals(List.of(), again.events());
        assertEquals(state, h.machine().stateHash());
        assertNull(h.stock("sku-3", DC));
        assertEquals(OK, h.send(new Receive("receipt-2", "sku-3", DC, 5)).code());
    }

    @Test
    void shouldRememberStockRejectionWithItsLineAndAvailable()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 2);
        final Reserve reserve = new Reserve("order-7", "r1", WEB, FulfilmentType.SHIP, 10_000,
            List.of(ReserveLine.at(SKU_2, DC, 1), ReserveLine.at(SKU_1, DC, 3)));
        h.receive(SKU_2, DC, 1);
        final Outcome first = h.send(reserve);
        h.receive(SKU_1, DC, 10);
        final long state = h.machine().stateHash();

        final Outcome again = h.send(reserve);

        assertEquals(INSUFFICIENT_STOCK, first.code());
        assertEquals(INSUFFICIENT_STOCK, again.code());
        assertTrue(again.duplicate());
        assertEquals(1, again.lineIndex());
        assertEquals(2, again.available());
        assertEquals(first.sequence(), again.sequence());
        assertEquals(List.of(), again.lineLocations());
        assertEquals(state, h.machine().stateHash());
        assertNull(h.reservation("r1"));
        assertEquals(Stock.NONE.onHand(12).available(12), h.stock(SKU_1, DC));
    }

    @Test
    void shouldRememberLifecycleRejection()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));
        final Outcome first = h.send(Fulfil.all("ship-r1", "r1"));
        h.confirm("r1");

        final Outcome again = h.send(Fulfil.all("ship-r1", "r1"));

        assertEquals(RESERVATION_NOT_COMMITTED, first.code());
        assertEquals(RESERVATION_NOT_COMMITTED, again.code());
        assertTrue(again.duplicate());
        assertEquals(Stock.NONE.onHand(10).committed(3).available(7), h.stock(SKU_1, DC));
        assertEquals(OK, h.send(Fulfil.all("ship-r1-again", "r1")).code());
        assertEquals(ReservationState.FULFILLED, h.state("r1"));
    }

    @Test
    void shouldNotRememberValidationRejectionSoTheCallerMayFixAndResend()
    {
        final MachineHarness h = MachineHarness.standard();
        final Outcome zero = h.send(new Receive("receipt-1", SKU_1, DC, 0));
        final Outcome zeroAgain = h.send(new Receive("receipt-1", SKU_1, DC, 0));

        final Outcome fixed = h.send(new Receive("receipt-1", SKU_1, DC, 5));

        assertEquals(INVALID_QUANTITY, zero.code());
        assertEquals(INVALID_QUANTITY, zeroAgain.code());
        assertFalse(zeroAgain.duplicate());
        assertEquals(List.of(EventType.REJECTED), zeroAgain.eventTypes());
        assertEquals(zero.sequence() + 1, zeroAgain.sequence());
        assertEquals(OK, fixed.code());
        assertFalse(fixed.duplicate());
        assertEquals(Stock.NONE.onHand(5).available(5), h.stock(SKU_1, DC));
        assertTrue(h.send(new Receive("receipt-1", SKU_1, DC, 5)).duplicate());
    }

    @Test
    void shouldNotRememberHoldDurationRejection()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);

        final Outcome tooLong = h.send(Reserve.of("order-7", "r1", WEB, FulfilmentType.SHIP,
            h.config().holdMaxMs() + 1, ReserveLine.at(SKU_1, DC, 1)));
        final Outcome fixed = h.send(Reserve.of("order-7", "r1", WEB, FulfilmentType.SHIP, 10_000,
            ReserveLine.at(SKU_1, DC, 1)));

        assertEquals(INVALID_HOLD_DURATION, tooLong.code());
        assertEquals(OK, fixed.code());
        assertFalse(fixed.duplicate());
        assertEquals(ReservationState.HELD, h.state("r1"));
    }

    @Test
    void shouldNotRememberCapacityRejectionSoTheSameKeySucceedsOnceThereIsRoom()
    {
        final MachineHarness h = MachineHarness.standard(MachineHarness.testConfig().reservationCapacity(1));
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 1));
        final Reserve reserve = Reserve.of("order-8", "r2", WEB, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 2));

        final Outcome full = h.send(reserve);
        h.release("r1");
        final Outcome roomy = h.send(reserve);

        assertEquals(RESERVATION_CAPACITY_EXHAUSTED, full.code());
        assertEquals(OK, roomy.code());
        assertFalse(roomy.duplicate());
        assertEquals(Stock.NONE.onHand(10).reserved(2).available(8), h.stock(SKU_1, DC));
    }

    @Test
    void shouldNotRememberBoundaryRejectionThatNeverReachedTheWriter()
    {
        final MachineHarness h = MachineHarness.standard();
        final long state = h.machine().stateHash();

        final Outcome bad = h.send(new DefineSku("define-3", "sku 3"));

        assertEquals(INVALID_ID, bad.code());
        assertFalse(bad.applied());
        assertEquals(state, h.machine().stateHash());

        final Outcome good = h.send(new DefineSku("define-3", "sku-3"));

        assertEquals(OK, good.code());
        assertFalse(good.duplicate());
    }

    @Test
    void shouldRejectNewKeysWhileTheTableIsFullOfKeysInsideRetention()
    {
        final MachineHarness h = MachineHarness.empty(MachineHarness.testConfig()
            .idempotencyCapacity(3).idempotencyRetentionMs(60_000));
        h.send(new DefineSku("define-sku", SKU_1));
        h.send(new DefineLocation("define-dc", DC, LocationType.WAREHOUSE, LocationCapability.ALL, 1, 0, 0));
        h.at(START_MS + 30_000).send(new DefineChannel("define-web", WEB, List.of(DC)));
        final long inventory = h.machine().inventoryHash();

        final Outcome full = h.send(new Receive("receipt-1", SKU_1, DC, 5));

        assertEquals(IDEMPOTENCY_CAPACITY_EXHAUSTED, full.code());
        assertEquals(IDEMPOTENCY_CAPACITY_EXHAUSTED, full.event(EventType.REJECTED).reasonCode());
        assertEquals(inventory, h.machine().inventoryHash());
        assertNull(h.stock(SKU_1, DC));
        assertTrue(h.send(new DefineSku("define-sku", SKU_1)).duplicate(), "remembered keys still answer");

        final Outcome later = h.at(START_MS + 60_000).send(new Receive("receipt-1", SKU_1, DC, 5));

        assertEquals(OK, later.code(), "the oldest key has passed its retention and is forgotten");
        assertEquals(OK, h.send(new Receive("receipt-2", SKU_1, DC, 5)).code());
        assertEquals(IDEMPOTENCY_CAPACITY_EXHAUSTED, h.send(new Receive("receipt-3", SKU_1, DC, 5)).code(),
            "the next oldest key is only 30 seconds old");
        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, DC));
    }

    @Test
    void shouldForgetKeyOnlyAfterRetentionAndThenDecideItAnew()
    {
        final MachineHarness h = MachineHarness.empty(MachineHarness.testConfig()
            .idempotencyCapacity(4).idempotencyRetentionMs(60_000));
        h.send(new DefineSku("define-sku", SKU_1));
        h.send(new DefineLocation("define-dc", DC, LocationType.WAREHOUSE, LocationCapability.ALL, 1, 0, 0));
        h.send(new DefineChannel("define-web", WEB, List.of(DC)));
        h.send(new Receive("receipt-1", SKU_1, DC, 5));

        assertTrue(h.at(START_MS + 59_999).send(new Receive("receipt-1", SKU_1, DC, 5)).duplicate());
        assertEquals(5, h.stock(SKU_1, DC).onHand());

        h.at(START_MS + 60_000);
        for (int i = 2; i <= 5; i++)
        {
            assertEquals(OK, h.send(new Receive("receipt-" + i, SKU_1, DC, 1)).code());
        }
        assertEquals(9, h.stock(SKU_1, DC).onHand());
        final Outcome anew = h.at(START_MS + 120_000).send(new Receive("receipt-1", SKU_1, DC, 5));

        assertEquals(OK, anew.code());
        assertFalse(anew.duplicate(), "a key forgotten after its retention is a new command");
        assertEquals(14, h.stock(SKU_1, DC).onHand());
    }

    @Test
    void shouldStillFireDueExpiriesWhenOnlyADuplicateArrives()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 4));
        h.send(new Receive("receipt-1", SKU_1, STORE, 1));

        final Outcome again = h.at(START_MS + 10_000).send(new Receive("receipt-1", SKU_1, STORE, 1));

        assertTrue(again.duplicate());
        assertEquals(List.of(EventType.EXPIRED), again.eventTypes());
        assertEquals(ReservationState.EXPIRED, h.state("r1"));
        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.onHand(1).available(1), h.stock(SKU_1, STORE));
    }
    @Test
    void shouldRecogniseRetriesOnAMachineRebuiltFromItsJournalOrItsSnapshot()
    {
        // four keys remembered: the fixture's seven definitions are forgotten to make room for the receipts
        final MachineHarness h = MachineHarness.standard(
            MachineHarness.testConfig().idempotencyCapacity(4).idempotencyRetentionMs(0));
        for (int i = 1; i <= 4; i++)
        {
            assertEquals(OK, h.send(new Receive("receipt-" + i, SKU_1, DC, i)).code());
        }
        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(1024);
        h.machine().writeSnapshot(new SnapshotCursor(snapshot, 0));

        for (final StateMachine rebuilt : List.of(h.assertReplays(),
            StateMachine.loadSnapshot(h.config(), new SnapshotCursor(snapshot, 0))))
        {
            final CommandSlot remembered = decide(h, rebuilt, new Receive("receipt-1", SKU_1, DC, 1));
            assertEquals(OK, remembered.code);
            assertTrue(remembered.duplicate, "a key the journal remembered is still remembered");
            assertEquals(0, remembered.eventCount);

            final CommandSlot forgotten = decide(h, rebuilt, new DefineSku("k1", SKU_1));
            assertEquals(ALREADY_DEFINED, forgotten.code);
            assertFalse(forgotten.duplicate, "a key forgotten before the journal ended is decided anew");

            final CommandSlot anew = decide(h, rebuilt, new Receive("receipt-1", SKU_1, DC, 1));
            assertEquals(OK, anew.code);
            assertFalse(anew.duplicate, "remembering k1 forgot receipt-1, the oldest key");
            assertTrue(decide(h, rebuilt, new Receive("receipt-4", SKU_1, DC, 4)).duplicate);
            assertFalse(decide(h, rebuilt, new Receive("receipt-2", SKU_1, DC, 2)).duplicate,
                "remembering receipt-1 again forgot receipt-2");
            assertEquals(1 + 2 + 3 + 4 + 1 + 2, rebuilt.positionAt(0).onHand());
        }
    }

    @Test
    void shouldRecogniseRetriesOfCommandsRememberedWithTheLegacyPayloadHash()
    {
        final MachineHarness h = MachineHarness.standard();
        final Receive receipt = new Receive("receipt-1", SKU_1, DC, 10);
        final Reserve reserve = new Reserve("reserve-1", "order-1", WEB, FulfilmentType.SHIP, 60_000,
            List.of(ReserveLine.at(SKU_1, DC, 2)));
        final Release release = new Release("release-1", "order-1");
        final java.util.Map<String, Long> legacy = new java.util.HashMap<>();
        for (final Command command : List.of(receipt, reserve, release))
        {
            final CommandSlot slot = new CommandSlot(h.config().linesPerReservationMax());
            assertEquals(OK, h.translator().translate(command, h.clockMs(), slot));
            assertTrue(slot.payloadHash() != slot.legacyPayloadHash(), "the two hashes differ");
            legacy.put(slot.key.toString(), slot.legacyPayloadHash());
            assertTrue(h.send(command).ok());
        }

        // the journal as a build before format 4 wrote it: version 3 records carrying the legacy payload hash; and
        // the same hashes in version 4 records, which replay into what such a build held in memory
        final UnsafeBuffer olderFormat = withLegacyHashes(h.journalBytes(), legacy, (short)3);
        final UnsafeBuffer olderBuild = withLegacyHashes(h.journalBytes(), legacy, EventCodec.VERSION);
        final StateMachine replayed = replayAll(h, olderFormat);
        final StateMachine olderBuildMachine = replayAll(h, olderBuild);
        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(4096);
        replayed.writeSnapshot(new SnapshotCursor(snapshot, 0));
        final ExpandableArrayBuffer formatTwoSnapshot = new ExpandableArrayBuffer(4096);
        olderBuildMachine.writeSnapshot(new SnapshotCursor(formatTwoSnapshot, 0));

        assertEquals(IDEMPOTENCY_CONFLICT, decide(h, olderBuildMachine, receipt).code,
            "control: a legacy hash taken for a current one does not match");
        for (final StateMachine rebuilt : List.of(replayed,
            StateMachine.loadSnapshot(h.config(), new SnapshotCursor(snapshot, 0)),
            StateMachine.loadSnapshot(h.config(), new SnapshotCursor(formatTwoSnapshot, 0), true)))
        {
            for (final Command command : List.of(receipt, reserve, release))
            {
                final CommandSlot retry = decide(h, rebuilt, command);
                assertEquals(OK, retry.code, command.toString());
                assertTrue(retry.duplicate, "a retry of " + command);
                assertEquals(0, retry.eventCount);
            }
            assertEquals(IDEMPOTENCY_CONFLICT, decide(h, rebuilt, new Receive("receipt-1", SKU_1, DC, 11)).code);
            assertEquals(10, rebuilt.positionAt(0).onHand());
        }
    }

    /** @return a copy of the records at a format version, each remembered key's payload hash the legacy one. */
    private static UnsafeBuffer withLegacyHashes(
        final byte[] bytes, final java.util.Map<String, Long> legacy, final short version)
    {
        final UnsafeBuffer journal = new UnsafeBuffer(bytes);
        for (int offset = 0; offset < bytes.length; offset += journal.getInt(offset + EventCodec.LENGTH_OFFSET))
        {
            journal.putShort(offset + EventCodec.VERSION_OFFSET, version);
            final String key = journal.getStringWithoutLengthAscii(offset + EventCodec.HEADER_LENGTH,
                journal.getByte(offset + EventCodec.KEY_LENGTH_OFFSET));
            if (legacy.containsKey(key))
            {
                journal.putLong(offset + EventCodec.PAYLOAD_HASH_OFFSET, legacy.get(key));
            }
        }
        return journal;
    }

    private static StateMachine replayAll(final MachineHarness h, final UnsafeBuffer journal)
    {
        final StateMachine machine = new StateMachine(h.config());
        for (int offset = 0; offset < journal.capacity(); offset += journal.getInt(offset + EventCodec.LENGTH_OFFSET))
        {
            machine.replay(journal, offset);
        }
        assertEquals(h.machine().inventoryHash(), machine.inventoryHash());
        return machine;
    }

    @Test
    void shouldIndexKeysRememberedLiveAndKeysReplayedAfterThem()
    {
        final MachineHarness h = MachineHarness.standard(
            MachineHarness.testConfig().idempotencyCapacity(4).idempotencyRetentionMs(0));
        h.send(new Receive("receipt-1", SKU_1, DC, 1));
        h.send(new Receive("receipt-2", SKU_1, DC, 2));
        final StateMachine follower = new StateMachine(h.config());
        final int replayed = h.replayInto(follower, 0);
        assertTrue(decide(h, follower, new Receive("receipt-2", SKU_1, DC, 2)).duplicate, "indexed by the first apply");

        // the journal goes on, and is replayed on top of a table that already holds keys
        for (int i = 3; i <= 5; i++)
        {
            h.send(new Receive("receipt-" + i, SKU_1, DC, i));
        }
        h.replayInto(follower, replayed);

        assertEquals(h.machine().stateHash(), follower.stateHash());
        assertTrue(decide(h, follower, new Receive("receipt-5", SKU_1, DC, 5)).duplicate);
        assertTrue(decide(h, follower, new Receive("receipt-2", SKU_1, DC, 2)).duplicate);
        final CommandSlot forgotten = decide(h, follower, new Receive("receipt-1", SKU_1, DC, 1));
        assertEquals(OK, forgotten.code);
        assertFalse(forgotten.duplicate, "receipt-1 was forgotten to make room for receipt-5");
        assertEquals(1 + 2 + 3 + 4 + 5 + 1, follower.positionAt(0).onHand());
    }

    @Test
    void shouldRefuseToReplayARecordWhoseKeyIsLongerThanAnyId()
    {
        final MachineHarness h = MachineHarness.standard();
        h.send(new Receive("receipt-1", SKU_1, DC, 1));
        final UnsafeBuffer journal = new UnsafeBuffer(h.journalBytes());
        int last = 0;
        while (last + journal.getInt(last + EventCodec.LENGTH_OFFSET) < journal.capacity())
        {
            last += journal.getInt(last + EventCodec.LENGTH_OFFSET);
        }
        journal.putByte(last + EventCodec.KEY_LENGTH_OFFSET, (byte)(Limits.ID_LENGTH_MAX + 1));
        final StateMachine replayed = new StateMachine(h.config());
        for (int offset = 0; offset < last; offset += journal.getInt(offset + EventCodec.LENGTH_OFFSET))
        {
            replayed.replay(journal, offset);
        }

        final int record = last;
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> replayed.replay(journal, record));
        assertTrue(refused.getMessage().contains("key and reference lengths"), refused.getMessage());
    }

    private static CommandSlot decide(final MachineHarness h, final StateMachine machine, final Command command)
    {
        final CommandSlot slot = new CommandSlot(h.config().linesPerReservationMax());
        assertEquals(OK, h.translator().translate(command, h.clockMs(), slot));
        machine.apply(slot);
        return slot;
    }
}
