package io.omnistock.engine.state;

import io.omnistock.api.DefinePromotion;
import io.omnistock.api.EventType;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.PosSale;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.SetPrice;
import io.omnistock.api.pricing.PricingPolicy;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.state.MachineHarness.Outcome;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static io.omnistock.api.ReasonCode.*;
import static io.omnistock.engine.state.MachineHarness.DC;
import static io.omnistock.engine.state.MachineHarness.POS;
import static io.omnistock.engine.state.MachineHarness.SKU_1;
import static io.omnistock.engine.state.MachineHarness.SKU_2;
import static io.omnistock.engine.state.MachineHarness.START_MS;
import static io.omnistock.engine.state.MachineHarness.STORE;
import static io.omnistock.engine.state.MachineHarness.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pricing adapter: one price book and promotion logic for every channel, resolved in engine time when a line is
 * reserved or a till sale recorded, captured on the event and the reservation.
 */
class PricingTest
{
    private static MachineHarness harness(final EngineConfig config)
    {
        final MachineHarness h = MachineHarness.standard(config);
        h.receive(SKU_1, STORE, 50);
        h.receive(SKU_1, DC, 50);
        h.receive(SKU_2, STORE, 50);
        return h;
    }

    private static MachineHarness harness()
    {
        return harness(MachineHarness.testConfig());
    }

    private static long reservedPrice(final Outcome outcome)
    {
        assertEquals(OK, outcome.code(), outcome::toString);
        return outcome.event(EventType.RESERVED).lineUnitPrices().get(0);
    }

    private static long soldPrice(final Outcome outcome)
    {
        assertEquals(OK, outcome.code(), outcome::toString);
        return outcome.event(EventType.SOLD).unitPrice();
    }

    @Test
    void shouldPricePromotionIdenticallyOnWebAndAtTill()
    {
        final MachineHarness h = harness();
        assertEquals(OK, h.send(new SetPrice("p-1", SKU_1, null, 2_000)).code());
        assertEquals(OK, h.send(new DefinePromotion("promo-1", "summer", SKU_1, null, START_MS, START_MS + 3_600_000, 25, 0))
            .code());

        final long web = reservedPrice(h.reserve("w1", ReserveLine.at(SKU_1, STORE, 1)));
        final long pickup = reservedPrice(h.reserve("w2", WEB, FulfilmentType.PICKUP, 10_000, ReserveLine.at(SKU_1, STORE, 1)));
        final long inStore = reservedPrice(h.reserve("p1", POS, FulfilmentType.IN_STORE, 10_000, ReserveLine.at(SKU_1, STORE, 1)));
        final long till = soldPrice(h.send(new PosSale("till-1", POS, SKU_1, STORE, 2)));

        assertEquals(1_500, web);
        assertEquals(1_500, pickup);
        assertEquals(1_500, inStore);
        assertEquals(1_500, till);
        assertEquals(1_500, h.reservation("w1").lines().get(0).unitPrice(), "captured on the reservation too");
        h.assertReplays();
    }

    @Test
    void shouldApplyPromotionOnlyInItsChannelAndWindowOfEngineTime()
    {
        final MachineHarness h = harness();
        h.send(new SetPrice("p-1", SKU_1, null, 1_000));
        h.send(new DefinePromotion("promo-1", "app-only", SKU_1, POS, START_MS + 10_000, START_MS + 20_000, 50, 0));

        assertEquals(1_000, soldPrice(h.send(new PosSale("s-1", POS, SKU_1, STORE, 1))), "before the window");
        assertEquals(500, soldPrice(h.at(START_MS + 10_000).send(new PosSale("s-2", POS, SKU_1, STORE, 1))));
        assertEquals(1_000, reservedPrice(h.reserve("w1", ReserveLine.at(SKU_1, STORE, 1))), "another channel");
        assertEquals(1_000, soldPrice(h.at(START_MS + 20_000).send(new PosSale("s-3", POS, SKU_1, STORE, 1))),
            "the end is excluded");
    }

    @Test
    void shouldPreferLocationPriceAndBestSinglePromotionNeverBelowZero()
    {
        final MachineHarness h = harness();
        h.send(new SetPrice("p-1", SKU_1, null, 1_000));
        h.send(new SetPrice("p-2", SKU_1, STORE, 800));
        h.send(new DefinePromotion("promo-1", "ten-off", SKU_1, null, START_MS, START_MS + 60_000, 10, 0));
        h.send(new DefinePromotion("promo-2", "all-150", null, null, START_MS, START_MS + 60_000, 0, 150));

        assertEquals(650, reservedPrice(h.reserve("w1", ReserveLine.at(SKU_1, STORE, 1))), "800 - 150 beats 800 - 80");
        assertEquals(850, reservedPrice(h.reserve("w2", ReserveLine.at(SKU_1, DC, 1))), "1000 - 150 beats 1000 - 100");
        h.send(new DefinePromotion("promo-3", "clearance", SKU_1, null, START_MS, START_MS + 60_000, 90, 500));
        assertEquals(0, reservedPrice(h.reserve("w3", ReserveLine.at(SKU_1, STORE, 1))));
        assertEquals(-1, reservedPrice(h.reserve("w4", ReserveLine.at(SKU_2, STORE, 1))), "no book price: unpriced");
    }

