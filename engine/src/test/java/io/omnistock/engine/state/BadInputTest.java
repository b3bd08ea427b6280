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
import io.omnistock.api.ReasonCode;
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
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static io.omnistock.api.Limits.QUANTITY_MAX;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariant 7: bad input gets a clear, typed rejection and changes nothing. Each case checks the reason code and
 * that {@link StateMachine#inventoryHash()} is unchanged. A rejection at the API boundary ({@link CommandTranslator})
 * never reaches the writer, so the whole {@link StateMachine#stateHash()} and the sequence stay as they were; a
 * rejection decided by the writer is recorded as exactly one REJECTED event naming the command type and the code.
 *
 * <p>The command records do no validation of their own: they accept nulls and any strings, and the boundary
 * answers with a code. Only a null command or a null enum is {@code INVALID_ARGUMENT}; ids are {@code INVALID_ID},
 * the idempotency key {@code INVALID_KEY}.
 */
class BadInputTest
{
    private static final String LONGEST_ID = "x".repeat(Limits.ID_LENGTH_MAX);
    private static final List<String> BAD_IDS =
        Arrays.asList(null, "", "x".repeat(Limits.ID_LENGTH_MAX + 1), "a b", "tab\t", "caf\u00e9", "nul\u0000",
            "del\u007f");
    private static final long OVER_MAX = QUANTITY_MAX + 1;

    // ------------------------------------------------------------------------------------------------------
    // Quantities
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldRejectZeroAndNegativeQuantitiesOfEveryMovement()
    {
        final MachineHarness h = stocked();

        for (final long quantity : new long[] {0, -1, Long.MIN_VALUE})
        {
            writerRejects(h, INVALID_QUANTITY, new Receive(h.nextKey(), SKU_1, DC, quantity));
            writerRejects(h, INVALID_QUANTITY, new ExpectReceipt(h.nextKey(), SKU_1, DC, quantity));
            writerRejects(h, INVALID_QUANTITY, new PosSale(h.nextKey(), POS, SKU_1, STORE, quantity));
            writerRejects(h, INVALID_QUANTITY, new TransferOut(h.nextKey(), "t9", SKU_1, DC, STORE, quantity));
            writerRejects(h, INVALID_QUANTITY, new TransferIn(h.nextKey(), "t1", quantity));
            writerRejects(h, INVALID_QUANTITY, new Return(h.nextKey(), WEB, SKU_1, DC, quantity, Disposition.RESTOCK));
            final Outcome line = writerRejects(h, INVALID_QUANTITY, new Reserve(h.nextKey(), "r9", WEB,
                FulfilmentType.SHIP, 10_000, List.of(ReserveLine.at(SKU_1, DC, 1), ReserveLine.at(SKU_2, DC, quantity))));
            assertEquals(1, line.lineIndex());
        }
        writerRejects(h, INVALID_QUANTITY,
            new Adjust(h.nextKey(), SKU_1, DC, 0, StockBucket.SELLABLE, AdjustmentReason.FOUND));
        writerRejects(h, INVALID_QUANTITY, new CycleCount(h.nextKey(), SKU_1, DC, -1));
        writerRejects(h, INVALID_QUANTITY, new SetSafetyStock(h.nextKey(), SKU_1, DC, -1));
        writerRejects(h, INVALID_QUANTITY, Fulfil.lines(h.nextKey(), "committed", 0));
        writerRejects(h, INVALID_QUANTITY, Fulfil.lines(h.nextKey(), "committed", -2));
        assertEquals(OK, h.count(SKU_2, STORE, 0).code(), "a count of zero is a count");
        assertEquals(OK, h.safetyStock(SKU_2, STORE, 0).code(), "a safety stock of zero is allowed");
    }

    @Test
    void shouldRejectQuantitiesAboveTheLimit()
    {
        final MachineHarness h = stocked();

        for (final long quantity : new long[] {OVER_MAX, Long.MAX_VALUE})
        {
            writerRejects(h, QUANTITY_OVERFLOW, new Receive(h.nextKey(), SKU_1, DC, quantity));
            writerRejects(h, QUANTITY_OVERFLOW, new ExpectReceipt(h.nextKey(), SKU_1, DC, quantity));
            writerRejects(h, QUANTITY_OVERFLOW, new PosSale(h.nextKey(), POS, SKU_1, STORE, quantity));
            writerRejects(h, QUANTITY_OVERFLOW, new TransferOut(h.nextKey(), "t9", SKU_1, DC, STORE, quantity));
            writerRejects(h, QUANTITY_OVERFLOW, new TransferIn(h.nextKey(), "t1", quantity));
            writerRejects(h, QUANTITY_OVERFLOW, new Return(h.nextKey(), WEB, SKU_1, DC, quantity, Disposition.RESTOCK));
            writerRejects(h, QUANTITY_OVERFLOW, new CycleCount(h.nextKey(), SKU_1, DC, quantity));
            writerRejects(h, QUANTITY_OVERFLOW, new SetSafetyStock(h.nextKey(), SKU_1, DC, quantity));
            writerRejects(h, QUANTITY_OVERFLOW,
                new Adjust(h.nextKey(), SKU_1, DC, quantity, StockBucket.SELLABLE, AdjustmentReason.FOUND));
            writerRejects(h, QUANTITY_OVERFLOW,
                new Adjust(h.nextKey(), SKU_1, DC, -quantity, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE));
            final Outcome line = writerRejects(h, QUANTITY_OVERFLOW,
                Reserve.of(h.nextKey(), "r9", WEB, FulfilmentType.SHIP, 10_000, ReserveLine.anywhere(SKU_1, quantity)));
            assertEquals(0, line.lineIndex());
        }
        writerRejects(h, QUANTITY_OVERFLOW,
            new Adjust(h.nextKey(), SKU_1, DC, Long.MIN_VALUE, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE));
    }

    @Test
    void shouldAcceptTheLimitItselfAndRejectAnythingThatWouldPushAStockBucketAboveIt()
    {
        final MachineHarness h = MachineHarness.standard();
        assertEquals(OK, h.receive(SKU_1, DC, QUANTITY_MAX).code());
        assertEquals(OK, h.expectReceipt(SKU_1, DC, QUANTITY_MAX).code());
        assertEquals(OK, h.safetyStock(SKU_1, DC, QUANTITY_MAX).code());

        writerRejects(h, QUANTITY_OVERFLOW, new Receive(h.nextKey(), SKU_1, DC, 1));
        writerRejects(h, QUANTITY_OVERFLOW, new ExpectReceipt(h.nextKey(), SKU_1, DC, 1));
        writerRejects(h, QUANTITY_OVERFLOW,
            new Adjust(h.nextKey(), SKU_1, DC, 1, StockBucket.SELLABLE, AdjustmentReason.FOUND));
        writerRejects(h, QUANTITY_OVERFLOW,
            new Adjust(h.nextKey(), SKU_1, DC, 1, StockBucket.DAMAGED, AdjustmentReason.DAMAGE));
        writerRejects(h, QUANTITY_OVERFLOW, new Return(h.nextKey(), WEB, SKU_1, DC, 1, Disposition.QUARANTINE));
        assertEquals(Stock.NONE.onHand(QUANTITY_MAX).safetyStock(QUANTITY_MAX).incoming(QUANTITY_MAX), h.stock(SKU_1, DC));

        h.adjust(SKU_2, DC, 1, StockBucket.DAMAGED, AdjustmentReason.DAMAGE);
        writerRejects(h, QUANTITY_OVERFLOW, new CycleCount(h.nextKey(), SKU_2, DC, QUANTITY_MAX));
        assertEquals(OK, h.count(SKU_2, DC, QUANTITY_MAX - 1).code());
    }

    @Test
    void shouldRejectTransferThatWouldPushInTransitOrOnHandAboveTheLimit()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, QUANTITY_MAX);
        h.transferOut("t1", SKU_1, DC, STORE, QUANTITY_MAX);
        h.receive(SKU_1, DC, 5);

        writerRejects(h, QUANTITY_OVERFLOW, new TransferOut(h.nextKey(), "t2", SKU_1, DC, STORE, 1));

        h.transferIn("t1", QUANTITY_MAX);
        h.transferOut("t3", SKU_1, DC, STORE, 5);
        writerRejects(h, QUANTITY_OVERFLOW, new TransferIn(h.nextKey(), "t3", 5));
        assertEquals(Stock.NONE.onHand(QUANTITY_MAX).inTransit(5).available(QUANTITY_MAX), h.stock(SKU_1, STORE));
    }

    @Test
    void shouldNeverLetChannelAvailableToPromiseOverflow()
    {
        final int locations = 8_192;
        final MachineHarness h = MachineHarness.empty(MachineHarness.testConfig()
            .skuCapacity(1).channelCapacity(1).locationCapacity(locations).positionCapacity(locations)
            .idempotencyCapacity(4 * locations));
        h.defineSku(SKU_1);
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < locations; i++)
        {
            ids.add("l" + i);
            h.defineLocation("l" + i, LocationType.STORE, LocationCapability.ALL, 1);
        }
        assertEquals(OK, h.send(new DefineChannel(h.nextKey(), WEB, ids)).code());

        for (final String location : ids)
        {
            final Outcome outcome = h.receive(SKU_1, location, QUANTITY_MAX);

            assertTrue(outcome.code() == OK || outcome.code() == QUANTITY_OVERFLOW, outcome::toString);
            assertTrue(h.atp(SKU_1, WEB) >= 0, () -> "available-to-promise went negative: " + h.atp(SKU_1, WEB));
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // References
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldRejectUnknownSkuLocationAndChannelOfEveryCommand()
    {
        final MachineHarness h = stocked();

        writerRejects(h, UNKNOWN_SKU, new Receive(h.nextKey(), "ghost", DC, 1));
        writerRejects(h, UNKNOWN_LOCATION, new Receive(h.nextKey(), SKU_1, "atlantis", 1));
        writerRejects(h, UNKNOWN_SKU, new ExpectReceipt(h.nextKey(), "ghost", DC, 1));
        writerRejects(h, UNKNOWN_LOCATION, new ExpectReceipt(h.nextKey(), SKU_1, "atlantis", 1));
        writerRejects(h, UNKNOWN_SKU,
            new Adjust(h.nextKey(), "ghost", DC, 1, StockBucket.SELLABLE, AdjustmentReason.FOUND));
        writerRejects(h, UNKNOWN_LOCATION,
            new Adjust(h.nextKey(), SKU_1, "atlantis", -1, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE));
        writerRejects(h, UNKNOWN_SKU, new CycleCount(h.nextKey(), "ghost", DC, 1));
        writerRejects(h, UNKNOWN_LOCATION, new CycleCount(h.nextKey(), SKU_1, "atlantis", 1));
        writerRejects(h, UNKNOWN_SKU, new SetSafetyStock(h.nextKey(), "ghost", DC, 1));
        writerRejects(h, UNKNOWN_LOCATION, new SetSafetyStock(h.nextKey(), SKU_1, "atlantis", 1));
        writerRejects(h, UNKNOWN_CHANNEL, new PosSale(h.nextKey(), "kiosk", SKU_1, STORE, 1));
        writerRejects(h, UNKNOWN_SKU, new PosSale(h.nextKey(), POS, "ghost", STORE, 1));
        writerRejects(h, UNKNOWN_LOCATION, new PosSale(h.nextKey(), POS, SKU_1, "atlantis", 1));
        writerRejects(h, UNKNOWN_SKU, new TransferOut(h.nextKey(), "t9", "ghost", DC, STORE, 1));
        writerRejects(h, UNKNOWN_LOCATION, new TransferOut(h.nextKey(), "t9", SKU_1, "atlantis", STORE, 1));
        writerRejects(h, UNKNOWN_LOCATION, new TransferOut(h.nextKey(), "t9", SKU_1, DC, "atlantis", 1));
        writerRejects(h, UNKNOWN_TRANSFER, new TransferIn(h.nextKey(), "t9", 1));
        writerRejects(h, UNKNOWN_CHANNEL, new Return(h.nextKey(), "kiosk", SKU_1, DC, 1, Disposition.RESTOCK));
        writerRejects(h, UNKNOWN_SKU, new Return(h.nextKey(), WEB, "ghost", DC, 1, Disposition.RESTOCK));
        writerRejects(h, UNKNOWN_LOCATION, new Return(h.nextKey(), WEB, SKU_1, "atlantis", 1, Disposition.RESTOCK));
        writerRejects(h, UNKNOWN_CHANNEL,
            Reserve.of(h.nextKey(), "r9", "kiosk", FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 1)));
        final Outcome channel = writerRejects(h, UNKNOWN_LOCATION,
            new DefineChannel(h.nextKey(), "app", List.of(DC, "atlantis")));
        assertEquals(1, channel.lineIndex());
        assertEquals(-1, h.machine().channelIndexOf("app"));
    }

    @Test
    void shouldRejectLocationThatIsNotOneOfTheChannelsLocations()
    {
        final MachineHarness h = stocked();

        writerRejects(h, LOCATION_NOT_IN_CHANNEL, new PosSale(h.nextKey(), POS, SKU_1, DC, 1));
        final Outcome reserve = writerRejects(h, LOCATION_NOT_IN_CHANNEL, new Reserve(h.nextKey(), "r9", POS,
            FulfilmentType.IN_STORE, 10_000, List.of(ReserveLine.at(SKU_1, STORE, 1), ReserveLine.at(SKU_2, DC, 1))));
        assertEquals(1, reserve.lineIndex());
    }

    @Test
    void shouldRejectDuplicateLinesOfReservationAndChannel()
    {
        final MachineHarness h = stocked();

        final Outcome reserve = writerRejects(h, DUPLICATE_LINE, new Reserve(h.nextKey(), "r9", WEB, FulfilmentType.SHIP,
            10_000, List.of(ReserveLine.at(SKU_1, DC, 1), ReserveLine.at(SKU_2, DC, 1), ReserveLine.at(SKU_1, DC, 1))));
        final Outcome channel = writerRejects(h, DUPLICATE_LINE,
            new DefineChannel(h.nextKey(), "app", List.of(STORE, DC, STORE)));

        assertEquals(2, reserve.lineIndex());
        assertEquals(2, channel.lineIndex());
    }

    @Test
    void shouldRejectTooManyLinesAtTheBoundary()
    {
        final MachineHarness h = stocked();
        final int linesMax = h.config().linesPerReservationMax();
        final List<ReserveLine> lines = new ArrayList<>();
        final long[] quantities = new long[linesMax + 1];
        for (int i = 0; i <= linesMax; i++)
        {
            lines.add(ReserveLine.at("sku-" + i, DC, 1));
            quantities[i] = 1;
        }
        final List<String> locations = new ArrayList<>();
        for (int i = 0; i <= h.config().locationCapacity(); i++)
        {
            locations.add("l" + i);
        }

        boundaryRejects(h, TOO_MANY_LINES, new Reserve(h.nextKey(), "r9", WEB, FulfilmentType.SHIP, 10_000, lines));
        boundaryRejects(h, TOO_MANY_LINES, Fulfil.lines(h.nextKey(), "committed", quantities));
        boundaryRejects(h, TOO_MANY_LINES, new DefineChannel(h.nextKey(), "app", locations));
        assertEquals(OK, h.translator().check(new Reserve(h.nextKey(), "r9", WEB, FulfilmentType.SHIP, 10_000,
            lines.subList(0, linesMax))));
    }

    @Test
    void shouldRejectReservationWithoutLinesAndChannelWithoutLocations()
    {
        final MachineHarness h = stocked();

        boundaryRejects(h, EMPTY, new Reserve(h.nextKey(), "r9", WEB, FulfilmentType.SHIP, 10_000, List.of()));
        boundaryRejects(h, EMPTY, new Reserve(h.nextKey(), "r9", WEB, FulfilmentType.SHIP, 10_000, null));
        boundaryRejects(h, EMPTY, new DefineChannel(h.nextKey(), "app", List.of()));
        boundaryRejects(h, EMPTY, new DefineChannel(h.nextKey(), "app", null));
    }

    // ------------------------------------------------------------------------------------------------------
    // Reservation lifecycle
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldRejectEveryLifecycleCommandOnExpiredReservation()
    {
        final MachineHarness h = stocked();
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));
        h.advanceTime(START_MS + 10_000);
        assertEquals(ReservationState.EXPIRED, h.state("r1"));
        final Stock before = h.stock(SKU_1, DC);

        writerRejects(h, RESERVATION_EXPIRED, new Confirm(h.nextKey(), "r1"));
        writerRejects(h, RESERVATION_EXPIRED, Fulfil.all(h.nextKey(), "r1"));
        writerRejects(h, RESERVATION_EXPIRED, Fulfil.lines(h.nextKey(), "r1", 1));
        writerRejects(h, RESERVATION_EXPIRED, new ExtendHold(h.nextKey(), "r1", 10_000));
        writerRejects(h, RESERVATION_EXPIRED, new Release(h.nextKey(), "r1"));
        assertEquals(before, h.stock(SKU_1, DC));
        assertEquals(ReservationState.EXPIRED, h.state("r1"));
    }

    @Test
    void shouldRejectConfirmAndFulfilOfReleasedReservation()
    {
        final MachineHarness h = stocked();
        h.reserve("held", ReserveLine.at(SKU_1, DC, 3));
        h.release("held");
        h.reserve("confirmed", ReserveLine.at(SKU_1, DC, 3));
        h.confirm("confirmed");
        h.release("confirmed");

        for (final String reservation : List.of("held", "confirmed"))
        {
            writerRejects(h, RESERVATION_RELEASED, new Confirm(h.nextKey(), reservation));
            writerRejects(h, RESERVATION_RELEASED, Fulfil.all(h.nextKey(), reservation));
            writerRejects(h, RESERVATION_RELEASED, Fulfil.lines(h.nextKey(), reservation, 1));
        }
    }

    @Test
    void shouldRejectConfirmAndFulfilOfUnknownReservation()
    {
        final MachineHarness h = stocked();

        writerRejects(h, UNKNOWN_RESERVATION, new Confirm(h.nextKey(), "ghost"));
        writerRejects(h, UNKNOWN_RESERVATION, Fulfil.all(h.nextKey(), "ghost"));
        writerRejects(h, UNKNOWN_RESERVATION, new Release(h.nextKey(), "ghost"));
    }

    @Test
    void shouldRejectFulfilmentBeyondWhatIsOutstanding()
    {
        final MachineHarness h = stocked();
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 2), ReserveLine.at(SKU_2, DC, 3));
        h.confirm("r1");

        final Outcome atOnce = writerRejects(h, OVER_FULFILMENT, Fulfil.lines(h.nextKey(), "r1", 3, 0));
        h.fulfilLines("r1", 1, 3);
        final Outcome afterPart = writerRejects(h, OVER_FULFILMENT, Fulfil.lines(h.nextKey(), "r1", 2, 0));

        assertEquals(0, atOnce.lineIndex());
        assertEquals(2, atOnce.available());
        assertEquals(0, afterPart.lineIndex());
        assertEquals(1, afterPart.available());
        assertEquals(ReservationState.COMMITTED, h.state("r1"));
    }

    @Test
    void shouldRejectFulfilQuantitiesNotMatchingTheLines()
    {
        final MachineHarness h = stocked();

        writerRejects(h, INVALID_ARGUMENT, Fulfil.lines(h.nextKey(), "committed", 1, 1));
        writerRejects(h, INVALID_ARGUMENT, Fulfil.lines(h.nextKey(), "committed"));
        writerRejects(h, INVALID_ARGUMENT, Fulfil.lines(h.nextKey(), "committed", (long[])null));
    }

    @Test
    void shouldRejectReturnAtLocationThatDoesNotAcceptReturns()
    {
        final MachineHarness h = stocked();

        writerRejects(h, RETURNS_NOT_ACCEPTED, new Return(h.nextKey(), WEB, SKU_1, OUTLET, 1, Disposition.RESTOCK));
        writerRejects(h, RETURNS_NOT_ACCEPTED, new Return(h.nextKey(), POS, SKU_2, OUTLET, 1, Disposition.DAMAGED));
        assertNull(h.stock(SKU_1, OUTLET));
    }

    // ------------------------------------------------------------------------------------------------------
    // Malformed arguments decided by the writer
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldRejectLocationWithCoordinatesOrCapabilitiesOutOfRange()
    {
        final MachineHarness h = stocked();

        writerRejects(h, INVALID_ARGUMENT, location(h, LocationCapability.ALL, 90_000_001, 0));
        writerRejects(h, INVALID_ARGUMENT, location(h, LocationCapability.ALL, -90_000_001, 0));
        writerRejects(h, INVALID_ARGUMENT, location(h, LocationCapability.ALL, 0, 180_000_001));
        writerRejects(h, INVALID_ARGUMENT, location(h, LocationCapability.ALL, 0, -180_000_001));
        writerRejects(h, INVALID_ARGUMENT, location(h, LocationCapability.ALL + 1, 0, 0));
        writerRejects(h, INVALID_ARGUMENT, location(h, -1, 0, 0));
        assertEquals(-1, h.machine().locationIndexOf("new"));

        assertEquals(OK, h.send(location(h, LocationCapability.ALL, -90_000_000, 180_000_000)).code());
    }

    @Test
    void shouldRejectAdvanceToNegativeTime()
    {
        final MachineHarness h = stocked();

        writerRejects(h, INVALID_ARGUMENT, new AdvanceTime(h.nextKey(), -1));
        writerRejects(h, INVALID_ARGUMENT, new AdvanceTime(h.nextKey(), Long.MIN_VALUE));
        assertEquals(START_MS, h.machine().nowMs());
    }

    // ------------------------------------------------------------------------------------------------------
    // Strings, nulls and enums at the boundary
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldRejectNullEmptyOversizedOrNonPrintableIdempotencyKey()
    {
        final MachineHarness h = stocked();

        for (final String key : BAD_IDS)
        {
            boundaryRejects(h, INVALID_KEY, new DefineSku(key, "sku-3"));
            boundaryRejects(h, INVALID_KEY, new Receive(key, SKU_1, DC, 1));
            boundaryRejects(h, INVALID_KEY, new AdvanceTime(key, START_MS + 1));
        }
        boundaryRejects(h, INVALID_KEY, new DefineSku(null, null));
        assertEquals(OK, h.send(new DefineSku(LONGEST_ID, "sku-3")).code());
    }

    @Test
    void shouldRejectNullEmptyOversizedOrNonPrintableIdInEveryField()
    {
        final MachineHarness h = stocked();
        final List<Function<String, Command>> commands = List.of(
            id -> new DefineSku(h.nextKey(), id),
            id -> new DefineLocation(h.nextKey(), id, LocationType.STORE, LocationCapability.ALL, 1, 0, 0),
            id -> new DefineChannel(h.nextKey(), id, List.of(DC)),
            id -> new DefineChannel(h.nextKey(), "app", Arrays.asList(DC, id)),
            id -> new Receive(h.nextKey(), id, DC, 1),
            id -> new Receive(h.nextKey(), SKU_1, id, 1),
            id -> new ExpectReceipt(h.nextKey(), id, DC, 1),
            id -> new ExpectReceipt(h.nextKey(), SKU_1, id, 1),
            id -> new Adjust(h.nextKey(), id, DC, 1, StockBucket.SELLABLE, AdjustmentReason.FOUND),
            id -> new Adjust(h.nextKey(), SKU_1, id, 1, StockBucket.SELLABLE, AdjustmentReason.FOUND),
            id -> new CycleCount(h.nextKey(), id, DC, 1),
            id -> new CycleCount(h.nextKey(), SKU_1, id, 1),
            id -> new SetSafetyStock(h.nextKey(), id, DC, 1),
            id -> new SetSafetyStock(h.nextKey(), SKU_1, id, 1),
            id -> new PosSale(h.nextKey(), id, SKU_1, STORE, 1),
            id -> new PosSale(h.nextKey(), POS, id, STORE, 1),
            id -> new PosSale(h.nextKey(), POS, SKU_1, id, 1),
            id -> new TransferOut(h.nextKey(), id, SKU_1, DC, STORE, 1),
            id -> new TransferOut(h.nextKey(), "t9", id, DC, STORE, 1),
            id -> new TransferOut(h.nextKey(), "t9", SKU_1, id, STORE, 1),
            id -> new TransferOut(h.nextKey(), "t9", SKU_1, DC, id, 1),
            id -> new TransferIn(h.nextKey(), id, 1),
            id -> new Return(h.nextKey(), id, SKU_1, DC, 1, Disposition.RESTOCK),
            id -> new Return(h.nextKey(), WEB, id, DC, 1, Disposition.RESTOCK),
            id -> new Return(h.nextKey(), WEB, SKU_1, id, 1, Disposition.RESTOCK),
            id -> Reserve.of(h.nextKey(), id, WEB, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 1)),
            id -> Reserve.of(h.nextKey(), "r9", id, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 1)),
            id -> Reserve.of(h.nextKey(), "r9", WEB, FulfilmentType.SHIP, 10_000, ReserveLine.at(id, DC, 1)),
            id -> new ExtendHold(h.nextKey(), id, 10_000),
            id -> new Confirm(h.nextKey(), id),
            id -> new Release(h.nextKey(), id),
            id -> Fulfil.all(h.nextKey(), id),
            id -> Fulfil.lines(h.nextKey(), id, 1));

        for (final Function<String, Command> command : commands)
        {
            for (final String id : BAD_IDS)
            {
                boundaryRejects(h, INVALID_ID, command.apply(id));
            }
            assertEquals(OK, h.translator().check(command.apply(LONGEST_ID)), () -> "64 characters is a valid id: " +
                command.apply(LONGEST_ID));
        }
        for (final String id : BAD_IDS)
        {
            if (id != null)
            {
                boundaryRejects(h, INVALID_ID,
                    Reserve.of(h.nextKey(), "r9", WEB, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, id, 1)));
            }
        }
    }

    @Test
    void shouldRejectNullCommandNullEnumsAndNullLines()
    {
        final MachineHarness h = stocked();

        boundaryRejects(h, INVALID_ARGUMENT, null);
        boundaryRejects(h, INVALID_ARGUMENT, new DefineLocation(h.nextKey(), "new", null, LocationCapability.ALL, 1, 0, 0));
        boundaryRejects(h, INVALID_ARGUMENT, new Adjust(h.nextKey(), SKU_1, DC, 1, null, AdjustmentReason.FOUND));
        boundaryRejects(h, INVALID_ARGUMENT, new Adjust(h.nextKey(), SKU_1, DC, 1, StockBucket.SELLABLE, null));
        boundaryRejects(h, INVALID_ARGUMENT, new Return(h.nextKey(), WEB, SKU_1, DC, 1, null));
        boundaryRejects(h, INVALID_ARGUMENT,
            Reserve.of(h.nextKey(), "r9", WEB, null, 10_000, ReserveLine.at(SKU_1, DC, 1)));
        boundaryRejects(h, INVALID_ARGUMENT, new Reserve(h.nextKey(), "r9", WEB, FulfilmentType.SHIP, 10_000,
            Arrays.asList(ReserveLine.at(SKU_1, DC, 1), null)));
    }

    @Test
    void shouldBuildCommandRecordsFromAnythingAndLeaveTheVerdictToTheBoundary()
    {
        final MachineHarness h = stocked();
        final List<ReserveLine> lines = new ArrayList<>(List.of(ReserveLine.at(SKU_1, DC, 1)));
        final List<String> locations = new ArrayList<>(List.of(DC));

        final Reserve reserve = new Reserve(h.nextKey(), "r9", WEB, FulfilmentType.SHIP, 10_000, lines);
        final DefineChannel channel = new DefineChannel(h.nextKey(), "app", locations);
        lines.add(ReserveLine.at("not printable \u0001", DC, 1));
        locations.add(null);

        assertEquals(1, reserve.lines().size(), "the command copied its lines");
        assertEquals(List.of(DC), channel.locations(), "the command copied its locations");
        assertEquals(OK, h.send(reserve).code());
        assertEquals(OK, h.send(channel).code());
        boundaryRejects(h, INVALID_KEY, new Reserve(null, null, null, null, 0, null));
        boundaryRejects(h, INVALID_KEY, new TransferOut(null, null, null, null, null, 0));
    }

    @Test
    void shouldNameDescribeAndGroupEveryReasonCode() throws IllegalAccessException
    {
        final Set<Integer> seen = new HashSet<>();
        for (final Field field : ReasonCode.class.getFields())
        {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != int.class)
            {
                continue;
            }
            final int code = field.getInt(null);

            assertTrue(seen.add(code), () -> "code " + code + " is used twice");
            assertEquals(field.getName(), ReasonCode.name(code));
            assertFalse(ReasonCode.describe(code).startsWith("unknown"), field.getName());
            assertNotEquals("UNKNOWN", ReasonCode.kind(code), field.getName());
        }
        assertEquals("VALIDATION", ReasonCode.kind(INVALID_KEY));
        assertEquals("REFERENCE", ReasonCode.kind(RETURNS_NOT_ACCEPTED));
        assertEquals("STOCK", ReasonCode.kind(OVER_RECEIPT));
        assertEquals("LIFECYCLE", ReasonCode.kind(TRANSFER_COMPLETE));
        assertEquals("IDEMPOTENCY", ReasonCode.kind(IDEMPOTENCY_CONFLICT));
        assertEquals("CAPACITY", ReasonCode.kind(TRANSFER_CAPACITY_EXHAUSTED));
        assertEquals("PIPELINE", ReasonCode.kind(SHUT_DOWN));
        assertEquals("UNKNOWN_999", ReasonCode.name(999));
    }

    @Test
    void shouldNeitherFailNorChangeStateWhenPrefetchingRecordsThatDoNotParseOrCommands()
    {
        final MachineHarness h = stocked();
        final long state = h.machine().stateHash();
        final byte[] ones = new byte[512];
        Arrays.fill(ones, (byte)0xFF);
        final DirectBuffer[] buffers = {
            new UnsafeBuffer(new byte[0]), new UnsafeBuffer(new byte[EventCodec.HEADER_LENGTH]), new UnsafeBuffer(ones),
            new UnsafeBuffer(new byte[4096]), new UnsafeBuffer(ByteBuffer.allocateDirect(4096))};
        for (final DirectBuffer buffer : buffers)
        {
            for (final int offset : new int[] {-1, 0, 1, 100, buffer.capacity() - 1, buffer.capacity()})
            {
                h.machine().prefetchRecord(buffer, offset);
            }
        }
        for (int i = 0; i < 1000; i++)
        {
            h.machine().prefetchRecord(new UnsafeBuffer(new byte[4096]), 0);
        }
        final CommandSlot slot = new CommandSlot(4);
        for (final Command command : List.of(new Reserve("k-r", "r-1", WEB, FulfilmentType.SHIP, 10_000,
            List.of(ReserveLine.at(SKU_1, DC, 1))),
            new Release("k-x", "committed"), new Receive("k-y", SKU_2, STORE, 3)))
        {
            assertEquals(ReasonCode.OK, h.translator().translate(command, START_MS, slot), () -> String.valueOf(command));
            for (int i = 0; i < 300; i++)
            {
                h.machine().prefetchCommand(slot);
            }
        }
        h.machine().prefetchGroup();

        assertEquals(state, h.machine().stateHash(), "a prefetch reads, it never writes");
        h.receive(SKU_1, DC, 1);
        assertNull(h.machine().verifyInvariants());
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------

    /**
     * The shared fixture with stock at every position of sku-1 and sku-2 at the dc and the store, an open transfer
     * {@code t1} (dc to store, 2 units) and a committed one-line reservation {@code committed} (1 unit of sku-1 at
     * the dc).
     */
    private static MachineHarness stocked()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 20);
        h.receive(SKU_2, DC, 20);
        h.receive(SKU_1, STORE, 20);
        h.receive(SKU_2, STORE, 20);
        h.transferOut("t1", SKU_1, DC, STORE, 2);
        h.reserve("committed", ReserveLine.at(SKU_1, DC, 1));
        h.confirm("committed");
        return h;
    }

    private static DefineLocation location(
        final MachineHarness h, final int capabilities, final int latitudeMicros, final int longitudeMicros)
    {
        return new DefineLocation(h.nextKey(), "new", LocationType.STORE, capabilities, 3, latitudeMicros, longitudeMicros);
    }

    /** Expects the writer to reject the command: one REJECTED event with the code, inventory unchanged. */
    private static Outcome writerRejects(final MachineHarness h, final int code, final Command command)
    {
        final long inventory = h.machine().inventoryHash();
        final long sequence = h.machine().sequence();

        final Outcome outcome = h.send(command);

        assertEquals(ReasonCode.name(code), ReasonCode.name(outcome.code()), () -> String.valueOf(command));
        assertTrue(outcome.applied(), () -> "decided by the writer, not at the boundary: " + command);
        assertEquals(List.of(EventType.REJECTED), outcome.eventTypes(), () -> String.valueOf(command));
        final Decoded rejected = outcome.event(EventType.REJECTED);
        assertEquals(code, rejected.reasonCode());
        assertEquals(command.type(), rejected.commandType());
        assertEquals(sequence + 1, h.machine().sequence());
        assertEquals(inventory, h.machine().inventoryHash(), () -> "inventory changed by " + command);
        return outcome;
    }

    /** Expects the boundary to reject the command before the writer: no event, no sequence, no state change. */
    private static void boundaryRejects(final MachineHarness h, final int code, final Command command)
    {
        final long state = h.machine().stateHash();
        final long sequence = h.machine().sequence();

        final Outcome outcome = h.send(command);

        assertEquals(ReasonCode.name(code), ReasonCode.name(outcome.code()), () -> String.valueOf(command));
        assertEquals(ReasonCode.name(code), ReasonCode.name(h.translator().check(command)));
        assertFalse(outcome.applied(), () -> "rejected at the boundary: " + command);
        assertEquals(List.of(), outcome.events());
        assertEquals(sequence, h.machine().sequence());
        assertEquals(state, h.machine().stateHash(), () -> "state changed by " + command);
    }
}
