package io.omnistock.api;

/**
 * A request to change engine state. Commands are immutable values built by callers on any thread; the engine
 * validates them at its boundary, copies them into a preallocated ring slot and applies them on its single
 * writer thread.
 *
 * <p>Every command carries a caller-chosen idempotency {@link #key()}: the same key with the same payload
 * returns the first outcome again (flagged {@link Result#duplicate()}) and changes nothing; the same key with a
 * different payload is rejected with {@link ReasonCode#IDEMPOTENCY_CONFLICT}. Derive keys from the host's own
 * ids (order id + line id + action) so that at-least-once delivery is safe.
 */
public interface Command
{
    /** @return the idempotency key: 1..{@link Limits#ID_LENGTH_MAX} printable ASCII characters. */
    String key();

    /** @return the kind of command, for dispatch without {@code instanceof}. */
    CommandType type();
}
