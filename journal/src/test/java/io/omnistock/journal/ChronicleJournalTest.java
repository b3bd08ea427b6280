package io.omnistock.journal;

import io.omnistock.api.DefineSku;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.engine.state.EventCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Chronicle journal's framing: what the engine appends reads back in order, checked; damage is reported. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChronicleJournalTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadBackEveryRecordInSequenceInBothModes() throws Exception
    {
        for (final Durability durability : new Durability[] {Durability.ASYNC, Durability.SYNC})
        {
            final Path events = dir.resolve(durability.name());
            try (OmnistockEngine engine = OmnistockEngine.start(EngineConfig.defaults().timerIntervalMs(0)
                .journal(ChronicleJournal.open(events, durability))))
            {
                for (int i = 0; i < 300; i++)
                {
                    engine.submit(new DefineSku("k" + i, "SKU-" + (i % 250))).get();
                }
            }
            final List<Long> sequences = new ArrayList<>();
            try (JournalReader reader = new JournalReader(events))
            {
                reader.readAll((buffer, offset, index) -> sequences.add(buffer.getLong(offset + EventCodec.SEQUENCE_OFFSET)));
                assertEquals(300, reader.records());
                assertEquals(300, reader.documents());
                assertEquals(300, reader.lastSequence());
            }
            try (JournalReader reader = new JournalReader(events))
            {
                assertEquals(300, reader.readLastSequence(), "read from the last document alone");
            }
            for (int i = 0; i < 300; i++)
            {
                assertEquals(i + 1, sequences.get(i), durability + " record " + i);
            }
        }
    }

    @Test
    void shouldGatherABatchIntoOneDocumentUpToItsSizeLimitInBothModes()
    {
        final int recordsPerCommand = 3;
        final int recordLength = 1_000;
        final int commandsPerBatch = 20;
        for (final Durability durability : new Durability[] {Durability.ASYNC, Durability.SYNC})
        {
            final Path events = dir.resolve("direct-" + durability.name());
            long sequence = 0;
            try (ChronicleJournal journal = ChronicleJournal.open(events, durability))
            {
                final ExpandableArrayBuffer records = new ExpandableArrayBuffer(recordsPerCommand * recordLength);
                for (int batch = 0; batch < 2; batch++)
                {
                    for (int command = 0; command < commandsPerBatch; command++)
                    {
                        for (int r = 0; r < recordsPerCommand; r++)
                        {
                            final int offset = r * recordLength;
                            records.setMemory(offset, recordLength, (byte)0);
                            records.putInt(offset + EventCodec.LENGTH_OFFSET, recordLength);
                            records.putShort(offset + EventCodec.SCHEMA_ID_OFFSET, EventCodec.SCHEMA_ID);
                            records.putShort(offset + EventCodec.VERSION_OFFSET, EventCodec.VERSION);
                            records.putLong(offset + EventCodec.SEQUENCE_OFFSET, ++sequence);
                        }
                        final long durableBefore = journal.durableSequence();
                        journal.append(records, recordsPerCommand * recordLength, recordsPerCommand);
                        assertEquals(durableBefore, journal.durableSequence(), durability + ": not before the batch ends");
                    }
                    journal.endOfBatch();
                    assertEquals(sequence, journal.durableSequence(), durability + ": durable at the end of the batch");
                }
            }
            final List<Long> sequences = new ArrayList<>();
            try (JournalReader reader = new JournalReader(events))
            {
                reader.readAll((buffer, offset, index) -> sequences.add(buffer.getLong(offset + EventCodec.SEQUENCE_OFFSET)));
                // a batch is 60,000 bytes of records: gathered into two documents of at most 32 KiB
                assertEquals(4, reader.documents(), durability + " documents");
            }
            assertEquals(sequence, sequences.size());
            for (int i = 0; i < sequences.size(); i++)
            {
                assertEquals(i + 1, sequences.get(i), durability + " record " + i);
            }
        }
    }

    @Test
    void shouldWriteACommandLargerThanTheDocumentLimitWholeWithEveryByteUnchanged()
    {
        // 1 record, then 40 x 1,000 bytes in one command (past the 32 KiB staged in one document, so the staging
        // buffer grows), then 1 record again: each byte of each record read back as written
        final int[] recordsPerCommand = {1, 40, 1};
        final int recordLength = 1_000;
        final Path events = dir.resolve("large-command");
        long sequence = 0;
        try (ChronicleJournal journal = ChronicleJournal.open(events, Durability.ASYNC))
        {
            final ExpandableArrayBuffer records = new ExpandableArrayBuffer();
            for (final int count : recordsPerCommand)
            {
                for (int r = 0; r < count; r++)
                {
                    final int offset = r * recordLength;
                    for (int i = 0; i < recordLength; i++)
                    {
                        records.putByte(offset + i, (byte)(31 * (sequence + 1) + i));
                    }
                    records.putInt(offset + EventCodec.LENGTH_OFFSET, recordLength);
                    records.putShort(offset + EventCodec.SCHEMA_ID_OFFSET, EventCodec.SCHEMA_ID);
                    records.putShort(offset + EventCodec.VERSION_OFFSET, EventCodec.VERSION);
                    records.putLong(offset + EventCodec.SEQUENCE_OFFSET, ++sequence);
                }
                journal.append(records, count * recordLength, count);
                journal.endOfBatch();
            }
        }
        final List<String> mismatches = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();
        try (JournalReader reader = new JournalReader(events))
        {
            reader.readAll((buffer, offset, index) ->
            {
                final long recordSequence = buffer.getLong(offset + EventCodec.SEQUENCE_OFFSET);
                sequences.add(recordSequence);
                for (int i = EventCodec.SEQUENCE_OFFSET + Long.BYTES; i < recordLength; i++)
                {
                    if (buffer.getByte(offset + i) != (byte)(31 * recordSequence + i))
                    {
                        mismatches.add("record " + recordSequence + " byte " + i);
                    }
                }
            });
            assertEquals(3, reader.documents(), "one document per command, the large one whole");
        }
        assertEquals(List.of(), mismatches);
        assertEquals(42, sequences.size());
        for (int i = 0; i < sequences.size(); i++)
        {
            assertEquals(i + 1, sequences.get(i), "record " + i);
        }
    }

    @Test
    void shouldResumeAfterAKnownRecord() throws Exception
    {
        final Path events = skus(20, 0);
        final long[] indexOfTenth = new long[1];
        try (JournalReader reader = new JournalReader(events))
        {
            reader.readAll((buffer, offset, index) ->
            {
                if (buffer.getLong(offset + EventCodec.SEQUENCE_OFFSET) == 10)
                {
                    indexOfTenth[0] = index;
                }
            });
        }
        final List<Long> rest = new ArrayList<>();
        try (JournalReader reader = new JournalReader(events).startAfter(indexOfTenth[0], 10))
        {
            reader.readAll((buffer, offset, index) -> rest.add(buffer.getLong(offset + EventCodec.SEQUENCE_OFFSET)));
        }
        assertEquals(List.of(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L), rest);
    }

    @Test
    void shouldReportADamagedDocumentWithItsIndex() throws Exception
    {
        final Path events = dir.resolve("events");
        try (OmnistockEngine engine = OmnistockEngine.start(EngineConfig.defaults().timerIntervalMs(0)
            .journal(ChronicleJournal.open(events, Durability.ASYNC))))
        {
            engine.submit(new DefineSku("k1", "SKU-ALPHA")).get();
            engine.submit(new DefineSku("k2", "SKU-BRAVO")).get();
        }
        JournalDamage.flipFirst(events, "SKU-BRAVO");

        try (JournalReader reader = new JournalReader(events))
        {
            final JournalException failure = assertThrows(JournalException.class, () -> reader.readAll((b, o, i) -> { }));
            assertTrue(failure.getMessage().contains("checksum mismatch"), failure.getMessage());
            assertEquals(1, reader.records(), "the good record before the damage was delivered");
        }
    }

    @Test
    void shouldOfferEveryRecordToPrefetchBeforeDeliveringItInGroups() throws Exception
    {
        final Path events = skus(100, 0);
        final List<String> calls = new ArrayList<>();
        try (JournalReader reader = new JournalReader(events))
        {
            reader.readAll(new JournalReader.RecordHandler()
            {
                @Override
                public void onRecord(final DirectBuffer buffer, final int offset, final long index)
                {
                    calls.add("deliver " + buffer.getLong(offset + EventCodec.SEQUENCE_OFFSET));
                }

                @Override
                public void prefetch(final DirectBuffer buffer, final int offset)
                {
                    calls.add("prefetch " + buffer.getLong(offset + EventCodec.SEQUENCE_OFFSET));
                }

                @Override
                public void prefetchDone()
                {
                    calls.add("done");
                }
            });
        }
        int delivered = 0;
        for (int i = 0; i < calls.size(); i++)
        {
            if (calls.get(i).startsWith("deliver"))
            {
                delivered++;
                final String sequence = calls.get(i).substring("deliver ".length());
                assertEquals("deliver " + delivered, calls.get(i), "delivered in order");
                final int prefetchedAt = calls.indexOf("prefetch " + sequence);
                assertTrue(prefetchedAt >= 0 && prefetchedAt < i, "record " + sequence + " prefetched before delivery");
                assertTrue(calls.subList(prefetchedAt, i).contains("done"), "its group was done before delivery");
            }
        }
        assertEquals(100, delivered);
        assertEquals(100, calls.stream().filter(call -> call.startsWith("prefetch")).count());
        assertTrue(calls.stream().filter("done"::equals).count() >= 100 / 32, "read in groups, not one by one");
    }

    @Test
    void shouldDeliverTheGoodDocumentsOfAGroupBeforeReportingADamagedOne() throws Exception
    {
        final Path events = skus(50, 1000);
        JournalDamage.flipFirst(events, "SKU-1040");

        final List<Long> sequences = new ArrayList<>();
        try (JournalReader reader = new JournalReader(events))
        {
            final JournalException failure = assertThrows(JournalException.class,
                () -> reader.readAll((buffer, offset, index) -> sequences.add(buffer.getLong(offset + EventCodec.SEQUENCE_OFFSET))));
            assertTrue(failure.getMessage().contains("checksum mismatch"), failure.getMessage());
            assertEquals(40, reader.records(), "every good record before the damage was delivered");
        }
        assertEquals(40, sequences.size());
        assertEquals(40L, sequences.get(39));
    }

    @Test
    void shouldRefuseARecordFromANewerFormatVersion()
    {
        final JournalException failure = readOneRecordOfVersion("newer", (short)(EventCodec.VERSION + 1));
        assertTrue(failure.getMessage().contains("format version " + (EventCodec.VERSION + 1)), failure.getMessage());
        assertTrue(failure.getMessage().contains("newer omnistock"), failure.getMessage());
    }

    /** Every version from VERSION_MIN to VERSION is delivered: version 2 and 3 journals stay readable under version 4. */
    @Test
    void shouldDeliverRecordsOfEveryVersionItReads() throws Exception
    {
        for (short version = EventCodec.VERSION_MIN; version <= EventCodec.VERSION; version++)
        {
            final Path events = writeOneRecordOfVersion("readable-" + version, version);
            final List<Short> versions = new ArrayList<>();
            try (JournalReader reader = new JournalReader(events))
            {
                reader.readAll((b, o, i) -> versions.add(b.getShort(o + EventCodec.VERSION_OFFSET)));
            }
            assertEquals(List.of(version), versions);
        }
    }

    @Test
    void shouldRefuseARecordFromAnOlderFormatVersionWithDifferentLayout()
    {
        final JournalException failure = readOneRecordOfVersion("older", (short)(EventCodec.VERSION_MIN - 1));
        assertTrue(failure.getMessage().contains("format version " + (EventCodec.VERSION_MIN - 1)), failure.getMessage());
        assertTrue(failure.getMessage().contains("build that wrote it"), failure.getMessage());
    }

    @Test
    void shouldOfferTheRecordsOfABatchDocumentToPrefetchAChunkAtATime() throws Exception
    {
        // a SYNC journal: 3 batches of 100 records, one document each
        final Path events = dir.resolve("batches");
        final int recordLength = EventCodec.HEADER_LENGTH;
        try (ChronicleJournal journal = ChronicleJournal.open(events, Durability.SYNC))
        {
            final ExpandableArrayBuffer record = new ExpandableArrayBuffer(recordLength);
            for (long sequence = 1; sequence <= 300; sequence++)
            {
                record.setMemory(0, recordLength, (byte)0);
                record.putInt(EventCodec.LENGTH_OFFSET, recordLength);
                record.putShort(EventCodec.SCHEMA_ID_OFFSET, EventCodec.SCHEMA_ID);
                record.putShort(EventCodec.VERSION_OFFSET, EventCodec.VERSION);
                record.putLong(EventCodec.SEQUENCE_OFFSET, sequence);
                journal.append(record, recordLength, 1);
                if (sequence % 100 == 0)
                {
                    journal.endOfBatch();
                }
            }
        }
        final long[] prefetched = new long[1];
        final long[] delivered = new long[1];
        final long[] mostAhead = new long[1];
        final long[] chunks = new long[1];
        try (JournalReader reader = new JournalReader(events))
        {
            reader.readAll(new JournalReader.RecordHandler()
            {
                @Override
                public void onRecord(final DirectBuffer buffer, final int offset, final long index)
                {
                    assertEquals(++delivered[0], buffer.getLong(offset + EventCodec.SEQUENCE_OFFSET), "in order");
                    assertTrue(delivered[0] <= prefetched[0], "record " + delivered[0] + " prefetched before delivery");
                }

                @Override
                public void prefetch(final DirectBuffer buffer, final int offset)
                {
                    assertEquals(++prefetched[0], buffer.getLong(offset + EventCodec.SEQUENCE_OFFSET), "offered in order");
                    mostAhead[0] = Math.max(mostAhead[0], prefetched[0] - delivered[0]);
                }

                @Override
                public void prefetchDone()
                {
                    chunks[0]++;
                }
            });
            assertEquals(3, reader.documents(), "one document per batch");
        }
        assertEquals(300, delivered[0]);
        assertEquals(300, prefetched[0]);
        assertEquals(32, mostAhead[0], "a chunk of 32 records ahead of delivery at most, within one document too");
        assertEquals((300 + 31) / 32, chunks[0]);
    }

    /** A journal of {@code count} SKU definitions, {@code SKU-<first>} onwards, one document each. */
    private Path skus(final int count, final int first) throws Exception
    {
        final Path events = dir.resolve("events");
        try (OmnistockEngine engine = OmnistockEngine.start(EngineConfig.defaults().timerIntervalMs(0)
            .journal(ChronicleJournal.open(events, Durability.ASYNC))))
        {
            for (int i = 0; i < count; i++)
            {
                engine.submit(new DefineSku("k" + i, "SKU-" + (first + i))).get();
            }
        }
        return events;
    }

    private JournalException readOneRecordOfVersion(final String name, final short version)
    {
        final Path events = writeOneRecordOfVersion(name, version);
        try (JournalReader reader = new JournalReader(events))
        {
            return assertThrows(JournalException.class, () -> reader.readAll((b, o, i) -> { }));
        }
    }

    private Path writeOneRecordOfVersion(final String name, final short version)
    {
        final Path events = dir.resolve(name);
        final ExpandableArrayBuffer record = new ExpandableArrayBuffer(EventCodec.HEADER_LENGTH);
        record.putInt(EventCodec.LENGTH_OFFSET, EventCodec.HEADER_LENGTH);
        record.putShort(EventCodec.SCHEMA_ID_OFFSET, EventCodec.SCHEMA_ID);
        record.putShort(EventCodec.VERSION_OFFSET, version);
        record.putLong(EventCodec.SEQUENCE_OFFSET, 1);
        try (ChronicleJournal journal = ChronicleJournal.open(events, Durability.ASYNC))
        {
            journal.append(record, EventCodec.HEADER_LENGTH, 1);
        }
        return events;
    }
}