    @Test
    void shouldReplacePromotionDefinedAgainUnderSameId()
    {
        final MachineHarness h = harness();
        h.send(new SetPrice("p-1", SKU_1, null, 1_000));
        h.send(new DefinePromotion("promo-1", "flash", SKU_1, null, START_MS, START_MS + 60_000, 50, 0));
        h.send(new DefinePromotion("promo-2", "flash", SKU_1, null, START_MS, START_MS + 60_000, 10, 0));

        assertEquals(900, reservedPrice(h.reserve("w1", ReserveLine.at(SKU_1, STORE, 1))));
    }

    @Test
    void shouldUseHostPolicyAndLeaveLineUnpricedWhenItFails()
    {
        final PricingPolicy memberPrice = quote -> quote.bookPrice() < 0 ? -1 : quote.bookPrice() - quote.quantity();
        final MachineHarness h = harness(MachineHarness.testConfig().pricingPolicy(memberPrice));
        h.send(new SetPrice("p-1", SKU_1, null, 1_000));
        assertEquals(997, reservedPrice(h.reserve("w1", ReserveLine.at(SKU_1, STORE, 3))));

        final PricingPolicy broken = quote ->
        {
            throw new IllegalStateException("host bug");
        };
        final MachineHarness g = harness(MachineHarness.testConfig().pricingPolicy(broken));
        g.send(new SetPrice("p-1", SKU_1, null, 1_000));
        assertEquals(-1, reservedPrice(g.reserve("w1", ReserveLine.at(SKU_1, STORE, 1))), "held, unpriced");
    }

    @Test
    void shouldRejectBadPricesAndPromotionsAndChangeNothing()
    {
        final MachineHarness h = harness(MachineHarness.testConfig().promotionCapacity(1));
        final long hash = h.machine().inventoryHash();
        assertEquals(INVALID_QUANTITY, h.send(new SetPrice("p-1", SKU_1, null, -1)).code());
        assertEquals(QUANTITY_OVERFLOW, h.send(new SetPrice("p-2", SKU_1, null, io.omnistock.api.Limits.PRICE_MAX + 1)).code());
        assertEquals(UNKNOWN_SKU, h.send(new SetPrice("p-3", "nope", null, 1)).code());
        assertEquals(UNKNOWN_LOCATION, h.send(new SetPrice("p-4", SKU_1, "nope", 1)).code());
        assertEquals(INVALID_ID, h.send(new SetPrice("p-5", SKU_1, "", 1)).code());
        assertEquals(INVALID_ARGUMENT, h.send(new DefinePromotion("d-1", "x", null, null, START_MS, START_MS, 10, 0)).code());
        assertEquals(INVALID_ARGUMENT, h.send(new DefinePromotion("d-2", "x", null, null, START_MS, START_MS + 1, 101, 0)).code());
        assertEquals(INVALID_QUANTITY, h.send(new DefinePromotion("d-3", "x", null, null, START_MS, START_MS + 1, 1, -5)).code());
        assertEquals(UNKNOWN_SKU, h.send(new DefinePromotion("d-4", "x", "nope", null, START_MS, START_MS + 1, 1, 0)).code());
        assertEquals(UNKNOWN_CHANNEL, h.send(new DefinePromotion("d-5", "x", null, "nope", START_MS, START_MS + 1, 1, 0)).code());
        assertEquals(hash, h.machine().inventoryHash(), "rejections change nothing");
        assertEquals(OK, h.send(new DefinePromotion("d-6", "x", null, null, START_MS, START_MS + 1, 1, 0)).code());
        assertEquals(PROMOTION_CAPACITY_EXHAUSTED,
            h.send(new DefinePromotion("d-7", "y", null, null, START_MS, START_MS + 1, 1, 0)).code());
        assertEquals(OK, h.send(new DefinePromotion("d-8", "x", null, null, START_MS, START_MS + 2, 1, 0)).code(),
            "replacing an existing promotion needs no room");
        assertEquals(OK, h.at(START_MS + 2).send(new DefinePromotion("d-9", "y", null, null, START_MS + 2,
            START_MS + 60_000, 5, 0)).code(), "a promotion that has ended gives its place to a new one");
        h.assertReplays();
    }

    @Test
    void shouldKeepPricesPromotionsAndCapturedPricesAcrossSnapshot()
    {
        final MachineHarness h = harness();
        h.send(new SetPrice("p-1", SKU_1, null, 1_000));
        h.send(new SetPrice("p-2", SKU_1, STORE, 900));
        h.send(new DefinePromotion("promo-1", "flash", null, WEB, START_MS, START_MS + 60_000, 10, 5));
        h.reserve("w1", ReserveLine.at(SKU_1, STORE, 2));

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        h.machine().writeSnapshot(new SnapshotCursor(buffer, 0));
        final StateMachine loaded = StateMachine.loadSnapshot(h.config(), new SnapshotCursor(buffer, 0));

        assertEquals(h.machine().stateHash(), loaded.stateHash());
        assertEquals(805, loaded.reservation("w1").lines().get(0).unitPrice());
        h.assertReplays();
    }
}
