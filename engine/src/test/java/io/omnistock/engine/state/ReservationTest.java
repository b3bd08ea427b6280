package io.omnistock.engine.state;

import io.omnistock.api.AdvanceTime;
import io.omnistock.api.Command;
import io.omnistock.api.CommandType;
import io.omnistock.api.EventType;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.ReservationLineSnapshot;
import io.omnistock.api.ReservationSnapshot;
import io.omnistock.api.Release;
import io.omnistock.api.ReservationState;
import io.omnistock.api.ReserveLine;
import io.omnistock.engine.state.MachineHarness.Decoded;
import io.omnistock.engine.state.MachineHarness.Line;
import io.omnistock.engine.state.MachineHarness.Outcome;
import io.omnistock.engine.state.MachineHarness.Stock;
import org.agrona.ExpandableArrayBuffer;
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

/** Reserve, confirm, release and fulfil: happy paths, sourcing, atomicity and every lifecycle rejection. */
class ReservationTest
{
    @Test
    void shouldHoldNamedLineAndMoveUnitsFromAvailableToReserved()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.receive(SKU_1, STORE, 4);

        final Outcome outcome = h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));

        assertEquals(OK, outcome.code());
        assertEquals(List.of(DC), outcome.lineLocations());
        assertEquals(-1, outcome.lineIndex());
        assertEquals(Stock.NONE.onHand(10).reserved(3).available(7), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.onHand(4).available(4), h.stock(SKU_1, STORE));
        assertEquals(11, h.atp(SKU_1, WEB));
        assertEquals(4, h.atp(SKU_1, POS));
        final Decoded reserved = outcome.event(EventType.RESERVED);
        assertEquals(List.of(EventType.RESERVED), outcome.eventTypes());
        assertEquals(outcome.sequence(), reserved.sequence());
        assertEquals(CommandType.RESERVE, reserved.commandType());
        assertEquals(START_MS, reserved.timeMs());
        assertEquals("r1", reserved.reference());
        assertEquals(WEB, reserved.channel());
        assertEquals(FulfilmentType.SHIP, reserved.fulfilment());
        assertEquals(START_MS + 10_000, reserved.deadlineMs());
        assertEquals(ReservationState.HELD, reserved.reservationState());
        assertEquals(OK, reserved.reasonCode());
        assertEquals(List.of(new Line(SKU_1, DC, 3)), reserved.lines());
        assertEquals(new ReservationSnapshot("r1", ReservationState.HELD, WEB, FulfilmentType.SHIP, START_MS,
            START_MS + 10_000, List.of(new ReservationLineSnapshot(SKU_1, DC, 3, 0))), h.reservation("r1"));
    }

    @Test
    void shouldHoldEveryLineOfMultiLineReservation()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.receive(SKU_2, STORE, 5);

        final Outcome outcome = h.reserve("r1", ReserveLine.at(SKU_1, DC, 2), ReserveLine.at(SKU_2, STORE, 5));

        assertEquals(OK, outcome.code());
        assertEquals(List.of(DC, STORE), outcome.lineLocations());
        assertEquals(List.of(new Line(SKU_1, DC, 2), new Line(SKU_2, STORE, 5)),
            outcome.event(EventType.RESERVED).lines());
        assertEquals(Stock.NONE.onHand(10).reserved(2).available(8), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.onHand(5).reserved(5).available(0), h.stock(SKU_2, STORE));
        assertEquals(0, h.atp(SKU_2, POS));
    }

    @Test
    void shouldRejectWholeReservationWhenOneLineIsShort()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.receive(SKU_2, DC, 2);
        final long before = h.machine().inventoryHash();

        final Outcome outcome = h.reserve("r1", ReserveLine.at(SKU_1, DC, 5), ReserveLine.at(SKU_2, DC, 3));

        assertEquals(INSUFFICIENT_STOCK, outcome.code());
        assertEquals(1, outcome.lineIndex());
        assertEquals(2, outcome.available());
        assertEquals(List.of(), outcome.lineLocations());
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.onHand(2).available(2), h.stock(SKU_2, DC));
        assertNull(h.reservation("r1"));
        final Decoded rejected = outcome.event(EventType.REJECTED);
        assertEquals(List.of(EventType.REJECTED), outcome.eventTypes());
        assertEquals(CommandType.RESERVE, rejected.commandType());
        assertEquals(INSUFFICIENT_STOCK, rejected.reasonCode());
        assertEquals("r1", rejected.reference());
        assertEquals(1, rejected.lineIndex());
        assertEquals(2, rejected.available());
    }

    @Test
    void shouldReportZeroAvailableForLineAtPositionThatNeverHadStock()
    {
        final MachineHarness h = MachineHarness.standard();

        final Outcome outcome = h.reserve("r1", ReserveLine.at(SKU_1, STORE, 1));

        assertEquals(INSUFFICIENT_STOCK, outcome.code());
        assertEquals(0, outcome.lineIndex());
        assertEquals(0, outcome.available());
    }

    @Test
    void shouldCountEarlierLinesOfTheSameReservationAgainstAvailability()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 5);

        final Outcome short1 = h.reserve("r1", ReserveLine.at(SKU_1, DC, 3), ReserveLine.anywhere(SKU_1, 3));

        assertEquals(NO_SOURCING_LOCATION, short1.code());
        assertEquals(1, short1.lineIndex());
        assertEquals(2, short1.available());
        assertEquals(Stock.NONE.onHand(5).available(5), h.stock(SKU_1, DC));

        h.receive(SKU_1, STORE, 3);
        final Outcome held = h.reserve("r2", ReserveLine.at(SKU_1, DC, 3), ReserveLine.anywhere(SKU_1, 3));

        assertEquals(OK, held.code());
        assertEquals(List.of(DC, STORE), held.lineLocations());
        assertEquals(Stock.NONE.onHand(5).reserved(3).available(2), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.onHand(3).reserved(3).available(0), h.stock(SKU_1, STORE));
    }

    @Test
    void shouldSourceAnywhereLineAtPreferredLocationWithWholeLineAvailable()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 5);
        h.receive(SKU_1, STORE, 10);

        final Outcome small = h.reserve("r1", ReserveLine.anywhere(SKU_1, 2));
        final Outcome large = h.reserve("r2", ReserveLine.anywhere(SKU_1, 6));

        assertEquals(List.of(DC), small.lineLocations());
        assertEquals(List.of(new Line(SKU_1, DC, 2)), small.event(EventType.RESERVED).lines());
        assertEquals(List.of(STORE), large.lineLocations());
        assertEquals(List.of(new Line(SKU_1, STORE, 6)), large.event(EventType.RESERVED).lines());
        assertEquals(Stock.NONE.onHand(5).reserved(2).available(3), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.onHand(10).reserved(6).available(4), h.stock(SKU_1, STORE));
        assertEquals(STORE, h.reservation("r2").lines().get(0).location());
    }

    @Test
    void shouldSourcePickupOnlyAtLocationsThatAcceptPickups()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.receive(SKU_1, OUTLET, 10);

        final Outcome outcome = h.reserve("r1", WEB, FulfilmentType.PICKUP, 10_000, ReserveLine.anywhere(SKU_1, 2));

        assertEquals(OK, outcome.code());
        assertEquals(List.of(OUTLET), outcome.lineLocations());
        assertEquals(FulfilmentType.PICKUP, outcome.event(EventType.RESERVED).fulfilment());
        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.onHand(10).reserved(2).available(8), h.stock(SKU_1, OUTLET));
    }

    @Test
    void shouldSourceShipFromStoreOnlyAtStoresThatShipEvenWhenTheWarehouseComesFirst()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.receive(SKU_1, STORE, 3);
        h.receive(SKU_1, OUTLET, 10);

        final Outcome fromStore = h.reserve("r1", WEB, FulfilmentType.SHIP_FROM_STORE, 10_000,
            ReserveLine.anywhere(SKU_1, 2));
        final Outcome tooMany = h.reserve("r2", WEB, FulfilmentType.SHIP_FROM_STORE, 10_000,
            ReserveLine.anywhere(SKU_1, 2));

        assertEquals(List.of(STORE), fromStore.lineLocations(), "the store, not the higher-priority warehouse");
        assertEquals(NO_SOURCING_LOCATION, tooMany.code(), "the outlet does not ship and the warehouse is no store");
        assertEquals(1, tooMany.available());
        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, DC));
    }

    @Test
    void shouldSourceShipOnlyAtLocationsThatShip()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, OUTLET, 10);

        final Outcome outcome = h.reserve("r1", ReserveLine.anywhere(SKU_1, 2));

        assertEquals(NO_SOURCING_LOCATION, outcome.code());
        assertEquals(0, outcome.lineIndex());
        assertEquals(0, outcome.available());
        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, OUTLET));
        assertNull(h.reservation("r1"));
    }

    @Test
    void shouldReportBestAvailableAmongCapableLocationsWhenNoneCanServeTheLine()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 3);
        h.receive(SKU_1, STORE, 4);
        h.receive(SKU_1, OUTLET, 50);

        final Outcome outcome = h.reserve("r1", ReserveLine.anywhere(SKU_1, 5));

        assertEquals(NO_SOURCING_LOCATION, outcome.code());
        assertEquals(0, outcome.lineIndex());
        assertEquals(4, outcome.available());
        assertEquals(NO_SOURCING_LOCATION, outcome.event(EventType.REJECTED).reasonCode());
    }

    @Test
    void shouldSourceTiesInPriorityToTheLocationDefinedFirst()
    {
        final MachineHarness h = MachineHarness.empty();
        h.defineSku(SKU_1);
        h.defineLocation("b-first", LocationType.STORE, LocationCapability.SHIPS, 5);
        h.defineLocation("a-second", LocationType.STORE, LocationCapability.SHIPS, 5);
        h.defineChannel(WEB, "a-second", "b-first");
        h.receive(SKU_1, "a-second", 5);
        h.receive(SKU_1, "b-first", 5);

        final Outcome outcome = h.reserve("r1", ReserveLine.anywhere(SKU_1, 1));

        assertEquals(List.of("b-first"), outcome.lineLocations());
    }

    @Test
    void shouldSourceInStoreReservationWithoutCapabilityRequirement()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, OUTLET, 3);

        final Outcome outcome = h.reserve("r1", WEB, FulfilmentType.IN_STORE, 10_000, ReserveLine.anywhere(SKU_1, 3));

        assertEquals(OK, outcome.code());
        assertEquals(List.of(OUTLET), outcome.lineLocations());
    }

    @Test
    void shouldConfirmHeldReservationMovingReservedToCommitted()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));

        final Outcome outcome = h.confirm("r1");

        assertEquals(OK, outcome.code());
        final Decoded confirmed = outcome.event(EventType.CONFIRMED);
        assertEquals(List.of(EventType.CONFIRMED), outcome.eventTypes());
        assertEquals("r1", confirmed.reference());
        assertEquals(WEB, confirmed.channel());
        assertEquals(ReservationState.COMMITTED, confirmed.reservationState());
        assertEquals(CommandType.CONFIRM, confirmed.commandType());
        assertEquals(Stock.NONE.onHand(10).committed(3).available(7), h.stock(SKU_1, DC));
        assertEquals(7, h.atp(SKU_1, WEB));
        assertEquals(ReservationState.COMMITTED, h.state("r1"));
    }

    @Test
    void shouldNeverExpireConfirmedReservation()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));
        h.confirm("r1");

        final Outcome outcome = h.advanceTime(START_MS + 1_000_000);

        assertEquals(List.of(EventType.TIME_ADVANCED), outcome.eventTypes());
        assertEquals(ReservationState.COMMITTED, h.state("r1"));
        assertEquals(Stock.NONE.onHand(10).committed(3).available(7), h.stock(SKU_1, DC));
    }

    @Test
    void shouldReleaseHeldReservationGivingUnitsBack()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));

        final Outcome outcome = h.release("r1");

        assertEquals(OK, outcome.code());
        final Decoded released = outcome.event(EventType.RELEASED);
        assertEquals("r1", released.reference());
        assertEquals(WEB, released.channel());
        assertEquals(ReservationState.RELEASED, released.reservationState());
        assertEquals(List.of(new Line(SKU_1, DC, 3)), released.lines());
        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, DC));
        assertEquals(10, h.atp(SKU_1, WEB));
        assertEquals(ReservationState.RELEASED, h.state("r1"));
    }

    @Test
    void shouldReleaseCommittedReservationGivingBackOnlyWhatIsOutstanding()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.receive(SKU_2, DC, 5);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 5), ReserveLine.at(SKU_2, DC, 2));
        h.confirm("r1");
        h.fulfilLines("r1", 2, 0);

        final Outcome outcome = h.release("r1");

        assertEquals(OK, outcome.code());
        assertEquals(List.of(new Line(SKU_1, DC, 3), new Line(SKU_2, DC, 2)),
            outcome.event(EventType.RELEASED).lines());
        assertEquals(Stock.NONE.onHand(8).available(8), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.onHand(5).available(5), h.stock(SKU_2, DC));
        assertEquals(13, h.atp(SKU_1, WEB) + h.atp(SKU_2, WEB));
        final ReservationSnapshot snapshot = h.reservation("r1");
        assertEquals(ReservationState.RELEASED, snapshot.state());
        assertEquals(List.of(new ReservationLineSnapshot(SKU_1, DC, 5, 2), new ReservationLineSnapshot(SKU_2, DC, 2, 0)),
            snapshot.lines());
    }

    @Test
    void shouldFulfilPartlyThenCompletely()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.receive(SKU_2, DC, 4);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 5), ReserveLine.at(SKU_2, DC, 2));
        h.confirm("r1");

        final Outcome partial = h.fulfilLines("r1", 2, 1);

        assertEquals(OK, partial.code());
        final Decoded first = partial.event(EventType.FULFILLED);
        assertEquals("r1", first.reference());
        assertEquals(ReservationState.COMMITTED, first.reservationState());
        assertEquals(List.of(new Line(SKU_1, DC, 2), new Line(SKU_2, DC, 1)), first.lines());
        assertEquals(Stock.NONE.onHand(8).committed(3).available(5), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.onHand(3).committed(1).available(2), h.stock(SKU_2, DC));
        assertEquals(ReservationState.COMMITTED, h.state("r1"));

        final Outcome rest = h.fulfilAll("r1");

        assertEquals(OK, rest.code());
        final Decoded second = rest.event(EventType.FULFILLED);
        assertEquals(ReservationState.FULFILLED, second.reservationState());
        assertEquals(List.of(new Line(SKU_1, DC, 3), new Line(SKU_2, DC, 1)), second.lines());
        assertEquals(Stock.NONE.onHand(5).available(5), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.onHand(2).available(2), h.stock(SKU_2, DC));
        assertEquals(ReservationState.FULFILLED, h.state("r1"));
        assertEquals(List.of(new ReservationLineSnapshot(SKU_1, DC, 5, 5), new ReservationLineSnapshot(SKU_2, DC, 2, 2)),
            h.reservation("r1").lines());
    }

    @Test
    void shouldFulfilLineByLineUntilEveryLineIsComplete()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.receive(SKU_2, DC, 4);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 1), ReserveLine.at(SKU_2, DC, 1));
        h.confirm("r1");

        final Outcome first = h.fulfilLines("r1", 1, 0);
        final Outcome second = h.fulfilLines("r1", 0, 1);

        assertEquals(ReservationState.COMMITTED, first.event(EventType.FULFILLED).reservationState());
        assertEquals(ReservationState.FULFILLED, second.event(EventType.FULFILLED).reservationState());
        assertEquals(ReservationState.FULFILLED, h.state("r1"));
    }

    @Test
    void shouldRejectOverFulfilmentNamingLineAndOutstanding()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.receive(SKU_2, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 5), ReserveLine.at(SKU_2, DC, 5));
        h.confirm("r1");
        h.fulfilLines("r1", 0, 2);
        final long before = h.machine().inventoryHash();

        final Outcome outcome = h.fulfilLines("r1", 5, 4);

        assertEquals(OVER_FULFILMENT, outcome.code());
        assertEquals(1, outcome.lineIndex());
        assertEquals(3, outcome.available());
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(Stock.NONE.onHand(10).committed(5).available(5), h.stock(SKU_1, DC));
        assertEquals(Stock.NONE.onHand(8).committed(3).available(5), h.stock(SKU_2, DC));
    }

    @Test
    void shouldExtendHoldToNowPlusTheNewDuration()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));
        h.at(START_MS + 4_000);

        final Outcome outcome = h.extendHold("r1", 20_000);

        assertEquals(OK, outcome.code());
        final Decoded extended = outcome.event(EventType.HOLD_EXTENDED);
        assertEquals("r1", extended.reference());
        assertEquals(START_MS + 24_000, extended.deadlineMs());
        assertEquals(START_MS + 4_000, extended.timeMs());
        assertEquals(ReservationState.HELD, extended.reservationState());
        assertEquals(START_MS + 24_000, h.reservation("r1").deadlineMs());
        assertEquals(Stock.NONE.onHand(10).reserved(3).available(7), h.stock(SKU_1, DC));
    }

    @Test
    void shouldRejectReservationKeyAlreadyInUse()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));
        final long before = h.machine().inventoryHash();

        final Outcome outcome = h.reserve("r1", ReserveLine.at(SKU_1, DC, 1));

        assertEquals(KEY_IN_USE, outcome.code());
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(3, h.stock(SKU_1, DC).reserved());
    }

    @Test
    void shouldRejectReservationKeyOfFinishedReservationStillKnown()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));
        h.release("r1");

        final Outcome outcome = h.reserve("r1", ReserveLine.at(SKU_1, DC, 1));

        assertEquals(KEY_IN_USE, outcome.code());
        assertEquals(0, h.stock(SKU_1, DC).reserved());
        assertEquals(ReservationState.RELEASED, h.state("r1"));
    }

    @Test
    void shouldRejectLineAtLocationOutsideTheChannel()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.receive(SKU_1, STORE, 10);

        final Outcome outcome = h.reserve("r1", POS, FulfilmentType.IN_STORE, 10_000,
            ReserveLine.at(SKU_1, STORE, 1), ReserveLine.at(SKU_1, DC, 1));

        assertEquals(LOCATION_NOT_IN_CHANNEL, outcome.code());
        assertEquals(1, outcome.lineIndex());
        assertEquals(0, h.stock(SKU_1, STORE).reserved());
    }

    @Test
    void shouldRejectSameSkuTwiceAtSameLocation()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);

        final Outcome outcome = h.reserve("r1", ReserveLine.at(SKU_1, DC, 1), ReserveLine.at(SKU_1, DC, 2));

        assertEquals(DUPLICATE_LINE, outcome.code());
        assertEquals(1, outcome.lineIndex());
        assertEquals(0, h.stock(SKU_1, DC).reserved());
    }

    @Test
    void shouldRejectSameSkuTwiceAnywhere()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);

        final Outcome outcome = h.reserve("r1", ReserveLine.at(SKU_2, DC, 1), ReserveLine.anywhere(SKU_1, 1),
            ReserveLine.anywhere(SKU_1, 2));

        assertEquals(DUPLICATE_LINE, outcome.code());
        assertEquals(2, outcome.lineIndex());
        assertEquals(0, h.stock(SKU_1, DC).reserved());
    }

    @Test
    void shouldRejectUnknownChannelSkuAndLocationOfReservation()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);

        final Outcome channel = h.reserve("r1", "nowhere", FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 1));
        final Outcome sku = h.reserve("r1", ReserveLine.at(SKU_1, DC, 1), ReserveLine.at("ghost", DC, 1));
        final Outcome location = h.reserve("r1", ReserveLine.at(SKU_1, "atlantis", 1));

        assertEquals(UNKNOWN_CHANNEL, channel.code());
        assertEquals(UNKNOWN_SKU, sku.code());
        assertEquals(1, sku.lineIndex());
        assertEquals(UNKNOWN_LOCATION, location.code());
        assertEquals(0, location.lineIndex());
        assertNull(h.reservation("r1"));
    }

    @Test
    void shouldRejectHoldDurationOutsideOneToConfiguredMaximum()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        final long max = h.config().holdMaxMs();

        assertEquals(INVALID_HOLD_DURATION, h.reserve("r1", WEB, FulfilmentType.SHIP, 0, ReserveLine.at(SKU_1, DC, 1)).code());
        assertEquals(INVALID_HOLD_DURATION, h.reserve("r1", WEB, FulfilmentType.SHIP, -5, ReserveLine.at(SKU_1, DC, 1)).code());
        assertEquals(INVALID_HOLD_DURATION,
            h.reserve("r1", WEB, FulfilmentType.SHIP, max + 1, ReserveLine.at(SKU_1, DC, 1)).code());
        assertEquals(0, h.stock(SKU_1, DC).reserved());
        assertEquals(OK, h.reserve("r1", WEB, FulfilmentType.SHIP, max, ReserveLine.at(SKU_1, DC, 1)).code());
        assertEquals(START_MS + max, h.reservation("r1").deadlineMs());
    }

    @Test
    void shouldRejectExtendHoldWithInvalidDuration()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 1));

        assertEquals(INVALID_HOLD_DURATION, h.extendHold("r1", 0).code());
        assertEquals(INVALID_HOLD_DURATION, h.extendHold("r1", h.config().holdMaxMs() + 1).code());
        assertEquals(START_MS + 10_000, h.reservation("r1").deadlineMs());
    }

    @Test
    void shouldAnswerUnknownReservationToEveryLifecycleCommand()
    {
        final MachineHarness h = MachineHarness.standard();
        final long before = h.machine().inventoryHash();

        assertEquals(UNKNOWN_RESERVATION, h.confirm("ghost").code());
        assertEquals(UNKNOWN_RESERVATION, h.release("ghost").code());
        assertEquals(UNKNOWN_RESERVATION, h.fulfilAll("ghost").code());
        assertEquals(UNKNOWN_RESERVATION, h.fulfilLines("ghost", 1).code());
        assertEquals(UNKNOWN_RESERVATION, h.extendHold("ghost", 1_000).code());
        assertEquals(before, h.machine().inventoryHash());
    }

    @Test
    void shouldRejectFulfilOfHeldReservationAsNotCommitted()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));

        final Outcome outcome = h.fulfilAll("r1");

        assertEquals(RESERVATION_NOT_COMMITTED, outcome.code());
        assertEquals(Stock.NONE.onHand(10).reserved(3).available(7), h.stock(SKU_1, DC));
        assertEquals(ReservationState.HELD, h.state("r1"));
    }

    @Test
    void shouldRejectConfirmAndExtendOfCommittedReservationAsNotHeld()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));
        h.confirm("r1");

        assertEquals(RESERVATION_NOT_HELD, h.confirm("r1").code());
        assertEquals(RESERVATION_NOT_HELD, h.extendHold("r1", 1_000).code());
        assertEquals(Stock.NONE.onHand(10).committed(3).available(7), h.stock(SKU_1, DC));
    }

    @Test
    void shouldRejectCommandsOnReleasedReservationAsReleased()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));
        h.release("r1");

        assertEquals(RESERVATION_RELEASED, h.confirm("r1").code());
        assertEquals(RESERVATION_RELEASED, h.fulfilAll("r1").code());
        assertEquals(RESERVATION_RELEASED, h.release("r1").code());
        assertEquals(RESERVATION_RELEASED, h.extendHold("r1", 1_000).code());
        assertEquals(Stock.NONE.onHand(10).available(10), h.stock(SKU_1, DC));
    }

    @Test
    void shouldRejectCommandsOnFulfilledReservationAsFulfilled()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));
        h.confirm("r1");
        h.fulfilAll("r1");

        assertEquals(RESERVATION_FULFILLED, h.fulfilAll("r1").code());
        assertEquals(RESERVATION_FULFILLED, h.fulfilLines("r1", 1).code());
        assertEquals(RESERVATION_FULFILLED, h.release("r1").code());
        assertEquals(RESERVATION_FULFILLED, h.confirm("r1").code());
        assertEquals(Stock.NONE.onHand(7).available(7), h.stock(SKU_1, DC));
    }

    @Test
    void shouldRejectFulfilQuantitiesThatDoNotMatchTheLines()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));
        h.confirm("r1");

        assertEquals(INVALID_ARGUMENT, h.fulfilLines("r1", 1, 1).code());
        assertEquals(INVALID_ARGUMENT, h.fulfilLines("r1").code());
        assertEquals(INVALID_QUANTITY, h.fulfilLines("r1", 0).code());
        final Outcome negative = h.fulfilLines("r1", -1);
        assertEquals(INVALID_QUANTITY, negative.code());
        assertEquals(0, negative.lineIndex());
        assertEquals(Stock.NONE.onHand(10).committed(3).available(7), h.stock(SKU_1, DC));
    }

    @Test
    void shouldRejectFulfilmentOfUnitsNoLongerOnHandAfterOversell()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 5);
        h.reserve("r1", POS, FulfilmentType.IN_STORE, 10_000, ReserveLine.at(SKU_1, STORE, 5));
        h.confirm("r1");
        final Outcome sale = h.sell(POS, SKU_1, STORE, 5);
        assertEquals(OK, sale.code());
        assertEquals(5, sale.event(EventType.OVERSOLD).quantity());
        assertEquals(Stock.NONE.onHand(0).committed(5).available(-5), h.stock(SKU_1, STORE));
        final long before = h.machine().inventoryHash();

        final Outcome outcome = h.fulfilAll("r1");

        assertEquals(INSUFFICIENT_ON_HAND, outcome.code());
        assertEquals(before, h.machine().inventoryHash());
        assertEquals(0, h.stock(SKU_1, STORE).onHand());
        assertFalse(h.stock(SKU_1, STORE).onHand() < 0);
    }

    @Test
    void shouldReleaseAndExpireReservationsLoadedFromSnapshot()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.receive(SKU_2, STORE, 10);
        assertEquals(OK, h.reserve("r1", ReserveLine.at(SKU_1, DC, 3), ReserveLine.at(SKU_2, STORE, 2)).code());
        assertEquals(OK, h.reserve("r2", WEB, FulfilmentType.SHIP, 1_000, ReserveLine.at(SKU_2, STORE, 4)).code());
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        h.machine().writeSnapshot(new SnapshotCursor(buffer, 0));
        final StateMachine loaded = StateMachine.loadSnapshot(h.config(), new SnapshotCursor(buffer, 0));
        final int sku2 = loaded.skuIndexOf(SKU_2);
        final int web = loaded.channelIndexOf(WEB);
        assertEquals(10 - 2 - 4, loaded.availableToPromise(sku2, web));

        // 5 s later r2's hold (1 s) has run out and r1's (10 s) has not: the release expires r2 first
        h.at(h.clockMs() + 5_000);
        for (final Command command : List.of(new Release("release-r1", "r1"), new AdvanceTime("tick", h.clockMs())))
        {
            final CommandSlot slot = new CommandSlot(h.config().linesPerReservationMax());
            assertEquals(OK, h.translator().translate(command, h.clockMs(), slot));
            loaded.apply(slot);
            assertEquals(OK, slot.code, command.toString());
            assertEquals(OK, h.send(command).code(), command.toString());
        }

        assertEquals(h.machine().stateHash(), loaded.stateHash());
        assertNull(loaded.verifyInvariants());
        assertEquals(10, loaded.availableToPromise(sku2, web));
        assertEquals(10, loaded.availableToPromise(loaded.skuIndexOf(SKU_1), web));
        assertEquals(ReservationState.RELEASED, h.reservation("r1").state());
        assertEquals(ReservationState.EXPIRED, h.reservation("r2").state());
    }

    @Test
    void shouldRefuseSnapshotWhoseReservationLineIsOutsideItsPositions()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10_000);
        assertEquals(OK, h.reserve("r1", ReserveLine.at(SKU_1, DC, 7_777)).code());
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        final SnapshotCursor out = new SnapshotCursor(buffer, 0);
        h.machine().writeSnapshot(out);
        // a line is written as its position (an int) and then its quantity: the last 7,777 in the snapshot
        int quantityAt = -1;
        for (int i = 0; i + Long.BYTES <= out.position(); i++)
        {
            quantityAt = buffer.getLong(i) == 7_777 ? i : quantityAt;
        }
        assertEquals(0, buffer.getInt(quantityAt - Integer.BYTES), "the line's position, the machine's only one");
        buffer.putInt(quantityAt - Integer.BYTES, 1);

        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> StateMachine.loadSnapshot(h.config(), new SnapshotCursor(buffer, 0)));
        assertTrue(refused.getMessage().contains("reservation 0 at position 1, outside its 1 positions"),
            refused.getMessage());
    }
}
