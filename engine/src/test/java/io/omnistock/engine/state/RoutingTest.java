package io.omnistock.engine.state;

import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Destination;
import io.omnistock.api.EventType;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.Receive;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.routing.Sourcing;
import io.omnistock.api.routing.SourcingPolicy;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.routing.Routing;
import io.omnistock.engine.state.MachineHarness.Decoded;
import io.omnistock.engine.state.MachineHarness.Line;
import io.omnistock.engine.state.MachineHarness.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.omnistock.api.ReasonCode.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sourcing at reservation time through the routing adapter: the built-in policies (priority, nearest, fewest
 * shipments, splits, pickup store, capabilities, host filters), a host's own policy, and what happens when a
 * policy misbehaves. Geography: a New Jersey warehouse and stores in SoHo, Brooklyn and Philadelphia.
 */
class RoutingTest
{
    private static final String TEE = "tee";
    private static final String CAP = "cap";
    private static final String SOCK = "sock";
    private static final String DC = "DC-NJ";
    private static final String SOHO = "NYC-SOHO";
    private static final String BROOKLYN = "NYC-BKLYN";
    private static final String PHILLY = "PHL-CC";
    private static final String WEB = "web";
    private static final Destination MIDTOWN = Destination.ofDegrees(40.754, -73.984);
    private static final Destination PHILADELPHIA = Destination.ofDegrees(39.952, -75.165);
    private static final Destination NEWARK = Destination.ofDegrees(40.735, -74.172);

    private static MachineHarness fixture(final SourcingPolicy policy)
    {
        final EngineConfig config = MachineHarness.testConfig().sourcingPolicy(policy);
        final MachineHarness h = MachineHarness.empty(config);
        ok(h.send(new DefineSku("sku-tee", TEE)));
        ok(h.send(new DefineSku("sku-cap", CAP)));
        ok(h.send(new DefineLocation("loc-dc", DC, LocationType.WAREHOUSE, LocationCapability.SHIPS, 1, 40_735_700, -74_172_400)));
        ok(h.send(new DefineLocation("loc-soho", SOHO, LocationType.STORE, LocationCapability.ALL, 2, 40_723_300, -74_003_000)));
        ok(h.send(new DefineLocation("loc-bk", BROOKLYN, LocationType.STORE, LocationCapability.ALL, 3, 40_678_200, -73_944_200)));
        ok(h.send(new DefineLocation("loc-phl", PHILLY, LocationType.STORE, LocationCapability.PICKUP, 4, 39_952_600, -75_165_200)));
        ok(h.send(new DefineChannel("ch-web", WEB, List.of(DC, SOHO, BROOKLYN, PHILLY))));
        return h;
    }

    private static void ok(final Outcome outcome)
    {
        assertEquals(OK, outcome.code(), outcome::toString);
    }

    private static void stock(final MachineHarness h, final String sku, final String location, final long units)
    {
        ok(h.send(new Receive(h.nextKey(), sku, location, units)));
    }

    private static Outcome reserve(final MachineHarness h, final String reservation, final FulfilmentType fulfilment,
        final String pickup, final Destination to, final ReserveLine... lines)
    {
        return h.send(new Reserve(h.nextKey(), reservation, WEB, fulfilment, 10_000, List.of(lines), pickup, to));
    }

    @Test
    void shouldRefuseBopisAtChosenStoreWithTooLittleStockSayingWhatItHas()
    {
        final MachineHarness h = fixture(Routing.standard());
        stock(h, TEE, SOHO, 1);
        stock(h, TEE, BROOKLYN, 10);

        final Outcome outcome = reserve(h, "o1", FulfilmentType.PICKUP, SOHO, null, ReserveLine.anywhere(TEE, 3));

        assertEquals(INSUFFICIENT_STOCK, outcome.code());
        assertEquals(0, outcome.lineIndex());
        assertEquals(1, outcome.available(), "pickup store has 1 of 3");
        assertEquals(10, h.available(TEE, BROOKLYN));
    }

