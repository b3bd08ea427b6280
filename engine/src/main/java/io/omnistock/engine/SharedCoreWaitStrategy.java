package io.omnistock.engine;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * The wait strategy for machines whose cores are shared or few ({@link EngineConfig.WaitStrategy#BLOCKING}).
 *
 * <p>A stage waiting for new commands (the ring's cursor) blocks on a monitor, and a publisher signals it only
 * when a stage is actually blocked: no lock is taken on the publish path while the pipeline is busy, unlike the
 * Disruptor's {@code BlockingWaitStrategy}, which takes its monitor on every publish. A stage waiting for an
 * earlier stage to finish commands that are already published (the journal waiting for the writer, say) cannot be
 * signalled, since stages advance without telling the wait strategy: it spins briefly, then yields its core, then
 * parks for {@value #PARK_NS} ns at a time. The Disruptor's {@code BlockingWaitStrategy} busy-spins there
 * without ever yielding, which on two cores takes a whole core from the very stage it waits for.
 *
 * <p>Threading: any number of waiting stages and publishers. Allocation: none.
 */
final class SharedCoreWaitStrategy implements WaitStrategy
{
    /** Busy spins before yielding, while an earlier stage finishes published commands. */
    static final int SPINS = 100;
    /** Yields before parking. */
    static final int YIELDS = 100;
    /** Park time once spinning and yielding did not help. */
    static final long PARK_NS = 1_000;
    /** Longest block on the monitor before re-checking, a guard only: every publish signals a blocked stage. */
    private static final long BLOCK_MAX_MS = 10;

    private final Object mutex = new Object();
    private volatile boolean signalNeeded;

    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException
    {
        if (cursor.get() < sequence)
        {
            waitForPublisher(sequence, cursor, barrier);
        }
        long available;
        int counter = SPINS + YIELDS;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            counter = backOff(counter);
        }
        return available;
    }

    private void waitForPublisher(final long sequence, final Sequence cursor, final SequenceBarrier barrier)
        throws AlertException, InterruptedException
    {
        for (int i = 0; i < SPINS && cursor.get() < sequence; i++)
        {
            Thread.onSpinWait();
        }
        if (cursor.get() >= sequence)
        {
            return;
        }
        synchronized (mutex)
        {
            while (cursor.get() < sequence)
            {
                // Set before the re-check: a publisher that missed the flag published before this re-check sees it.
                signalNeeded = true;
                if (cursor.get() >= sequence)
                {
                    break;
                }
                barrier.checkAlert();
                mutex.wait(BLOCK_MAX_MS);
            }
        }
    }

    private static int backOff(final int counter)
    {
        if (counter > YIELDS)
        {
            Thread.onSpinWait();
            return counter - 1;
        }
        if (counter > 0)
        {
            Thread.yield();
            return counter - 1;
        }
        LockSupport.parkNanos(PARK_NS);
        return counter;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        if (signalNeeded)
        {
            synchronized (mutex)
            {
                signalNeeded = false;
                mutex.notifyAll();
            }
        }
    }
}
