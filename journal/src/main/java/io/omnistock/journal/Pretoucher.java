package io.omnistock.journal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Brings the pages of the journal's current cycle file into the page cache ahead of the appender, on a daemon
 * thread of its own, so that the pipeline thread that appends never stalls on a page fault that fills a
 * read-ahead window.
 *
 * <p>Why: Chronicle Queue grows its cycle file sparse, a chunk at a time, and writes it through a shared mapping.
 * The first write to a page that is not in the page cache is a page fault, and the kernel answers it with
 * read-ahead: it zero-fills a whole window of the file's holes ({@code /sys/block/<dev>/queue/read_ahead_kb}, often
 * 8 MiB) on the faulting thread before the write goes on. On ext4 on the benchmark machine that was a stall of
 * 20 ms on the writer every 8 MiB of journal, which set the p99 of the whole pipeline at any rate. Reading one byte
 * of each page here pays the same zero-filling on this thread instead; the appender then finds its pages cached.
 * Reading never changes the file, so durability and the journal's bytes are the same with or without it.
 *
 * <p>It reads up to the file's current length, which Chronicle extends a chunk (plus an overlap) at a time: at
 * most about 80 MiB of clean, reclaimable page cache ahead of the appender. It follows the file the appender
 * reports through {@link #follow(File, long)} (a cycle roll moves it to the next file) and checks for growth every
 * {@link #INTERVAL_NS} ns. Best effort: an I/O error gives up on that file with a warning (the next file is
 * followed again) and costs speed, never data.
 *
 * <p>Threading: {@link #follow(File, long)} from the appending thread (one volatile read, and a write when the file
 * changes); {@link #close()} from any thread. Allocation: one small record and one channel per file followed, none
 * per check.
 */
final class Pretoucher implements AutoCloseable
{
    /** Between checks of the file's length, ns. */
    static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Bytes between the bytes read: the smallest page size of the platforms the JDK runs on. */
    static final int PAGE_BYTES = 4096;
    /** Pages read between pauses. */
    static final int PAUSE_EVERY_PAGES = 64;
    /**
     * Pause every {@link #PAUSE_EVERY_PAGES} pages, ns. On a core it shares with the writer, the scheduler need not
     * preempt this thread for the woken writer at once: giving the core up often bounds what it takes from the
     * writer to a few dozen reads, while still reading hundreds of megabytes a second.
     */
    static final long PAUSE_NS = TimeUnit.MICROSECONDS.toNanos(100);
    /** Bytes above the appender's position read first in a new file, before the rest of it (2 MiB). */
    static final int FIRST_WINDOW_BYTES = 512 * PAGE_BYTES;
    private static final long CLOSE_WAIT_MS = 5_000;
    private static final System.Logger LOG = System.getLogger(Pretoucher.class.getName());

    /** The file to read ahead and where in it to start, published together. */
    private record Target(File file, long startPosition)
    {
    }

    private final Thread thread;
    private final ByteBuffer oneByte = ByteBuffer.allocateDirect(1);
    private volatile Target target;
    private volatile boolean running = true;
    private volatile long touchedBytes;

    /**
     * Starts the thread; it idles until the first {@link #follow(File, long)}.
     *
     * @param name the thread's name.
     */
    Pretoucher(final String name)
    {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Points the pretoucher at the appender's current cycle file; a no-op when it already is. Reading starts at the
     * appender's position, not at the start of the file: after a restart the bytes before it were written long ago
     * and reading them again could mean reading them from disk. Allocates one small record per new file.
     *
     * @param current  the file, or null (no file yet).
     * @param position the appender's write position in it.
     */
    void follow(final File current, final long position)
    {
        final Target now = target;
        if (current != null && (now == null || current != now.file()))
        {
            target = new Target(current, Math.max(0, position));
            LockSupport.unpark(thread);
        }
    }

    /** @return where reading the current file started (the appender's position when it reported the file), or 0. */
    long startPosition()
    {
        final Target now = target;
        return now == null ? 0 : now.startPosition();
    }

    /** @return the file being read ahead, or null before the first {@link #follow(File, long)}. */
    File file()
    {
        final Target now = target;
        return now == null ? null : now.file();
    }

    /**
     * @return the position in the current file up to which it has been read, a multiple of {@link #PAGE_BYTES}
     * (raised at the end of each pass over the file's new bytes).
     */
    long touchedBytes()
    {
        return touchedBytes;
    }

    /** @return true while the thread runs. */
    boolean alive()
    {
        return thread.isAlive();
    }

    /**
     * Follows the target; on a new file reads a first window above the appender's position, then the rest, then
     * whatever the file grows by. An I/O error gives up on that file with a warning (appends go on, and may stall
     * on page faults) and waits for the next one.
     */
    private void run()
    {
        Target current = null;
        FileChannel channel = null;
        while (running)
        {
            final Target next = target;
            try
            {
                if (next != null && next != current)
                {
                    current = next;
                    close(channel);
                    channel = null;
                    channel = FileChannel.open(next.file().toPath(), StandardOpenOption.READ);
                    final long start = next.startPosition() - next.startPosition() % PAGE_BYTES;
                    touchedBytes = start;
                    touch(channel, start, Math.min(channel.size(), start + FIRST_WINDOW_BYTES));
                }
                if (channel != null)
                {
                    touch(channel, touchedBytes, channel.size());
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                if (running)
                {
                    LOG.log(System.Logger.Level.WARNING, "omnistock journal pretoucher gave up on " + current.file() +
                        "; appends go on, and may stall on page faults", ex);
                }
                close(channel);
                channel = null;
            }
            LockSupport.parkNanos(this, INTERVAL_NS);
        }
        close(channel);
    }

    /**
     * Reads one byte of each page of {@code [from, to)}, from the last page down, and then marks {@code to} read.
     * Backwards, each read of an uncached page looks random to the kernel, which then fills that one page instead
     * of a read-ahead window: a read never holds the CPU for long. Measured on the benchmark machine: forwards, an
     * 8 MiB window took 20 ms in one read; forwards in blocks of 64 pages read backwards, the kernel still filled
     * windows of up to 40 ms at 8 MiB boundaries; backwards over the whole range, no read took over 2 ms. It
     * pauses every {@link #PAUSE_EVERY_PAGES} pages ({@link #PAUSE_NS}).
     */
    private void touch(final FileChannel channel, final long from, final long to) throws IOException
    {
        if (from >= to)
        {
            return;
        }
        final long lastPage = (to - 1) / PAGE_BYTES * PAGE_BYTES;
        int pages = 0;
        for (long page = lastPage; running && page >= from; page -= PAGE_BYTES)
        {
            oneByte.clear();
            channel.read(oneByte, page);
            if (++pages == PAUSE_EVERY_PAGES)
            {
                pages = 0;
                LockSupport.parkNanos(this, PAUSE_NS);
            }
        }
        if (running && lastPage + PAGE_BYTES > touchedBytes)
        {
            touchedBytes = lastPage + PAGE_BYTES;
        }
    }

    private static void close(final FileChannel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // read-only: nothing to lose
            }
        }
    }

    /** Stops the thread and waits for it (a few seconds at most: it checks between pages). */
    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(CLOSE_WAIT_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