    @Test
    void shouldOfferNearestOtherPickupStoreWhenPolicyAllowsAlternative()
    {
        final MachineHarness h = fixture(Routing.builder().pickup(Routing.Pickup.NEAREST_ALTERNATIVE).build());
        stock(h, TEE, SOHO, 1);
        stock(h, TEE, BROOKLYN, 10);
        stock(h, TEE, PHILLY, 10);

        final Outcome outcome = reserve(h, "o1", FulfilmentType.PICKUP, SOHO, null, ReserveLine.anywhere(TEE, 3));

        assertEquals(OK, outcome.code());
        assertEquals(List.of(BROOKLYN), outcome.lineLocations(), "Brooklyn is nearer SoHo than Philadelphia");
        final Decoded reserved = outcome.event(EventType.RESERVED);
        assertEquals(SOHO, reserved.location(), "the event records the store the buyer chose");
        assertEquals(OK, reserve(h, "o2", FulfilmentType.PICKUP, SOHO, null, ReserveLine.anywhere(TEE, 1)).code());
        assertEquals(0, h.available(TEE, SOHO), "the chosen store serves when it can");
    }

    @Test
    void shouldShipFromNearestLocationToDestination()
    {
        final MachineHarness h = fixture(Routing.builder().rank(Routing.Rank.NEAREST).build());
        stock(h, TEE, DC, 10);
        stock(h, TEE, SOHO, 10);
        stock(h, TEE, BROOKLYN, 10);

        final Outcome toMidtown = reserve(h, "o1", FulfilmentType.SHIP, null, MIDTOWN, ReserveLine.anywhere(TEE, 1));
        final Outcome toNewark = reserve(h, "o2", FulfilmentType.SHIP, null, NEWARK, ReserveLine.anywhere(TEE, 1));
        final Outcome fromStore = reserve(h, "o3", FulfilmentType.SHIP_FROM_STORE, null, NEWARK, ReserveLine.anywhere(TEE, 1));
        final Outcome noDestination = reserve(h, "o4", FulfilmentType.SHIP, null, null, ReserveLine.anywhere(TEE, 1));

        assertEquals(List.of(SOHO), toMidtown.lineLocations());
        assertEquals(List.of(DC), toNewark.lineLocations());
        assertEquals(List.of(SOHO), fromStore.lineLocations(), "ship-from-store: the nearest store, never the warehouse");
        assertEquals(List.of(DC), noDestination.lineLocations(), "no destination: priority order");
        final Decoded event = toMidtown.event(EventType.RESERVED);
        assertEquals(MIDTOWN.latitudeMicros(), event.latitudeMicros());
        assertEquals(MIDTOWN.longitudeMicros(), event.longitudeMicros());
        h.assertReplays();
    }

    @Test
    void shouldPreferPriorityWhenPolicyRanksByPriority()
    {
        final MachineHarness h = fixture(Routing.standard());
        stock(h, TEE, DC, 10);
        stock(h, TEE, SOHO, 10);

        assertEquals(List.of(DC), reserve(h, "o1", FulfilmentType.SHIP, null, MIDTOWN, ReserveLine.anywhere(TEE, 1))
            .lineLocations());
    }

    @Test
    void shouldPutEveryLineInOneShipmentWhenOneLocationCanServeAll()
    {
        final MachineHarness perLine = fixture(Routing.standard());
        final MachineHarness fewest = fixture(Routing.builder().fewestShipments(true).build());
        for (final MachineHarness h : List.of(perLine, fewest))
        {
            stock(h, TEE, DC, 10);
            stock(h, CAP, SOHO, 10);
            stock(h, TEE, SOHO, 10);
        }

        final Outcome split = reserve(perLine, "o1", FulfilmentType.SHIP, null, null,
            ReserveLine.anywhere(TEE, 1), ReserveLine.anywhere(CAP, 1));
        final Outcome together = reserve(fewest, "o1", FulfilmentType.SHIP, null, null,
            ReserveLine.anywhere(TEE, 1), ReserveLine.anywhere(CAP, 1));

        assertEquals(List.of(DC, SOHO), split.lineLocations(), "per line: two parcels");
        assertEquals(List.of(SOHO, SOHO), together.lineLocations(), "fewest shipments: one parcel from SoHo");
    }

    @Test
    void shouldGroupLinesAtLocationServingMostWhenNoneServesAll()
    {
        final MachineHarness perLine = fixture(Routing.standard());
        final MachineHarness fewest = fixture(Routing.builder().fewestShipments(true).build());
        for (final MachineHarness h : List.of(perLine, fewest))
        {
            ok(h.send(new DefineSku("sku-sock", SOCK)));
            stock(h, TEE, DC, 5);
            stock(h, CAP, SOHO, 5);
            stock(h, CAP, BROOKLYN, 5);
            stock(h, SOCK, BROOKLYN, 5);
        }
        final ReserveLine[] lines = {ReserveLine.anywhere(TEE, 1), ReserveLine.anywhere(CAP, 1), ReserveLine.anywhere(SOCK, 1)};

        final Outcome threeParcels = reserve(perLine, "o1", FulfilmentType.SHIP, null, null, lines);
        final Outcome twoParcels = reserve(fewest, "o1", FulfilmentType.SHIP, null, null, lines);

        assertEquals(List.of(DC, SOHO, BROOKLYN), threeParcels.lineLocations());
        assertEquals(List.of(DC, BROOKLYN, BROOKLYN), twoParcels.lineLocations());
    }

