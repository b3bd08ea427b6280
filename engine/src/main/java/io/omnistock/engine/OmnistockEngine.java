package io.omnistock.engine;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import io.omnistock.api.Command;
import io.omnistock.api.EventListener;
import io.omnistock.api.InventoryEngine;
import io.omnistock.api.InventoryReads;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.ReplyListener;
import io.omnistock.api.Result;
import io.omnistock.engine.state.CommandSlot;
import io.omnistock.engine.state.CommandTranslator;
import io.omnistock.engine.state.EventView;
import io.omnistock.engine.state.StateMachine;
import org.agrona.DirectBuffer;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.StampedLock;

/**
 * The engine a host embeds: the {@link StateMachine} inside a Disruptor pipeline. The whole flow is wired
 * here, in one place:
 *
 * <pre>
 *  callers, any thread
 *    (1) boundary check (CommandTranslator.check): a malformed command is answered at once, never enters the ring
 *    (2) claim a ring slot (wait, or BACK_PRESSURE), stamp the clock, copy the command into the slot, publish
 *            |
 *            v   RingBuffer&lt;CommandSlot&gt;, multi-producer, preallocated slots
 *    (3) writer thread: StateMachine.apply(slot) under the write side of a StampedLock, held across a group of
 *                       decisions and released before anyone is answered (reads from any thread: optimistic
 *                       stamps, see ReadView); then:
 *          journal that does not   append the command's events (ChronicleJournal ASYNC); at the end of the ring
 *          sync (syncs false),     batch, or after 64 commands, end the journal's batch (one document), then
 *          or no journal:          answer every caller of the group (complete the future, or call the
 *                                  ReplyListener)
 *          syncing journal (SYNC): nothing more here; the writer goes on deciding while (4) syncs
 *            |
 *            v
 *    (4) journal thread, only with a syncing journal: append each command's events; at the end of each ring
 *        batch sync once (group commit), then answer every caller of the batch
 *            |
 *            v
 *    (5) listener thread, only when listeners are configured: decode slot events, call each EventListener
 *        in sequence order, after the events were journaled
 *
 *  timer thread: every timerIntervalMs, a tick slot (ADVANCE_TIME without key) so holds expire without traffic
 * </pre>
 *
 * <p>Why the answers come from the writer or the journal stage rather than a reply thread of their own: every
 * hand-off between pipeline threads costs a wake-up, and on a machine with few cores the threads compete for the
 * cores the callers need. A command crosses one hand-off on its way in (caller to writer) and, with a syncing
 * journal, one more (writer to journal) whose cost is shared by the whole batch.
 *
 * <p>Guarantees: a caller is answered only after its command's events are as durable as the journal promises
 * (in the journal for ASYNC, synced for SYNC); listeners see events in sequence order, never before they are
 * journaled. A {@link ReplyListener}, a future's dependent stage and an {@link EventListener} run on a pipeline
 * thread: they must not block, or they hold up deciding (writer) or journaling (journal thread) too.
 *
 * <p>Threads: one writer, one journal thread (only with a syncing journal), one listener stage (only when listeners
 * are configured), one timer (when enabled), all daemon threads named {@code omnistock-*}. They wait for work as
 * {@link EngineConfig#waitStrategy()} says. Allocation per command in steady state: none on the {@link #send}
 * path; one future and one {@link Result} on the {@link #submit} path.
 *
 * <p>Failure: if the state machine throws (a bug, never a business outcome), the engine stops deciding: that
 * command and every later one are answered {@link ReasonCode#SHUT_DOWN}, nothing more is applied, and
 * {@link #failure()} says why. If the journal throws, the commands it cannot promise durable (the whole journal
 * batch, see {@link EventJournal}) and every later one are answered {@link ReasonCode#STORAGE_FAILURE}. Listener and
 * reply-listener exceptions are logged and do not stop the pipeline. {@link #close()} drains: every accepted
 * command is decided, journaled and answered before it returns.
 */
