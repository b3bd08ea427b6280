package io.omnistock.journal;

import io.omnistock.engine.state.EventCodec;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal's pretoucher reads the appender's file ahead of it, from where the appender is, and stops on close. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PretoucherTest
{
    private static final int RECORD_LENGTH = 1_000;
    private static final long WAIT_MS = 20_000;

    @TempDir
    Path dir;

    private long sequence;

    @Test
    void shouldReadTheJournalFileUpToItsLengthOnceTheAppenderHasWritten() throws Exception
    {
        final Path events = dir.resolve("events");
        final Pretoucher pretoucher;
        try (ChronicleJournal journal = ChronicleJournal.open(events, Durability.ASYNC))
        {
            pretoucher = journal.pretoucher();
            assertNotNull(pretoucher);
            assertNull(pretoucher.file(), "idle until the first write");
            append(journal, 10);
            journal.endOfBatch();
            final Path file = cycleFile(events);
            assertEquals(file.toFile(), pretoucher.file());
            final long length = Files.size(file);
            assertTrue(length > 1 << 20, "Chronicle maps a chunk ahead: " + length);
            awaitAtLeast(pretoucher::touchedBytes, length);
            assertTrue(pretoucher.alive());
        }
        assertFalse(pretoucher.alive(), "stopped by close");
    }

    @Test
    void shouldStartAtTheAppendersPositionWhenAJournalIsReopened() throws Exception
    {
        final Path events = dir.resolve("events");
        try (ChronicleJournal journal = ChronicleJournal.open(events, Durability.SYNC))
        {
            append(journal, 3_000);
            journal.endOfBatch();
        }
        try (ChronicleJournal journal = ChronicleJournal.open(events, Durability.SYNC))
        {
            append(journal, 1);
            journal.endOfBatch();
            final Pretoucher pretoucher = journal.pretoucher();
            assertTrue(pretoucher.startPosition() >= 3_000L * RECORD_LENGTH,
                "starts after the 3 MB written before the restart, not at 0: " + pretoucher.startPosition());
            awaitAtLeast(pretoucher::touchedBytes, Files.size(cycleFile(events)));
        }
    }

    @Test
    void shouldRunNoThreadWhenOpenedWithoutPretouching()
    {
        try (ChronicleJournal journal = ChronicleJournal.open(dir.resolve("events"), Durability.ASYNC, false))
        {
            append(journal, 10);
            journal.endOfBatch();
            assertNull(journal.pretoucher());
        }
    }

    @Test
    void shouldFollowAGrowingFileAndMoveToTheNextOne() throws Exception
    {
        final Path first = dir.resolve("first");
        final Path second = dir.resolve("second");
        resize(first, 256 * 1024);
        resize(second, 64 * 1024);
        try (Pretoucher pretoucher = new Pretoucher("test-pretoucher"))
        {
            pretoucher.follow(first.toFile(), 5_000);
            awaitAtLeast(pretoucher::touchedBytes, 256 * 1024);
            assertEquals(5_000, pretoucher.startPosition());
            resize(first, 1024 * 1024);
            awaitAtLeast(pretoucher::touchedBytes, 1024 * 1024);
            pretoucher.follow(second.toFile(), 0);
            assertEquals(second.toFile(), pretoucher.file());
            // until the thread switches, touchedBytes is still the first file's 1 MiB: wait for the second's 64 KiB
            awaitAtLeast(() -> pretoucher.touchedBytes() <= 64 * 1024 ? pretoucher.touchedBytes() : -1, 64 * 1024);
        }
    }

    private void append(final ChronicleJournal journal, final int commands)
    {
        final ExpandableArrayBuffer records = new ExpandableArrayBuffer(RECORD_LENGTH);
        for (int i = 0; i < commands; i++)
        {
            records.setMemory(0, RECORD_LENGTH, (byte)0);
            records.putInt(EventCodec.LENGTH_OFFSET, RECORD_LENGTH);
            records.putShort(EventCodec.SCHEMA_ID_OFFSET, EventCodec.SCHEMA_ID);
            records.putShort(EventCodec.VERSION_OFFSET, EventCodec.VERSION);
            records.putLong(EventCodec.SEQUENCE_OFFSET, ++sequence);
            journal.append(records, RECORD_LENGTH, 1);
        }
    }

    private static Path cycleFile(final Path events) throws IOException
    {
        try (Stream<Path> files = Files.list(events))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static void resize(final Path file, final long length) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length);
        }
    }

    private static void awaitAtLeast(final LongSupplier value, final long wanted) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (value.getAsLong() < wanted)
        {
            assertTrue(System.nanoTime() < deadline, "reached " + value.getAsLong() + " of " + wanted);
            Thread.sleep(5);
        }
    }
}
