package io.omnistock.engine;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default wait strategy: blocks for new commands, wakes on publish and on halt, backs off for earlier stages. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SharedCoreWaitStrategyTest
{
    /** A barrier that only answers checkAlert, as the strategy uses nothing else. */
    private static final class AlertOnly implements SequenceBarrier
    {
        final AtomicBoolean alerted = new AtomicBoolean();

        @Override
        public long waitFor(final long sequence)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getCursor()
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isAlerted()
        {
            return alerted.get();
        }

        @Override
        public void alert()
        {
            alerted.set(true);
        }

        @Override
        public void clearAlert()
        {
            alerted.set(false);
        }

        @Override
        public void checkAlert() throws AlertException
        {
            if (alerted.get())
            {
                throw AlertException.INSTANCE;
            }
        }
    }

    @Test
    void shouldReturnAtOnceWhenTheSequenceIsAlreadyAvailable() throws Exception
    {
        final SharedCoreWaitStrategy strategy = new SharedCoreWaitStrategy();
        final Sequence cursor = new Sequence(7);

        assertEquals(7, strategy.waitFor(5, cursor, cursor, new AlertOnly()));
    }

    @Test
    void shouldWakeABlockedStageWhenACommandIsPublished() throws Exception
    {
        final SharedCoreWaitStrategy strategy = new SharedCoreWaitStrategy();
        final Sequence cursor = new Sequence(-1);
        final CompletableFuture<Long> woken = CompletableFuture.supplyAsync(() -> waitQuietly(strategy, 0, cursor, cursor));
        Thread.sleep(50);
        assertFalse(woken.isDone(), "nothing published yet");

        cursor.set(0);
        strategy.signalAllWhenBlocking();

        assertEquals(0L, woken.get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldWaitForTheEarlierStageOnceTheCommandIsPublished() throws Exception
    {
        final SharedCoreWaitStrategy strategy = new SharedCoreWaitStrategy();
        final Sequence cursor = new Sequence(3);
        final Sequence writer = new Sequence(-1);
        final CompletableFuture<Long> woken = CompletableFuture.supplyAsync(() -> waitQuietly(strategy, 2, cursor, writer));
        Thread.sleep(50);
        assertFalse(woken.isDone(), "the earlier stage has not finished the command");

        writer.set(2);

        assertEquals(2L, woken.get(5, TimeUnit.SECONDS), "no signal needed: the waiting stage polls the earlier one");
    }

    @Test
    void shouldLeaveTheWaitWhenTheBarrierIsAlerted() throws Exception
    {
        final SharedCoreWaitStrategy strategy = new SharedCoreWaitStrategy();
        final Sequence cursor = new Sequence(-1);
        final AlertOnly barrier = new AlertOnly();
        final CompletableFuture<Throwable> left = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                strategy.waitFor(0, cursor, cursor, barrier);
                return null;
            }
            catch (final AlertException | InterruptedException ex)
            {
                return ex;
            }
        });
        Thread.sleep(50);

        barrier.alert();
        strategy.signalAllWhenBlocking();

        assertTrue(left.get(5, TimeUnit.SECONDS) instanceof AlertException, "a halt ends the wait");
        assertThrows(AlertException.class, () -> strategy.waitFor(0, cursor, cursor, barrier));
    }

    private static long waitQuietly(
        final SharedCoreWaitStrategy strategy, final long sequence, final Sequence cursor, final Sequence dependent)
    {
        try
        {
            return strategy.waitFor(sequence, cursor, dependent, new AlertOnly());
        }
        catch (final AlertException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
