package io.omnistock.engine;

import org.agrona.DirectBuffer;

/**
 * Where the pipeline makes decided events durable before any caller is answered: the event-sourcing stage
 * between the writer and the callers. The engine module defines only this seam; the Chronicle Queue
 * implementation lives in the {@code journal} module.
 *
 * <p>Called on one pipeline thread only, in sequence order: the writer's own thread when {@link #syncs()} is false,
 * else a journal thread of its own (so that the writer decides the next batch while this one syncs). For each
 * command the writer decided, {@link #append} receives its encoded event records (see
 * {@link io.omnistock.engine.state.EventCodec}), back to back; a command that decided no event (a duplicate, a
 * quiet timer tick) is not appended. {@link #endOfBatch()} closes a batch: no caller of the batch is answered
 * before it returns, so an implementation may gather the batch's records there (one write, one document) and, if it
 * syncs, sync once per batch (group commit). A batch is a batch of the ring; when the journal does not sync
 * ({@link #syncs()} false) the writer also ends one every {@link OmnistockEngine#ASYNC_GROUP_MAX} commands, so that no answer waits long.
 *
 * <p>When the journal does not sync, the writer calls {@link #append} while it holds the engine's state lock (it
 * releases it before {@link #endOfBatch()}): an implementation must not read the engine ({@code reads()},
 * {@code snapshot()}) from these methods, and what it does there holds readers back.
 *
 * <p>An exception from either method is a storage failure: the engine stops deciding and answers every command it
 * cannot promise durable (the whole batch, even if part of it was written) and every later command with
 * {@link io.omnistock.api.ReasonCode#STORAGE_FAILURE}. An implementation must then never write what it had
 * gathered of that batch (not even on {@link #close()}): those callers were told it failed.
 */
public interface EventJournal extends AutoCloseable
{
    /**
     * Appends one command's events.
     *
     * @param records the encoded event records, starting at offset 0; valid only during the call.
     * @param length  bytes in use, positive.
     * @param count   number of records, positive.
     */
    void append(DirectBuffer records, int length, int count);

    /** Ends a batch: makes everything appended so far as durable as the journal promises. */
    void endOfBatch();

    /**
     * Whether {@link #endOfBatch()} does slow work (a sync) that the writer should not wait for. True (the
     * default, the safe answer): the engine appends and ends batches on a journal thread of their own while the
     * writer decides the next batch. False: the writer appends and ends batches itself, one thread hand-off
     * fewer. Either way a caller is answered only after the {@link #endOfBatch()} that follows its append.
     *
     * @return true when callers must wait for {@link #endOfBatch()}; asked once, when the engine starts.
     */
    default boolean syncs()
    {
        return true;
    }

    /** Flushes and releases the journal; the engine calls it once, after its last batch, on {@code close()}. */
    @Override
    void close();
}
