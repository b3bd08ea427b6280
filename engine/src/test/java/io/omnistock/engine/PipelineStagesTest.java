package io.omnistock.engine;

import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Event;
import io.omnistock.api.EventListener;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Result;
import io.omnistock.engine.state.EventCodec;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which pipeline thread answers and when: the writer answers (after appending, for a journal durable on append),
 * or, with a syncing journal, the journal thread answers each batch after its sync while the writer goes on
 * deciding. The guarantees hold in every layout: answered only once durable as promised, listeners in sequence
 * order after journaling, a writer failure answers SHUT_DOWN, a storage failure STORAGE_FAILURE, close drains.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineStagesTest
{
    /** Records appends and batch ends with the thread that made them; can hold a batch end or fail an append. */
    private static final class TestJournal implements EventJournal
    {
        final boolean syncs;
        final List<Long> appended = new CopyOnWriteArrayList<>();
        final AtomicLong durableSequence = new AtomicLong();
        volatile Thread appendThread;
        volatile CountDownLatch holdBatchEnd = new CountDownLatch(0);
        final CountDownLatch inBatchEnd = new CountDownLatch(1);
        volatile long failAtSequence = Long.MAX_VALUE;
        /** The number of the batch end that throws (1 = the first), or 0 for none. */
        volatile int failBatchEnd;
        private int batchEnds;
        volatile long appendedWhenClosed = -1;
        /** Appends between two batch ends, one entry per batch end. */
        final List<Integer> appendsPerBatch = new CopyOnWriteArrayList<>();
        private int appendsInBatch;

        TestJournal(final boolean syncs)
        {
            this.syncs = syncs;
        }

        @Override
        public boolean syncs()
        {
            return syncs;
        }

        @Override
        public void append(final DirectBuffer records, final int length, final int count)
        {
            appendThread = Thread.currentThread();
            int offset = 0;
            for (int i = 0; i < count; i++)
            {
                final long sequence = records.getLong(offset + EventCodec.SEQUENCE_OFFSET);
                if (sequence >= failAtSequence)
                {
                    throw new IllegalStateException("disk full");
                }
                appended.add(sequence);
                offset += records.getInt(offset + EventCodec.LENGTH_OFFSET);
            }
            appendsInBatch++;
        }

        @Override
        public void endOfBatch()
        {
            appendsPerBatch.add(appendsInBatch);
            appendsInBatch = 0;
            inBatchEnd.countDown();
            if (++batchEnds == failBatchEnd)
            {
                throw new IllegalStateException("sync failed");
            }
            try
            {
                holdBatchEnd.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            if (!appended.isEmpty())
            {
                durableSequence.set(appended.get(appended.size() - 1));
            }
        }

        @Override
        public void close()
        {
            appendedWhenClosed = appended.size();
        }
    }

    @ParameterizedTest(name = "syncing journal: {0}")
    @ValueSource(booleans = {false, true})
    void shouldAnswerOnlyDurableOutcomesOnTheThreadThatAppended(final boolean syncs) throws Exception
    {
        final TestJournal journal = new TestJournal(syncs);
        final List<Thread> answeredOn = new CopyOnWriteArrayList<>();
        final AtomicLong answeredEarly = new AtomicLong();
        final AtomicLong answeredOk = new AtomicLong();
        try (OmnistockEngine engine = OmnistockEngine.start(config().journal(journal)))
        {
            for (int i = 0; i < 300; i++)
            {
                assertEquals(ReasonCode.OK, engine.send(new DefineSku("k" + i, "SKU-" + i), i, (id, reply) ->
                {
                    answeredOn.add(Thread.currentThread());
                    if (reply.sequence() > journal.durableSequence.get())
                    {
                        answeredEarly.incrementAndGet();
                    }
                    if (reply.code() == ReasonCode.OK)
                    {
                        answeredOk.incrementAndGet();
                    }
                }, true));
            }
            waitFor(() -> answeredOn.size() == 300);

            assertEquals(0, answeredEarly.get(), "answered before durable");
            assertEquals(300, answeredOk.get());
            for (final Thread thread : answeredOn)
            {
                assertSame(journal.appendThread, thread, "the stage that appends also answers: no reply thread");
            }
        }
    }

    @Test
    void shouldAnswerOnlyAfterTheBatchEndsWhenTheJournalDoesNotSync() throws Exception
    {
        final TestJournal journal = new TestJournal(false);
        journal.holdBatchEnd = new CountDownLatch(1);
        try (OmnistockEngine engine = OmnistockEngine.start(config().journal(journal)))
        {
            final CompletableFuture<Result> future = engine.submit(new DefineSku("k1", "SKU-1"));
            assertTrue(journal.inBatchEnd.await(10, TimeUnit.SECONDS));

            assertEquals(1, journal.appended.size(), "appended by the writer");
            assertFalse(future.isDone(), "not answered while the journal is still ending the batch");
            journal.holdBatchEnd.countDown();
            final Result result = future.get(10, TimeUnit.SECONDS);
            assertEquals(ReasonCode.OK, result.code());
            assertTrue(journal.appended.contains(result.sequence()));
        }
    }

    @Test
    void shouldEndANonSyncingJournalsBatchEveryGroupOfCommandsSoThatNoAnswerWaitsForALongRingBatch()
        throws Exception
    {
        final TestJournal journal = new TestJournal(false);
        journal.holdBatchEnd = new CountDownLatch(1);
        final int commands = 3 * OmnistockEngine.ASYNC_GROUP_MAX + 10;
        final AtomicLong answered = new AtomicLong();
        try (OmnistockEngine engine = OmnistockEngine.start(config().journal(journal)))
        {
            engine.submit(new DefineSku("first", "SKU-first"));
            assertTrue(journal.inBatchEnd.await(10, TimeUnit.SECONDS));
            // the writer is held in the first batch's end: everything sent now waits in the ring as one batch
            for (int i = 0; i < commands; i++)
            {
                engine.send(new DefineSku("k" + i, "SKU-" + i), i, (id, reply) -> answered.incrementAndGet(), true);
            }
            journal.holdBatchEnd.countDown();
            waitFor(() -> answered.get() == commands);
        }
        assertEquals(commands + 1, journal.appended.size());
        assertTrue(journal.appendsPerBatch.size() >= 5, "the first command, three full groups and the rest: " +
            journal.appendsPerBatch);
        for (final int appends : journal.appendsPerBatch)
        {
            assertTrue(appends <= OmnistockEngine.ASYNC_GROUP_MAX, "a batch of " + appends);
        }
        assertTrue(journal.appendsPerBatch.contains(OmnistockEngine.ASYNC_GROUP_MAX), journal.appendsPerBatch.toString());
    }

    @ParameterizedTest(name = "syncing journal: {0}, fail in the batch end: {1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void shouldAnswerStorageFailureToEveryCallerOfABatchThatFailsPartWay(final boolean syncs, final boolean inBatchEnd)
        throws Exception
    {
        final TestJournal journal = new TestJournal(syncs);
        journal.holdBatchEnd = new CountDownLatch(1);
        final int commands = 20;
        final int[] codes = new int[commands];
        final AtomicLong answered = new AtomicLong();
        try (OmnistockEngine engine = OmnistockEngine.start(config().journal(journal)))
        {
            engine.submit(new DefineSku("first", "SKU-first"));
            assertTrue(journal.inBatchEnd.await(10, TimeUnit.SECONDS));
            // held in the first batch's end: the next 20 commands wait in the ring and are decided as one batch,
            // whose append of the 10th (sequence 11) or whose end fails
            if (inBatchEnd)
            {
                journal.failBatchEnd = 2;
            }
            else
            {
                journal.failAtSequence = 11;
            }
            for (int i = 0; i < commands; i++)
            {
                final int index = i;
                engine.send(new DefineSku("k" + i, "SKU-" + i), i, (id, reply) ->
                {
                    codes[index] = reply.code();
                    answered.incrementAndGet();
                }, true);
            }
            if (syncs)
            {
                // the writer decides on while the journal thread is held: let it decide all 20 first, or the journal
                // could take the first of them as a batch of its own (appended, synced and answered OK)
                waitFor(() -> engine.reads().sequence() == commands + 1);
            }
            journal.holdBatchEnd.countDown();
            waitFor(() -> answered.get() == commands);
        }
        for (int i = 0; i < commands; i++)
        {
            assertEquals(ReasonCode.STORAGE_FAILURE, codes[i], "command " + i + " of the failed batch");
        }
    }

    @Test
    void shouldKeepDecidingWhileTheSyncingJournalHoldsItsBatchAndAnswerOnlyAfterTheSync() throws Exception
    {
        final TestJournal journal = new TestJournal(true);
        journal.holdBatchEnd = new CountDownLatch(1);
        try (OmnistockEngine engine = OmnistockEngine.start(config().journal(journal)))
        {
            final CompletableFuture<Result> first = engine.submit(new DefineSku("k1", "SKU-1"));
            assertTrue(journal.inBatchEnd.await(10, TimeUnit.SECONDS));
            final CompletableFuture<Result> second = engine.submit(new DefineSku("k2", "SKU-2"));
            waitFor(() -> engine.reads().sequence() >= 2);

            assertFalse(first.isDone(), "not answered before its batch is synced");
            assertFalse(second.isDone());
            journal.holdBatchEnd.countDown();

            assertEquals(ReasonCode.OK, first.get().code());
            assertEquals(ReasonCode.OK, second.get().code());
        }
    }

    @ParameterizedTest(name = "journal: {0}")
    @ValueSource(strings = {"none", "async", "sync"})
    void shouldStopDecidingAndAnswerShutDownWhenTheStateMachineFails(final String journalKind) throws Exception
    {
        final TestJournal journal = journalKind.equals("none") ? null : new TestJournal(journalKind.equals("sync"));
        final EngineConfig config = config().journal(journal).sourcingPolicy(sourcing ->
        {
            throw new AssertionError("bug in the writer");
        });
        try (OmnistockEngine engine = OmnistockEngine.start(config))
        {
            stock(engine);
            final long before = engine.reads().sequence();

            final Result failed = engine.submit(Reserve.of("r1", "res-1", "web", FulfilmentType.SHIP, 60_000,
                ReserveLine.anywhere("TV-55", 1))).get();
            final Result later = engine.submit(new Receive("after", "TV-55", "DC-1", 1)).get();

            assertEquals(ReasonCode.SHUT_DOWN, failed.code());
            assertEquals(ReasonCode.SHUT_DOWN, later.code());
            assertNotNull(engine.failure());
            assertEquals(before, engine.reads().sequence(), "nothing applied after the failure");
            if (journal != null)
            {
                assertEquals(before, journal.appended.size(), "nothing refused is journaled");
            }
        }
    }

    /**
     * The writer holds its write lock across a group of decisions: it must have released it before anyone is
     * answered, or a reply listener or future continuation that reads (on the answering thread, maybe the writer
     * itself) would wait for a lock its own thread holds. Each reply here reads on a helper thread and waits for
     * that read at most two seconds, so a lock still held while answering fails the test instead of hanging it.
     * The writer answers in the first two layouts. A lock kept to the batch end always fails the async case (its
     * commands wait behind the held batch end and are decided as one ring batch of three groups), and the case
     * without a journal whenever a ring batch holds more than one group; with a syncing journal the journal thread
     * answers after the writer's batch, so that case only shows the writer lets go of the lock.
     */
    @ParameterizedTest(name = "journal: {0}")
    @ValueSource(strings = {"none", "async", "sync"})
    void shouldLetEveryCallerReadTheStateWhileBeingAnsweredEvenInTheMiddleOfABatch(final String journalKind)
        throws Exception
    {
        final TestJournal journal = journalKind.equals("none") ? null : new TestJournal(journalKind.equals("sync"));
        if (journal != null)
        {
            journal.holdBatchEnd = new CountDownLatch(1);
        }
        final int commands = 2 * OmnistockEngine.ASYNC_GROUP_MAX + 10;
        final AtomicLong answered = new AtomicLong();
        final AtomicLong blockedReads = new AtomicLong();
        final AtomicLong staleReads = new AtomicLong();
        final ExecutorService reader = Executors.newSingleThreadExecutor();
        try (OmnistockEngine engine = OmnistockEngine.start(config().journal(journal)))
        {
            final LongUnaryOperator readAfter = decided ->
            {
                if (blockedReads.get() > 0)
                {
                    return -1; // one blocked read fails the test; more would only make it slow
                }
                try
                {
                    final long seen = reader.submit(() -> engine.reads().sequence()).get(2, TimeUnit.SECONDS);
                    if (seen < decided)
                    {
                        staleReads.incrementAndGet();
                    }
                    return seen;
                }
                catch (final TimeoutException ex)
                {
                    blockedReads.incrementAndGet();
                    return -1;
                }
                catch (final InterruptedException | ExecutionException ex)
                {
                    throw new IllegalStateException(ex);
                }
            };
            final CompletableFuture<Result> first = engine.submit(new DefineSku("first", "SKU-first"));
            if (journal != null)
            {
                // held in the first batch's end: everything sent now is decided as one ring batch
                assertTrue(journal.inBatchEnd.await(10, TimeUnit.SECONDS));
            }
            final CompletableFuture<Long> continuation = engine.submit(new DefineSku("cont", "SKU-cont"))
                .thenApply(result -> readAfter.applyAsLong(result.sequence()));
            for (int i = 0; i < commands; i++)
            {
                engine.send(new DefineSku("k" + i, "SKU-" + i), i, (id, reply) ->
                {
                    readAfter.applyAsLong(reply.sequence());
                    answered.incrementAndGet();
                }, true);
            }
            if (journal != null)
            {
                journal.holdBatchEnd.countDown();
            }
            waitFor(() -> answered.get() == commands);

            assertEquals(ReasonCode.OK, first.get(10, TimeUnit.SECONDS).code());
            assertTrue(continuation.get(10, TimeUnit.SECONDS) > 0, "a continuation reads while being answered");
            assertEquals(0, blockedReads.get(), "reads that waited for the writer's lock while a reply was given");
            assertEquals(0, staleReads.get(), "every reply's reader sees at least the state it was decided on");
        }
        finally
        {
            reader.shutdownNow();
        }
    }

    @ParameterizedTest(name = "syncing journal: {0}")
    @ValueSource(booleans = {false, true})
    void shouldAnswerStorageFailureForWhatCannotBePromisedDurable(final boolean syncs) throws Exception
    {
        final TestJournal journal = new TestJournal(syncs);
        journal.failAtSequence = 3;
        try (OmnistockEngine engine = OmnistockEngine.start(config().journal(journal)))
        {
            assertEquals(ReasonCode.OK, engine.submit(new DefineSku("k1", "SKU-1")).get().code());
            assertEquals(ReasonCode.OK, engine.submit(new DefineSku("k2", "SKU-2")).get().code());

            assertEquals(ReasonCode.STORAGE_FAILURE, engine.submit(new DefineSku("k3", "SKU-3")).get().code());
            final int later = engine.submit(new DefineSku("k4", "SKU-4")).get().code();

            assertTrue(later == ReasonCode.STORAGE_FAILURE || later == ReasonCode.SHUT_DOWN, ReasonCode.name(later));
            assertEquals(List.of(1L, 2L), journal.appended);
            assertNotNull(engine.failure());
        }
    }

    @ParameterizedTest(name = "journal: {0}")
    @ValueSource(strings = {"none", "async", "sync"})
    void shouldDrainOnCloseAndShowListenersEveryEventInOrderAfterItIsJournaled(final String journalKind)
        throws Exception
    {
        final TestJournal journal = journalKind.equals("none") ? null : new TestJournal(journalKind.equals("sync"));
        final List<Long> seen = new CopyOnWriteArrayList<>();
        final AtomicLong seenEarly = new AtomicLong();
        final EngineConfig config = config().journal(journal).eventListener(new EventListener()
        {
            @Override
            public void onEvent(final Event event)
            {
                if (journal != null && event.sequence() > journal.durableSequence.get())
                {
                    seenEarly.incrementAndGet();
                }
                seen.add(event.sequence());
            }
        });
        final OmnistockEngine engine = OmnistockEngine.start(config);
        final AtomicLong answered = new AtomicLong();
        long accepted = 0;
        for (int i = 0; i < 2_000; i++)
        {
            if (engine.send(new DefineSku("k" + i, "SKU-" + (i % 500)), i, (id, reply) -> answered.incrementAndGet(),
                true) == ReasonCode.OK)
            {
                accepted++;
            }
        }
        final long sequence = engine.reads().sequence();
        engine.close();

        assertEquals(accepted, answered.get(), "every accepted command answered before close returns");
        assertEquals(0, seenEarly.get(), "a listener saw an event before it was journaled");
        final long decided = engine.reads().sequence();
        assertTrue(decided >= sequence);
        assertEquals(decided, seen.size());
        for (int i = 0; i < seen.size(); i++)
        {
            assertEquals(i + 1, seen.get(i), "in sequence order, none missing");
        }
        if (journal != null)
        {
            assertEquals(decided, journal.appendedWhenClosed, "closed after the last append");
        }
    }

    /** A host's own Error, of a kind the engine's reply path does not catch by name. */
    private static final class HostError extends Error
    {
        private static final long serialVersionUID = 1L;

        HostError(final String message)
        {
            super(message);
        }
    }

    @ParameterizedTest(name = "syncing journal: {0}, a host's own Error: {1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void shouldStillAnswerTheRestOfABatchWhenOneReplyListenerThrowsAnError(final boolean syncs, final boolean hostError)
        throws Exception
    {
        final TestJournal journal = new TestJournal(syncs);
        journal.holdBatchEnd = new CountDownLatch(1);
        try (OmnistockEngine engine = OmnistockEngine.start(config().journal(journal)))
        {
            final CompletableFuture<Result> first = engine.submit(new DefineSku("k0", "SKU-0"));
            assertTrue(journal.inBatchEnd.await(10, TimeUnit.SECONDS), "first batch held at its end");
            // queued behind the held batch, so they form the next batch together
            assertEquals(ReasonCode.OK, engine.send(new DefineSku("k1", "SKU-1"), 1,
                (id, reply) ->
                {
                    throw hostError ? new HostError("a host's own Error") : new AssertionError("a host's bug");
                }, true));
            final CompletableFuture<Result> victim = engine.submit(new DefineSku("k2", "SKU-2"));
            Thread.sleep(100);
            journal.holdBatchEnd.countDown();

            assertEquals(ReasonCode.OK, first.get(10, TimeUnit.SECONDS).code());
            assertEquals(ReasonCode.OK, victim.get(10, TimeUnit.SECONDS).code(), "answered despite the listener");
            assertEquals(ReasonCode.OK, engine.submit(new DefineSku("k3", "SKU-3")).get(10, TimeUnit.SECONDS).code(),
                "and the pipeline goes on");
        }
    }

    private static EngineConfig config()
    {
        return EngineConfig.defaults().timerIntervalMs(0).ringSize(256)
            .skuCapacity(1_024).locationCapacity(8).channelCapacity(4).positionCapacity(1_024);
    }

    private static void stock(final OmnistockEngine engine)
    {
        assertEquals(ReasonCode.OK, engine.submit(new DefineSku("def-sku", "TV-55")).join().code());
        assertEquals(ReasonCode.OK, engine.submit(new DefineLocation("def-dc", "DC-1", LocationType.WAREHOUSE,
            LocationCapability.SHIPS, 1, 51_500_000, -100_000)).join().code());
        assertEquals(ReasonCode.OK, engine.submit(new DefineChannel("def-web", "web", List.of("DC-1"))).join().code());
        assertEquals(ReasonCode.OK, engine.submit(new Receive("receipt-1", "TV-55", "DC-1", 10)).join().code());
    }

    private static void waitFor(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "condition not reached in 10 s");
            Thread.sleep(1);
        }
    }
}
