package io.omnistock.journal;

import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.engine.state.StateMachine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens an engine on a data directory: recovers the state from the journal there (if any), then runs with the
 * journal appending. This is how a host embeds a durable engine:
 *
 * <pre>{@code
 * try (OmnistockEngine engine = DurableEngine.open(Path.of("/var/lib/omnistock"), Durability.SYNC, EngineConfig.defaults()))
 * {
 *     engine.submit(...);
 * }
 * }</pre>
 *
 * <p>Recovery replays every journaled fact into a fresh state machine ({@link StateMachine#replay}); the
 * recovered {@link OmnistockEngine#stateHash()} equals the one before the stop. A damaged or newer-version journal
 * is refused with a {@link JournalException}, never skipped. The capacities in the configuration must be at least
 * those of the engine that wrote the journal.
 */
public final class DurableEngine
{
    /** The journal's subdirectory of the data directory. */
    public static final String EVENTS = "events";

    private static final System.Logger LOG = System.getLogger(DurableEngine.class.getName());

    private DurableEngine()
    {
    }

    /**
     * Recovers and starts an engine.
     *
     * @param directory  the data directory, created if absent.
     * @param durability what "done" promises; {@link Durability#IN_MEMORY} starts a plain engine and ignores the
     *                   directory.
     * @param config     the engine configuration; its journal is set here.
     * @return the running engine; closing it closes the journal.
     * @throws JournalException when the journal cannot be recovered.
     */
    public static OmnistockEngine open(final Path directory, final Durability durability, final EngineConfig config)
    {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(config, "config");
        if (durability == Durability.IN_MEMORY)
        {
            return OmnistockEngine.start(config.journal(null));
        }
        final Path events = directory.resolve(EVENTS);
        final StateMachine machine = recover(events, config);
        return OmnistockEngine.start(config.journal(ChronicleJournal.open(events, durability)), machine);
    }

    /**
     * Rebuilds the state a journal describes, without starting anything.
     *
     * @param events the journal directory; an absent one is an empty journal.
     * @param config the capacities.
     * @return the rebuilt state machine.
     * @throws JournalException when the journal cannot be read or does not fit the configuration.
     */
    public static StateMachine recover(final Path events, final EngineConfig config)
    {
        final StateMachine machine = new StateMachine(config);
        if (!Files.isDirectory(events))
        {
            return machine;
        }
        final long startNs = System.nanoTime();
        try (JournalReader reader = new JournalReader(events))
        {
            try
            {
                reader.readAll((buffer, offset, index) -> machine.replay(buffer, offset));
            }
            catch (final IllegalStateException | IndexOutOfBoundsException misfit)
            {
                throw new JournalException("journal " + events + " does not replay after index " +
                    Long.toHexString(reader.lastIndex()) + ": " + misfit.getMessage(), misfit);
            }
            LOG.log(System.Logger.Level.INFO, () -> String.format("omnistock recovered %d events from %s in %d ms",
                reader.records(), events, (System.nanoTime() - startNs) / 1_000_000));
        }
        return machine;
    }
}
