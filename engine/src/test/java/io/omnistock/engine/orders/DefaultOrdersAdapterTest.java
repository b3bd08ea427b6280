package io.omnistock.engine.orders;

import io.omnistock.api.AdvanceTime;
import io.omnistock.api.Disposition;
import io.omnistock.api.Event;
import io.omnistock.api.EventListener;
import io.omnistock.api.EventType;
import io.omnistock.api.PositionSnapshot;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.ReservationSnapshot;
import io.omnistock.api.ReservationState;
import io.omnistock.api.orders.OrderOutcome;
import io.omnistock.api.orders.OrderOutcome.Status;
import io.omnistock.api.orders.OrderStep;
import io.omnistock.engine.OmnistockEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.omnistock.engine.orders.OrderFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Order webhooks through the adapter into a real engine: what each lifecycle step changes in stock, what a
 * redelivered webhook changes (nothing) and what the host is told.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DefaultOrdersAdapterTest
{
    /** Returns seen by listeners: channel, location, quantity. */
    private final List<String> returns = new CopyOnWriteArrayList<>();
    private volatile long listenerSequence;
    private OmnistockEngine engine;
    private DefaultOrdersAdapter adapter;

    @BeforeEach
    void start()
    {
        engine = OrderFixture.start(OrderFixture.config().eventListener(new EventListener()
        {
            @Override
            public void onEvent(final Event event)
            {
                if (event.type() == EventType.RETURNED)
                {
                    returns.add(event.channel() + " " + event.location() + " " + event.quantity());
                }
                listenerSequence = event.sequence();
            }
        }));
        adapter = new DefaultOrdersAdapter(engine, HOLD_MS);
    }

    @AfterEach
    void stop()
    {
        engine.close();
    }

    @Test
    void shouldChangeNothingAndAnswerDuplicateWhenAnOrderWebhookIsDeliveredTwice()
    {
        final Order order = webShipOrder("A-1", new Line("1", TV, null, 2), new Line("2", CAM, null, 1));

        final OrderOutcome first = await(adapter.placed(order));
        final long sequence = engine.reads().sequence();
        final long state = engine.stateHash();
        final OrderOutcome second = await(adapter.placed(order));

        assertEquals(Status.ACCEPTED, first.status(), first::toString);
        assertEquals(Status.DUPLICATE, second.status(), second::toString);
        assertEquals(OrderStep.PLACED, second.step());
        assertEquals(List.of("o/A-1/hold"), second.keys());
        assertEquals(first.results().get(0).sequence(), second.results().get(0).sequence(), "the first outcome again");
        assertEquals(sequence, engine.reads().sequence(), "no event for the redelivery");
        assertEquals(state, engine.stateHash(), "no state change for the redelivery");
        assertEquals(8, engine.reads().available(TV, DC));
        assertEquals(2, engine.reads().available(CAM, DC));
    }

    @Test
    void shouldAnswerDuplicateForEveryRedeliveredStepOfALifecycle()
    {
        final Order order = webShipOrder("A-2", new Line("1", TV, null, 2));
        final Shipment shipment = shipment("SHP-1", new Part("1", 2));
        final Returned returned = new Returned("RMA-1", DC, List.of(new ReturnedLine("1", 1, Disposition.RESTOCK)));

        assertEquals(Status.ACCEPTED, await(adapter.placed(order)).status());
        assertEquals(Status.ACCEPTED, await(adapter.paid(order)).status());
        assertEquals(Status.ACCEPTED, await(adapter.shipped(order, shipment)).status());
        assertEquals(Status.ACCEPTED, await(adapter.returned(order, returned)).status());
        final long state = engine.stateHash();

        assertEquals(Status.DUPLICATE, await(adapter.placed(order)).status());
        assertEquals(Status.DUPLICATE, await(adapter.paid(order)).status());
        assertEquals(Status.DUPLICATE, await(adapter.shipped(order, shipment)).status());
        assertEquals(Status.DUPLICATE, await(adapter.returned(order, returned)).status());
        assertEquals(state, engine.stateHash());
        assertEquals(10 - 2 + 1, position(TV, DC).onHand(), "shipped 2, 1 came back once");
    }

    @Test
    void shouldTellTwoPartialShipmentsOfTheSameQuantityApartButNotARedeliveredOne()
    {
        final Order order = webShipOrder("A-3", new Line("1", TV, DC, 4));
        await(adapter.placed(order));
        await(adapter.paid(order));

        final OrderOutcome first = await(adapter.shipped(order, shipment("SHP-1", new Part("1", 2))));
        final ReservationSnapshot afterFirst = reservation("A-3");
        final OrderOutcome redelivered = await(adapter.shipped(order, shipment("SHP-1", new Part("1", 2))));
        final OrderOutcome second = await(adapter.shipped(order, shipment("SHP-2", new Part("1", 2))));

        assertEquals(Status.ACCEPTED, first.status());
        assertEquals(ReservationState.COMMITTED, afterFirst.state(), "a partial shipment keeps the rest committed");
        assertEquals(2, afterFirst.lines().get(0).fulfilled());
        assertEquals(Status.DUPLICATE, redelivered.status());
        assertEquals(Status.ACCEPTED, second.status(), second::toString);
        assertEquals(List.of("o/A-3/ship/SHP-2"), second.keys());
        assertEquals(ReservationState.FULFILLED, reservation("A-3").state());
        assertEquals(6, position(TV, DC).onHand(), "4 units left, not 6");
        assertEquals(0, position(TV, DC).committed());
    }

    @Test
    void shouldPutCommittedUnitsBackWhenCancelledAfterPayment()
    {
        final Order order = webShipOrder("A-4", new Line("1", TV, DC, 3));
        await(adapter.placed(order));
        await(adapter.paid(order));
        assertEquals(3, position(TV, DC).committed());

        final OrderOutcome cancelled = await(adapter.cancelled(order));
        final OrderOutcome again = await(adapter.cancelled(order));

        assertEquals(Status.ACCEPTED, cancelled.status());
        assertEquals(Status.DUPLICATE, again.status());
        assertEquals(ReservationState.RELEASED, reservation("A-4").state());
        assertEquals(0, position(TV, DC).committed());
        assertEquals(10, engine.reads().available(TV, DC));
        final OrderOutcome shippedAfterCancel = await(adapter.shipped(order, shipment("SHP-1")));
        assertEquals(ReasonCode.RESERVATION_RELEASED, shippedAfterCancel.reasonCode(), shippedAfterCancel::toString);
    }

    @Test
    void shouldBookAReturnAtAnotherStoreAgainstTheOrdersChannel()
    {
        final Order order = webShipOrder("A-5", new Line("1", TV, DC, 2), new Line("2", CAM, DC, 1));
        await(adapter.placed(order));
        await(adapter.paid(order));
        await(adapter.shipped(order, shipment("SHP-1")));

        final OrderOutcome returned = await(adapter.returned(order, new Returned("RMA-9", STORE_2, List.of(
            new ReturnedLine("1", 1, Disposition.RESTOCK), new ReturnedLine("2", 1, Disposition.DAMAGED)))));
        OrderFixture.awaitListener(engine, () -> listenerSequence);

        assertEquals(Status.ACCEPTED, returned.status(), returned::toString);
        assertEquals(List.of("o/A-5/return/RMA-9/1", "o/A-5/return/RMA-9/2"), returned.keys());
        assertEquals(List.of("web STORE-2 1", "web STORE-2 1"), returns);
        assertEquals(1, engine.reads().available(TV, STORE_2), "restocked where it came back");
        assertEquals(1, position(CAM, STORE_2).damaged());
        assertEquals(0, engine.reads().available(CAM, STORE_2));
        assertEquals(8, position(TV, DC).onHand(), "the shipping location keeps its books");
    }

    @Test
    void shouldReleaseWhatNeverLeavesWhenAnOrderIsClosedPartiallyFulfilled()
    {
        final Order order = webShipOrder("A-6", new Line("1", TV, DC, 3), new Line("2", CAM, DC, 2));
        await(adapter.placed(order));
        await(adapter.paid(order));

        final OrderOutcome closed = await(adapter.partiallyFulfilled(order, shipment("SHP-1", new Part("1", 3))));

        assertEquals(Status.ACCEPTED, closed.status(), closed::toString);
        assertEquals(List.of("o/A-6/ship/SHP-1", "o/A-6/close"), closed.keys());
        final ReservationSnapshot snapshot = reservation("A-6");
        assertEquals(ReservationState.RELEASED, snapshot.state());
        assertEquals(List.of(3L, 0L), List.of(snapshot.lines().get(0).fulfilled(), snapshot.lines().get(1).fulfilled()));
        assertEquals(7, position(TV, DC).onHand());
        assertEquals(3, engine.reads().available(CAM, DC), "the 2 cameras never shipped are sellable again");
        assertEquals(Status.DUPLICATE, await(adapter.partiallyFulfilled(order, shipment("SHP-1", new Part("1", 3))))
            .status());
    }

    @Test
    void shouldHoldAPickupOrderAtItsStoreAndFulfilItWhenCollected()
    {
        final Order order = webPickupOrder("B-1", STORE_2, new Line("1", TV, null, 1));
        engine.submit(new io.omnistock.api.Receive("asn-store-2", TV, STORE_2, 2)).join();

        final OrderOutcome placed = await(adapter.placed(order));
        await(adapter.paid(order));
        final OrderOutcome collected = await(adapter.pickedUp(order, shipment("PU-1")));

        assertEquals(List.of(STORE_2), placed.results().get(0).lineLocations(), "held at the pickup store");
        assertEquals(Status.ACCEPTED, collected.status());
        assertEquals(List.of("o/B-1/pickup/PU-1"), collected.keys());
        assertEquals(ReservationState.FULFILLED, reservation("B-1").state());
        assertEquals(1, position(TV, STORE_2).onHand());
        assertEquals(10, position(TV, DC).onHand());
    }

    @Test
    void shouldHoldLinesOfTheSameSkuAsOneReservationLineAndMapShipmentsOntoIt()
    {
        final Order order = webShipOrder("A-7", new Line("1", TV, DC, 1), new Line("2", CAM, DC, 1),
            new Line("3", TV, DC, 2));
        await(adapter.placed(order));
        await(adapter.paid(order));

        final OrderOutcome shipped = await(adapter.shipped(order,
            shipment("SHP-1", new Part("3", 2), new Part("2", 1))));

        assertEquals(Status.ACCEPTED, shipped.status(), shipped::toString);
        final ReservationSnapshot snapshot = reservation("A-7");
        assertEquals(2, snapshot.lines().size());
        assertEquals(3, snapshot.lines().get(0).quantity());
        assertEquals(2, snapshot.lines().get(0).fulfilled());
        assertEquals(1, snapshot.lines().get(1).fulfilled());
    }

    @Test
    void shouldRejectAWebhookThatDoesNotFitTheOrderWithoutSendingAnything()
    {
        final Order order = webShipOrder("A-8", new Line("1", TV, DC, 2));
        await(adapter.placed(order));
        await(adapter.paid(order));
        final long sequence = engine.reads().sequence();

        final OrderOutcome unknownLine = await(adapter.shipped(order, shipment("SHP-1", new Part("9", 1))));
        final OrderOutcome lineTwice = await(adapter.shipped(order,
            shipment("SHP-1", new Part("1", 1), new Part("1", 1))));
        final OrderOutcome noUnits = await(adapter.shipped(order, shipment("SHP-1", new Part("1", 0))));
        final OrderOutcome duplicateLineIds = await(adapter.placed(webShipOrder("A-9",
            new Line("1", TV, DC, 1), new Line("1", CAM, DC, 1))));
        final OrderOutcome emptyReturn = await(adapter.returned(order, new Returned("RMA-1", DC, List.of())));

        assertEquals(ReasonCode.INVALID_ARGUMENT, unknownLine.reasonCode());
        assertEquals(ReasonCode.DUPLICATE_LINE, lineTwice.reasonCode());
        assertEquals(ReasonCode.INVALID_QUANTITY, noUnits.reasonCode());
        assertEquals(ReasonCode.DUPLICATE_LINE, duplicateLineIds.reasonCode());
        assertEquals(ReasonCode.EMPTY, emptyReturn.reasonCode());
        assertNull(unknownLine.keys().get(0), "nothing was sent");
        assertEquals(sequence, engine.reads().sequence(), "the engine saw none of them");
    }

    @Test
    void shouldSurfaceTheEnginesRejectionWithItsReasonAndLine()
    {
        final Order tooMany = webShipOrder("A-10", new Line("1", CAM, null, 1), new Line("2", TV, DC, 11));
        final Order order = webShipOrder("A-11", new Line("1", TV, DC, 1));
        await(adapter.placed(order));
        engine.submit(new AdvanceTime("tick-1", CLOCK_MS + HOLD_MS + 1)).join();

        final OrderOutcome rejected = await(adapter.placed(tooMany));
        final OrderOutcome paidTooLate = await(adapter.paid(order));

        assertEquals(Status.REJECTED, rejected.status());
        assertEquals(ReasonCode.INSUFFICIENT_STOCK, rejected.reasonCode());
        assertEquals(1, rejected.rejection().lineIndex());
        assertEquals(10, rejected.rejection().available());
        assertEquals(3, engine.reads().available(CAM, DC), "all lines or none");
        assertEquals(ReasonCode.RESERVATION_EXPIRED, paidTooLate.reasonCode());
    }

    @Test
    void shouldHashLongAndNonAsciiOrderIdsIntoValidKeysThatStillDeduplicate()
    {
        final Order order = webShipOrder("Bestellung-\u00e4\u00f6\u00fc-" + "9".repeat(80), new Line("1", TV, DC, 1));

        final OrderOutcome first = await(adapter.placed(order));
        final OrderOutcome second = await(adapter.placed(order));

        assertEquals(Status.ACCEPTED, first.status(), first::toString);
        assertEquals(Status.DUPLICATE, second.status());
        final String reservation = adapter.reservationKey(order.orderId());
        assertTrue(reservation.startsWith("o#") && reservation.length() == 45, reservation);
        assertEquals(ReservationState.HELD, reservation(order.orderId()).state());
    }

    private PositionSnapshot position(final String sku, final String location)
    {
        return engine.reads().position(sku, location).orElseThrow();
    }

    private ReservationSnapshot reservation(final String orderId)
    {
        return engine.reads().reservation(adapter.reservationKey(orderId)).orElseThrow();
    }

    @Test
    void shouldFulfilSplitOrderLinePartByPartFromWhereEachPartShipped()
    {
        try (OmnistockEngine splitting = OrderFixture.start(OrderFixture.config()
            .sourcingPolicy(io.omnistock.engine.routing.Routing.builder().splits(true).build())))
        {
            final DefaultOrdersAdapter orders = new DefaultOrdersAdapter(splitting, OrderFixture.HOLD_MS);
            final Order order = webShipOrder("S-1", new Line("1", TV, null, 12));
            assertEquals(Status.ACCEPTED, await(orders.placed(order)).status());
            assertEquals(Status.ACCEPTED, await(orders.paid(order)).status());
            final Shipment fromDc = shipment("SHP-1", new Part("1", 5, DC));
            final Shipment noLocation = shipment("SHP-2", new Part("1", 1));

            final OrderOutcome first = await(orders.shipped(order, fromDc));
            final OrderOutcome again = await(orders.shipped(order, fromDc));
            final OrderOutcome unknownOrigin = await(orders.shipped(order, noLocation));
            final OrderOutcome rest = await(orders.partiallyFulfilled(order,
                shipment("SHP-3", new Part("1", 5, DC), new Part("1", 2, STORE_1))));

            assertEquals(Status.ACCEPTED, first.status(), first::toString);
            assertEquals(Status.DUPLICATE, again.status(), "the redelivery maps onto the same lines");
            assertEquals(ReasonCode.INVALID_ARGUMENT, unknownOrigin.reasonCode(), "a split line needs the origin");
            assertEquals(ReasonCode.DUPLICATE_LINE, rest.reasonCode(), "one part per order line per shipment");
            final OrderOutcome last = await(orders.shipped(order, shipment("SHP-4", new Part("1", 5, DC))));
            final OrderOutcome store = await(orders.partiallyFulfilled(order, shipment("SHP-5", new Part("1", 2, STORE_1))));
            assertEquals(Status.ACCEPTED, last.status(), last::toString);
            assertEquals(Status.ACCEPTED, store.status(), "closing an order its last shipment completed is not a rejection");
            assertEquals(List.of("o/S-1/ship/SHP-5"), store.keys(), "nothing left to release");
            assertEquals(io.omnistock.api.ReservationState.FULFILLED,
                splitting.reads().reservation(orders.reservationKey("S-1")).orElseThrow().state());
        }
    }
}