public final class OmnistockEngine implements InventoryEngine
{
    private static final System.Logger LOG = System.getLogger(OmnistockEngine.class.getName());
    /** Most commands of a batch whose first table slots the writer reads ahead (see WriterHandler#onBatchStart). */
    private static final int PREFETCH_BATCH_MAX = 64;
    /**
     * Most commands the writer decides before it ends a batch of a journal that does not sync (or of none), and
     * answers them: the journal writes their records as one document, and the first of them waits for at most this
     * many decisions (about 64 us at a microsecond each) for its answer.
     */
    public static final int ASYNC_GROUP_MAX = 64;
    /**
     * Most commands the writer decides under one hold of the write lock when nothing else ends the group (a syncing
     * journal answers downstream). The writer releases the lock then, but {@link StampedLock} lets it take the lock
     * back at once, before a waiting reader wakes up: what bounds a reader's wait is the end of the ring batch.
     */
    static final int LOCK_GROUP_MAX = 64;
    /**
     * What the writer groups its answers through when no journal is configured: nothing to write, and a batch end
     * that returns at once. The answers then come a group at a time, as with a journal that does not sync, and the
     * writer's lock is held across the group.
     */
    private static final EventJournal IN_MEMORY = new EventJournal()
    {
        @Override
        public void append(final DirectBuffer records, final int length, final int count)
        {
        }

        @Override
        public void endOfBatch()
        {
        }

        @Override
        public boolean syncs()
        {
            return false;
        }

        @Override
        public void close()
        {
        }
    };

    private final EngineConfig config;
    private final StateMachine machine;
    private final CommandTranslator translator;
    private final StampedLock stateLock = new StampedLock();
    private final ReadView reads;
    private final Disruptor<CommandSlot> disruptor;
    /**
     * For callers and the timer. Pipeline threads read slots through {@code disruptor.get} instead: this field is
     * assigned after they start, so nothing orders its write before their reads.
     */
    private final RingBuffer<CommandSlot> ring;
    private final ScheduledExecutorService timer;
    private final AtomicInteger activePublishers = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean accepting = true;
    private volatile Throwable failure;
    private volatile boolean storageFailed;

    private OmnistockEngine(final EngineConfig config, final StateMachine machine)
    {
        this.config = config.validate();
        this.machine = machine;
        this.translator = new CommandTranslator(config.linesPerReservationMax(), config.locationCapacity());
        this.reads = new ReadView(machine, stateLock);
        final int slotLines = config.linesPerReservationMax();
        this.disruptor = new Disruptor<>(() -> new CommandSlot(slotLines), config.ringSize(),
            threadFactory("omnistock-pipeline-"), ProducerType.MULTI, waitStrategy(config.waitStrategy()));
        disruptor.setDefaultExceptionHandler(new LoggingExceptionHandler());
        final EventJournal journal = config.journal();
        final EventHandlerGroup<CommandSlot> answered;
        if (journal != null && journal.syncs())
        {
            answered = disruptor.handleEventsWith(new WriterHandler(null))
                .then(new JournalHandler(new JournalGroup(journal, Integer.MAX_VALUE)));
        }
        else
        {
            answered = disruptor.handleEventsWith(new WriterHandler(
                new JournalGroup(journal == null ? IN_MEMORY : journal, ASYNC_GROUP_MAX)));
        }
        final List<EventListener> listeners = List.copyOf(config.eventListeners());
        if (!listeners.isEmpty())
        {
            answered.then(new ListenerHandler(listeners));
        }
        this.ring = disruptor.start();
        if (config.timerIntervalMs() > 0)
        {
            timer = Executors.newSingleThreadScheduledExecutor(threadFactory("omnistock-timer-"));
            timer.scheduleAtFixedRate(this::tick, config.timerIntervalMs(), config.timerIntervalMs(),
                TimeUnit.MILLISECONDS);
        }
        else
        {
            timer = null;
        }
    }

    /**
     * Builds and starts an engine.
     *
     * @param config the configuration; validated, fails fast with {@link IllegalArgumentException}.
     * @return a running engine; {@link #close()} it.
     */
    public static OmnistockEngine start(final EngineConfig config)
    {
        return new OmnistockEngine(Objects.requireNonNull(config, "config"), new StateMachine(config.validate()));
    }

    /**
     * Starts an engine on a state machine rebuilt elsewhere, e.g. recovered from a snapshot and a journal by the
     * {@code journal} module. The machine must have been built from the same capacities and is owned by the
     * engine from now on.
     *
     * @param config    the configuration.
     * @param recovered the state to continue from.
     * @return a running engine; {@link #close()} it.
     */
    public static OmnistockEngine start(final EngineConfig config, final StateMachine recovered)
    {
        return new OmnistockEngine(Objects.requireNonNull(config, "config"), Objects.requireNonNull(recovered, "recovered"));
    }

