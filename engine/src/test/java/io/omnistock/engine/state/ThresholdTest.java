package io.omnistock.engine.state;

import io.omnistock.api.EventType;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.StockThreshold;
import io.omnistock.engine.state.MachineHarness.Decoded;
import io.omnistock.engine.state.MachineHarness.Outcome;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.omnistock.api.ReasonCode.OK;
import static io.omnistock.engine.state.MachineHarness.DC;
import static io.omnistock.engine.state.MachineHarness.OUTLET;
import static io.omnistock.engine.state.MachineHarness.POS;
import static io.omnistock.engine.state.MachineHarness.SKU_1;
import static io.omnistock.engine.state.MachineHarness.SKU_2;
import static io.omnistock.engine.state.MachineHarness.START_MS;
import static io.omnistock.engine.state.MachineHarness.STORE;
import static io.omnistock.engine.state.MachineHarness.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Low stock, out of stock and back in stock, per position and per channel ATP: once per net crossing of a
 * command, holds and expiries included, after the command's own events, each with its own sequence number.
 */
class ThresholdTest
{
    private static MachineHarness harness()
    {
        return MachineHarness.standard(MachineHarness.testConfig().positionLowStockUnits(3).channelLowStockUnits(5));
    }

    private static List<String> crossings(final Outcome outcome)
    {
        final List<String> crossings = new ArrayList<>();
        for (final Decoded event : outcome.events())
        {
            if (event.type() == EventType.THRESHOLD_CROSSED)
            {
                final String where = event.location() != null ? event.location() : "channel " + event.channel();
                crossings.add(StockThreshold.fromCode(event.kindCode()) + " " + event.sku() + " " + where + " " +
                    event.variance() + "->" + event.quantity());
            }
        }
        return crossings;
    }

    @Test
    void shouldReportBackInStockWhenFirstUnitsArriveAtPositionAndChannels()
    {
        final MachineHarness h = harness();

        final Outcome receipt = h.receive(SKU_1, STORE, 10);

        assertEquals(List.of(
            "BACK_IN_STOCK sku-1 store 0->10",
            "BACK_IN_STOCK sku-1 channel web 0->10",
            "BACK_IN_STOCK sku-1 channel pos 0->10"), crossings(receipt));
        assertEquals(EventType.RECEIVED, receipt.events().get(0).type(), "the command's own event comes first");
        assertEquals(receipt.sequence() + 1, receipt.events().get(1).sequence());
    }

    @Test
    void shouldReportLowThenOutOfStockAsHoldsTakeStockAndBackWhenHoldExpires()
    {
        final MachineHarness h = harness();
        h.receive(SKU_1, DC, 6);

        final Outcome low = h.reserve("r1", ReserveLine.at(SKU_1, DC, 3));
        final Outcome none = h.reserve("r2", ReserveLine.at(SKU_1, DC, 3));
        final Outcome expired = h.at(START_MS + 60_000).tick();

        assertEquals(List.of("LOW_STOCK sku-1 dc 6->3", "LOW_STOCK sku-1 channel web 6->3"), crossings(low));
        assertEquals(List.of("OUT_OF_STOCK sku-1 dc 3->0", "OUT_OF_STOCK sku-1 channel web 3->0"), crossings(none));
        assertEquals(List.of("BACK_IN_STOCK sku-1 dc 0->6", "BACK_IN_STOCK sku-1 channel web 0->6"), crossings(expired),
            "both holds expired in one tick: one net crossing each");
        assertEquals(EventType.EXPIRED, expired.events().get(0).type());
    }

    @Test
    void shouldReportNothingWhenCommandEndsWhereItStartedOrStaysOnOneSide()
    {
        final MachineHarness h = harness();
        h.receive(SKU_1, DC, 20);

        assertEquals(List.of(), crossings(h.reserve("r1", ReserveLine.at(SKU_1, DC, 5))));
        assertEquals(List.of(), crossings(h.release("r1")));
        assertEquals(List.of(), crossings(h.reserve("r2", ReserveLine.at(SKU_1, DC, 30))), "a rejection moves nothing");
        final Outcome duplicate = h.send(new io.omnistock.api.Receive("again", SKU_1, DC, 1));
        assertEquals(OK, duplicate.code());
        assertEquals(List.of(), crossings(h.send(new io.omnistock.api.Receive("again", SKU_1, DC, 1))));
    }

