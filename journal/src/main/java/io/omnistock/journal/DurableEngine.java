package io.omnistock.journal;

import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.engine.state.SnapshotCursor;
import io.omnistock.engine.state.StateMachine;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
    /** The file in the data directory that records the settings the state depends on. */
    public static final String SETTINGS = "engine.properties";
    /** Snapshots kept on disk by the periodic snapshotter. */
    public static final int SNAPSHOTS_KEPT = 3;

    private static final long WAIT_FOR_JOURNAL_NS = TimeUnit.MICROSECONDS.toNanos(100);
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
        checkSettings(directory, config);
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
     * The settings a data directory's state depends on (capacities, idempotency retention, longest hold): the
     * first {@link #open} records them in {@value #SETTINGS}; every later open must use the same, since a journal
     * replays to the same state only under the same limits (they decide rejections, recycling and key ageing).
     *
     * @param directory the data directory.
     * @return the recorded settings applied to {@link EngineConfig#defaults()}, or null when none are recorded.
     * @throws JournalException when the file cannot be read or holds a bad value.
     */
    public static EngineConfig storedConfig(final Path directory)
    {
        final Path file = directory.resolve(SETTINGS);
        if (!Files.exists(file))
        {
            return null;
        }
        final Properties settings = new Properties();
        try (java.io.Reader in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.ISO_8859_1))
        {
            settings.load(in);
            return EngineConfig.defaults()
                .skuCapacity(Integer.parseInt(settings.getProperty("skuCapacity")))
                .locationCapacity(Integer.parseInt(settings.getProperty("locationCapacity")))
                .channelCapacity(Integer.parseInt(settings.getProperty("channelCapacity")))
                .positionCapacity(Integer.parseInt(settings.getProperty("positionCapacity")))
                .reservationCapacity(Integer.parseInt(settings.getProperty("reservationCapacity")))
                .linesPerReservationMax(Integer.parseInt(settings.getProperty("linesPerReservationMax")))
                .transferCapacity(Integer.parseInt(settings.getProperty("transferCapacity")))
                .idempotencyCapacity(Integer.parseInt(settings.getProperty("idempotencyCapacity")))
                .idempotencyRetentionMs(Long.parseLong(settings.getProperty("idempotencyRetentionMs")))
                .holdMaxMs(Long.parseLong(settings.getProperty("holdMaxMs")))
                .promotionCapacity(Integer.parseInt(settings.getProperty("promotionCapacity",
                    Integer.toString(EngineConfig.defaults().promotionCapacity()))))
                .validate();
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new JournalException("cannot read the engine settings in " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static Properties settingsOf(final EngineConfig config)
    {
        final Properties settings = new Properties();
        settings.setProperty("skuCapacity", Integer.toString(config.skuCapacity()));
        settings.setProperty("locationCapacity", Integer.toString(config.locationCapacity()));
        settings.setProperty("channelCapacity", Integer.toString(config.channelCapacity()));
        settings.setProperty("positionCapacity", Integer.toString(config.positionCapacity()));
        settings.setProperty("reservationCapacity", Integer.toString(config.reservationCapacity()));
        settings.setProperty("linesPerReservationMax", Integer.toString(config.linesPerReservationMax()));
        settings.setProperty("transferCapacity", Integer.toString(config.transferCapacity()));
        settings.setProperty("idempotencyCapacity", Integer.toString(config.idempotencyCapacity()));
        settings.setProperty("idempotencyRetentionMs", Long.toString(config.idempotencyRetentionMs()));
        settings.setProperty("holdMaxMs", Long.toString(config.holdMaxMs()));
        settings.setProperty("promotionCapacity", Integer.toString(config.promotionCapacity()));
        return settings;
    }

    private static void checkSettings(final Path directory, final EngineConfig config)
    {
        final EngineConfig stored = storedConfig(directory);
        if (stored == null)
        {
            try
            {
                Files.createDirectories(directory);
                try (java.io.Writer out = Files.newBufferedWriter(directory.resolve(SETTINGS),
                    java.nio.charset.StandardCharsets.ISO_8859_1))
                {
                    settingsOf(config).store(out, "omnistock engine settings: the journal replays only under these");
                }
            }
            catch (final IOException ex)
            {
                throw new JournalException("cannot record the engine settings in " + directory, ex);
            }
            return;
        }
        if (!settingsOf(stored).equals(settingsOf(config)))
        {
            throw new JournalException("data directory " + directory + " was created with the settings " +
                new java.util.TreeMap<>(settingsOf(stored)) + " (see " + SETTINGS + "); this engine is configured with " +
                new java.util.TreeMap<>(settingsOf(config)) + ": open it with the same settings");
        }
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
            LockSupport.parkNanos(WAIT_FOR_JOURNAL_NS);
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
        try (JournalReader last = new JournalReader(events))
        {
            journalSequence = last.readLastSequence();
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
                reader.skipThrough(from).readAll(new ReplayHandler(machine));
            }
            catch (final IllegalStateException | IndexOutOfBoundsException misfit)
            {
                throw new JournalException("journal " + events + " does not replay after index " +
                    Long.toHexString(reader.lastIndex()) + ": " + misfit.getMessage(), misfit);
            }
            // replay and snapshot loading remember idempotency keys without indexing them: index the live ones now
            machine.indexIdempotency();
            LOG.log(System.Logger.Level.INFO, () -> String.format(
                "omnistock recovered from event %d: %d events replayed from %s in %d ms",
                from, reader.records(), events, (System.nanoTime() - startNs) / 1_000_000));
        }
        return machine;
    }
}
