package io.omnistock.journal;

import io.omnistock.engine.state.StateMachine;
import org.agrona.DirectBuffer;

/**
 * Replays each record a {@link JournalReader} delivers into a {@link StateMachine}, and lets the machine read
 * ahead, for each chunk of records the reader offers, the table slots those records will touch
 * ({@link StateMachine#prefetchRecord}, {@link StateMachine#prefetchGroup}), so that the cache misses of a chunk
 * overlap. Recovery uses it as it is; a tool that also looks at each record overrides {@link #onRecord} and
 * replays into the same machine itself.
 */
public class ReplayHandler implements JournalReader.RecordHandler
{
    private final StateMachine machine;

    /** @param machine the machine the records are replayed into. */
    public ReplayHandler(final StateMachine machine)
    {
        this.machine = machine;
    }

    /** Replays the record into the machine ({@link StateMachine#replay(DirectBuffer, int)}). */
    @Override
    public void onRecord(final DirectBuffer buffer, final int offset, final long index)
    {
        machine.replay(buffer, offset);
    }

    @Override
    public final void prefetch(final DirectBuffer buffer, final int offset)
    {
        machine.prefetchRecord(buffer, offset);
    }

    @Override
    public final void prefetchDone()
    {
        machine.prefetchGroup();
    }
}
