package io.omnistock.journal;

import io.omnistock.engine.EventJournal;
import io.omnistock.engine.state.EventCodec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;
import org.agrona.DirectBuffer;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The event journal on Chronicle Queue: Chronicle documents each holding a CRC32C of their records and then the
 * encoded event records exactly as the writer produced them (see {@code docs/journal-format.md}).
 *
 * <p>The records appended between two {@link #endOfBatch()} calls are written as one document (or a few of at
 * most {@link #DOCUMENT_RECORDS_MAX} bytes) at the end of the batch, before any caller of the batch is answered. In
 * {@link Durability#SYNC} the batch is a ring batch, on the pipeline's journal thread, and the mapped file is then
 * synced ({@code msync}) once per batch. In {@link Durability#ASYNC} ({@link #syncs()} false) the writer thread
 * appends and ends batches itself (a ring batch, or {@link io.omnistock.engine.OmnistockEngine#ASYNC_GROUP_MAX}
 * commands), and its callers are answered once the bytes are in the page cache.
 *
 * <p>Unless opened without, a {@link Pretoucher} thread reads the pages of the journal's file into the page cache
 * ahead of the appender, so that appending does not stall on page faults that fill the kernel's read-ahead window.
 *
 * <p>Allocation: none per append in steady state (the appender, the checksum and the staging array are reused).
 */
public final class ChronicleJournal implements EventJournal
{
    /** Bytes before the records in each document: the CRC32C of the records. */
    public static final int DOCUMENT_HEADER_LENGTH = Integer.BYTES;
    /**
     * Most record bytes a document gathers from several commands; a single command's records always go into one
     * document, whatever their size.
     */
    public static final int DOCUMENT_RECORDS_MAX = 32 * 1024;

    private final SingleChronicleQueue queue;
    private final Durability durability;
    private final Pretoucher pretoucher;
    private final CRC32C crc = new CRC32C();
    private ExcerptAppender appender;
    private byte[] staging = new byte[DOCUMENT_RECORDS_MAX];
    private int staged;
    private long stagedSequence;
    private boolean failed;
    private long appendedSequence;
    private volatile long durableSequence;

    private ChronicleJournal(final SingleChronicleQueue queue, final Durability durability, final boolean pretouch)
    {
        this.queue = queue;
        this.durability = durability;
        this.pretoucher = pretouch ? new Pretoucher("omnistock-journal-pretoucher") : null;
    }

    /**
     * Opens (creating if needed) the journal in a directory, with a {@linkplain #open(Path, Durability, boolean)
     * pretoucher}.
     *
     * @param directory  the journal's directory, e.g. {@code <data>/events}.
     * @param durability {@link Durability#ASYNC} or {@link Durability#SYNC}.
     * @return the journal; the engine closes it.
     */
    public static ChronicleJournal open(final Path directory, final Durability durability)
    {
        return open(directory, durability, true);
    }

    /**
     * Opens (creating if needed) the journal in a directory.
     *
     * @param directory  the journal's directory, e.g. {@code <data>/events}.
     * @param durability {@link Durability#ASYNC} or {@link Durability#SYNC}.
     * @param pretouch   whether a daemon thread ({@code omnistock-journal-pretoucher}) reads the file's pages into
     *                   the page cache ahead of the appender, so that appending never waits for the kernel to fill
     *                   a read-ahead window of the sparse file (20 ms every 8 MiB measured on ext4; see
     *                   {@code docs/journal-format.md}). It costs a mostly idle thread and up to about 80 MiB of
     *                   clean page cache ahead of the appender; the journal's bytes are the same either way.
     * @return the journal; the engine closes it.
     */
    public static ChronicleJournal open(final Path directory, final Durability durability, final boolean pretouch)
    {
        Objects.requireNonNull(directory, "directory");
        if (durability == null || durability == Durability.IN_MEMORY)
        {
            throw new IllegalArgumentException("a journal is ASYNC or SYNC; IN_MEMORY means no journal");
        }
        return new ChronicleJournal(queue(directory, durability == Durability.SYNC ? SyncMode.SYNC : SyncMode.NONE,
            false), durability, pretouch);
    }

    static SingleChronicleQueue queue(final Path directory, final SyncMode syncMode, final boolean readOnly)
    {
        return SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(RollCycles.FAST_DAILY)
            .syncMode(syncMode)
            .readOnly(readOnly)
            .build();
    }

    /** @return the durability promised. */
    public Durability durability()
    {
        return durability;
    }

    @Override
    public void append(final DirectBuffer records, final int length, final int count)
    {
        try
        {
            stage(records, length, count);
        }
        catch (final RuntimeException | Error ex)
        {
            // the engine answers the batch STORAGE_FAILURE: nothing staged may reach the journal later (close())
            failed = true;
            throw ex;
        }
    }

    /**
     * The callers of a batch are answered only after its {@link #endOfBatch()}, so its commands' records are
     * gathered and written as one document (or a few, each at most {@link #DOCUMENT_RECORDS_MAX} bytes) at the end
     * of the batch: one document to open, checksum and publish instead of one per command.
     */
    private void stage(final DirectBuffer records, final int length, final int count)
    {
        if (staged > 0 && staged + length > DOCUMENT_RECORDS_MAX)
        {
            flush();
        }
        if (staging.length < staged + length)
        {
            staging = Arrays.copyOf(staging, Math.max(staged + length, staging.length * 2));
        }
        records.getBytes(0, staging, staged, length);
        staged += length;
        stagedSequence = lastSequence(records, count);
    }

    private void flush()
    {
        if (staged > 0)
        {
            final int length = staged;
            // a failed write drops what was staged (and the callers' methods mark the journal failed): the engine
            // answers those commands STORAGE_FAILURE, so they must never reach the journal later
            staged = 0;
            write(staging, 0, length);
            appendedSequence = stagedSequence;
        }
    }

    private void write(final byte[] array, final int offset, final int length)
    {
        crc.reset();
        crc.update(array, offset, length);
        try (DocumentContext document = appender().writingDocument())
        {
            final Bytes<?> bytes = document.wire().bytes();
            bytes.writeInt((int)crc.getValue());
            bytes.write(array, offset, length);
        }
        if (pretoucher != null)
        {
            follow();
        }
    }

    /** Tells the pretoucher the appender's file when it changes (the first write, a cycle roll): reads only if not. */
    private void follow()
    {
        final File current = appender.currentFile();
        if (current != pretoucher.file())
        {
            final Wire wire = appender.wire();
            pretoucher.follow(current, wire == null ? 0 : wire.bytes().writePosition());
        }
    }

    private static long lastSequence(final DirectBuffer records, final int count)
    {
        int last = 0;
        for (int i = 1; i < count; i++)
        {
            last += records.getInt(last + EventCodec.LENGTH_OFFSET);
        }
        return records.getLong(last + EventCodec.SEQUENCE_OFFSET);
    }

    /** @return true in {@link Durability#SYNC}: callers wait for the sync at the end of their batch. */
    @Override
    public boolean syncs()
    {
        return durability == Durability.SYNC;
    }

    @Override
    public void endOfBatch()
    {
        try
        {
            flush();
            if (durability == Durability.SYNC && appender != null)
            {
                appender.sync();
            }
        }
        catch (final RuntimeException | Error ex)
        {
            failed = true;
            throw ex;
        }
        durableSequence = appendedSequence;
    }

    /**
     * @return the sequence number of the last event as durable as this journal promises (written for ASYNC, synced
     * for SYNC); 0 before any. Readable from any thread.
     */
    public long durableSequence()
    {
        return durableSequence;
    }

    /** @return the pretoucher, or null when opened without one. */
    Pretoucher pretoucher()
    {
        return pretoucher;
    }

    /** @return the Chronicle index of the last document appended by this journal, or -1. */
    public long lastIndexAppended()
    {
        return appender == null ? -1 : appender.lastIndexAppended();
    }

    @Override
    public void close()
    {
        try
        {
            if (staged > 0 && !failed)
            {
                endOfBatch();
            }
        }
        finally
        {
            if (pretoucher != null)
            {
                pretoucher.close();
            }
            if (appender != null)
            {
                appender.singleThreadedCheckReset();
                appender.close();
            }
            queue.close();
        }
    }

    private ExcerptAppender appender()
    {
        if (appender == null)
        {
            // created on the appending pipeline thread (writer or journal): Chronicle appenders belong to one thread
            appender = queue.createAppender();
        }
        return appender;
    }
}
