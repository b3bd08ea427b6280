package io.omnistock.journal.cli;

import io.omnistock.api.PositionSnapshot;
import io.omnistock.engine.state.StateMachine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
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
    mixinStandardHelpOptions = true)
final class StockCommand implements Callable<Integer>
{
    static final List<String> COLUMNS = List.of("sku", "location", "onHand", "reserved", "committed", "safetyStock",
        "damaged", "quarantined", "inTransit", "incoming", "available");

    @Mixin
    private JournalSource journal;

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
            throw new ParameterException(journal.commandLine(), "--at and --at-seq cannot be used together");
        }
        final JournalReplay replay = journal.replay().run(JournalReplay.Visitor.upTo(atTimeMs, atSequence, event ->
        {
        }));
        final StateMachine machine = replay.machine();
        final PrintWriter out = journal.out();
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
        journal.err().println(rows + " positions as of sequence " + machine.sequence() +
            (replay.applied() == 0 ? " (nothing applied)" : ", engine time " + AuditTool.isoTime(machine.nowMs())) +
            "; the journal holds " + replay.records() + " events");
        return AuditTool.EXIT_OK;
    }
}
