package io.omnistock.journal;

import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.engine.state.SnapshotCursor;
import io.omnistock.engine.state.StateMachine;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

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
    /** The snapshots' subdirectory of the data directory. */
    public static final String SNAPSHOTS = "snapshots";
    /** Snapshots kept on disk by the periodic snapshotter. */
    public static final int SNAPSHOTS_KEPT = 3;

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
        return open(directory, durability, config, 0);
    }

    /**
     * Recovers and starts an engine that also snapshots itself every so many events, on a daemon thread
     * ({@code omnistock-snapshotter}), keeping the newest {@value #SNAPSHOTS_KEPT}.
     *
     * @param directory           the data directory, created if absent.
     * @param durability          {@link Durability#ASYNC} or {@link Durability#SYNC} (snapshots need a journal).
     * @param config              the engine configuration; its journal is set here.
     * @param snapshotEveryEvents events between snapshots; 0 for snapshots on demand only ({@link #snapshot}).
     * @return the running engine.
     * @throws JournalException when the journal or the snapshots cannot be recovered.
     */
    public static OmnistockEngine open(
        final Path directory, final Durability durability, final EngineConfig config, final long snapshotEveryEvents)
    {
        if (snapshotEveryEvents < 0)
        {
            throw new IllegalArgumentException("snapshotEveryEvents must be zero or more");
        }
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(config, "config");
        if (durability == Durability.IN_MEMORY)
        {
            return OmnistockEngine.start(config.journal(null));
        }
        final StateMachine machine = recoverDirectory(directory, config);
        final OmnistockEngine engine =
            OmnistockEngine.start(config.journal(ChronicleJournal.open(directory.resolve(EVENTS), durability)), machine);
        if (snapshotEveryEvents > 0)
        {
            startSnapshotter(engine, directory, snapshotEveryEvents);
        }
        return engine;
    }

    /**
     * Takes a snapshot of a running durable engine now: copies the state between two commands (the only pause),
     * waits until the journal holds every event the snapshot includes, then writes the file off the writer.
     *
     * @param engine    an engine opened by this class.
     * @param directory its data directory.
     * @return what was taken and what it cost.
     * @throws JournalException on an I/O failure, or when the journal does not catch up within 30 seconds.
     */
    public static SnapshotTaken snapshot(final OmnistockEngine engine, final Path directory)
    {
        if (!(engine.config().journal() instanceof ChronicleJournal))
        {
            throw new IllegalArgumentException("not a durable engine: open it with DurableEngine.open");
        }
        final ChronicleJournal journal = (ChronicleJournal)engine.config().journal();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 20);
        final SnapshotCursor cursor = new SnapshotCursor(buffer, 0);
        final long startNs = System.nanoTime();
        final long sequence = engine.snapshot(cursor);
        final long pauseNs = System.nanoTime() - startNs;
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (journal.durableSequence() < sequence)
        {
            if (System.nanoTime() > giveUp || engine.isClosed() && journal.durableSequence() < sequence)
            {
                throw new JournalException("the journal did not reach event " + sequence + " (at " +
                    journal.durableSequence() + "); snapshot not written");
            }
            Thread.onSpinWait();
        }
        final Path file = new SnapshotStore(directory.resolve(SNAPSHOTS)).write(sequence, buffer, cursor.position());
        return new SnapshotTaken(file, sequence, cursor.position(), pauseNs, System.nanoTime() - startNs);
    }

    /**
     * What {@link #snapshot} did.
     *
     * @param file     the snapshot file.
     * @param sequence the last event it includes.
     * @param bytes    its body's size.
     * @param pauseNs  how long the writer was held back while the state was copied.
     * @param totalNs  the whole operation, including waiting for the journal and writing the file.
     */
    public record SnapshotTaken(Path file, long sequence, long bytes, long pauseNs, long totalNs)
    {
    }

    private static void startSnapshotter(final OmnistockEngine engine, final Path directory, final long everyEvents)
    {
        final Thread snapshotter = new Thread(() ->
        {
            long last = engine.reads().sequence();
            while (!engine.isClosed())
            {
                try
                {
                    Thread.sleep(100);
                    if (engine.reads().sequence() - last >= everyEvents && !engine.isClosed())
                    {
                        final SnapshotTaken taken = snapshot(engine, directory);
                        last = taken.sequence();
                        new SnapshotStore(directory.resolve(SNAPSHOTS)).prune(SNAPSHOTS_KEPT);
                        LOG.log(System.Logger.Level.INFO, () -> "omnistock snapshot at event " + taken.sequence() +
                            ": " + taken.bytes() + " bytes, writer paused " + taken.pauseNs() / 1_000 + " us");
                    }
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                catch (final RuntimeException ex)
                {
                    if (!engine.isClosed())
                    {
                        LOG.log(System.Logger.Level.WARNING, "omnistock periodic snapshot failed; will retry", ex);
                    }
                }
            }
        }, "omnistock-snapshotter");
        snapshotter.setDaemon(true);
        snapshotter.start();
    }

    /**
     * Rebuilds the state a data directory describes, without starting anything: the newest usable snapshot, then
     * the journal's events after it.
     *
     * @param directory the data directory (with {@value #EVENTS} and {@value #SNAPSHOTS}); absent means empty.
     * @param config    the capacities.
     * @return the rebuilt state machine.
     * @throws JournalException when the journal cannot be read or does not fit the configuration.
     */
    public static StateMachine recoverDirectory(final Path directory, final EngineConfig config)
    {
        final Path events = directory.resolve(EVENTS);
        if (!Files.isDirectory(events))
        {
            return new StateMachine(config);
        }
        final long journalSequence;
        try (JournalReader scan = new JournalReader(events))
        {
            scan.skipThrough(Long.MAX_VALUE - 1).readAll((buffer, offset, index) -> { });
            journalSequence = scan.highestSequence();
        }
        final SnapshotStore.Loaded snapshot = new SnapshotStore(directory.resolve(SNAPSHOTS)).loadNewest(config,
            journalSequence);
        return replayTail(events, snapshot == null ? new StateMachine(config) : snapshot.machine());
    }

    /**
     * Rebuilds the state from a journal alone, from its first event, ignoring snapshots (the audit tool's and the
     * tests' independent replay).
     *
     * @param events the journal directory; an absent one is an empty journal.
     * @param config the capacities.
     * @return the rebuilt state machine.
     * @throws JournalException when the journal cannot be read or does not fit the configuration.
     */
    public static StateMachine recover(final Path events, final EngineConfig config)
    {
        final StateMachine machine = new StateMachine(config);
        return Files.isDirectory(events) ? replayTail(events, machine) : machine;
    }

    /**
     * Applies the journal's events after the machine's last one.
     *
     * @param events  the journal directory.
     * @param machine a fresh machine or one loaded from a snapshot.
     * @return the machine.
     * @throws JournalException when the journal cannot be read or does not fit.
     */
    public static StateMachine replayTail(final Path events, final StateMachine machine)
    {
        final long startNs = System.nanoTime();
        final long from = machine.sequence();
        try (JournalReader reader = new JournalReader(events))
        {
            try
            {
                reader.skipThrough(from).readAll((buffer, offset, index) -> machine.replay(buffer, offset));
            }
            catch (final IllegalStateException | IndexOutOfBoundsException misfit)
            {
                throw new JournalException("journal " + events + " does not replay after index " +
                    Long.toHexString(reader.lastIndex()) + ": " + misfit.getMessage(), misfit);
            }
            LOG.log(System.Logger.Level.INFO, () -> String.format(
                "omnistock recovered from event %d: %d events replayed from %s in %d ms",
                from, reader.records(), events, (System.nanoTime() - startNs) / 1_000_000));
        }
        return machine;
    }
}
