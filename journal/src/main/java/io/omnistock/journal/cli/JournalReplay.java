package io.omnistock.journal.cli;

import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.state.EventView;
import io.omnistock.engine.state.StateMachine;
import io.omnistock.journal.JournalException;
import io.omnistock.journal.JournalReader;
import io.omnistock.journal.ReplayHandler;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * Replays a journal into a fresh {@link StateMachine}, record by record, and shows each record to a
 * {@link Visitor} just before and just after it is applied, so that a subcommand can read the state at every
 * point of the journal. The {@link JournalReader} checks every document (checksum, version, dense sequence)
 * whether or not its records are applied.
 *
 * <p>Single-threaded; one {@link EventView} is reused for every record (nothing allocated per record here).
 */
final class JournalReplay
{
    /** Sees each record around its replay. */
    interface Visitor
    {
        /**
         * Called before the record is applied; names defined by the record itself do not resolve yet.
         *
         * @param event the record.
         * @return true to apply it; false to apply neither it nor any record after it (the rest is still read and
         * checked).
         */
        default boolean before(final EventView event)
        {
            return true;
        }

        /**
         * Called after the record is applied.
         *
         * @param event the record.
         */
        void after(EventView event);

        /**
         * A visitor that applies the records up to a point of the journal: it stops at the first record stamped
         * after {@code lastTimeMs} or numbered after {@code lastSequence} (engine time never goes backwards in a
         * sound journal, so every record after it is past the point too).
         *
         * @param lastTimeMs   the last engine time to apply, epoch ms; null: no bound in time.
         * @param lastSequence the last sequence number to apply; null: no bound in sequence.
         * @param then         sees each record applied.
         * @return the visitor.
         */
        static Visitor upTo(final Long lastTimeMs, final Long lastSequence, final Visitor then)
        {
            return new Visitor()
            {
                @Override
                public boolean before(final EventView event)
                {
                    return (lastTimeMs == null || event.timeMs() <= lastTimeMs) &&
                        (lastSequence == null || event.sequence() <= lastSequence);
                }

                @Override
                public void after(final EventView event)
                {
                    then.after(event);
                }
            };
        }
    }

    private final Path events;
    private final StateMachine machine;
    private final EventView view;
    private long records;
    private long applied;
    private long documents;
    private long tornBytes;
    private boolean stopped;

    /**
     * @param dataDir the data directory (or the journal directory itself).
     * @param config  the capacities of the engine that wrote the journal.
     * @throws JournalException when there is no journal there.
     */
    JournalReplay(final Path dataDir, final EngineConfig config)
    {
        this.events = AuditTool.eventsDirectory(dataDir);
        this.machine = new StateMachine(config);
        this.view = new EventView(machine.names());
    }

    /**
     * Reads the whole journal once.
     *
     * @param visitor sees each record.
     * @return this.
     * @throws JournalException when the journal is damaged, newer, or does not replay.
     */
    JournalReplay run(final Visitor visitor)
    {
        try (JournalReader reader = new JournalReader(events))
        {
            reader.readAll(new ReplayHandler(machine)
            {
                @Override
                public void onRecord(final DirectBuffer buffer, final int offset, final long index)
                {
                    records++;
                    view.wrap(buffer, offset);
                    if (stopped || !visitor.before(view))
                    {
                        stopped = true;
                        return;
                    }
                    apply(buffer, offset, index);
                    applied++;
                    visitor.after(view);
                }
            });
            documents = reader.documents();
            tornBytes = reader.tornBytes();
        }
        return this;
    }

    private void apply(final DirectBuffer buffer, final int offset, final long index)
    {
        try
        {
            machine.replay(buffer, offset);
        }
        catch (final IllegalStateException | IndexOutOfBoundsException misfit)
        {
            throw new JournalException("journal " + events + " does not replay at sequence " + view.sequence() +
                " (index " + Long.toHexString(index) + "): " + misfit.getMessage() +
                "; was it written by an engine with larger capacities than EngineConfig.defaults()?", misfit);
        }
    }

    /** @return the journal directory. */
    Path events()
    {
        return events;
    }

    /** @return the state machine, holding the state after the last record applied. */
    StateMachine machine()
    {
        return machine;
    }

    /** @return records read (and checked). */
    long records()
    {
        return records;
    }

    /** @return records applied. */
    long applied()
    {
        return applied;
    }

    /** @return Chronicle documents read (one per command that decided something). */
    long documents()
    {
        return documents;
    }

    /** @return non-zero bytes of an append cut short by a crash after the last document, 0 if none. */
    long tornBytes()
    {
        return tornBytes;
    }
}