    @Override
    public CompletableFuture<Result> submit(final Command command)
    {
        return submit(command, true);
    }

    @Override
    public CompletableFuture<Result> trySubmit(final Command command)
    {
        return submit(command, false);
    }

    private CompletableFuture<Result> submit(final Command command, final boolean waitForSpace)
    {
        final int boundary = translator.check(command);
        if (boundary != ReasonCode.OK)
        {
            return CompletableFuture.completedFuture(Result.rejected(boundary));
        }
        final CompletableFuture<Result> future = new CompletableFuture<>();
        final int code = publish(command, 0, null, future, waitForSpace);
        if (code != ReasonCode.OK)
        {
            future.complete(Result.rejected(code));
        }
        return future;
    }

    @Override
    public int send(
        final Command command, final long correlationId, final ReplyListener listener, final boolean waitForSpace)
    {
        Objects.requireNonNull(listener, "listener");
        final int boundary = translator.check(command);
        if (boundary != ReasonCode.OK)
        {
            return boundary;
        }
        return publish(command, correlationId, listener, null, waitForSpace);
    }

    private int publish(
        final Command command,
        final long correlationId,
        final ReplyListener listener,
        final CompletableFuture<Result> future,
        final boolean waitForSpace)
    {
        activePublishers.incrementAndGet();
        try
        {
            if (!accepting)
            {
                return ReasonCode.SHUT_DOWN;
            }
            final long sequence;
            if (waitForSpace)
            {
                sequence = ring.next();
            }
            else
            {
                try
                {
                    sequence = ring.tryNext();
                }
                catch (final InsufficientCapacityException full)
                {
                    return ReasonCode.BACK_PRESSURE;
                }
            }
            final CommandSlot slot = ring.get(sequence);
            int code = ReasonCode.INVALID_ARGUMENT;
            try
            {
                code = translator.translate(command, config.clockMs().getAsLong(), slot);
            }
            finally
            {
                if (code == ReasonCode.OK)
                {
                    slot.correlationId = correlationId;
                    if (listener != null) // else not listening: translate cleared the slot's input
                    {
                        slot.listenWith(listener);
                    }
                    slot.future = future;
                }
                else
                {
                    slot.tick(0);
                }
                ring.publish(sequence);
            }
            return code;
        }
        finally
        {
            activePublishers.decrementAndGet();
        }
    }

    private void tick()
    {
        activePublishers.incrementAndGet();
        try
        {
            if (!accepting)
            {
                return;
            }
            // the clock first: a clock that fails must not leave a claimed slot to be published with its old command
            final long nowMs = config.clockMs().getAsLong();
            final long sequence = ring.tryNext();
            try
            {
                ring.get(sequence).tick(nowMs);
            }
            finally
            {
                ring.publish(sequence);
            }
        }
        catch (final InsufficientCapacityException full)
        {
            // The ring is full of commands, and each of them advances engine time: no tick is needed.
            return;
        }
        catch (final RuntimeException clockFailure)
        {
            LOG.log(System.Logger.Level.WARNING, "omnistock timer tick failed", clockFailure);
        }
        finally
        {
            activePublishers.decrementAndGet();
        }
    }

    @Override
    public InventoryReads reads()
    {
        return reads;
    }

    /**
     * A hash of the whole engine state, read consistently; equal states hash equal on every run and JVM.
     *
     * @return the state hash.
     */
    public long stateHash()
    {
        return reads.read(() -> machine.stateHash());
    }

    /**
     * Checks every invariant over the whole state, consistently (briefly holding the writer back). O(state).
     *
     * @return null when all hold, else the first violation.
     */
    public String verifyInvariants()
    {
        return reads.read(machine::verifyInvariants);
    }

    /**
     * Writes a snapshot of the whole state between two commands ({@link StateMachine#writeSnapshot}). The writer is
     * held back while the state is copied: that copy is the pause a snapshot costs; framing, checksum and file I/O
     * happen afterwards, off the writer (see the journal module).
     *
     * @param out where to write.
     * @return the sequence number of the last event the snapshot includes.
     */
    public long snapshot(final io.omnistock.engine.state.SnapshotCursor out)
    {
        final long stamp = stateLock.writeLock();
        try
        {
            machine.writeSnapshot(out);
            return machine.sequence();
        }
        finally
        {
            stateLock.unlockWrite(stamp);
        }
    }

