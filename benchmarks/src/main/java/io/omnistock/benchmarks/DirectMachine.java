package io.omnistock.benchmarks;

import io.omnistock.api.Command;
import io.omnistock.api.ReasonCode;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.state.CommandSlot;
import io.omnistock.engine.state.CommandTranslator;
import io.omnistock.engine.state.StateMachine;

/**
 * A {@link StateMachine} driven directly, without the ring: each command crosses the API boundary (translate into
 * a slot) and is applied, as the writer would, at a fixed engine time. For tools that build large states fast
 * (journal figures, heap per position). Not thread-safe; one slot, reused; the commands passed in are the
 * caller's allocation.
 */
public final class DirectMachine
{
    private final StateMachine machine;
    private final CommandTranslator translator;
    private final CommandSlot slot;
    private final long timeMs;

    /**
     * @param config the engine's configuration.
     * @param timeMs the engine time every command carries.
     */
    public DirectMachine(final EngineConfig config, final long timeMs)
    {
        this.machine = new StateMachine(config);
        this.translator = new CommandTranslator(config.linesPerReservationMax(), config.locationCapacity());
        this.slot = new CommandSlot(config.linesPerReservationMax());
        this.timeMs = timeMs;
    }

    /**
     * Translates and applies a command.
     *
     * @param command the command.
     * @return the slot, holding the command's events until the next call.
     * @throws IllegalStateException when the boundary or the machine does not answer OK.
     */
    public CommandSlot apply(final Command command)
    {
        translate(command, slot);
        machine.apply(slot);
        if (slot.code != ReasonCode.OK)
        {
            throw new IllegalStateException(command + " -> " + ReasonCode.name(slot.code));
        }
        return slot;
    }

    /**
     * Translates a command into a slot, without applying it: a template a benchmark restamps and applies itself.
     *
     * @param command the command.
     * @param target  the slot to fill.
     * @return {@code target}, stamped with this machine's time.
     * @throws IllegalStateException when the boundary refuses the command.
     */
    public CommandSlot translate(final Command command, final CommandSlot target)
    {
        final int boundary = translator.translate(command, timeMs, target);
        if (boundary != ReasonCode.OK)
        {
            throw new IllegalStateException(command + " refused at the boundary: " + ReasonCode.name(boundary));
        }
        return target;
    }

    /** @return the machine. */
    public StateMachine machine()
    {
        return machine;
    }
}
