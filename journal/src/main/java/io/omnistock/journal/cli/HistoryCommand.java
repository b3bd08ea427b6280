package io.omnistock.journal.cli;

import io.omnistock.api.EventType;
import io.omnistock.api.PositionSnapshot;
import io.omnistock.api.ReservationLineSnapshot;
import io.omnistock.api.ReservationSnapshot;
import io.omnistock.engine.state.EventView;
import io.omnistock.engine.state.StateMachine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code history}: every movement of one SKU, at one location or at all, each followed by the position's totals
 * per stock state right after it (read from the replayed state, so the totals are what the engine held).
 *
 * <p>A movement is any event that changes a position of the SKU, or reports on it: receipts, expected receipts,
 * adjustments, counts, safety stock, sales, transfers (at the source and, for the units in transit, at the
 * destination), returns, reservation lines held, confirmed, released, expired and fulfilled, and oversell
 * reports. Rejections and definitions change no stock and are left out ({@code dump} shows them).
 */
@Command(
    name = "history",
    description = "Prints every movement of one SKU (at one location or all) with the position's totals after it.",
    mixinStandardHelpOptions = true)
final class HistoryCommand implements Callable<Integer>
{
    static final List<String> COLUMNS = List.of("seq", "time", "event", "location", "quantity", "onHand", "reserved",
        "committed", "safetyStock", "damaged", "quarantined", "inTransit", "incoming", "available", "reference");
    private static final int[] WIDTHS = {6, 24, 17, 12, 8, 7, 8, 9, 11, 7, 11, 9, 8, 9, 0};
    private static final Set<EventType> NO_MOVEMENT = EnumSet.of(EventType.SKU_DEFINED, EventType.LOCATION_DEFINED,
        EventType.CHANNEL_DEFINED, EventType.TIME_ADVANCED, EventType.HOLD_EXTENDED, EventType.REJECTED,
        EventType.CHANNEL_RULE_SET, EventType.PRICE_SET, EventType.PROMOTION_DEFINED, EventType.THRESHOLD_CROSSED);

    @Mixin
    private JournalSource journal;

    @Option(names = "--sku", required = true, paramLabel = "<sku>", description = "The SKU.")
    private String sku;

    @Option(names = "--location", paramLabel = "<location>", description = "Only this location (default: all).")
    private String location;

    @Option(names = "--csv", description = "CSV instead of an aligned table.")
    private boolean csv;

    private int skuIndex = -1;
    private long movements;

    @Override
    public Integer call()
    {
        final PrintWriter out = journal.out();
        final TableWriter table = csv ? TableWriter.csv(out, COLUMNS) : TableWriter.text(out, COLUMNS, WIDTHS);
        final JournalReplay replay = journal.replay();
        final StateMachine machine = replay.machine();
        replay.run(event ->
        {
            if (!NO_MOVEMENT.contains(event.type()))
            {
                printMovement(machine, event, table);
            }
        });
        table.flush();
        if (machine.skuIndexOf(sku) < 0 || (location != null && machine.locationIndexOf(location) < 0))
        {
            journal.err().println("SKU " + sku + (location == null ? "" : " or location " + location) +
                " is not defined in " + replay.events());
            return AuditTool.EXIT_FINDINGS;
        }
        journal.err().println(movements + " movements of " + sku +
            (location == null ? "" : " at " + location) + " in " + replay.records() + " events");
        return AuditTool.EXIT_OK;
    }

    private void printMovement(final StateMachine machine, final EventView event, final TableWriter table)
    {
        if (skuIndex < 0)
        {
            skuIndex = machine.skuIndexOf(sku);
            if (skuIndex < 0)
            {
                return;
            }
        }
        final int only = location == null ? -1 : machine.locationIndexOf(location);
        if (location != null && only < 0)
        {
            return;
        }
        for (final Map.Entry<Integer, Long> touched : touchedLocations(machine, event).entrySet())
        {
            final int locationIndex = touched.getKey();
            final PositionSnapshot position = machine.position(skuIndex, locationIndex);
            if ((only < 0 || locationIndex == only) && position != null)
            {
                movements++;
                table.row(event.sequence(), AuditTool.isoTime(event.timeMs()), event.type().name(),
                    position.location(), touched.getValue(), position.onHand(), position.reserved(),
                    position.committed(), position.safetyStock(), position.damaged(), position.quarantined(),
                    position.inTransit(), position.incoming(), position.available(), String.valueOf(event.reference()));
            }
        }
    }

    /** The locations of the SKU the event touches, each with the quantity the event moved there. */
    private Map<Integer, Long> touchedLocations(final StateMachine machine, final EventView event)
    {
        final Map<Integer, Long> touched = new LinkedHashMap<>(4);
        if (event.skuIndex() == skuIndex && event.locationIndex() >= 0)
        {
            touched.merge(event.locationIndex(), event.quantity(), Long::sum);
            if (event.type() == EventType.TRANSFER_SHIPPED)
            {
                touched.merge(machine.locationIndexOf(event.toLocation()), event.quantity(), Long::sum);
            }
        }
        for (int i = 0; i < event.lineCount(); i++)
        {
            if (event.lineSkuIndex(i) == skuIndex)
            {
                touched.merge(event.lineLocationIndex(i), event.lineQuantity(i), Long::sum);
            }
        }
        if (event.type() == EventType.CONFIRMED)
        {
            // the record names only the reservation: its lines moved from reserved to committed
            final ReservationSnapshot reservation = machine.reservation(event.reference());
            for (final ReservationLineSnapshot line : reservation == null ? List.<ReservationLineSnapshot>of() :
                reservation.lines())
            {
                if (sku.equals(line.sku()))
                {
                    touched.merge(machine.locationIndexOf(line.location()), line.quantity() - line.fulfilled(),
                        Long::sum);
                }
            }
        }
        return touched;
    }
}
