package io.omnistock.api;

/**
 * Moves the deadline of a held reservation to engine time plus {@code holdMs}.
 *
 * @param key the idempotency key.
 * @param reservation the reservation's key.
 * @param holdMs the new hold duration from now, positive and within the configured maximum.
 */
public record ExtendHold(String key, String reservation, long holdMs) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.EXTEND_HOLD;
    }
}
