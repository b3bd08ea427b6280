package io.omnistock.journal;

import io.omnistock.engine.state.EventCodec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads a journal written by {@link ChronicleJournal}, record by record, in sequence order, checking as it goes:
 * each document's CRC32C, each record's schema id, length and format version, and that sequence numbers are
 * dense. Anything that does not check out stops the read with a {@link JournalException} naming the Chronicle
 * index, never a silent skip. A record from a newer format version than this build knows is refused.
 *
 * <p>Opens the queue read-only; safe to run while an engine appends (it reads what is complete).
 */
public final class JournalReader implements AutoCloseable
{
    /** Receives each record. */
    @FunctionalInterface
    public interface RecordHandler
    {
        /**
         * @param buffer holds the record, valid only during the call.
         * @param offset where the record starts.
         * @param index  the Chronicle index of the document that holds it.
         */
        void onRecord(DirectBuffer buffer, int offset, long index);

        /**
         * Called for each record of a chunk of records before any of them is delivered, so that a handler can
         * read ahead what its {@link #onRecord} calls will touch (the cache misses of a chunk then overlap). The
         * record has not been checked yet: an implementation must not fail on a malformed one. Does nothing by
         * default.
         *
         * @param buffer holds the record, valid only during the call.
         * @param offset where the record starts.
         */
        default void prefetch(final DirectBuffer buffer, final int offset)
        {
        }

        /** Called once every record of a chunk has been offered to {@link #prefetch}. Does nothing by default. */
        default void prefetchDone()
        {
        }
    }

    private static final System.Logger LOG = System.getLogger(JournalReader.class.getName());
    // Chronicle's document header: 30 bits of length, a meta-data bit and a not-complete bit
    private static final int NOT_COMPLETE = 0x8000_0000;
    private static final int META_DATA = 0x4000_0000;
    private static final int LENGTH_MASK = 0x3FFF_FFFF;
    /** Documents read and checked as a group before the first of them is delivered. */
    private static final int GROUP = 32;
    /**
     * Records offered to the handler's prefetch at a time, then delivered: one document per record (an ASYNC
     * journal) makes a chunk of a group, a SYNC batch document several chunks.
     */
    private static final int PREFETCH_CHUNK = 32;
    /** How far past the last complete document a torn append's bytes are counted: twice a SYNC batch document. */
    private static final int TAIL_SCAN_BYTES = 1 << 16;

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ExpandableArrayBuffer document = new ExpandableArrayBuffer(4096);
    private final ExpandableArrayBuffer[] group = new ExpandableArrayBuffer[GROUP];
    private final int[] groupLength = new int[GROUP];
    private final long[] groupIndex = new long[GROUP];
    private final CRC32C crc = new CRC32C();
    private long lastSequence;
    private long lastIndex = -1;
    private long skipThrough = Long.MIN_VALUE;
    private long documents;
    private long records;
    private long endOfData = -1;
    private int groupCount;
    private int prefetchDocument;
    private int prefetchOffset;
    private int prefetchedAhead;
    private long tornBytes;
    private java.io.File lastFile;

