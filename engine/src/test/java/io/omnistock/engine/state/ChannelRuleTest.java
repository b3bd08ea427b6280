package io.omnistock.engine.state;

import io.omnistock.api.EventType;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.ReserveLine;
import io.omnistock.engine.state.MachineHarness.Decoded;
import io.omnistock.engine.state.MachineHarness.Outcome;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static io.omnistock.api.ReasonCode.*;
import static io.omnistock.engine.state.MachineHarness.DC;
import static io.omnistock.engine.state.MachineHarness.OUTLET;
import static io.omnistock.engine.state.MachineHarness.POS;
import static io.omnistock.engine.state.MachineHarness.SKU_1;
import static io.omnistock.engine.state.MachineHarness.SKU_2;
import static io.omnistock.engine.state.MachineHarness.STORE;
import static io.omnistock.engine.state.MachineHarness.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Channel safety buffers and ring-fences: what a channel sees and may take, its available-to-promise, which rule
 * wins, and that rules survive a snapshot. The harness checks after every command that each channel's ATP equals
 * a recomputation from the positions and rules.
 */
class ChannelRuleTest
{
    private static final String MARKET = "market";

    private static MachineHarness withMarketplace()
    {
        final MachineHarness h = MachineHarness.standard(MachineHarness.testConfig().reservationCapacity(256));
        assertEquals(OK, h.defineChannel(MARKET, DC, STORE).code());
        return h;
    }

