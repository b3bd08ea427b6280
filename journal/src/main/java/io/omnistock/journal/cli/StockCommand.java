package io.omnistock.journal.cli;

import io.omnistock.api.PositionSnapshot;
import io.omnistock.engine.state.EventView;
import io.omnistock.engine.state.StateMachine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code stock}: every position (SKU at location) with its stock per state, as CSV, as the journal leaves it or
 * as it stood at a point in engine time or at a sequence number (the journal replayed up to there). Rows come in
 * the order the positions were created, which is the same on every replay.
 *
 * <p>Engine time in the journal never goes backwards ({@code verify} checks it), so "at time T" is the state after
 * the last event stamped T or earlier. A hold whose deadline passed is shown expired from the moment the engine
 * recorded its expiry (at its deadline, once any later command or timer tick reached the engine).
 */
@Command(
    name = "stock",
    description = "Prints every position's stock per state as CSV, now or at a point in time or sequence.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class StockCommand implements Callable<Integer>
{
    static final List<String> COLUMNS = List.of("sku", "location", "onHand", "reserved", "committed", "safetyStock",
        "damaged", "quarantined", "inTransit", "incoming", "available");

    @ParentCommand
    private AuditTool tool;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<dataDir>", description = "The data directory (holding events/).")
    private Path dataDir;

    @Option(names = "--at", paramLabel = "<time>", converter = TimeConverter.class,
        description = "The state at the end of this engine time (epoch ms or ISO-8601 instant).")
    private Long atTimeMs;

    @Option(names = "--at-seq", paramLabel = "<n>", description = "The state right after the event with this sequence.")
    private Long atSequence;

    @Option(names = "--sku", paramLabel = "<sku>", description = "Only this SKU.")
    private String sku;

    @Option(names = "--location", paramLabel = "<location>", description = "Only this location.")
    private String location;

    @Override
    public Integer call()
    {
        if (atTimeMs != null && atSequence != null)
        {
            throw new ParameterException(spec.commandLine(), "--at and --at-seq cannot be used together");
        }
        final JournalReplay replay = new JournalReplay(dataDir, tool.config()).run(new JournalReplay.Visitor()
        {
            @Override
            public boolean before(final EventView event)
            {
                return (atTimeMs == null || event.timeMs() <= atTimeMs) &&
                    (atSequence == null || event.sequence() <= atSequence);
            }

            @Override
            public void after(final EventView event)
            {
            }
        });
        final StateMachine machine = replay.machine();
        final PrintWriter out = spec.commandLine().getOut();
        final TableWriter table = TableWriter.csv(out, COLUMNS);
        int rows = 0;
        for (int p = 0; p < machine.positionCount(); p++)
        {
            final PositionSnapshot position = machine.positionAt(p);
            if ((sku == null || sku.equals(position.sku())) && (location == null || location.equals(position.location())))
            {
                rows++;
                table.row(position.sku(), position.location(), position.onHand(), position.reserved(),
                    position.committed(), position.safetyStock(), position.damaged(), position.quarantined(),
                    position.inTransit(), position.incoming(), position.available());
            }
        }
        table.flush();
        spec.commandLine().getErr().println(rows + " positions as of sequence " + machine.sequence() +
            (replay.applied() == 0 ? " (nothing applied)" : ", engine time " + AuditTool.isoTime(machine.nowMs())) +
            "; the journal holds " + replay.records() + " events");
        return AuditTool.EXIT_OK;
    }
}
