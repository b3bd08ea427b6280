package io.omnistock.api;

import java.util.concurrent.CompletableFuture;

/**
 * The single source of truth for stock: what a host embeds and calls from any number of threads. Commands are
 * decided one at a time by a single writer; each caller gets exactly one outcome per accepted command.
 *
 * <p>Two ways to send. {@link #submit(Command)} returns a future (one allocation per call, convenient).
 * {@link #send(Command, long, ReplyListener)} allocates nothing and calls the listener with the caller's
 * correlation id. Both validate the command at the boundary first: a malformed command is answered at once
 * with its reason code and never enters the ring.
 *
 * <p>{@link #close()} drains: every command already accepted is decided and answered, then new commands are
 * refused with {@link ReasonCode#SHUT_DOWN}.
 */
public interface InventoryEngine extends AutoCloseable
{
    /**
     * Sends a command, waiting for ring space if the ring is full.
     *
     * @param command the command.
     * @return a future completed with the outcome on an engine pipeline thread (dependent stages added before it
     *         completes run there too: keep them short).
     */
    CompletableFuture<Result> submit(Command command);

    /**
     * Sends a command, or answers {@link ReasonCode#BACK_PRESSURE} at once if the ring is full.
     *
     * @param command the command.
     * @return a future completed with the outcome.
     */
    CompletableFuture<Result> trySubmit(Command command);

    /**
     * Sends a command without allocating. The listener is called exactly once, on an engine pipeline thread, if and only
     * if this method returns {@link ReasonCode#OK}.
     *
     * <p>Reuse one listener (per client thread, say) rather than a new one per command: the engine keeps the last
     * listener each ring slot was given, until another replaces it or the engine is closed, and writes a slot's
     * listener only when it changes, so a reused listener costs no reference store per command (each such store
     * into the long-lived ring is work for the garbage collector's card scanning).
     *
     * @param command       the command.
     * @param correlationId the caller's id, handed back to the listener.
     * @param listener      receives the outcome.
     * @param waitForSpace  true to wait while the ring is full; false to return {@link ReasonCode#BACK_PRESSURE}.
     * @return OK when accepted into the ring; otherwise the boundary rejection, BACK_PRESSURE or SHUT_DOWN.
     */
    int send(Command command, long correlationId, ReplyListener listener, boolean waitForSpace);

    /** @return reads from any thread. */
    InventoryReads reads();

    /** Drains and stops; idempotent. */
    @Override
    void close();
}
