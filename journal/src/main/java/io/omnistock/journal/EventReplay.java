package io.omnistock.journal;

import io.omnistock.api.EventListener;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.state.EventView;
import io.omnistock.engine.state.StateMachine;

import java.nio.file.Path;
import java.util.List;

/**
 * Shows every event of a journal to event listeners, in sequence order, exactly as the live engine showed them:
 * how a host rebuilds its read models (the KPIs of {@code KpiReadModel}, caches) after a restart, since recovery
 * restores the engine's state without calling listeners. Run it before opening the engine on the same directory,
 * then register the same listeners with the engine: their events continue where the journal ended.
 *
 * <p>Single-threaded; the listeners are called on the calling thread. One {@link EventView} is reused for every
 * record; each is applied to a fresh {@link StateMachine} first, so SKU, location and channel names resolve.
 */
public final class EventReplay
{
    private EventReplay()
    {
    }

    /**
     * @param dataDirectory the engine's data directory (the journal is its {@value DurableEngine#EVENTS}
     *                      subdirectory).
     * @param config        capacities at least those of the engine that wrote the journal.
     * @param listeners     the listeners, called in order for each event.
     * @return the sequence of the last event shown, 0 for an empty journal.
     * @throws JournalException when the journal is damaged or from a newer format version.
     */
    public static long replay(final Path dataDirectory, final EngineConfig config, final EventListener... listeners)
    {
        final StateMachine machine = new StateMachine(config);
        final EventView view = new EventView(machine.names());
        final List<EventListener> each = List.of(listeners);
        try (JournalReader reader = new JournalReader(dataDirectory.resolve(DurableEngine.EVENTS)))
        {
            reader.readAll((buffer, offset, index) ->
            {
                machine.replay(buffer, offset);
                view.wrap(buffer, offset);
                each.forEach(listener -> listener.onEvent(view));
            });
            return reader.lastSequence();
        }
    }
}
