package io.omnistock.engine.state;

import io.omnistock.api.EventType;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.StockThreshold;
import io.omnistock.engine.state.MachineHarness.Decoded;
import io.omnistock.engine.state.MachineHarness.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.omnistock.api.ReasonCode.OK;
import static io.omnistock.engine.state.MachineHarness.DC;
import static io.omnistock.engine.state.MachineHarness.POS;
import static io.omnistock.engine.state.MachineHarness.SKU_1;
import static io.omnistock.engine.state.MachineHarness.START_MS;
import static io.omnistock.engine.state.MachineHarness.STORE;
import static io.omnistock.engine.state.MachineHarness.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
