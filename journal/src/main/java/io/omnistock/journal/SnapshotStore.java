package io.omnistock.journal;

import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.state.SnapshotCursor;
import io.omnistock.engine.state.StateMachine;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * State snapshots on disk, one file per snapshot: {@code snapshot-<sequence>.snap}, written to a temporary file,
 * synced and atomically renamed, so a crash never leaves a half-written snapshot under the final name.
 *
 * <p>File layout (little-endian): magic {@code "OSNP"} (4), format version (2), reserved (2), sequence of the last
 * event included (8), body length (8), CRC32C of the body (4), reserved (4), then the body written by
 * {@link StateMachine#writeSnapshot}. See {@code docs/journal-format.md}.
 *
 * <p>Loading takes the newest snapshot that checks out: a damaged one (bad magic, length or checksum, or state
 * that does not load) is reported and the next older one is tried; a snapshot of a newer format version is
 * refused with a {@link JournalException}, never skipped.
 */
public final class SnapshotStore
{
    /** "OSNP". */
    public static final int MAGIC = 0x504E_534F;
    /**
     * Snapshot file format version. Version 3 has version 2's layout; its remembered outcomes carry the payload
     * hash of journal format {@link io.omnistock.engine.state.EventCodec#PAYLOAD_HASH_VERSION} on, or a flag beside
     * the command type when they carry the legacy one.
     */
    public static final short VERSION = 3;
    /** The oldest snapshot format version this build loads: version 2, whose outcomes all carry the legacy hash. */
    public static final short VERSION_MIN = 2;
    private static final short LEGACY_PAYLOAD_HASH_VERSION = 2;
    /** Bytes before the body. */
    public static final int HEADER_LENGTH = 32;

    private static final System.Logger LOG = System.getLogger(SnapshotStore.class.getName());
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".snap";

    private final Path directory;

    /** @param directory where the snapshots live, created on the first write. */
    public SnapshotStore(final Path directory)
    {
        this.directory = directory;
    }

    /** A snapshot that loaded: the machine and the sequence of the last event it includes. */
    public record Loaded(StateMachine machine, long sequence, Path file)
    {
    }

    /**
     * Writes a snapshot durably.
     *
     * @param sequence the last event included.
     * @param body     the bytes {@link StateMachine#writeSnapshot} wrote.
     * @param length   their length.
     * @return the file written.
     * @throws JournalException on an I/O failure.
     */
    public Path write(final long sequence, final DirectBuffer body, final int length)
    {
        final CRC32C crc = new CRC32C();
        final byte[] bytes = new byte[length];
        body.getBytes(0, bytes);
        crc.update(bytes, 0, length);
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(MAGIC).putShort(VERSION).putShort((short)0).putLong(sequence).putLong(length)
            .putInt((int)crc.getValue()).putInt(0);
        header.flip();
        final Path target = directory.resolve(String.format("%s%020d%s", PREFIX, sequence, SUFFIX));
        final Path temporary = directory.resolve(target.getFileName() + ".tmp");
        try
        {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                writeFully(channel, header);
                writeFully(channel, ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
            {
                dir.force(true);
            }
            return target;
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot write snapshot " + target, ex);
        }
    }

    /**
     * Loads the newest snapshot that checks out and is not ahead of the journal.
     *
     * @param config          the engine configuration (capacities must equal the snapshot's).
     * @param journalSequence the highest sequence in the journal: a snapshot beyond it describes events the
     *                        journal lost, and is not used.
     * @return the loaded snapshot, or null when there is none usable (recover from the journal alone).
     * @throws JournalException when the newest readable snapshot has a newer format version.
     */
    public Loaded loadNewest(final EngineConfig config, final long journalSequence)
    {
        for (final Path file : snapshotsNewestFirst())
        {
            final Loaded loaded = load(file, config);
            if (loaded == null)
            {
                continue;
            }
            if (loaded.sequence() > journalSequence)
            {
                LOG.log(System.Logger.Level.WARNING, "omnistock snapshot " + file + " is at event " + loaded.sequence() +
                    " but the journal ends at " + journalSequence + "; trying an older snapshot");
                continue;
            }
            return loaded;
        }
        return null;
    }

    /**
     * Keeps the newest snapshots and deletes the rest.
     *
     * @param keep how many to keep, at least 1.
     */
    public void prune(final int keep)
    {
        final List<Path> files = snapshotsNewestFirst();
        for (int i = Math.max(1, keep); i < files.size(); i++)
        {
            try
            {
                Files.deleteIfExists(files.get(i));
            }
            catch (final IOException ex)
            {
                LOG.log(System.Logger.Level.WARNING, "omnistock could not delete old snapshot " + files.get(i), ex);
            }
        }
    }

    /** @return the snapshot files, newest first. */
    public List<Path> snapshotsNewestFirst()
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory))
        {
            final List<Path> snapshots = new ArrayList<>();
            files.filter(f -> f.getFileName().toString().startsWith(PREFIX) && f.getFileName().toString().endsWith(SUFFIX))
                .forEach(snapshots::add);
            snapshots.sort(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed());
            return snapshots;
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot list snapshots in " + directory, ex);
        }
    }

    private Loaded load(final Path file, final EngineConfig config)
    {
        try
        {
            final byte[] data = Files.readAllBytes(file);
            final ByteBuffer header = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            if (data.length < HEADER_LENGTH || header.getInt(0) != MAGIC)
            {
                return damaged(file, "not a snapshot (bad magic or too short)");
            }
            final short version = header.getShort(4);
            if (version > VERSION)
            {
                throw new JournalException("snapshot " + file + " has format version " + version +
                    "; this build reads versions up to " + VERSION + ": open it with a newer omnistock");
            }
            if (version < VERSION_MIN)
            {
                return damaged(file, "format version " + version + " is older than this build reads (" + VERSION_MIN +
                    ".." + VERSION + ")");
            }
            final long sequence = header.getLong(8);
            final long length = header.getLong(16);
            if (length != data.length - HEADER_LENGTH)
            {
                return damaged(file, "body is " + (data.length - HEADER_LENGTH) + " bytes, header says " + length);
            }
            final CRC32C crc = new CRC32C();
            crc.update(data, HEADER_LENGTH, (int)length);
            if ((int)crc.getValue() != header.getInt(24))
            {
                return damaged(file, "checksum mismatch");
            }
            final StateMachine machine = StateMachine.loadSnapshot(config,
                new SnapshotCursor(new UnsafeBuffer(data, HEADER_LENGTH, (int)length), 0),
                version <= LEGACY_PAYLOAD_HASH_VERSION);
            if (machine.sequence() != sequence)
            {
                return damaged(file, "body is at event " + machine.sequence() + ", header says " + sequence);
            }
            return new Loaded(machine, sequence, file);
        }
        catch (final IOException | RuntimeException ex)
        {
            if (ex instanceof JournalException)
            {
                throw (JournalException)ex;
            }
            return damaged(file, ex.toString());
        }
    }

    private static Loaded damaged(final Path file, final String why)
    {
        LOG.log(System.Logger.Level.WARNING, "omnistock snapshot " + file + " is unusable (" + why +
            "); trying an older snapshot or the whole journal");
        return null;
    }

    private static void writeFully(final FileChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }
}
