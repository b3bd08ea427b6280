package io.omnistock.journal.cli;

import io.omnistock.api.CommandType;
import io.omnistock.api.EventType;
import io.omnistock.engine.state.EventView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code dump}: every event of the journal in readable form, one per line, in sequence order, optionally
 * filtered. The journal is replayed as it is read, so ids resolve to the names defined before each event.
 */
@Command(
    name = "dump",
    description = "Prints the journal's events in readable form, one per line, filtered by the options (all must match).",
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class DumpCommand implements Callable<Integer>
{
    private static final Set<EventType> RESERVATION_EVENTS = EnumSet.of(EventType.RESERVED, EventType.HOLD_EXTENDED,
        EventType.CONFIRMED, EventType.RELEASED, EventType.EXPIRED, EventType.FULFILLED);
    private static final Set<CommandType> RESERVATION_COMMANDS = EnumSet.of(CommandType.RESERVE,
        CommandType.EXTEND_HOLD, CommandType.CONFIRM, CommandType.RELEASE, CommandType.FULFIL);

    @ParentCommand
    private AuditTool tool;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<dataDir>", description = "The data directory (holding events/).")
    private Path dataDir;

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
        final PrintWriter out = spec.commandLine().getOut();
        new JournalReplay(dataDir, tool.config()).run(new JournalReplay.Visitor()
        {
            @Override
            public boolean before(final EventView event)
            {
                // nothing after the last sequence asked for can match: stop applying (the rest is still checked)
                return toSequence == null || event.sequence() <= toSequence;
            }

            @Override
            public void after(final EventView event)
            {
                if (matches(event))
                {
                    out.println(render(event));
                }
            }
        });
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
        if (sku.equals(event.sku()))
        {
            return true;
        }
        for (int i = 0; i < event.lineCount(); i++)
        {
            if (sku.equals(event.lineSku(i)))
            {
                return true;
            }
        }
        return false;
    }

    private boolean isAboutLocation(final EventView event)
    {
        if (location.equals(event.location()) || location.equals(event.toLocation()))
        {
            return true;
        }
        for (int i = 0; i < event.lineCount(); i++)
        {
            if (location.equals(event.lineLocation(i)))
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
