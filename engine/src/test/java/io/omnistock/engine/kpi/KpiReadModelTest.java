package io.omnistock.engine.kpi;

import io.omnistock.api.AdvanceTime;
import io.omnistock.api.CommandType;
import io.omnistock.api.CycleCount;
import io.omnistock.api.Disposition;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.PosSale;
import io.omnistock.api.Result;
import io.omnistock.api.Return;
import io.omnistock.api.orders.OrderOutcome;
import io.omnistock.engine.EventJournal;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.engine.orders.DefaultOrdersAdapter;
import io.omnistock.engine.orders.OrderFixture;
import io.omnistock.engine.orders.OrderFixture.Line;
import io.omnistock.engine.orders.OrderFixture.Order;
import io.omnistock.engine.orders.OrderFixture.Part;
import io.omnistock.engine.orders.OrderFixture.Returned;
import io.omnistock.engine.orders.OrderFixture.ReturnedLine;
import io.omnistock.engine.state.EventCodec;
import io.omnistock.engine.state.EventView;
import io.omnistock.engine.state.StateMachine;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.omnistock.engine.orders.OrderFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KPI read model against a script of commands whose figures were worked out by hand (see each assertion's
 * arithmetic), and its rebuild from the journaled records.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KpiReadModelTest
{
    /** Keeps a copy of every record the engine journals, back to back, as a journal on disk would. */
    private static final class RecordingJournal implements EventJournal
    {
        private final ByteArrayOutputStream records = new ByteArrayOutputStream();

        @Override
        public void append(final DirectBuffer buffer, final int length, final int count)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(0, copy);
            records.writeBytes(copy);
        }

        @Override
        public void endOfBatch()
        {
        }

        @Override
        public void close()
        {
        }

        byte[] records()
        {
            return records.toByteArray();
        }
    }

    @Test
    void shouldComputeEveryKpiOfAHandWorkedScriptExactly()
    {
        final KpiReadModel kpis = new KpiReadModel();
        try (OmnistockEngine engine = OrderFixture.start(OrderFixture.config().eventListener(kpis)))
        {
            runScript(engine);
            awaitListener(engine, kpis::sequence);
            final KpiSnapshot snapshot = kpis.snapshot();

            assertEquals(engine.reads().sequence(), snapshot.sequence());
            // counts: TV at DC 5 (book 10 - 2 - 3 = 5, variance 0), CAM at DC 2 (book 3, variance -1),
            // TV at STORE-1 1 (book 5 - 1 - 1 + 1 + 1 = 5, variance -4)
            assertEquals(3, snapshot.counts());
            assertEquals(1, snapshot.exactCounts());
            assertEquals(5 + 2 + 1, snapshot.countedUnits());
            assertEquals(0 + 1 + 4, snapshot.absoluteVarianceUnits());
            assertEquals(1.0 / 3, snapshot.inventoryAccuracy());
            assertEquals(5.0 / 8, snapshot.absoluteVarianceRate());
            // reservations: A ship, B pickup, C ship (app), D pickup, E ship, F pickup
            assertEquals(Map.of(FulfilmentType.SHIP, 3L, FulfilmentType.PICKUP, 3L), snapshot.reservationsByFulfilment());
            assertEquals(6, snapshot.reservationsHeld());
            assertEquals(0.5, snapshot.bopisShare());
            // ended: A and B in full, D cancelled and E closed short released, C expired; F still held
            assertEquals(2, snapshot.reservationsFulfilledInFull());
            assertEquals(2, snapshot.reservationsReleased());
            assertEquals(1, snapshot.reservationsExpired());
            assertEquals(2.0 / 5, snapshot.fillRate());
            assertEquals(1.0 / 6, snapshot.holdExpiryRate());
            // web sold A 2 + B 1 + E 3 = 6 and took 1 back; pos sold 2 at the till and took 1 back; app sold nothing
            assertEquals(new KpiSnapshot.ChannelSales(0, 6, 1), snapshot.channel(WEB));
            assertEquals(new KpiSnapshot.ChannelSales(2, 0, 1), snapshot.channel(POS));
            assertEquals(1.0 / 6, snapshot.returnRate(WEB));
            assertEquals(0.5, snapshot.returnRate(POS));
            assertTrue(Double.isNaN(snapshot.returnRate(APP)), "nothing sold, no rate");
            // the count left 1 on the shelf with 3 held (short 2); the till sale then left 0 (short 3)
            assertEquals(Map.of(CommandType.COUNT, new KpiSnapshot.Oversells(1, 2),
                CommandType.SELL, new KpiSnapshot.Oversells(1, 3)), snapshot.oversellsByCause());
            assertEquals(2, snapshot.oversells());
            assertEquals(0, snapshot.engineControlledOversells());
        }
    }

    @Test
    void shouldRebuildTheSameFiguresFromTheJournaledRecords()
    {
        final KpiReadModel live = new KpiReadModel();
        final RecordingJournal journal = new RecordingJournal();
        final long lastSequence;
        try (OmnistockEngine engine = OrderFixture.start(OrderFixture.config().eventListener(live).journal(journal)))
        {
            runScript(engine);
            awaitListener(engine, live::sequence);
            lastSequence = engine.reads().sequence();
        }
        final KpiReadModel rebuilt = new KpiReadModel();

        replay(journal.records(), rebuilt);
        final KpiSnapshot once = rebuilt.snapshot();
        replay(journal.records(), rebuilt);

        assertEquals(live.snapshot(), once);
        assertEquals(once, rebuilt.snapshot(), "events already counted are not counted again");
        assertEquals(lastSequence, once.sequence(), "every journaled event replayed");
        assertEquals(6, once.reservationsHeld(), once::toString);
    }

    @Test
    void shouldAnswerNaNNotZeroBeforeThereIsAnythingToMeasure()
    {
        final KpiSnapshot empty = new KpiReadModel().snapshot();

        assertEquals(0, empty.sequence());
        assertTrue(Double.isNaN(empty.inventoryAccuracy()));
        assertTrue(Double.isNaN(empty.bopisShare()));
        assertTrue(Double.isNaN(empty.fillRate()));
        assertTrue(Double.isNaN(empty.holdExpiryRate()));
        assertEquals(0, empty.engineControlledOversells());
    }

    /** Replays records the way recovery does: apply each to a state machine, then show it to the model. */
    private static void replay(final byte[] records, final KpiReadModel model)
    {
        final StateMachine machine = new StateMachine(OrderFixture.config());
        final EventView view = new EventView(machine.names());
        final UnsafeBuffer buffer = new UnsafeBuffer(records);
        int offset = 0;
        while (offset < records.length)
        {
            machine.replay(buffer, offset);
            model.onEvent(view.wrap(buffer, offset));
            offset += buffer.getInt(offset + EventCodec.LENGTH_OFFSET);
        }
    }

    /** Orders A to F through the adapter, till sales, returns, counts and one expiry; duplicates on the way. */
    private static void runScript(final OmnistockEngine engine)
    {
        final DefaultOrdersAdapter orders = new DefaultOrdersAdapter(engine, HOLD_MS);
        final Order a = webShipOrder("A", new Line("1", TV, null, 2));
        final Order b = webPickupOrder("B", STORE_1, new Line("1", TV, null, 1));
        final Order c = new Order("C", APP, FulfilmentType.SHIP, null, List.of(new Line("1", CAM, DC, 2)));
        final Order d = webPickupOrder("D", STORE_1, new Line("1", TV, null, 2));
        final Order e = webShipOrder("E", new Line("1", TV, DC, 4));
        final Order f = webPickupOrder("F", STORE_1, new Line("1", TV, null, 3));

        ok(orders.placed(c));
        for (final Order order : List.of(a, b, d, e))
        {
            ok(orders.placed(order));
            ok(orders.paid(order));
        }
        ok(orders.shipped(a, shipment("S-1")));
        ok(orders.shipped(a, shipment("S-1")));
        ok(orders.pickedUp(b, shipment("P-1")));
        ok(orders.cancelled(d));
        ok(orders.partiallyFulfilled(e, shipment("S-1", new Part("1", 3))));
        ok(engine.submit(new AdvanceTime("tick-1", CLOCK_MS + HOLD_MS)).join());
        ok(engine.submit(new PosSale("till-1", POS, TV, STORE_1, 1)).join());
        ok(orders.returned(a, new Returned("R-1", STORE_1, List.of(new ReturnedLine("1", 1, Disposition.RESTOCK)))));
        ok(orders.returned(a, new Returned("R-1", STORE_1, List.of(new ReturnedLine("1", 1, Disposition.RESTOCK)))));
        ok(engine.submit(new Return("till-2", POS, TV, STORE_1, 1, Disposition.RESTOCK)).join());
        ok(orders.placed(f));
        ok(engine.submit(new CycleCount("count-1", TV, DC, 5)).join());
        ok(engine.submit(new CycleCount("count-2", CAM, DC, 2)).join());
        ok(engine.submit(new CycleCount("count-3", TV, STORE_1, 1)).join());
        ok(engine.submit(new PosSale("till-3", POS, TV, STORE_1, 1)).join());
    }

    private static void ok(final java.util.concurrent.CompletableFuture<OrderOutcome> call)
    {
        final OrderOutcome outcome = await(call);
        assertTrue(outcome.isOk(), outcome::toString);
    }

    private static void ok(final Result result)
    {
        assertTrue(result.isOk(), result::toString);
    }
}
