package io.omnistock.journal.cli;

import io.omnistock.api.CommandType;
import io.omnistock.api.EventType;
import io.omnistock.engine.state.EventView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;

/**
 * {@code dump}: every event of the journal in readable form, one per line, in sequence order, optionally
 * filtered. The journal is replayed as it is read, so ids resolve to the names defined before each event.
 */
@Command(
    name = "dump",
    description = "Prints the journal's events in readable form, one per line, filtered by the options (all must match).",
    mixinStandardHelpOptions = true)
final class DumpCommand implements Callable<Integer>
{
    private static final Set<EventType> RESERVATION_EVENTS = EnumSet.of(EventType.RESERVED, EventType.HOLD_EXTENDED,
        EventType.CONFIRMED, EventType.RELEASED, EventType.EXPIRED, EventType.FULFILLED);
    private static final Set<CommandType> RESERVATION_COMMANDS = EnumSet.of(CommandType.RESERVE,
        CommandType.EXTEND_HOLD, CommandType.CONFIRM, CommandType.RELEASE, CommandType.FULFIL);

    @Mixin
    private JournalSource journal;

    @Option(names = "--sku", paramLabel = "<sku>", description = "Only events about this SKU (also as a line).")
    private String sku;

    @Option(names = "--location", paramLabel = "<location>",
        description = "Only events about this location (as location, transfer destination or line).")
    private String location;

    @Option(names = "--reservation", paramLabel = "<key>",
        description = "Only events of the reservation with this key, including rejected commands on it.")
    private String reservation;

    @Option(names = "--channel", paramLabel = "<channel>", description = "Only events of this channel.")
    private String channel;

    @Option(names = "--type", paramLabel = "<type>", split = ",",
        description = "Only these event types, e.g. RESERVED,REJECTED.")
    private Set<EventType> types;

    @Option(names = "--from-time", paramLabel = "<time>", converter = TimeConverter.class,
        description = "Only events at or after this engine time (epoch ms or ISO-8601 instant).")
    private Long fromTimeMs;

    @Option(names = "--to-time", paramLabel = "<time>", converter = TimeConverter.class,
        description = "Only events at or before this engine time (epoch ms or ISO-8601 instant).")
    private Long toTimeMs;

    @Option(names = "--from-seq", paramLabel = "<n>", description = "Only events with this sequence number or later.")
    private Long fromSequence;

    @Option(names = "--to-seq", paramLabel = "<n>", description = "Only events with this sequence number or earlier.")
    private Long toSequence;

    @Override
    public Integer call()
    {
        final PrintWriter out = journal.out();
        // nothing after the last sequence asked for can match: stop applying there (the rest is still checked)
        journal.replay().run(JournalReplay.Visitor.upTo(null, toSequence, event ->
        {
            if (matches(event))
            {
                out.println(render(event));
            }
        }));
        out.flush();
        return AuditTool.EXIT_OK;
    }

    private boolean matches(final EventView event)
    {
        return (fromSequence == null || event.sequence() >= fromSequence) &&
            (toSequence == null || event.sequence() <= toSequence) &&
            (fromTimeMs == null || event.timeMs() >= fromTimeMs) &&
            (toTimeMs == null || event.timeMs() <= toTimeMs) &&
            (types == null || types.contains(event.type())) &&
            (channel == null || channel.equals(event.channel())) &&
            (sku == null || isAboutSku(event)) &&
            (location == null || isAboutLocation(event)) &&
            (reservation == null || isAboutReservation(event));
    }

    private boolean isAboutSku(final EventView event)
    {
        return sku.equals(event.sku()) || anyLine(event, i -> sku.equals(event.lineSku(i)));
    }

    private boolean isAboutLocation(final EventView event)
    {
        return location.equals(event.location()) || location.equals(event.toLocation()) ||
            anyLine(event, i -> location.equals(event.lineLocation(i)));
    }

    /**
     * @param event a record.
     * @param line  tests the line of the given index.
     * @return whether any line of the record passes the test.
     */
    private static boolean anyLine(final EventView event, final IntPredicate line)
    {
        for (int i = 0; i < event.lineCount(); i++)
        {
            if (line.test(i))
            {
                return true;
            }
        }
        return false;
    }

    private boolean isAboutReservation(final EventView event)
    {
        final boolean reservationRecord = RESERVATION_EVENTS.contains(event.type()) ||
            (event.type() == EventType.REJECTED && RESERVATION_COMMANDS.contains(event.commandType()));
        return reservationRecord && CharSequence.compare(reservation, event.reference()) == 0;
    }

    /**
     * @param event a record.
     * @return {@code #seq ISO-time TYPE fields... key=<idempotency key>}.
     */
    static String render(final EventView event)
    {
        final String text = event.toString();
        // EventView renders "#<seq> t=<epoch ms> TYPE ..."; show the time as an ISO-8601 instant instead
        final String prefix = "#" + event.sequence() + " t=" + event.timeMs() + " ";
        final StringBuilder line = new StringBuilder(text.length() + 48)
            .append('#').append(event.sequence()).append(' ').append(AuditTool.isoTime(event.timeMs())).append(' ')
            .append(text.startsWith(prefix) ? text.substring(prefix.length()) : text);
        if (event.commandKey().length() > 0)
        {
            line.append(" key=").append(event.commandKey());
        }
        return line.toString();
    }
}
