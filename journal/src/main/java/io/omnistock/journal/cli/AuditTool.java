package io.omnistock.journal.cli;

import io.omnistock.engine.EngineConfig;
import io.omnistock.journal.DurableEngine;
import io.omnistock.journal.JournalException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The command-line audit tool: reads a data directory's journal to answer an auditor's questions, checks it, and
 * loads files of commands into it.
 *
 * <pre>
 *   dump    &lt;dataDir&gt;                  events in readable form, filtered
 *   history &lt;dataDir&gt; --sku X           every movement of a SKU with running totals per stock state
 *   stock   &lt;dataDir&gt; [--at T]          all positions as CSV, now or at a point in time or sequence
 *   verify  &lt;dataDir&gt;                  replays everything, checks the invariants, prints counts and the state hash
 *   import  &lt;dataDir&gt; &lt;file&gt;           applies a CSV or JSON-lines file of commands, journaled
 * </pre>
 *
 * <p>Exit codes: {@value #EXIT_OK} when everything checked out; {@value #EXIT_FINDINGS} when the tool found
 * something (an invariant violation, rows that were not applied, a SKU that is not in the journal);
 * {@value #EXIT_ERROR} when it could not do its job (bad arguments, a journal that is corrupted, from a newer
 * version or unreadable, an input file that cannot be read).
 *
 * <p>Every subcommand rebuilds state with a {@code StateMachine} of the same capacities as the engine that wrote
 * the journal: {@link EngineConfig#defaults()} unless built with another configuration. A tool instance runs
 * commands one at a time; the machines it builds are garbage after each command.
 */
@Command(
    name = "omnistock-audit",
    mixinStandardHelpOptions = true,
    version = "omnistock-audit 0.1.0",
    description = "Reads, checks and loads an omnistock journal (<dataDir>/events).",
    subcommands = {DumpCommand.class, HistoryCommand.class, StockCommand.class, VerifyCommand.class,
        ImportCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:everything checked out",
        "1:findings: an invariant violation, rows not applied, nothing matched",
        "2:error: bad arguments, a damaged or unreadable journal or input file"})
public final class AuditTool
{
    /** Everything checked out. */
    public static final int EXIT_OK = 0;
    /** The tool found something: a violation, rows that were not applied, nothing to show. */
    public static final int EXIT_FINDINGS = 1;
    /** The tool could not do its job: bad arguments, a damaged or unreadable journal or input file. */
    public static final int EXIT_ERROR = 2;

    private final Supplier<EngineConfig> config;

    /** A tool that rebuilds state with {@link EngineConfig#defaults()}, the capacities of a default engine. */
    public AuditTool()
    {
        this(EngineConfig::defaults);
    }

    /**
     * @param config supplies a fresh configuration for each state machine or engine the tool builds; its
     *               capacities must equal those of the engine that wrote the journal (a smaller one refuses the
     *               journal, a different one may forget idempotency keys at other moments).
     */
    public AuditTool(final Supplier<EngineConfig> config)
    {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Runs the tool and exits the JVM with its exit code.
     *
     * @param args the command line, e.g. {@code verify /var/lib/omnistock}.
     */
    public static void main(final String[] args)
    {
        // belt and braces: omnistock excludes chronicle-analytics, this keeps it off should it ever come back
        defaultProperty("chronicle.analytics.disable", "true");
        // Chronicle logs through SLF4J; the jar carries no SLF4J provider, and says so only on errors
        defaultProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(run(args));
    }

    private static int run(final String[] args)
    {
        try
        {
            return new AuditTool().commandLine().execute(args);
        }
        catch (final OutOfMemoryError ex)
        {
            System.err.println("error: out of memory: the tool preallocates the state of an engine with the default " +
                "capacities (about 250 MB of heap); run it with java -Xmx1g -jar ...");
            return EXIT_ERROR;
        }
    }

    private static void defaultProperty(final String name, final String value)
    {
        if (System.getProperty(name) == null)
        {
            System.setProperty(name, value);
        }
    }

    /**
     * @return a picocli command line for this tool, with the exit codes above; set its output and error writers
     * to capture what it prints, then {@link CommandLine#execute(String...)}.
     */
    public CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(this).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((failure, command, parsed) ->
        {
            command.getErr().println("error: " + describe(failure));
            if (!(failure instanceof JournalException || failure instanceof UncheckedIOException ||
                failure instanceof IOException || failure instanceof ImportFileException))
            {
                // not a foreseen failure: a bug, show where
                failure.printStackTrace(command.getErr());
            }
            command.getErr().flush();
            return EXIT_ERROR;
        });
        return commandLine;
    }

    /** @return a fresh configuration for a state machine or engine. */
    EngineConfig config()
    {
        return config.get();
    }

    /**
     * @param dataDir a data directory.
     * @return the settings recorded in it ({@link io.omnistock.journal.DurableEngine#storedConfig}), else a fresh
     * configuration of this tool.
     */
    EngineConfig configFor(final java.nio.file.Path dataDir)
    {
        final EngineConfig stored = io.omnistock.journal.DurableEngine.storedConfig(dataDir);
        return stored != null ? stored : config();
    }

    /**
     * Finds the journal of a data directory: {@code <dataDir>/events}, or the directory itself when it is a
     * Chronicle Queue directory (holds a {@code .cq4t} metadata file).
     *
     * @param dataDir the data directory given on the command line.
     * @return the journal directory.
     * @throws JournalException when there is no journal there.
     */
    static Path eventsDirectory(final Path dataDir)
    {
        final Path events = dataDir.resolve(DurableEngine.EVENTS);
        if (Files.isDirectory(events))
        {
            return events;
        }
        if (Files.isDirectory(dataDir))
        {
            try (Stream<Path> files = Files.list(dataDir))
            {
                if (files.anyMatch(file -> file.getFileName().toString().endsWith(".cq4t")))
                {
                    return dataDir;
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot list " + dataDir, ex);
            }
        }
        throw new JournalException("no journal at " + events + " (expected a data directory holding events/)");
    }

    /**
     * @param timeMs epoch milliseconds.
     * @return the ISO-8601 instant, e.g. {@code 2026-11-27T08:00:00Z}.
     */
    static String isoTime(final long timeMs)
    {
        return Instant.ofEpochMilli(timeMs).toString();
    }

    private static String describe(final Throwable failure)
    {
        final String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (failure instanceof UncheckedIOException || failure instanceof IOException)
        {
            final Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            return cause == failure ? failure.getClass().getSimpleName() + ": " + message :
                message + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        return message;
    }
}