    @Test
    void shouldLeaveConfigurationOutOfCrossingsButReportTheNextMovementAgainstNewLevel()
    {
        final MachineHarness h = harness();
        h.receive(SKU_1, STORE, 6);

        final Outcome rule = h.channelRule(WEB, null, STORE, 3, 0, 100);
        final long webAfterRule = h.atp(SKU_1, WEB);
        final Outcome sale = h.send(new io.omnistock.api.PosSale("till-1", POS, SKU_1, STORE, 3));

        assertEquals(List.of(), crossings(rule), "a channel rule is configuration: read the ATP after it");
        assertEquals(3, webAfterRule);
        assertEquals(List.of("LOW_STOCK sku-1 store 6->3", "OUT_OF_STOCK sku-1 channel web 3->0",
            "LOW_STOCK sku-1 channel pos 6->3"), crossings(sale));
    }

    @Test
    void shouldReplayCrossingsAsFactsWithoutChangingState()
    {
        final MachineHarness h = harness();
        h.receive(SKU_1, DC, 6);
        h.reserve("r1", WEB, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 6));
        h.at(START_MS + 60_000).tick();

        final long crossed = h.events().stream().filter(e -> e.type() == EventType.THRESHOLD_CROSSED).count();

        assertTrue(crossed >= 4, "crossings were recorded: " + crossed);
        h.assertReplays();
    }

    @Test
    void shouldKeepEveryChannelsFiguresWhenChannelsAreDefinedPastTheRowKeptPerSku()
    {
        // the fixture's two channels fill a row of two entries per SKU; defining ch2, ch4 and ch8 doubles the row
        final MachineHarness h = MachineHarness.standard(
            MachineHarness.testConfig().channelCapacity(10).positionLowStockUnits(3).channelLowStockUnits(5));
        h.receive(SKU_1, DC, 100);
        h.receive(SKU_1, STORE, 10);
        h.receive(SKU_2, OUTLET, 7);
        assertEquals(OK, h.reserve("r1", ReserveLine.at(SKU_1, DC, 5)).code());
        assertEquals(OK, h.channelRule(WEB, null, STORE, 2, 0, 100).code());
        for (int c = 2; c < 10; c++)
        {
            assertEquals(OK, h.defineChannel("ch" + c, c % 2 == 0 ? DC : OUTLET, STORE).code());
            assertEquals(95 + 8, h.atp(SKU_1, WEB), "web after defining ch" + c);
            assertEquals(7, h.atp(SKU_2, WEB), "web after defining ch" + c);
            assertEquals(10, h.atp(SKU_1, POS), "pos after defining ch" + c);
            for (int d = 2; d <= c; d++)
            {
                assertEquals(d % 2 == 0 ? 95 + 10 : 10, h.atp(SKU_1, "ch" + d), "ch" + d + " after defining ch" + c);
                assertEquals(d % 2 == 0 ? 0 : 7, h.atp(SKU_2, "ch" + d), "ch" + d + " after defining ch" + c);
            }
        }

        final Outcome sale = h.sell(POS, SKU_1, STORE, 8);

        assertEquals(List.of("LOW_STOCK sku-1 store 10->2", "LOW_STOCK sku-1 channel pos 10->2",
            "LOW_STOCK sku-1 channel ch3 10->2", "LOW_STOCK sku-1 channel ch5 10->2",
            "LOW_STOCK sku-1 channel ch7 10->2", "LOW_STOCK sku-1 channel ch9 10->2"), crossings(sale),
            "web (103->95) and the even channels (105->97) stay above the threshold");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        h.machine().writeSnapshot(new SnapshotCursor(buffer, 0));
        final StateMachine loaded = StateMachine.loadSnapshot(h.config(), new SnapshotCursor(buffer, 0));
        assertEquals(h.machine().stateHash(), loaded.stateHash());
        assertNull(loaded.verifyInvariants());
        for (int c = 0; c < 10; c++)
        {
            for (final String sku : List.of(SKU_1, SKU_2))
            {
                final String channel = c == 0 ? WEB : c == 1 ? POS : "ch" + c;
                assertEquals(h.atp(sku, channel),
                    loaded.availableToPromise(loaded.skuIndexOf(sku), loaded.channelIndexOf(channel)),
                    sku + " in " + channel + " after loading the snapshot");
            }
        }
        h.assertReplays();
    }
}
