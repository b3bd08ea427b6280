package io.omnistock.api.routing;

/**
 * Chooses where the lines of a reservation are held: the routing (sourcing) adapter. It runs inside the engine's
 * single writer, so choosing the locations and holding the stock are one atomic step: no other command can take
 * the units between the choice and the hold.
 *
 * <p>An implementation must be deterministic (a function of what {@link Sourcing} shows: no clock, no random
 * numbers, no I/O, no state carried from one call to the next other than scratch space), fast (it runs on the
 * writer thread, between two commands) and allocation-free in steady state. The engine checks its decision
 * (every line fully taken, nothing taken beyond what the channel may take); a policy that throws or decides
 * wrongly gets the reservation refused with {@code ReasonCode.SOURCING_POLICY_FAILED}, and nothing is held.
 * Replay never calls the policy: the journal records where the stock was held.
 *
 * <p>The engine's built-in policies (location priority, nearest, fewest shipments, pickup store, capabilities)
 * are in {@code io.omnistock.engine.routing.Routing}.
 */
@FunctionalInterface
public interface SourcingPolicy
{
    /**
     * Called once when the engine starts, before any {@link #source} call, so the policy can allocate its
     * scratch space.
     *
     * @param locationCapacity the most locations the engine holds (indexes are below it).
     * @param lineCapacity     the most lines a reservation may have.
     */
    default void prepare(final int locationCapacity, final int lineCapacity)
    {
    }

    /**
     * Sources every line that does not name its location: {@link Sourcing#take} for each (splitting if it
     * wants), or {@link Sourcing#reject} once.
     *
     * @param sourcing the decision in progress; valid only during the call.
     */
    void source(Sourcing sourcing);
}
