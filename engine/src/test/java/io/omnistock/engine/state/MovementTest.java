package io.omnistock.engine.state;

import io.omnistock.api.AdjustmentReason;
import io.omnistock.api.Command;
import io.omnistock.api.CommandType;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Disposition;
import io.omnistock.api.EventType;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.Receive;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReservationState;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.StockBucket;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.state.MachineHarness.Decoded;
import io.omnistock.engine.state.MachineHarness.Line;
import io.omnistock.engine.state.MachineHarness.Outcome;
import io.omnistock.engine.state.MachineHarness.Stock;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Definitions and every movement that does not start with a reservation: receipt and expected receipt,
 * adjustment by bucket and reason, cycle count, safety stock, POS sale, transfer out and in, return, advancing
 * time; their events, their effect on available and available-to-promise, and their rejections (including the
 * configured capacities). Every command goes through {@link MachineHarness}, which checks the invariants after it.
 */
class MovementTest
{
    // ------------------------------------------------------------------------------------------------------
    // Definitions
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldDefineSkuAsDefinedEventCarryingItsId()
    {
        final MachineHarness h = MachineHarness.empty();

        final Outcome outcome = h.defineSku(SKU_1);

        assertEquals(OK, outcome.code());
        final Decoded defined = outcome.event(EventType.SKU_DEFINED);
        assertEquals(List.of(EventType.SKU_DEFINED), outcome.eventTypes());
        assertEquals(CommandType.DEFINE_SKU, defined.commandType());
        assertEquals(SKU_1, defined.reference());
        assertEquals(SKU_1, defined.sku());
        assertEquals(0, h.machine().skuIndexOf(SKU_1));
        assertEquals(-1, h.machine().skuIndexOf(SKU_2));
    }

    @Test
    void shouldMoveStockBeforeAnyChannelIsDefined()
    {
        final MachineHarness h = MachineHarness.empty();
        h.defineSku(SKU_1);
        h.defineLocation(DC, LocationType.WAREHOUSE, LocationCapability.SHIPS, 0);

        assertEquals(OK, h.receive(SKU_1, DC, 10).code());
        assertEquals(OK, h.adjust(SKU_1, DC, -2, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE).code());
        assertEquals(OK, h.count(SKU_1, DC, 7).code());
        assertEquals(OK, h.safetyStock(SKU_1, DC, 1).code());

        assertEquals(7, h.stock(SKU_1, DC).onHand());
        assertEquals(OK, h.defineChannel(WEB, DC).code());
        assertEquals(6, h.atp(SKU_1, WEB), "on hand less the safety stock, once a channel sees the location");
        assertNull(h.machine().verifyInvariants());
    }

    @Test
    void shouldDefineLocationWithTypeCapabilitiesPriorityAndCoordinates()
    {
        final MachineHarness h = MachineHarness.empty();

        final Outcome outcome = h.send(new DefineLocation(h.nextKey(), "dark-1", LocationType.DARK_STORE,
            LocationCapability.SHIPS | LocationCapability.PICKUP, 7, 51_507_400, -127_800));

        assertEquals(OK, outcome.code());
        final Decoded defined = outcome.event(EventType.LOCATION_DEFINED);
        assertEquals("dark-1", defined.reference());
        assertEquals("dark-1", defined.location());
        assertEquals(LocationType.DARK_STORE.code(), defined.kindCode());
        assertEquals(LocationCapability.SHIPS | LocationCapability.PICKUP, defined.capabilities());
        assertEquals(7, defined.priority());
        assertEquals(51_507_400, defined.latitudeMicros());
        assertEquals(-127_800, defined.longitudeMicros());
        assertEquals(0, h.machine().locationIndexOf("dark-1"));
    }

    @Test
    void shouldDefineChannelListingItsLocationsInPriorityOrder()
    {
        final MachineHarness h = MachineHarness.empty();
        h.defineLocation("low", LocationType.STORE, LocationCapability.ALL, 9);
        h.defineLocation("high", LocationType.WAREHOUSE, LocationCapability.SHIPS, 1);
        h.defineLocation("mid", LocationType.STORE, LocationCapability.PICKUP, 5);

        final Outcome outcome = h.defineChannel("app", "low", "mid", "high");

        assertEquals(OK, outcome.code());
        final Decoded defined = outcome.event(EventType.CHANNEL_DEFINED);
        assertEquals("app", defined.reference());
        assertEquals("app", defined.channel());
        assertEquals(List.of(new Line(null, "high", 0), new Line(null, "mid", 0), new Line(null, "low", 0)),
            defined.lines());
    }