    @Test
    void shouldKeepLastUnitsOfStoreFromWebWithBufferButLetTillSellThem()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 5);
        assertEquals(5, h.atp(SKU_1, WEB));

        final Outcome rule = h.channelRule(WEB, null, STORE, 2, 0, 100);

        assertEquals(OK, rule.code());
        final Decoded event = rule.event(EventType.CHANNEL_RULE_SET);
        assertEquals(WEB, event.channel());
        assertEquals(STORE, event.location());
        assertNull(event.sku());
        assertEquals(2, event.quantity());
        assertEquals(3, h.atp(SKU_1, WEB));
        assertEquals(5, h.atp(SKU_1, POS));
        final StateMachine m = h.machine();
        assertEquals(3, m.availableTo(m.channelIndexOf(WEB), m.skuIndexOf(SKU_1), m.locationIndexOf(STORE)));
        assertEquals(5, m.availableTo(m.channelIndexOf(POS), m.skuIndexOf(SKU_1), m.locationIndexOf(STORE)));
        assertEquals(0, m.availableTo(m.channelIndexOf(POS), m.skuIndexOf(SKU_1), m.locationIndexOf(DC)), "not a POS location");
        final Outcome tooMany = h.reserve("r1", ReserveLine.at(SKU_1, STORE, 4));
        assertEquals(INSUFFICIENT_STOCK, tooMany.code());
        assertEquals(3, tooMany.available());
        assertEquals(OK, h.reserve("r2", ReserveLine.at(SKU_1, STORE, 3)).code());
        assertEquals(0, h.atp(SKU_1, WEB));
        assertEquals(2, h.atp(SKU_1, POS));
        assertEquals(OK, h.reserve("r3", POS, FulfilmentType.IN_STORE, 10_000, ReserveLine.at(SKU_1, STORE, 2)).code());
    }

    @Test
    void shouldRoundPercentBufferUpToWholeUnits()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 25);

        assertEquals(OK, h.channelRule(WEB, null, null, 0, 10, 100).code());

        assertEquals(22, h.atp(SKU_1, WEB));
        assertEquals(INSUFFICIENT_STOCK, h.reserve("r1", ReserveLine.at(SKU_1, DC, 23)).code());
        assertEquals(OK, h.reserve("r2", ReserveLine.at(SKU_1, DC, 20)).code());
        assertEquals(4, h.available(SKU_1, DC) - 1);
        assertEquals(4, h.atp(SKU_1, WEB), "5 left, 10% of 5 rounds up to 1 held back");
    }

    @Test
    void shouldCapRingFencedChannelAtItsShareOfShelfCountingItsOwnHolds()
    {
        final MachineHarness h = withMarketplace();
        h.receive(SKU_1, DC, 100);

        assertEquals(OK, h.channelRule(MARKET, null, null, 0, 0, 30).code());

        assertEquals(30, h.atp(SKU_1, MARKET));
        assertEquals(100, h.atp(SKU_1, WEB));
        assertEquals(OK, h.reserve("m1", MARKET, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 20)).code());
        assertEquals(10, h.atp(SKU_1, MARKET));
        final Outcome over = h.reserve("m2", MARKET, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 11));
        assertEquals(INSUFFICIENT_STOCK, over.code());
        assertEquals(10, over.available());
        assertEquals(OK, h.reserve("w1", ReserveLine.at(SKU_1, DC, 50)).code());
        assertEquals(10, h.atp(SKU_1, MARKET), "others' holds do not shrink the fence while the shelf is full");
        assertEquals(OK, h.release("m1").code());
        assertEquals(30, h.atp(SKU_1, MARKET));
        assertEquals(OK, h.reserve("m3", MARKET, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 30)).code());
        assertEquals(OK, h.confirm("m3").code());
        assertEquals(0, h.atp(SKU_1, MARKET), "committed units count against the fence");
        assertEquals(OK, h.fulfilAll("m3").code());
        assertEquals(20, h.atp(SKU_1, MARKET), "30% of the 70 left on the shelf is 21, but only 20 are free");
        assertEquals(OK, h.release("w1").code());
        assertEquals(21, h.atp(SKU_1, MARKET), "30% of the 70 left on the shelf");
    }

    @Test
    void shouldApplySmallerOfBufferAndFence()
    {
        final MachineHarness h = withMarketplace();
        h.receive(SKU_1, DC, 10);

        assertEquals(OK, h.channelRule(MARKET, null, null, 2, 0, 50).code());
        assertEquals(5, h.atp(SKU_1, MARKET), "fence 5 < 10 - 2");
        assertEquals(OK, h.reserve("w1", ReserveLine.at(SKU_1, DC, 6)).code());
        assertEquals(2, h.atp(SKU_1, MARKET), "buffer: 4 - 2 < fence 5");
    }

    @Test
    void shouldPreferSkuRuleOverLocationRuleOverChannelRule()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 10);
        h.receive(SKU_2, DC, 10);
        h.receive(SKU_1, STORE, 10);

        assertEquals(OK, h.channelRule(WEB, null, null, 1, 0, 100).code());
        assertEquals(9 + 9, h.atp(SKU_1, WEB));
        assertEquals(OK, h.channelRule(WEB, null, STORE, 4, 0, 100).code());
        assertEquals(9 + 6, h.atp(SKU_1, WEB));
        assertEquals(OK, h.channelRule(WEB, SKU_1, null, 0, 0, 100).code());

        assertEquals(20, h.atp(SKU_1, WEB), "the SKU rule exempts SKU 1 everywhere");
        assertEquals(9, h.atp(SKU_2, WEB), "SKU 2 still under the channel rule");
        assertEquals(OK, h.reserve("r1", ReserveLine.at(SKU_1, STORE, 10)).code());
    }

    @Test
    void shouldSourceOnlyWhereChannelSeesEnough()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, DC, 3);
        h.receive(SKU_1, STORE, 5);
        assertEquals(OK, h.channelRule(WEB, null, DC, 1, 0, 100).code());

        final Outcome sourced = h.reserve("r1", ReserveLine.anywhere(SKU_1, 3));

        assertEquals(OK, sourced.code());
        assertEquals(java.util.List.of(STORE), sourced.lineLocations(), "the warehouse shows only 2 to the web");
    }

    @Test
    void shouldRejectMalformedRulesAndChangeNothing()
    {
        final MachineHarness h = MachineHarness.standard();
        h.receive(SKU_1, STORE, 5);
        final long hash = h.machine().inventoryHash();

        assertEquals(UNKNOWN_CHANNEL, h.channelRule("nope", null, null, 1, 0, 100).code());
        assertEquals(INVALID_ARGUMENT, h.channelRule(WEB, SKU_1, STORE, 1, 0, 100).code());
        assertEquals(INVALID_ARGUMENT, h.channelRule(WEB, null, null, 0, 101, 100).code());
        assertEquals(INVALID_ARGUMENT, h.channelRule(WEB, null, null, 0, 0, -1).code());
        assertEquals(INVALID_QUANTITY, h.channelRule(WEB, null, null, -1, 0, 100).code());
        assertEquals(UNKNOWN_SKU, h.channelRule(WEB, "nope", null, 1, 0, 100).code());
        assertEquals(UNKNOWN_LOCATION, h.channelRule(WEB, null, "nope", 1, 0, 100).code());
        assertEquals(LOCATION_NOT_IN_CHANNEL, h.channelRule(POS, null, DC, 1, 0, 100).code());
        assertEquals(hash, h.machine().inventoryHash());
        assertEquals(5, h.atp(SKU_1, WEB));
    }

    @Test
    void shouldNeverLetFencedMarketplaceTakeMoreThanItsShareInFlashSale()
    {
        final MachineHarness h = withMarketplace();
        h.receive(SKU_1, DC, 100);
        assertEquals(OK, h.channelRule(MARKET, null, null, 0, 0, 30).code());

        int market = 0;
        int web = 0;
        for (int buyer = 0; buyer < 200; buyer++)
        {
            final boolean fromMarket = buyer % 2 == 0;
            final Outcome outcome = fromMarket ?
                h.reserve("b" + buyer, MARKET, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 1)) :
                h.reserve("b" + buyer, ReserveLine.at(SKU_1, DC, 1));
            if (outcome.ok())
            {
                market += fromMarket ? 1 : 0;
                web += fromMarket ? 0 : 1;
            }
        }

        assertEquals(30, market);
        assertEquals(70, web);
        assertEquals(0, h.available(SKU_1, DC));
    }

    @Test
    void shouldKeepRulesAndFenceUsageAcrossSnapshot()
    {
        final MachineHarness h = withMarketplace();
        h.receive(SKU_1, DC, 100);
        h.receive(SKU_1, STORE, 10);
        assertEquals(OK, h.reserve("m0", MARKET, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 5)).code());
        assertEquals(OK, h.channelRule(MARKET, null, null, 0, 0, 30).code());
        assertEquals(OK, h.channelRule(WEB, null, STORE, 2, 0, 100).code());
        assertEquals(OK, h.channelRule(WEB, SKU_2, null, 0, 50, 100).code());
        assertEquals(25 + 3, h.atp(SKU_1, MARKET), "the hold made before the fence counts against it");

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        h.machine().writeSnapshot(new SnapshotCursor(buffer, 0));
        final StateMachine loaded = StateMachine.loadSnapshot(h.config(), new SnapshotCursor(buffer, 0));

        assertEquals(h.machine().stateHash(), loaded.stateHash());
        assertNull(loaded.verifyInvariants());
        final int sku = loaded.skuIndexOf(SKU_1);
        assertEquals(h.atp(SKU_1, MARKET), loaded.availableToPromise(sku, loaded.channelIndexOf(MARKET)));
        assertEquals(h.atp(SKU_1, WEB), loaded.availableToPromise(sku, loaded.channelIndexOf(WEB)));
    }

    @Test
    void shouldAnswerRepeatedRuleAsDuplicate()
    {
        final MachineHarness h = MachineHarness.standard();
        final io.omnistock.api.SetChannelRule rule = new io.omnistock.api.SetChannelRule("rule-1", WEB, null, OUTLET, 1, 0, 100);
        assertEquals(OK, h.send(rule).code());

        final Outcome again = h.send(rule);
        final Outcome changed = h.send(new io.omnistock.api.SetChannelRule("rule-1", WEB, null, OUTLET, 2, 0, 100));

        assertEquals(OK, again.code());
        assertEquals(true, again.duplicate());
        assertEquals(IDEMPOTENCY_CONFLICT, changed.code());
    }
}