    /** @return true once {@link #close()} has begun. */
    public boolean isClosed()
    {
        return closed.get();
    }

    /** @return the error that stopped the writer, or null. */
    public Throwable failure()
    {
        return failure;
    }

    /** @return the configuration the engine runs with. */
    public EngineConfig config()
    {
        return config;
    }

    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true))
        {
            return;
        }
        accepting = false;
        if (timer != null)
        {
            timer.shutdownNow();
        }
        while (activePublishers.get() > 0)
        {
            Thread.onSpinWait();
        }
        disruptor.shutdown();
        for (int i = 0; i < config.ringSize(); i++)
        {
            ring.get(i).replyListener = null; // the hosts' listeners the slots kept (see CommandSlot)
        }
        if (config.journal() != null)
        {
            try
            {
                config.journal().close();
            }
            catch (final RuntimeException ex)
            {
                LOG.log(System.Logger.Level.ERROR, "omnistock journal failed to close", ex);
            }
        }
    }

    private static WaitStrategy waitStrategy(final EngineConfig.WaitStrategy strategy)
    {
        switch (strategy)
        {
            case SLEEPING: return new SleepingWaitStrategy();
            case YIELDING: return new YieldingWaitStrategy();
            case BUSY_SPIN: return new BusySpinWaitStrategy();
            default: return new SharedCoreWaitStrategy();
        }
    }

    private static ThreadFactory threadFactory(final String prefix)
    {
        final AtomicInteger count = new AtomicInteger();
        return runnable ->
        {
            final Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stage 3: the single writer. Decides each command under the write lock, held across a group of decisions
     * (see {@link #onEvent}) and always released before anyone is answered. With a journal that does not sync, or
     * none ({@link #IN_MEMORY}), it appends each command's events (under the lock, except the group's last) and
     * answers the callers a {@link JournalGroup} at a time (at most {@link #ASYNC_GROUP_MAX} commands, so the
     * journal writes one document per group, not one per command); with a syncing journal, it leaves both to the
     * journal stage. A command crosses one thread hand-off on its way in and, without a syncing journal, none on its
     * way out.
     */
    private final class WriterHandler implements EventHandler<CommandSlot>
    {
        private final JournalGroup journal;
        /** The sequence of the next slot this stage will see: the first of the next batch. */
        private long nextSequence;
        /** The write stamp held across the current group of decisions, or 0 between groups. */
        private long stamp;
        /** Commands decided under {@link #stamp}. */
        private int held;

        /**
         * @param journal the group to append to and answer through, or null when a syncing journal stage downstream
         *                does both.
         */
        WriterHandler(final JournalGroup journal)
        {
            this.journal = journal;
        }

        /**
         * Before a batch is decided, the table slots and records its commands will read are read ahead, a pass per
         * step of their lookup chains ({@link StateMachine#prefetchCommand}, {@link StateMachine#prefetchGroup}):
         * under load a batch holds many commands, and their cache misses then overlap instead of stalling each
         * decision in turn. A prefetch that fails costs speed, never a command: the Disruptor would skip the
         * batch's first command after an exception here, so none leaves this method.
         */
        @Override
        public void onBatchStart(final long batchSize, final long queueDepth)
        {
            if (failure != null || batchSize < 2)
            {
                return;
            }
            try
            {
                final long count = Math.min(batchSize, PREFETCH_BATCH_MAX);
                for (long i = 0; i < count; i++)
                {
                    machine.prefetchCommand(disruptor.get(nextSequence + i));
                }
                machine.prefetchGroup();
            }
            catch (final RuntimeException ex)
            {
                machine.discardPrefetch();
                LOG.log(System.Logger.Level.WARNING, "omnistock: prefetching a batch failed; deciding it without", ex);
            }
        }

        /**
         * Decides the command under the write lock, which is held across a group of decisions and released before
         * anyone is answered: at the end of the ring batch, when the journal group ends (at most
         * {@link #ASYNC_GROUP_MAX} commands), and after {@value #LOCK_GROUP_MAX} commands when a syncing journal
         * stage answers. Taking and releasing the lock per command cost two full fences per command, each waiting
         * for the command's stores to leave the store buffer; readers see the same consistent states, between groups
         * instead of between commands, and a reply callback that reads (on this thread) never finds the lock held.
         */
        @Override
        public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
        {
            nextSequence = sequence + 1;
            try
            {
                decide(slot);
                final boolean groupEnds = journal != null ? journal.endsGroup(sequence, endOfBatch) :
                    endOfBatch || held >= LOCK_GROUP_MAX;
                if (groupEnds)
                {
                    unlock();
                }
            }
            catch (final RuntimeException | Error ex)
            {
                unlock();
                throw ex;
            }
            if (journal != null)
            {
                journal.onDecided(slot, sequence, endOfBatch);
            }
        }

        private void decide(final CommandSlot slot)
        {
            if (failure != null)
            {
                refuse(slot);
                return;
            }
            if (stamp == 0)
            {
                stamp = stateLock.writeLock();
            }
            held++;
            try
            {
                machine.apply(slot);
            }
            catch (final RuntimeException | Error bug)
            {
                failure = bug;
                accepting = false;
                refuse(slot);
                LOG.log(System.Logger.Level.ERROR, "omnistock writer failed; engine stopped deciding", bug);
            }
        }

        private void unlock()
        {
            if (stamp != 0)
            {
                final long writeStamp = stamp;
                stamp = 0;
                held = 0;
                stateLock.unlockWrite(writeStamp);
            }
        }

        private void refuse(final CommandSlot slot)
        {
            slot.clearOutput();
            slot.code = ReasonCode.SHUT_DOWN;
        }
    }

    /**
     * Stage 4 (only with a syncing journal, {@link EventJournal#syncs()}): appends each command's events, syncs
     * once per batch, and only then answers the batch's callers, on this same thread (a {@link JournalGroup} as
     * long as the ring batch). The writer meanwhile decides the next batch.
     */
    private static final class JournalHandler implements EventHandler<CommandSlot>
    {
        private final JournalGroup group;

        JournalHandler(final JournalGroup group)
        {
            this.group = group;
        }

        @Override
        public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
        {
            group.onDecided(slot, sequence, endOfBatch);
        }
    }

    /**
     * Journals decided commands a group at a time and answers each group's callers once the journal has ended the
     * group's batch ({@link EventJournal#endOfBatch()}): the journal may write a group's records as one document,
     * and a syncing one makes them durable with one sync. A group ends with the ring batch, or after
     * {@code groupMax} commands. A storage failure stops the engine: the group and everything after it is
     * answered STORAGE_FAILURE, since none of it can be promised durable. Runs on one pipeline thread: the writer
     * (a journal that does not sync) or the journal stage.
     */
    private final class JournalGroup
    {
        private final JournalAppender appender;
        private final int groupMax;
        private final Replier replier = new Replier();
        private long groupStart = -1;

        JournalGroup(final EventJournal journal, final int groupMax)
        {
            this.appender = new JournalAppender(journal);
            this.groupMax = groupMax;
        }

        /**
         * @param sequence   the sequence of a decided command, the next one {@link #onDecided} will see.
         * @param endOfBatch whether it ends the ring batch.
         * @return whether {@link #onDecided} will end the group with it, and answer the group's callers.
         */
        boolean endsGroup(final long sequence, final boolean endOfBatch)
        {
            return endOfBatch || sequence - (groupStart < 0 ? sequence : groupStart) + 1 >= groupMax;
        }

        void onDecided(final CommandSlot slot, final long sequence, final boolean endOfBatch)
        {
            if (groupStart < 0)
            {
                groupStart = sequence;
            }
            final boolean failedBefore = storageFailed;
            if (!appender.append(slot) && !failedBefore)
            {
                failGroup(sequence);
            }
            if (endsGroup(sequence, endOfBatch))
            {
                if (!appender.endOfBatch())
                {
                    failGroup(sequence);
                }
                // every caller of the group is answered whatever one answer throws (a host's Error the Replier
                // lets through); the first throwable goes on to the Disruptor's handler once all are answered, and
                // the next group starts afresh (never a stale, ring-wrapping range)
                Throwable escaped = null;
                for (long s = groupStart; s <= sequence; s++)
                {
                    try
                    {
                        replier.answer(disruptor.get(s));
                    }
                    catch (final Throwable ex)
                    {
                        escaped = escaped == null ? ex : escaped;
                    }
                }
                groupStart = -1;
                if (escaped instanceof Error)
                {
                    throw (Error)escaped;
                }
                if (escaped != null)
                {
                    throw escaped instanceof RuntimeException ? (RuntimeException)escaped :
                        new IllegalStateException("a reply failed", escaped);
                }
            }
        }

        private void failGroup(final long sequence)
        {
            for (long s = groupStart; s <= sequence; s++)
            {
                failStorage(disruptor.get(s));
            }
        }
    }

    /** Appends decided events to the journal, on whichever one pipeline thread the journal runs on. */
    private final class JournalAppender
    {
        private final EventJournal journal;

        JournalAppender(final EventJournal journal)
        {
            this.journal = journal;
        }

        /**
         * Appends the slot's events, if it decided any.
         *
         * @return false when the storage has failed, now or before: the slot is then answered STORAGE_FAILURE.
         */
        boolean append(final CommandSlot slot)
        {
            if (!storageFailed && slot.eventsLength > 0 && slot.code != ReasonCode.SHUT_DOWN)
            {
                try
                {
                    journal.append(slot.events, slot.eventsLength, slot.eventCount);
                }
                catch (final RuntimeException | Error ex)
                {
                    storageFailure(ex);
                }
            }
            if (storageFailed)
            {
                failStorage(slot);
                return false;
            }
            return true;
        }

        /** @return false when the storage has failed, now or before. */
        boolean endOfBatch()
        {
            if (!storageFailed)
            {
                try
                {
                    journal.endOfBatch();
                }
                catch (final RuntimeException | Error ex)
                {
                    storageFailure(ex);
                }
            }
            return !storageFailed;
        }
    }

    private static void failStorage(final CommandSlot slot)
    {
        slot.clearOutput();
        slot.code = ReasonCode.STORAGE_FAILURE;
    }

    private void storageFailure(final Throwable ex)
    {
        storageFailed = true;
        if (failure == null)
        {
            failure = ex;
        }
        accepting = false;
        LOG.log(System.Logger.Level.ERROR, "omnistock journal failed; engine stopped deciding", ex);
    }

    /** Answers one slot's caller exactly once, through a reused flyweight; on the stage that answers. */
    private final class Replier
    {
        private final ReplyView view = new ReplyView(machine.names());

        void answer(final CommandSlot slot)
        {
            final CompletableFuture<Result> future = slot.future;
            final boolean listening = slot.listening;
            slot.future = null;
            slot.listening = false;
            if (future != null)
            {
                future.complete(Result.of(view.wrap(slot)));
            }
            else if (listening)
            {
                final ReplyListener listener = slot.replyListener;
                try
                {
                    listener.onReply(slot.correlationId, view.wrap(slot));
                }
                catch (final RuntimeException | AssertionError | StackOverflowError hostFailure)
                {
                    // a host's bug in one reply must not cost the other callers of the batch their answers
                    LOG.log(System.Logger.Level.WARNING, "omnistock reply listener threw", hostFailure);
                }
            }
        }
    }

    /** Stage 5: event listeners, in sequence order. */
    private final class ListenerHandler implements EventHandler<CommandSlot>
    {
        private final EventView view = new EventView(machine.names());
        private final EventListener[] listeners;

        ListenerHandler(final List<EventListener> listeners)
        {
            this.listeners = listeners.toArray(new EventListener[0]);
        }

        @Override
        public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
        {
            int offset = 0;
            for (int i = 0; i < slot.eventCount; i++)
            {
                view.wrap(slot.events, offset);
                for (final EventListener listener : listeners)
                {
                    try
                    {
                        listener.onEvent(view);
                    }
                    catch (final RuntimeException hostFailure)
                    {
                        LOG.log(System.Logger.Level.WARNING, "omnistock event listener threw", hostFailure);
                    }
                }
                offset += view.encodedLength();
            }
        }
    }

    /** Logs what escapes a stage; the stages themselves catch host exceptions, so this means a bug. */
    private static final class LoggingExceptionHandler implements ExceptionHandler<CommandSlot>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final CommandSlot slot)
        {
            LOG.log(System.Logger.Level.ERROR, "omnistock pipeline error at sequence " + sequence, ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            LOG.log(System.Logger.Level.ERROR, "omnistock pipeline start error", ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            LOG.log(System.Logger.Level.ERROR, "omnistock pipeline shutdown error", ex);
        }
    }
}