    @Test
    void shouldSplitLineOverLocationsOnlyWhenAllowed()
    {
        final MachineHarness whole = fixture(Routing.standard());
        final MachineHarness splitting = fixture(Routing.builder().splits(true).build());
        for (final MachineHarness h : List.of(whole, splitting))
        {
            stock(h, TEE, DC, 3);
            stock(h, TEE, SOHO, 2);
            stock(h, TEE, BROOKLYN, 4);
        }

        final Outcome refused = reserve(whole, "o1", FulfilmentType.SHIP, null, null, ReserveLine.anywhere(TEE, 8));
        final Outcome split = reserve(splitting, "o1", FulfilmentType.SHIP, null, null,
            ReserveLine.anywhere(TEE, 8), ReserveLine.anywhere(CAP, 1));

        assertEquals(NO_SOURCING_LOCATION, refused.code());
        assertEquals(4, refused.available(), "the most any single location could offer");
        assertEquals(NO_SOURCING_LOCATION, split.code(), "the cap line has no stock anywhere");
        assertEquals(1, split.lineIndex());
        final Outcome held = reserve(splitting, "o2", FulfilmentType.SHIP, null, null, ReserveLine.anywhere(TEE, 8));
        assertEquals(OK, held.code());
        assertEquals(List.of(DC, SOHO, BROOKLYN), held.lineLocations());
        assertEquals(List.of(new Line(TEE, DC, 3), new Line(TEE, SOHO, 2), new Line(TEE, BROOKLYN, 3)),
            held.event(EventType.RESERVED).lines());
        assertEquals(1, splitting.available(TEE, BROOKLYN));
        assertEquals(OK, splitting.release("o2").code());
        assertEquals(9, splitting.atp(TEE, WEB));
        splitting.assertReplays();
    }

    @Test
    void shouldNotSplitBeyondReservationLineCapacity()
    {
        final MachineHarness h = fixture(Routing.builder().splits(true).build());
        stock(h, TEE, DC, 1);
        stock(h, TEE, SOHO, 1);
        stock(h, TEE, BROOKLYN, 1);
        stock(h, CAP, DC, 1);
        stock(h, CAP, SOHO, 1);

        final Outcome outcome = reserve(h, "o1", FulfilmentType.SHIP, null, null,
            ReserveLine.anywhere(TEE, 3), ReserveLine.anywhere(CAP, 2));

        assertEquals(NO_SOURCING_LOCATION, outcome.code(), "3 + 2 parts exceed the 4 lines a reservation may have");
        assertEquals(1, outcome.lineIndex());
        assertEquals(3, h.available(TEE, DC) + h.available(TEE, SOHO) + h.available(TEE, BROOKLYN));
    }

    @Test
    void shouldSkipLocationsHostFilterRejects()
    {
        final MachineHarness h = fixture(Routing.builder()
            .filter((sourcing, location) -> !SOHO.equals(sourcing.locationId(location))).build());
        stock(h, TEE, SOHO, 10);
        stock(h, TEE, BROOKLYN, 10);

        final Outcome outcome = reserve(h, "o1", FulfilmentType.SHIP_FROM_STORE, null, null, ReserveLine.anywhere(TEE, 1));

        assertEquals(List.of(BROOKLYN), outcome.lineLocations());
    }

    @Test
    void shouldNeverShipFromLocationWithoutShipsCapability()
    {
        final MachineHarness h = fixture(Routing.nearestFewestShipments());
        stock(h, TEE, PHILLY, 10);

        final Outcome outcome = reserve(h, "o1", FulfilmentType.SHIP, null, PHILADELPHIA, ReserveLine.anywhere(TEE, 1));

        assertEquals(NO_SOURCING_LOCATION, outcome.code(), "Philadelphia only offers pickup");
        assertEquals(0, outcome.available());
    }

