package io.omnistock.journal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnistock.api.Command;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Result;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.engine.state.CommandTranslator;
import io.omnistock.journal.Durability;
import io.omnistock.journal.DurableEngine;
import io.omnistock.journal.JournalException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code import}: applies a CSV or JSON-lines file of commands (see {@code docs/import-format.md}) to the engine
 * of a data directory, through {@link DurableEngine}: the journal is recovered, every command is decided and
 * journaled exactly like one sent by a host, and idempotency keys make a second run of the same file change
 * nothing.
 *
 * <p>Each row is parsed and checked at the boundary (fields, whole numbers, signs, ids, enum names, the engine's own
 * boundary check) before it is sent; a row that fails is reported with its line and not sent, and the others go
 * on. The engine may still reject a valid row (unknown SKU, not enough stock, ...): that rejection is journaled, and
 * reported with its line and reason code. With {@code --all-or-nothing} the whole file is read and checked first and
 * nothing is sent if any row fails; engine rejections cannot be undone, so that option covers the checks at the
 * boundary only.
 *
 * <p>Up to {@value #IN_FLIGHT_MAX} commands are in flight at once, so that a {@link Durability#SYNC} import pays one
 * sync per ring batch rather than one per row; outcomes are reported in file order.
 */
@picocli.CommandLine.Command(
    name = "import",
    description = "Applies a .csv or .jsonl file of commands through the engine, journaled like any other command.",
    mixinStandardHelpOptions = true)
final class ImportCommand implements Callable<Integer>
{
    static final int IN_FLIGHT_MAX = 1024;

    @Mixin
    private CommandContext context;

    @Parameters(index = "0", paramLabel = "<dataDir>", description = "The data directory (created if absent).")
    private Path dataDir;

    @Parameters(index = "1", paramLabel = "<file>", description = "The commands: a .csv or .jsonl file.")
    private Path file;

    @Option(names = "--all-or-nothing",
        description = "Check every row first; send nothing if any row is invalid (engine rejections cannot be undone).")
    private boolean allOrNothing;

    @Option(names = "--durability", paramLabel = "<mode>", defaultValue = "SYNC",
        description = "SYNC (each batch synced before the next is answered) or ASYNC (page cache). Default SYNC.")
    private Durability durability;

    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private long rows;
    private long applied;
    private long duplicates;
    private long rejected;
    private long invalid;
    private long lastSequence;

    /** A row sent and not yet answered. */
    private record Pending(long line, String key, CompletableFuture<Result> outcome)
    {
    }

    @Override
    public Integer call()
    {
        if (durability == Durability.IN_MEMORY)
        {
            throw new ParameterException(context.commandLine(), "--durability must be SYNC or ASYNC: an import is journaled");
        }
        if (!Files.isRegularFile(file))
        {
            throw new ImportFileException("no file " + file);
        }
        final PrintWriter out = context.out();
        final EngineConfig config = context.tool().configFor(dataDir);
        final CommandTranslator boundary =
            new CommandTranslator(config.linesPerReservationMax(), config.locationCapacity());
        if (allOrNothing && !checkAll(boundary, out))
        {
            out.println("refused " + file + ": " + invalid + " of " + rows + " rows invalid; nothing was applied " +
                "(--all-or-nothing)");
            out.flush();
            return AuditTool.EXIT_FINDINGS;
        }
        rows = 0;
        ImportFileException unreadable = null;
        try (OmnistockEngine engine = DurableEngine.open(dataDir, durability, config))
        {
            try
            {
                ImportReader.read(file, new ImportReader.RowHandler()
                {
                    @Override
                    public void onRow(final long line, final ObjectNode fields)
                    {
                        rows++;
                        final Command command = check(boundary, line, fields, out);
                        if (command != null)
                        {
                            send(engine, line, command, out);
                        }
                    }

                    @Override
                    public void onInvalid(final long line, final String problem)
                    {
                        rows++;
                        invalid(line, problem, out);
                    }
                });
            }
            catch (final ImportFileException ex)
            {
                unreadable = ex;
            }
            while (!inFlight.isEmpty())
            {
                report(inFlight.poll(), out);
            }
            if (engine.failure() != null)
            {
                throw new JournalException("the engine stopped: " + engine.failure().getMessage(), engine.failure());
            }
        }
        out.println("imported " + file + " into " + dataDir + ": " + rows + " rows: " + applied + " applied, " +
            duplicates + " duplicates, " + rejected + " rejected, " + invalid + " invalid" +
            (lastSequence > 0 ? "; last event #" + lastSequence : ""));
        out.flush();
        if (unreadable != null)
        {
            throw unreadable;
        }
        return rejected + invalid == 0 ? AuditTool.EXIT_OK : AuditTool.EXIT_FINDINGS;
    }

    /** The first pass of --all-or-nothing: reads and checks every row, sends nothing. */
    private boolean checkAll(final CommandTranslator boundary, final PrintWriter out)
    {
        ImportReader.read(file, new ImportReader.RowHandler()
        {
            @Override
            public void onRow(final long line, final ObjectNode fields)
            {
                rows++;
                check(boundary, line, fields, out);
            }

            @Override
            public void onInvalid(final long line, final String problem)
            {
                rows++;
                invalid(line, problem, out);
            }
        });
        return invalid == 0;
    }

    private Command check(final CommandTranslator boundary, final long line, final ObjectNode fields,
        final PrintWriter out)
    {
        try
        {
            final Command command = RowParser.parse(fields);
            final int code = boundary.check(command);
            if (code != ReasonCode.OK)
            {
                invalid(line, ReasonCode.name(code) + ": " + ReasonCode.describe(code), out);
                return null;
            }
            return command;
        }
        catch (final InvalidRowException ex)
        {
            invalid(line, ex.getMessage(), out);
            return null;
        }
    }

    private void invalid(final long line, final String problem, final PrintWriter out)
    {
        invalid++;
        out.println("line " + line + ": invalid: " + problem);
    }

    private void send(final OmnistockEngine engine, final long line, final Command command, final PrintWriter out)
    {
        if (inFlight.size() >= IN_FLIGHT_MAX)
        {
            report(inFlight.poll(), out);
        }
        inFlight.add(new Pending(line, command.key(), engine.submit(command)));
    }

    private void report(final Pending pending, final PrintWriter out)
    {
        final Result result = pending.outcome().join();
        lastSequence = Math.max(lastSequence, result.sequence());
        if (result.isOk())
        {
            if (result.duplicate())
            {
                duplicates++;
            }
            else
            {
                applied++;
            }
            return;
        }
        rejected++;
        out.println("line " + pending.line() + ": rejected " + result + " (key " + pending.key() + ")" +
            (result.duplicate() ? ", the remembered outcome of an earlier command with this key" : "") + ": " +
            ReasonCode.describe(result.code()));
    }
}