    @Test
    void shouldCountStockAlreadyOnHandIntoChannelDefinedLater()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 4);
        h.receive(SKU_1, OUTLET, 3);
        h.receive(SKU_1, DC, 10);

        assertEquals(OK, h.defineChannel("app", STORE, OUTLET).code());

        assertEquals(7, h.atp(SKU_1, "app"));
        assertEquals(17, h.atp(SKU_1, WEB));
        assertEquals(4, h.atp(SKU_1, POS));
    }

    @Test
    void shouldRejectSkuLocationAndChannelAlreadyDefined()
    {
        final MachineHarness h = MachineHarness.standard();
        final long before = h.machine().inventoryHash();

        final Outcome sku = h.defineSku(SKU_1);
        final Outcome location = h.defineLocation(DC, LocationType.STORE, LocationCapability.NONE, 9);
        final Outcome channel = h.defineChannel(WEB, STORE);

        assertEquals(ALREADY_DEFINED, sku.code());
        assertEquals(ALREADY_DEFINED, location.code());
        assertEquals(ALREADY_DEFINED, channel.code());
        assertEquals(ALREADY_DEFINED, sku.event(EventType.REJECTED).reasonCode());
        assertEquals(CommandType.DEFINE_LOCATION, location.event(EventType.REJECTED).commandType());
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(0, h.machine().locationIndexOf(DC));
    }

    @Test
    void shouldRejectDefinitionsBeyondConfiguredCapacities()
    {
        final MachineHarness h = MachineHarness.empty(MachineHarness.testConfig()
            .skuCapacity(1).locationCapacity(1).channelCapacity(1));
        h.defineSku(SKU_1);
        h.defineLocation(DC, LocationType.WAREHOUSE, LocationCapability.ALL, 1);
        h.defineChannel(WEB, DC);
        final long before = h.machine().inventoryHash();

        assertEquals(SKU_CAPACITY_EXHAUSTED, h.defineSku(SKU_2).code());
        assertEquals(LOCATION_CAPACITY_EXHAUSTED, h.defineLocation(STORE, LocationType.STORE, LocationCapability.ALL, 2).code());
        assertEquals(CHANNEL_CAPACITY_EXHAUSTED, h.defineChannel(POS, DC).code());
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(-1, h.machine().skuIndexOf(SKU_2));
        assertEquals(-1, h.machine().locationIndexOf(STORE));
        assertEquals(-1, h.machine().channelIndexOf(POS));
        assertEquals(ALREADY_DEFINED, h.defineSku(SKU_1).code());
    }

    @Test
    void shouldRejectNewPositionBeyondPositionCapacityButKeepUsingExistingOnes()
    {
        final MachineHarness h = MachineHarness.standard(MachineHarness.testConfig().positionCapacity(2));
        h.receive(SKU_1, DC, 5);
        h.expectReceipt(SKU_1, STORE, 5);
        final long before = h.machine().inventoryHash();

        assertEquals(POSITION_CAPACITY_EXHAUSTED, h.receive(SKU_2, DC, 1).code());
        assertEquals(POSITION_CAPACITY_EXHAUSTED, h.expectReceipt(SKU_1, OUTLET, 1).code());
        assertEquals(POSITION_CAPACITY_EXHAUSTED, h.adjust(SKU_2, STORE, 1, StockBucket.SELLABLE, AdjustmentReason.FOUND).code());
        assertEquals(POSITION_CAPACITY_EXHAUSTED, h.count(SKU_2, STORE, 0).code());
        assertEquals(POSITION_CAPACITY_EXHAUSTED, h.safetyStock(SKU_2, STORE, 1).code());
        assertEquals(POSITION_CAPACITY_EXHAUSTED, h.returnGoods(WEB, SKU_2, STORE, 1, Disposition.RESTOCK).code());
        assertEquals(POSITION_CAPACITY_EXHAUSTED, h.transferOut("t1", SKU_1, DC, OUTLET, 1).code());
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(2, h.machine().positionCount());

        assertEquals(OK, h.receive(SKU_1, DC, 1).code());
        assertEquals(OK, h.transferOut("t2", SKU_1, DC, STORE, 1).code());
        assertEquals(Stock.NONE.onHand(5).available(5), h.stock(SKU_1, DC));
    }

    @Test
    void shouldRejectReservationBeyondCapacityUntilAFinishedOneCanBeRecycled()
    {
        final MachineHarness h = MachineHarness.standard(MachineHarness.testConfig().reservationCapacity(1));
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 2));
        final long before = h.machine().inventoryHash();

        final Outcome full = h.reserve("r2", ReserveLine.at(SKU_1, DC, 1));

        assertEquals(RESERVATION_CAPACITY_EXHAUSTED, full.code());
        assertEquals(before, h.machine().inventoryHash());
        assertNull(h.reservation("r2"));

        h.release("r1");
        assertEquals(OK, h.reserve("r2", ReserveLine.at(SKU_1, DC, 1)).code());
        assertNull(h.reservation("r1"), "the finished reservation's record was recycled");
        assertEquals(UNKNOWN_RESERVATION, h.confirm("r1").code());
        assertEquals(Stock.NONE.onHand(10).reserved(1).available(9), h.stock(SKU_1, DC));
    }

    @Test
    void shouldRejectTransferBeyondCapacityOfOpenTransfers()
    {
        final MachineHarness h = MachineHarness.standard(MachineHarness.testConfig().transferCapacity(1));
        h.receive(SKU_1, DC, 10);
        h.transferOut("t1", SKU_1, DC, STORE, 2);
        final long before = h.machine().inventoryHash();

        assertEquals(TRANSFER_CAPACITY_EXHAUSTED, h.transferOut("t2", SKU_1, DC, STORE, 1).code());
        assertEquals(before, h.machine().inventoryHash());

        h.transferIn("t1", 2);
        assertEquals(OK, h.transferOut("t2", SKU_1, DC, STORE, 1).code());
        assertEquals(UNKNOWN_TRANSFER, h.transferIn("t1", 1).code(), "the completed transfer's record was recycled");
        assertEquals(Stock.NONE.onHand(2).inTransit(1).available(2), h.stock(SKU_1, STORE));
    }

    // ------------------------------------------------------------------------------------------------------
    // Receipts
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldReceiveIntoNewPositionMakingUnitsAvailableToItsChannels()
    {
        final MachineHarness h = MachineHarness.standard();

        final Outcome outcome = h.receive(SKU_1, STORE, 10);

        assertEquals(OK, outcome.code());
        final Decoded received = outcome.event(EventType.RECEIVED);
        assertEquals(List.of(EventType.RECEIVED), outcome.eventTypes());
        assertEquals(CommandType.RECEIVE, received.commandType());
        assertEquals(SKU_1, received.sku());
        assertEquals(STORE, received.location());
        assertEquals(10, received.quantity());
        assertEquals(0, received.variance());
        assertEquals(START_MS, received.timeMs());
        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, STORE));
        assertEquals(10, h.atp(SKU_1, WEB));
        assertEquals(10, h.atp(SKU_1, POS));
        assertEquals(0, h.atp(SKU_2, WEB));
    }

    @Test
    void shouldAddReceiptsToExistingPosition()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);

        h.receive(SKU_1, DC, 5);

        assertEquals(Stock.NONE.onHand(15).available(15), h.stock(SKU_1, DC));
        assertEquals(15, h.atp(SKU_1, WEB));
        assertEquals(0, h.atp(SKU_1, POS));
    }

    @Test
    void shouldRecordExpectedReceiptAsIncomingThatIsNotAvailable()
    {
        final MachineHarness h = MachineHarness.standard();

        final Outcome outcome = h.expectReceipt(SKU_1, DC, 20);

        assertEquals(OK, outcome.code());
        final Decoded expected = outcome.event(EventType.RECEIPT_EXPECTED);
        assertEquals(SKU_1, expected.sku());
        assertEquals(DC, expected.location());
        assertEquals(20, expected.quantity());
        assertEquals(Stock.NONE.incoming(20), h.stock(SKU_1, DC));
        assertEquals(0, h.atp(SKU_1, WEB));
        assertEquals(INSUFFICIENT_STOCK, h.reserve("r1", ReserveLine.at(SKU_1, DC, 1)).code());
    }

    @Test
    void shouldSettleIncomingByReceiptsUpToTheQuantityReceived()
    {
        final MachineHarness h = MachineHarness.standard();
        h.expectReceipt(SKU_1, DC, 10);

        final Outcome first = h.receive(SKU_1, DC, 4);

        assertEquals(4, first.event(EventType.RECEIVED).variance());
        assertEquals(Stock.NONE.onHand(4).incoming(6).available(4), h.stock(SKU_1, DC));

        final Outcome second = h.receive(SKU_1, DC, 10);

        assertEquals(10, second.event(EventType.RECEIVED).quantity());
        assertEquals(6, second.event(EventType.RECEIVED).variance());
        assertEquals(Stock.NONE.onHand(14).available(14), h.stock(SKU_1, DC));
        assertEquals(14, h.atp(SKU_1, WEB));
    }

    // ------------------------------------------------------------------------------------------------------
    // Adjustments
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldAdjustSellableStockUpAndDownWithReason()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 10);

        final Outcome found = h.adjust(SKU_1, STORE, 3, StockBucket.SELLABLE, AdjustmentReason.FOUND);
        final Outcome lost = h.adjust(SKU_1, STORE, -5, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE);

        final Decoded up = found.event(EventType.ADJUSTED);
        assertEquals(List.of(EventType.ADJUSTED), found.eventTypes());
        assertEquals(SKU_1, up.sku());
        assertEquals(STORE, up.location());
        assertEquals(3, up.quantity());
        assertEquals(StockBucket.SELLABLE, up.bucket());
        assertEquals(AdjustmentReason.FOUND, up.adjustmentReason());
        final Decoded down = lost.event(EventType.ADJUSTED);
        assertEquals(-5, down.quantity());
        assertEquals(AdjustmentReason.SHRINKAGE, down.adjustmentReason());
        assertEquals(Stock.NONE.onHand(8).available(8), h.stock(SKU_1, STORE));
        assertEquals(8, h.atp(SKU_1, POS));
    }

    @Test
    void shouldAcceptEveryAdjustmentReasonAndCarryItOnTheEvent()
    {
        final MachineHarness h = MachineHarness.standard();

        for (final AdjustmentReason reason : AdjustmentReason.values())
        {
            final Outcome outcome = h.adjust(SKU_1, DC, 1, StockBucket.SELLABLE, reason);

            assertEquals(OK, outcome.code(), reason.name());
            assertEquals(reason, outcome.event(EventType.ADJUSTED).adjustmentReason());
        }
        assertEquals(AdjustmentReason.values().length, h.stock(SKU_1, DC).onHand());
    }

    @Test
    void shouldAdjustDamagedBucketWithoutChangingAvailable()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);

        final Outcome damaged = h.adjust(SKU_1, DC, 3, StockBucket.DAMAGED, AdjustmentReason.DAMAGE);

        assertEquals(StockBucket.DAMAGED, damaged.event(EventType.ADJUSTED).bucket());
        assertEquals(Stock.NONE.onHand(13).damaged(3).available(10), h.stock(SKU_1, DC));
        assertEquals(10, h.atp(SKU_1, WEB));

        final Outcome writeOff = h.adjust(SKU_1, DC, -2, StockBucket.DAMAGED, AdjustmentReason.WRITE_OFF);

        assertEquals(-2, writeOff.event(EventType.ADJUSTED).quantity());
        assertEquals(Stock.NONE.onHand(11).damaged(1).available(10), h.stock(SKU_1, DC));
        assertEquals(10, h.atp(SKU_1, WEB));
    }

    @Test
    void shouldAdjustQuarantinedBucketWithoutChangingAvailable()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);

        h.adjust(SKU_1, DC, 4, StockBucket.QUARANTINED, AdjustmentReason.OTHER);

        assertEquals(Stock.NONE.onHand(14).quarantined(4).available(10), h.stock(SKU_1, DC));

        h.adjust(SKU_1, DC, -4, StockBucket.QUARANTINED, AdjustmentReason.CORRECTION);

        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, DC));
    }

    @Test
    void shouldRejectAdjustmentTakingBucketOrShelfBelowZero()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.adjust(SKU_1, DC, 2, StockBucket.DAMAGED, AdjustmentReason.DAMAGE);
        final long before = h.machine().inventoryHash();

        assertEquals(INSUFFICIENT_ON_HAND, h.adjust(SKU_1, DC, -3, StockBucket.DAMAGED, AdjustmentReason.WRITE_OFF).code());
        assertEquals(INSUFFICIENT_ON_HAND,
            h.adjust(SKU_1, DC, -1, StockBucket.QUARANTINED, AdjustmentReason.WRITE_OFF).code());
        assertEquals(INSUFFICIENT_ON_HAND,
            h.adjust(SKU_1, DC, -11, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE).code());
        assertEquals(INSUFFICIENT_ON_HAND,
            h.adjust(SKU_1, STORE, -1, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE).code());
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(Stock.NONE.onHand(12).damaged(2).available(10), h.stock(SKU_1, DC));
        assertNull(h.stock(SKU_1, STORE), "a rejected adjustment creates no position");
    }

    @Test
    void shouldReportOversoldWhenAdjustmentTakesReservedUnits()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 8));

        final Outcome outcome = h.adjust(SKU_1, DC, -5, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE);

        assertEquals(OK, outcome.code());
        assertEquals(List.of(EventType.ADJUSTED, EventType.OVERSOLD), outcome.eventTypes());
        final Decoded oversold = outcome.event(EventType.OVERSOLD);
        assertEquals(SKU_1, oversold.sku());
        assertEquals(DC, oversold.location());
        assertEquals(3, oversold.quantity());
        assertEquals(CommandType.ADJUST, oversold.commandType());
        assertEquals(Stock.NONE.onHand(5).reserved(8).available(-3), h.stock(SKU_1, DC));
        assertEquals(0, h.atp(SKU_1, WEB));
    }

    // ------------------------------------------------------------------------------------------------------
    // Cycle counts
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldSetOnHandFromCountAndRecordVariance()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 10);

        final Outcome lower = h.count(SKU_1, STORE, 7);

        final Decoded counted = lower.event(EventType.COUNTED);
        assertEquals(List.of(EventType.COUNTED), lower.eventTypes());
        assertEquals(SKU_1, counted.sku());
        assertEquals(STORE, counted.location());
        assertEquals(7, counted.quantity());
        assertEquals(-3, counted.variance());
        assertEquals(Stock.NONE.onHand(7).available(7), h.stock(SKU_1, STORE));
        assertEquals(7, h.atp(SKU_1, POS));

        final Outcome higher = h.count(SKU_1, STORE, 12);

        assertEquals(5, higher.event(EventType.COUNTED).variance());
        assertEquals(Stock.NONE.onHand(12).available(12), h.stock(SKU_1, STORE));
        assertEquals(12, h.atp(SKU_1, WEB));
    }

    @Test
    void shouldRecordZeroVarianceWhenCountMatches()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 10);

        final Outcome outcome = h.count(SKU_1, STORE, 10);

        assertEquals(0, outcome.event(EventType.COUNTED).variance());
        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, STORE));
    }

    @Test
    void shouldCountAtPositionNeverStockedAsVarianceFromZero()
    {
        final MachineHarness h = MachineHarness.standard();

        final Outcome found = h.count(SKU_2, OUTLET, 4);
        final Outcome empty = h.count(SKU_1, OUTLET, 0);

        assertEquals(4, found.event(EventType.COUNTED).variance());
        assertEquals(Stock.NONE.onHand(4).available(4), h.stock(SKU_2, OUTLET));
        assertEquals(0, empty.event(EventType.COUNTED).variance());
        assertEquals(Stock.NONE, h.stock(SKU_1, OUTLET));
    }

    @Test
    void shouldCountShelfLeavingDamagedAndQuarantinedUnitsOnHand()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.adjust(SKU_1, DC, 2, StockBucket.DAMAGED, AdjustmentReason.DAMAGE);
        h.adjust(SKU_1, DC, 1, StockBucket.QUARANTINED, AdjustmentReason.OTHER);

        final Outcome outcome = h.count(SKU_1, DC, 9);

        assertEquals(-1, outcome.event(EventType.COUNTED).variance());
        assertEquals(Stock.NONE.onHand(12).damaged(2).quarantined(1).available(9), h.stock(SKU_1, DC));
    }

    @Test
    void shouldReportOversoldWhenCountFindsLessThanIsHeld()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 4));
        h.confirm("r1");
        h.reserve("r2", ReserveLine.at(SKU_1, DC, 2));

        final Outcome outcome = h.count(SKU_1, DC, 3);

        assertEquals(OK, outcome.code());
        assertEquals(List.of(EventType.COUNTED, EventType.OVERSOLD), outcome.eventTypes());
        assertEquals(-7, outcome.event(EventType.COUNTED).variance());
        assertEquals(3, outcome.event(EventType.OVERSOLD).quantity());
        assertEquals(Stock.NONE.onHand(3).reserved(2).committed(4).available(-3), h.stock(SKU_1, DC));
        assertEquals(0, h.atp(SKU_1, WEB));
    }

    @Test
    void shouldNotReportOversoldAgainWhenCountReducesAnExistingShortage()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 8));
        h.count(SKU_1, DC, 2);

        final Outcome outcome = h.count(SKU_1, DC, 5);

        assertEquals(List.of(EventType.COUNTED), outcome.eventTypes());
        assertEquals(Stock.NONE.onHand(5).reserved(8).available(-3), h.stock(SKU_1, DC));
    }

    // ------------------------------------------------------------------------------------------------------
    // Safety stock
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldKeepSafetyStockBackFromAvailableAndEveryChannel()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 10);

        final Outcome outcome = h.safetyStock(SKU_1, STORE, 3);

        final Decoded set = outcome.event(EventType.SAFETY_STOCK_SET);
        assertEquals(SKU_1, set.sku());
        assertEquals(STORE, set.location());
        assertEquals(3, set.quantity());
        assertEquals(Stock.NONE.onHand(10).safetyStock(3).available(7), h.stock(SKU_1, STORE));
        assertEquals(7, h.atp(SKU_1, WEB));
        assertEquals(7, h.atp(SKU_1, POS));

        final Outcome tooMuch = h.reserve("r1", ReserveLine.at(SKU_1, STORE, 8));
        assertEquals(INSUFFICIENT_STOCK, tooMuch.code());
        assertEquals(7, tooMuch.available());
        assertEquals(OK, h.reserve("r2", ReserveLine.at(SKU_1, STORE, 7)).code());
        assertEquals(Stock.NONE.onHand(10).reserved(7).safetyStock(3).available(0), h.stock(SKU_1, STORE));
        assertEquals(0, h.atp(SKU_1, POS));
    }

    @Test
    void shouldNeverLetSafetyStockMakeAvailableNegative()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 5);

        h.safetyStock(SKU_1, STORE, 8);

        assertEquals(Stock.NONE.onHand(5).safetyStock(8).available(0), h.stock(SKU_1, STORE));
        assertEquals(0, h.atp(SKU_1, WEB));

        h.receive(SKU_1, STORE, 5);

        assertEquals(Stock.NONE.onHand(10).safetyStock(8).available(2), h.stock(SKU_1, STORE));
        assertEquals(2, h.atp(SKU_1, WEB));
    }

    @Test
    void shouldGiveUnitsBackWhenSafetyStockIsLowered()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.safetyStock(SKU_1, DC, 6);

        h.safetyStock(SKU_1, DC, 0);

        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, DC));
        assertEquals(10, h.atp(SKU_1, WEB));
    }

    @Test
    void shouldSetSafetyStockOnPositionBeforeAnyStockArrives()
    {
        final MachineHarness h = MachineHarness.standard();

        h.safetyStock(SKU_2, DC, 2);
        h.receive(SKU_2, DC, 5);

        assertEquals(Stock.NONE.onHand(5).safetyStock(2).available(3), h.stock(SKU_2, DC));
        assertEquals(3, h.atp(SKU_2, WEB));
    }

    @Test
    void shouldNotDeepenShortageWithSafetyStockWhenOversold()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 5);
        h.reserve("r1", ReserveLine.at(SKU_1, STORE, 5));
        h.sell(POS, SKU_1, STORE, 2);

        h.safetyStock(SKU_1, STORE, 3);

        assertEquals(Stock.NONE.onHand(3).reserved(5).safetyStock(3).available(-2), h.stock(SKU_1, STORE));
        assertEquals(0, h.atp(SKU_1, POS));
    }

    // ------------------------------------------------------------------------------------------------------
    // POS sales
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldSellAtTillTakingUnitsOffOnHand()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 5);

        final Outcome outcome = h.sell(POS, SKU_1, STORE, 2);

        assertEquals(OK, outcome.code());
        final Decoded sold = outcome.event(EventType.SOLD);
        assertEquals(List.of(EventType.SOLD), outcome.eventTypes());
        assertEquals(POS, sold.channel());
        assertEquals(SKU_1, sold.sku());
        assertEquals(STORE, sold.location());
        assertEquals(2, sold.quantity());
        assertEquals(Stock.NONE.onHand(3).available(3), h.stock(SKU_1, STORE));
        assertEquals(3, h.atp(SKU_1, POS));
        assertEquals(3, h.atp(SKU_1, WEB));
    }

    @Test
    void shouldReportOversoldWhenSaleTakesUnitsReservedByAnotherChannel()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 5);
        h.reserve("web-order", WEB, FulfilmentType.PICKUP, 10_000, ReserveLine.at(SKU_1, STORE, 4));

        final Outcome outcome = h.sell(POS, SKU_1, STORE, 3);

        assertEquals(OK, outcome.code());
        assertEquals(List.of(EventType.SOLD, EventType.OVERSOLD), outcome.eventTypes());
        assertEquals(outcome.sequence(), outcome.event(EventType.SOLD).sequence());
        final Decoded oversold = outcome.event(EventType.OVERSOLD);
        assertEquals(SKU_1, oversold.sku());
        assertEquals(STORE, oversold.location());
        assertEquals(2, oversold.quantity());
        assertEquals(Stock.NONE.onHand(2).reserved(4).available(-2), h.stock(SKU_1, STORE));
        assertEquals(0, h.atp(SKU_1, POS));
        assertEquals(ReservationState.HELD, h.state("web-order"));
    }

    @Test
    void shouldRejectSaleOfMoreThanIsPhysicallyOnTheShelf()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 5);
        h.adjust(SKU_1, STORE, 2, StockBucket.DAMAGED, AdjustmentReason.DAMAGE);
        final long before = h.machine().inventoryHash();

        final Outcome outcome = h.sell(POS, SKU_1, STORE, 6);

        assertEquals(INSUFFICIENT_ON_HAND, outcome.code());
        assertEquals(0, outcome.lineIndex());
        assertEquals(5, outcome.available());
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(Stock.NONE.onHand(7).damaged(2).available(5), h.stock(SKU_1, STORE));
    }

    @Test
    void shouldRejectSaleAtLocationOutsideTheSellingChannel()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 5);
        final long before = h.machine().inventoryHash();

        assertEquals(LOCATION_NOT_IN_CHANNEL, h.sell(POS, SKU_1, DC, 1).code());
        assertEquals(UNKNOWN_CHANNEL, h.sell("kiosk", SKU_1, DC, 1).code());
        assertEquals(before, h.machine().inventoryHash());
    }

    // ------------------------------------------------------------------------------------------------------
    // Transfers
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldShipTransferIntoTransitAndReceiveItInParts()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);

        final Outcome out = h.transferOut("t1", SKU_1, DC, STORE, 6);

        assertEquals(OK, out.code());
        final Decoded shipped = out.event(EventType.TRANSFER_SHIPPED);
        assertEquals(List.of(EventType.TRANSFER_SHIPPED), out.eventTypes());
        assertEquals("t1", shipped.reference());
        assertEquals(SKU_1, shipped.sku());
        assertEquals(DC, shipped.location());
        assertEquals(STORE, shipped.toLocation());
        assertEquals(6, shipped.quantity());
        assertEquals(Stock.NONE.onHand(4).available(4), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.inTransit(6), h.stock(SKU_1, STORE));
        assertEquals(4, h.atp(SKU_1, WEB));
        assertEquals(0, h.atp(SKU_1, POS));

        final Outcome part = h.transferIn("t1", 2);

        final Decoded first = part.event(EventType.TRANSFER_RECEIVED);
        assertEquals("t1", first.reference());
        assertEquals(SKU_1, first.sku());
        assertEquals(STORE, first.location());
        assertEquals(2, first.quantity());
        assertEquals(4, first.variance());
        assertEquals(Stock.NONE.onHand(2).inTransit(4).available(2), h.stock(SKU_1, STORE));
        assertEquals(2, h.atp(SKU_1, POS));

        final Outcome rest = h.transferIn("t1", 4);

        assertEquals(0, rest.event(EventType.TRANSFER_RECEIVED).variance());
        assertEquals(Stock.NONE.onHand(6).available(6), h.stock(SKU_1, STORE));
        assertEquals(Stock.NONE.onHand(4).available(4), h.stock(SKU_1, DC));
        assertEquals(10, h.atp(SKU_1, WEB));
    }

    @Test
    void shouldRejectReceiptOfCompletedTransfer()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.transferOut("t1", SKU_1, DC, STORE, 3);
        h.transferIn("t1", 3);
        final long before = h.machine().inventoryHash();

        final Outcome outcome = h.transferIn("t1", 1);

        assertEquals(TRANSFER_COMPLETE, outcome.code());
        assertEquals(CommandType.TRANSFER_IN, outcome.event(EventType.REJECTED).commandType());
        assertEquals("t1", outcome.event(EventType.REJECTED).reference());
        assertEquals(before, h.machine().inventoryHash());
    }

    @Test
    void shouldRejectReceiptOfMoreThanIsStillInTransit()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.transferOut("t1", SKU_1, DC, STORE, 6);
        h.transferIn("t1", 2);
        final long before = h.machine().inventoryHash();

        final Outcome outcome = h.transferIn("t1", 5);

        assertEquals(OVER_RECEIPT, outcome.code());
        assertEquals(0, outcome.lineIndex());
        assertEquals(4, outcome.available());
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(Stock.NONE.onHand(2).inTransit(4).available(2), h.stock(SKU_1, STORE));
    }

    @Test
    void shouldRejectReceiptOfUnknownTransfer()
    {
        final MachineHarness h = MachineHarness.standard();
        final long before = h.machine().inventoryHash();

        assertEquals(UNKNOWN_TRANSFER, h.transferIn("ghost", 1).code());
        assertEquals(before, h.machine().inventoryHash());
    }

    @Test
    void shouldRejectTransferToTheSameLocation()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        final long before = h.machine().inventoryHash();

        assertEquals(SAME_LOCATION, h.transferOut("t1", SKU_1, DC, DC, 1).code());
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(UNKNOWN_TRANSFER, h.transferIn("t1", 1).code());
    }

    @Test
    void shouldShipOnlyAvailableUnitsNotReservedOrSafetyStock()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 4));
        h.safetyStock(SKU_1, DC, 3);
        final long before = h.machine().inventoryHash();

        final Outcome outcome = h.transferOut("t1", SKU_1, DC, STORE, 4);

        assertEquals(INSUFFICIENT_STOCK, outcome.code());
        assertEquals(0, outcome.lineIndex());
        assertEquals(3, outcome.available());
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(INSUFFICIENT_STOCK, h.transferOut("t2", SKU_1, STORE, DC, 1).code());
        assertEquals(OK, h.transferOut("t3", SKU_1, DC, STORE, 3).code());
        assertEquals(Stock.NONE.onHand(7).reserved(4).safetyStock(3).available(0), h.stock(SKU_1, DC));
    }

    @Test
    void shouldRejectTransferKeyOfOpenOrCompletedTransferStillKnown()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.transferOut("t1", SKU_1, DC, STORE, 2);

        assertEquals(KEY_IN_USE, h.transferOut("t1", SKU_1, DC, OUTLET, 1).code());

        h.transferIn("t1", 2);

        assertEquals(KEY_IN_USE, h.transferOut("t1", SKU_1, DC, OUTLET, 1).code());
        assertEquals(Stock.NONE.onHand(8).available(8), h.stock(SKU_1, DC));
        assertNull(h.stock(SKU_1, OUTLET));
    }

    @Test
    void shouldRejectTransferNamingUnknownSkuOrLocations()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        final long before = h.machine().inventoryHash();

        assertEquals(UNKNOWN_SKU, h.transferOut("t1", "ghost", DC, STORE, 1).code());
        assertEquals(UNKNOWN_LOCATION, h.transferOut("t1", SKU_1, "atlantis", STORE, 1).code());
        assertEquals(UNKNOWN_LOCATION, h.transferOut("t1", SKU_1, DC, "atlantis", 1).code());
        assertEquals(before, h.machine().inventoryHash());
    }

    // ------------------------------------------------------------------------------------------------------
    // Returns
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldRestockReturnSoItIsAvailableAtOnce()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 3);

        final Outcome outcome = h.returnGoods(WEB, SKU_1, STORE, 2, Disposition.RESTOCK);

        assertEquals(OK, outcome.code());
        final Decoded returned = outcome.event(EventType.RETURNED);
        assertEquals(List.of(EventType.RETURNED), outcome.eventTypes());
        assertEquals(WEB, returned.channel());
        assertEquals(SKU_1, returned.sku());
        assertEquals(STORE, returned.location());
        assertEquals(2, returned.quantity());
        assertEquals(Disposition.RESTOCK, returned.disposition());
        assertEquals(Stock.NONE.onHand(5).available(5), h.stock(SKU_1, STORE));
        assertEquals(5, h.atp(SKU_1, POS));
    }

    @Test
    void shouldBookDamagedReturnOnHandButNotAvailable()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 3);

        final Outcome outcome = h.returnGoods(WEB, SKU_1, DC, 2, Disposition.DAMAGED);

        assertEquals(Disposition.DAMAGED, outcome.event(EventType.RETURNED).disposition());
        assertEquals(Stock.NONE.onHand(5).damaged(2).available(3), h.stock(SKU_1, DC));
        assertEquals(3, h.atp(SKU_1, WEB));
    }

    @Test
    void shouldBookQuarantinedReturnOnHandButNotAvailable()
    {
        final MachineHarness h = MachineHarness.standard();

        final Outcome outcome = h.returnGoods(WEB, SKU_2, DC, 4, Disposition.QUARANTINE);

        assertEquals(Disposition.QUARANTINE, outcome.event(EventType.RETURNED).disposition());
        assertEquals(Stock.NONE.onHand(4).quarantined(4), h.stock(SKU_2, DC));
        assertEquals(0, h.atp(SKU_2, WEB));
    }

    @Test
    void shouldAcceptReturnAtAnyReturnsLocationWhateverChannelSold()
    {
        final MachineHarness h = MachineHarness.standard();

        final Outcome outcome = h.returnGoods(POS, SKU_1, DC, 1, Disposition.RESTOCK);

        assertEquals(OK, outcome.code());
        assertEquals(POS, outcome.event(EventType.RETURNED).channel());
        assertEquals(Stock.NONE.onHand(1).available(1), h.stock(SKU_1, DC));
        assertEquals(1, h.atp(SKU_1, WEB));
        assertEquals(0, h.atp(SKU_1, POS));
    }

    @Test
    void shouldRejectReturnAtLocationThatDoesNotAcceptReturns()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, OUTLET, 3);
        final long before = h.machine().inventoryHash();

        for (final Disposition disposition : Disposition.values())
        {
            final Outcome outcome = h.returnGoods(WEB, SKU_1, OUTLET, 1, disposition);

            assertEquals(RETURNS_NOT_ACCEPTED, outcome.code(), disposition.name());
            assertEquals(CommandType.RETURN, outcome.event(EventType.REJECTED).commandType());
        }
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(Stock.NONE.onHand(3).available(3), h.stock(SKU_1, OUTLET));
    }

    // ------------------------------------------------------------------------------------------------------
    // Time
    // ------------------------------------------------------------------------------------------------------

    @Test
    void shouldAdvanceTimeExpiringDueHoldsInDeadlineOrder()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("late", WEB, FulfilmentType.SHIP, 5_000, ReserveLine.at(SKU_1, DC, 1));
        h.reserve("early", WEB, FulfilmentType.SHIP, 2_000, ReserveLine.at(SKU_1, DC, 2));
        h.reserve("later", WEB, FulfilmentType.SHIP, 8_000, ReserveLine.at(SKU_1, DC, 3));

        final Outcome outcome = h.advanceTime(START_MS + 6_000);

        assertEquals(OK, outcome.code());
        assertEquals(List.of(EventType.EXPIRED, EventType.EXPIRED, EventType.TIME_ADVANCED), outcome.eventTypes());
        final List<Decoded> expired = outcome.events(EventType.EXPIRED);
        assertEquals("early", expired.get(0).reference());
        assertEquals(START_MS + 2_000, expired.get(0).timeMs());
        assertEquals(List.of(new Line(SKU_1, DC, 2)), expired.get(0).lines());
        assertEquals(ReservationState.EXPIRED, expired.get(0).reservationState());
        assertEquals(WEB, expired.get(0).channel());
        assertEquals("late", expired.get(1).reference());
        assertEquals(START_MS + 5_000, expired.get(1).timeMs());
        final Decoded advanced = outcome.event(EventType.TIME_ADVANCED);
        assertEquals(START_MS + 6_000, advanced.timeMs());
        assertEquals(START_MS + 6_000, advanced.quantity());
        assertEquals(outcome.sequence(), advanced.sequence());
        assertEquals(START_MS + 6_000, h.machine().nowMs());
        assertEquals(ReservationState.EXPIRED, h.state("early"));
        assertEquals(ReservationState.EXPIRED, h.state("late"));
        assertEquals(ReservationState.HELD, h.state("later"));
        assertEquals(Stock.NONE.onHand(10).reserved(3).available(7), h.stock(SKU_1, DC));
        assertEquals(7, h.atp(SKU_1, WEB));
    }

    @Test
    void shouldExpireHoldAtExactlyItsDeadlineAndNotBefore()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 4));

        final Outcome before = h.advanceTime(START_MS + 9_999);

        assertEquals(List.of(EventType.TIME_ADVANCED), before.eventTypes());
        assertEquals(ReservationState.HELD, h.state("r1"));

        final Outcome at = h.advanceTime(START_MS + 10_000);

        assertEquals(List.of(EventType.EXPIRED, EventType.TIME_ADVANCED), at.eventTypes());
        assertEquals(ReservationState.EXPIRED, h.state("r1"));
        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, DC));
    }

    @Test
    void shouldExpireHoldsWithEqualDeadlinesInTheOrderTheyWereMade()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("b", WEB, FulfilmentType.SHIP, 3_000, ReserveLine.at(SKU_1, DC, 1));
        h.reserve("a", WEB, FulfilmentType.SHIP, 3_000, ReserveLine.at(SKU_1, DC, 1));
        h.reserve("c", WEB, FulfilmentType.SHIP, 3_000, ReserveLine.at(SKU_1, DC, 1));

        final Outcome outcome = h.advanceTime(START_MS + 3_000);

        final List<String> order = outcome.events(EventType.EXPIRED).stream().map(Decoded::reference).toList();
        assertEquals(List.of("b", "a", "c"), order);
    }

    @Test
    void shouldExpireDueHoldsBeforeAnyLaterCommandIsDecided()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 5);
        h.reserve("r1", ReserveLine.at(SKU_1, STORE, 5));
        h.at(START_MS + 10_000);

        final Outcome sale = h.sell(POS, SKU_1, STORE, 5);

        assertEquals(List.of(EventType.EXPIRED, EventType.SOLD), sale.eventTypes());
        assertEquals(START_MS + 10_000, sale.event(EventType.SOLD).timeMs());
        assertEquals(Stock.NONE.available(0), h.stock(SKU_1, STORE));
    }

    @Test
    void shouldExpireHoldsOnTimerTickWithoutRecordingTheTick()
    {
        final EngineConfig config = MachineHarness.testConfig();
        final StateMachine machine = new StateMachine(config);
        final CommandTranslator translator = new CommandTranslator(config.linesPerReservationMax(), config.locationCapacity());
        final CommandSlot slot = new CommandSlot(config.linesPerReservationMax());
        applyOk(machine, translator, slot, new DefineSku("k1", SKU_1));
        applyOk(machine, translator, slot, new DefineLocation("k2", DC, LocationType.WAREHOUSE, LocationCapability.ALL, 1, 0, 0));
        applyOk(machine, translator, slot, new DefineChannel("k3", WEB, List.of(DC)));
        applyOk(machine, translator, slot, new Receive("k4", SKU_1, DC, 10));
        applyOk(machine, translator, slot, Reserve.of("k5", "r1", WEB, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 4)));
        final long quiet = machine.sequence();
        final long remembered = machine.stateHash();

        tick(machine, slot, START_MS + 5_000);

        assertEquals(OK, slot.code);
        assertEquals(0, slot.eventCount);
        assertEquals(-1, slot.sequence);
        assertEquals(quiet, machine.sequence());
        assertEquals(START_MS + 5_000, machine.nowMs());

        tick(machine, slot, START_MS + 20_000);

        assertEquals(OK, slot.code);
        assertEquals(1, slot.eventCount);
        final Decoded expired = MachineHarness.decode(new EventView(machine.names()).wrap(slot.events, 0));
        assertEquals(EventType.EXPIRED, expired.type());
        assertEquals("r1", expired.reference());
        assertEquals("", expired.commandKey());
        assertEquals(START_MS + 10_000, expired.timeMs());
        assertEquals(quiet + 1, machine.sequence());
        assertEquals(START_MS + 20_000, machine.nowMs());
        assertEquals(ReservationState.EXPIRED, machine.reservation("r1").state());
        assertEquals(10, machine.available(0, 0));
        assertNotEquals(remembered, machine.stateHash());
        assertNull(machine.verifyInvariants());
    }

    @Test
    void shouldNeverMoveEngineTimeBackwards()
    {
        final MachineHarness h = MachineHarness.standard();
        h.advanceTime(START_MS + 5_000);

        final Outcome outcome = h.advanceTime(START_MS + 1_000);

        assertEquals(OK, outcome.code());
        assertEquals(START_MS + 5_000, outcome.event(EventType.TIME_ADVANCED).timeMs());
        assertEquals(START_MS + 5_000, h.machine().nowMs());

        final Outcome stale = h.at(START_MS).receive(SKU_1, DC, 1);

        assertEquals(START_MS + 5_000, stale.event(EventType.RECEIVED).timeMs());
        assertEquals(START_MS + 5_000, h.machine().nowMs());
    }

    @Test
    void shouldKeepEveryMovementExplainedByItsEvents()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 20);
        h.adjust(SKU_1, DC, -2, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE);
        h.adjust(SKU_1, DC, 3, StockBucket.DAMAGED, AdjustmentReason.DAMAGE);
        h.transferOut("t1", SKU_1, DC, STORE, 5);
        h.transferIn("t1", 5);
        h.sell(POS, SKU_1, STORE, 1);
        h.returnGoods(WEB, SKU_1, STORE, 1, Disposition.QUARANTINE);
        h.count(SKU_1, DC, 12);

        long onHand = 0;
        for (final Decoded event : h.events())
        {
            final EventType type = event.type();
            if (type == EventType.RECEIVED || type == EventType.ADJUSTED || type == EventType.TRANSFER_RECEIVED ||
                type == EventType.RETURNED)
            {
                onHand += event.quantity();
            }
            else if (type == EventType.SOLD || type == EventType.TRANSFER_SHIPPED)
            {
                onHand -= event.quantity();
            }
            else if (type == EventType.COUNTED)
            {
                onHand += event.variance();
            }
        }
        assertEquals(h.stock(SKU_1, DC).onHand() + h.stock(SKU_1, STORE).onHand(), onHand);
        assertEquals(Stock.NONE.onHand(15).damaged(3).available(12), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.onHand(5).quarantined(1).available(4), h.stock(SKU_1, STORE));
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------

    /** Applies a command stamped at {@link MachineHarness#START_MS} directly to a machine and expects it applied. */
    private static void applyOk(
        final StateMachine machine, final CommandTranslator translator, final CommandSlot slot, final Command command)
    {
        assertEquals(OK, translator.translate(command, START_MS, slot));
        machine.apply(slot);
        assertEquals(OK, slot.code, command::toString);
    }

    /**
     * A timer tick applied directly: {@link MachineHarness#tick()} cannot be used, because its after-apply check
     * expects a reply sequence naming the command's own event, and a tick has neither.
     */
    private static void tick(final StateMachine machine, final CommandSlot slot, final long timeMs)
    {
        slot.tick(timeMs);
        machine.apply(slot);
        assertNull(machine.verifyInvariants());
    }

    @Test
    void shouldKeepColdBucketsPerPositionOnBothSidesOfAChunkBoundary()
    {
        final int skus = 2_100;
        final MachineHarness h = MachineHarness.empty(MachineHarness.testConfig().skuCapacity(skus)
            .positionCapacity(2 * skus).idempotencyCapacity(16_384));
        h.defineLocation("a", LocationType.STORE, LocationCapability.ALL, 1);
        h.defineLocation("b", LocationType.STORE, LocationCapability.ALL, 2);
        for (int sku = 0; sku < skus; sku++)
        {
            h.defineSku("s" + sku);
            assertEquals(OK, h.receive("s" + sku, "a", 10).code());
            assertEquals(OK, h.receive("s" + sku, "b", 10).code());
        }
        assertEquals(0, h.machine().coldChunksAllocated(), "receipts write no cold bucket");

        // (s2048, a) is position 4,096: the first of the second chunk; (s2047, b) the last of the first
        assertEquals(OK, h.adjust("s2048", "a", 3, StockBucket.DAMAGED, AdjustmentReason.DAMAGE).code());
        assertEquals(OK, h.adjust("s2048", "b", 1, StockBucket.QUARANTINED, AdjustmentReason.OTHER).code());
        assertEquals(OK, h.safetyStock("s2049", "b", 2).code());
        assertEquals(OK, h.transferOut("t1", "s2050", "a", "b", 4).code());
        assertEquals(1, h.machine().coldChunksAllocated(), "only the second chunk");

        assertEquals(new Stock(13, 0, 0, 0, 3, 0, 0, 0, 10), h.stock("s2048", "a"));
        assertEquals(new Stock(11, 0, 0, 0, 0, 1, 0, 0, 10), h.stock("s2048", "b"));
        assertEquals(new Stock(10, 0, 0, 2, 0, 0, 0, 0, 8), h.stock("s2049", "b"));
        assertEquals(new Stock(6, 0, 0, 0, 0, 0, 0, 0, 6), h.stock("s2050", "a"));
        assertEquals(new Stock(10, 0, 0, 0, 0, 0, 4, 0, 10), h.stock("s2050", "b"));
        assertEquals(new Stock(10, 0, 0, 0, 0, 0, 0, 0, 10), h.stock("s2047", "b"), "the first chunk's last position");
        assertEquals(new Stock(10, 0, 0, 0, 0, 0, 0, 0, 10), h.stock("s2049", "a"), "a neighbour in the chunk");

        assertEquals(OK, h.safetyStock("s0", "a", 0).code());
        assertEquals(1, h.machine().coldChunksAllocated(), "setting safety stock to 0 where none was allocates nothing");
        assertEquals(OK, h.safetyStock("s1", "a", 5).code());
        assertEquals(2, h.machine().coldChunksAllocated());
        assertEquals(5, h.available("s1", "a"));

        final org.agrona.ExpandableArrayBuffer buffer = new org.agrona.ExpandableArrayBuffer(1 << 20);
        h.machine().writeSnapshot(new SnapshotCursor(buffer, 0));
        final StateMachine loaded = StateMachine.loadSnapshot(h.config(), new SnapshotCursor(buffer, 0));
        assertEquals(h.machine().stateHash(), loaded.stateHash());
        assertNull(loaded.verifyInvariants());
        assertEquals(2, loaded.coldChunksAllocated(), "a snapshot's zero buckets allocate nothing either");
        h.assertReplays();
    }
}