    /**
     * @param directory the journal directory.
     * @throws JournalException when the directory does not exist.
     */
    public JournalReader(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new JournalException("no journal at " + directory);
        }
        this.directory = directory;
        this.queue = ChronicleJournal.queue(directory, SyncMode.NONE, true);
        this.tailer = queue.createTailer();
        for (int i = 0; i < GROUP; i++)
        {
            group[i] = new ExpandableArrayBuffer(4096);
        }
    }

    /**
     * Continues after a known record, e.g. the last one a snapshot covers.
     *
     * @param index    the Chronicle index of the document holding the record.
     * @param sequence the record's sequence number; reading resumes with {@code sequence + 1}.
     * @return this.
     * @throws JournalException when the journal does not hold that index.
     */
    public JournalReader startAfter(final long index, final long sequence)
    {
        if (!tailer.moveToIndex(index))
        {
            throw new JournalException("journal " + directory + " has no document at index " + Long.toHexString(index) +
                " (the snapshot's position): was the journal truncated or replaced?");
        }
        lastSequence = sequence;
        lastIndex = index;
        // skip the records of that document up to and including the given sequence
        skipThrough = sequence;
        return this;
    }

    /**
     * Skips every record up to and including a sequence number (the last one a snapshot includes) without
     * delivering it, reading from the start of the journal.
     *
     * @param sequence the last sequence to skip.
     * @return this.
     */
    public JournalReader skipThrough(final long sequence)
    {
        lastSequence = sequence;
        skipThrough = sequence;
        return this;
    }

    /**
     * Reads every complete document from the current position.
     *
     * <p>Documents are read and checked in groups of up to {@value #GROUP}; their records are then offered to the
     * handler's {@link RecordHandler#prefetch} {@value #PREFETCH_CHUNK} at a time, each chunk before
     * {@link RecordHandler#onRecord} receives its records in order, whether the documents hold one record each (an
     * ASYNC journal) or a batch each (SYNC). A document that fails its check stops the read only after the good
     * documents before it are delivered, as if they were read one by one.
     *
     * @param handler receives each record in order.
     * @return records delivered.
     * @throws JournalException on corruption, a sequence gap or an unknown newer version.
     */
    public long readAll(final RecordHandler handler)
    {
        long delivered = 0;
        while (true)
        {
            int count = 0;
            boolean end = false;
            RuntimeException failure = null;
            while (count < GROUP)
            {
                try (DocumentContext context = tailer.readingDocument())
                {
                    if (!context.isPresent())
                    {
                        end = true;
                        break;
                    }
                    final long index = context.index();
                    final Bytes<?> bytes = context.wire().bytes();
                    groupLength[count] = copyDocument(bytes, index, group[count]);
                    groupIndex[count] = index;
                    endOfData = bytes.readLimit();
                    lastFile = tailer.currentFile();
                    count++;
                }
                catch (final RuntimeException ex)
                {
                    // a damaged document (checked here, or refused by Chronicle itself): the good ones before it
                    // are delivered first, as if read one by one
                    failure = ex;
                    break;
                }
            }
            groupCount = count;
            prefetchDocument = 0;
            prefetchOffset = 0;
            prefetchedAhead = 0;
            for (int i = 0; i < count; i++)
            {
                delivered += deliver(group[i], groupIndex[i], groupLength[i], handler);
                documents++;
                lastIndex = groupIndex[i];
            }
            if (failure != null)
            {
                throw failure;
            }
            if (end)
            {
                checkTail();
                return delivered;
            }
        }
    }

    /**
     * Offers the group's next {@value #PREFETCH_CHUNK} records that will be delivered to the handler's prefetch,
     * then tells it the chunk is done: called when every record offered before has been delivered. A document
     * whose records do not parse is left to {@link #deliver}, which reports it.
     *
     * @return the records offered.
     */
    private int prefetchChunk(final RecordHandler handler)
    {
        int offered = 0;
        while (offered < PREFETCH_CHUNK && prefetchDocument < groupCount)
        {
            final ExpandableArrayBuffer records = group[prefetchDocument];
            final int length = groupLength[prefetchDocument];
            final int recordLength = length - prefetchOffset < EventCodec.HEADER_LENGTH ? -1 :
                records.getInt(prefetchOffset + EventCodec.LENGTH_OFFSET);
            if (recordLength < EventCodec.HEADER_LENGTH || recordLength > length - prefetchOffset)
            {
                prefetchDocument++;
                prefetchOffset = 0;
                continue;
            }
            if (records.getLong(prefetchOffset + EventCodec.SEQUENCE_OFFSET) > skipThrough)
            {
                handler.prefetch(records, prefetchOffset);
                offered++;
            }
            prefetchOffset += recordLength;
        }
        handler.prefetchDone();
        return offered;
    }

    /**
     * The sequence number of the journal's last record, read from its last complete document alone (no scan), with
     * that document's checksum checked. Leaves this reader's position unchanged.
     *
     * @return the last sequence, 0 for an empty journal.
     * @throws JournalException when the last document is corrupted.
     */
    public long readLastSequence()
    {
        try (ExcerptTailer backward = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd();
            DocumentContext context = backward.readingDocument())
        {
            if (!context.isPresent())
            {
                return 0;
            }
            final int length = copyDocument(context.wire().bytes(), context.index(), document);
            int last = 0;
            while (last + document.getInt(last + EventCodec.LENGTH_OFFSET) < length)
            {
                last += document.getInt(last + EventCodec.LENGTH_OFFSET);
            }
            return document.getLong(last + EventCodec.SEQUENCE_OFFSET);
        }
    }

    /** Copies a document's records into a buffer, checking its size and checksum; returns their length. */
    private int copyDocument(final Bytes<?> bytes, final long index, final ExpandableArrayBuffer target)
    {
        final long size = bytes.readRemaining();
        if (size < ChronicleJournal.DOCUMENT_HEADER_LENGTH + EventCodec.HEADER_LENGTH || size > Integer.MAX_VALUE)
        {
            throw corrupt(index, "document of " + size + " bytes is too short to hold a record");
        }
        final int expectedCrc = bytes.readInt();
        final int length = (int)bytes.readRemaining();
        target.checkLimit(length);
        bytes.read(target.byteArray(), 0, length);
        crc.reset();
        crc.update(target.byteArray(), 0, length);
        if ((int)crc.getValue() != expectedCrc)
        {
            throw corrupt(index, "checksum mismatch");
        }
        return length;
    }

    private long deliver(
        final ExpandableArrayBuffer source, final long index, final int length, final RecordHandler handler)
    {
        long delivered = 0;
        int offset = 0;
        while (offset < length)
        {
            if (length - offset < EventCodec.HEADER_LENGTH)
            {
                throw corrupt(index, "trailing " + (length - offset) + " bytes after the last record");
            }
            final int recordLength = source.getInt(offset + EventCodec.LENGTH_OFFSET);
            final short schema = source.getShort(offset + EventCodec.SCHEMA_ID_OFFSET);
            final short version = source.getShort(offset + EventCodec.VERSION_OFFSET);
            if (schema != EventCodec.SCHEMA_ID)
            {
                throw corrupt(index, "record with schema id 0x" + Integer.toHexString(schema & 0xFFFF) +
                    ", expected 0x" + Integer.toHexString(EventCodec.SCHEMA_ID));
            }
            if (version < EventCodec.VERSION_MIN)
            {
                throw new JournalException("journal " + directory + " at index " + Long.toHexString(index) +
                    " holds a record of format version " + version + ", older than this build reads (" +
                    EventCodec.VERSION_MIN + ".." + EventCodec.VERSION + "): read it with the omnistock build that wrote it");
            }
            if (version > EventCodec.VERSION)
            {
                throw new JournalException("journal " + directory + " at index " + Long.toHexString(index) +
                    " holds a record of format version " + version + "; this build reads versions up to " +
                    EventCodec.VERSION + ": open it with a newer omnistock");
            }
            if (recordLength < EventCodec.HEADER_LENGTH || recordLength > length - offset)
            {
                throw corrupt(index, "record length " + recordLength + " does not fit the document");
            }
            final long sequence = source.getLong(offset + EventCodec.SEQUENCE_OFFSET);
            if (sequence > skipThrough)
            {
                if (sequence != lastSequence + 1)
                {
                    throw corrupt(index, "sequence " + sequence + " follows " + lastSequence);
                }
                if (prefetchedAhead == 0)
                {
                    prefetchedAhead = prefetchChunk(handler);
                }
                if (prefetchedAhead > 0)
                {
                    prefetchedAhead--;
                }
                handler.onRecord(source, offset, index);
                lastSequence = sequence;
                records++;
                delivered++;
            }
            offset += recordLength;
        }
        return delivered;
    }

    /**
     * Chronicle publishes a document by writing its header last, so an append cut short by a crash leaves bytes
     * after the last complete document under a zero (or not-complete) header: they are never read. This finds
     * them, so that the loss of an unanswered command is reported rather than silent.
     */
    private void checkTail()
    {
        tornBytes = 0;
        if (lastFile == null || endOfData < 0)
        {
            return;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lastFile.toPath(),
            java.nio.file.StandardOpenOption.READ))
        {
            final long size = channel.size();
            long position = endOfData;
            final java.nio.ByteBuffer word = java.nio.ByteBuffer.allocate(Integer.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            while (position + Integer.BYTES <= size)
            {
                word.clear();
                channel.read(word, position);
                final int header = word.getInt(0);
                final boolean complete = (header & NOT_COMPLETE) == 0;
                if (header == 0 || !complete || (header & META_DATA) == 0)
                {
                    // end of the published data: anything non-zero from here on is a torn append
                    tornBytes = countNonZero(channel, position, Math.min(size, position + TAIL_SCAN_BYTES));
                    break;
                }
                position += Integer.BYTES + (header & LENGTH_MASK);
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new JournalException("cannot inspect the end of journal file " + lastFile, ex);
        }
        if (tornBytes > 0)
        {
            LOG.log(System.Logger.Level.WARNING, "omnistock journal " + directory + ": " + tornBytes +
                " bytes after the last complete document (index " + Long.toHexString(lastIndex) + " in " + lastFile +
                ") were never completed: an append was cut short by a crash. The commands in it were never answered; " +
                "they are ignored and will be overwritten by the next append.");
        }
    }

    private static long countNonZero(final java.nio.channels.FileChannel channel, final long from, final long to)
        throws java.io.IOException
    {
        final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int)(to - from));
        channel.read(buffer, from);
        long count = 0;
        for (int i = 0; i < buffer.position(); i++)
        {
            if (buffer.get(i) != 0)
            {
                count++;
            }
        }
        return count;
    }

    /** @return non-zero bytes found after the last complete document at the last read: a torn append, 0 if none. */
    public long tornBytes()
    {
        return tornBytes;
    }

    private JournalException corrupt(final long index, final String what)
    {
        return new JournalException("journal " + directory + " is corrupted at index " + Long.toHexString(index) +
            ": " + what);
    }

    /** @return the sequence number of the last record delivered (or skipped to), 0 for none. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** @return the Chronicle index of the last document read, or -1. */
    public long lastIndex()
    {
        return lastIndex;
    }

    /** @return documents read. */
    public long documents()
    {
        return documents;
    }

    /** @return records delivered. */
    public long records()
    {
        return records;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }
}