    @Test
    void shouldRefuseWithPolicyFailedWhenHostPolicyThrowsOrDecidesWrongly()
    {
        final List<SourcingPolicy> broken = List.of(
            sourcing ->
            {
                throw new IllegalStateException("host bug");
            },
            sourcing -> sourcing.take(0, sourcing.candidate(0), sourcing.quantity(0) + 100),
            sourcing -> sourcing.take(0, sourcing.candidate(0), 1),
            sourcing -> sourcing.take(0, 99, sourcing.quantity(0)),
            sourcing ->
            {
            },
            sourcing -> sourcing.reject(0, OK, 0));
        for (final SourcingPolicy policy : broken)
        {
            final MachineHarness h = fixture(policy);
            stock(h, TEE, DC, 10);
            final long before = h.machine().inventoryHash();

            final Outcome outcome = reserve(h, "o1", FulfilmentType.SHIP, null, null, ReserveLine.anywhere(TEE, 2));

            assertEquals(SOURCING_POLICY_FAILED, outcome.code(), outcome::toString);
            assertEquals(before, h.machine().inventoryHash(), "nothing held");
            assertNull(h.reservation("o1"));
        }
    }

    @Test
    void shouldHoldWhereHostPolicyChoosesAndSeeNamedLinesAsTaken()
    {
        final int[] seenAvailable = new int[1];
        final SourcingPolicy lastCandidateFirst = new SourcingPolicy()
        {
            @Override
            public void source(final Sourcing sourcing)
            {
                final int location = sourcing.candidate(sourcing.candidateCount() - 1);
                seenAvailable[0] = (int)sourcing.available(1, sourcing.candidate(0));
                for (int line = 0; line < sourcing.lineCount(); line++)
                {
                    if (sourcing.namedLocation(line) < 0)
                    {
                        sourcing.take(line, sourcing.candidate(0), 1);
                        sourcing.take(line, location, sourcing.quantity(line) - 1);
                    }
                }
            }
        };
        final MachineHarness h = fixture(lastCandidateFirst);
        stock(h, TEE, DC, 10);
        stock(h, TEE, PHILLY, 10);

        final Outcome outcome = reserve(h, "o1", FulfilmentType.PICKUP, null, null,
            ReserveLine.at(TEE, DC, 4), ReserveLine.anywhere(TEE, 3));

        assertEquals(OK, outcome.code(), outcome::toString);
        assertEquals(6, seenAvailable[0], "the named line's 4 units are already taken at the warehouse");
        assertEquals(List.of(DC, DC, PHILLY), outcome.lineLocations());
        assertEquals(5, h.available(TEE, DC));
        assertEquals(8, h.available(TEE, PHILLY));
        h.assertReplays();
    }

    @Test
    void shouldRejectBadPickupStoreAndDestination()
    {
        final MachineHarness h = fixture(Routing.standard());
        stock(h, TEE, SOHO, 5);
        ok(h.send(new DefineLocation("loc-x", "X", LocationType.STORE, LocationCapability.ALL, 9, 0, 0)));

        assertEquals(UNKNOWN_LOCATION, reserve(h, "o1", FulfilmentType.PICKUP, "nowhere", null, ReserveLine.anywhere(TEE, 1)).code());
        assertEquals(LOCATION_NOT_IN_CHANNEL, reserve(h, "o1", FulfilmentType.PICKUP, "X", null, ReserveLine.anywhere(TEE, 1)).code());
        assertEquals(PICKUP_NOT_OFFERED, reserve(h, "o1", FulfilmentType.PICKUP, DC, null, ReserveLine.anywhere(TEE, 1)).code());
        assertEquals(INVALID_ARGUMENT, reserve(h, "o1", FulfilmentType.SHIP, SOHO, null, ReserveLine.anywhere(TEE, 1)).code());
        assertEquals(INVALID_ARGUMENT, reserve(h, "o1", FulfilmentType.SHIP, null, new Destination(0, 180_000_001),
            ReserveLine.anywhere(TEE, 1)).code());
        assertEquals(INVALID_ID, reserve(h, "o1", FulfilmentType.PICKUP, "", null, ReserveLine.anywhere(TEE, 1)).code());
        assertTrue(h.reservation("o1") == null);
    }

    @Test
    void shouldMeasureGreatCircleDistance()
    {
        final double[] points = new double[6];
        GreatCircle.point(40_712_800, -74_006_000, points, 0);
        GreatCircle.point(51_507_400, -127_800, points, 3);

        final long newYorkToLondon = GreatCircle.distanceMetres(points, 0, points, 3);

        assertTrue(Math.abs(newYorkToLondon - 5_570_000) < 10_000, "New York to London is about 5,570 km: " + newYorkToLondon);
        assertEquals(0, GreatCircle.distanceMetres(points, 0, points, 0));
    }
}
