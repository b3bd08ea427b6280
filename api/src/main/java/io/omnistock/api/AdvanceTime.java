package io.omnistock.api;

/**
 * Advances engine time to {@code timeMs} (never backwards), firing every hold whose deadline is at or before it, in deadline order.
 *
 * @param key the idempotency key.
 * @param timeMs the new engine time, epoch milliseconds.
 */
public record AdvanceTime(String key, long timeMs) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.ADVANCE_TIME;
    }
}
