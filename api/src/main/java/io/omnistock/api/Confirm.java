package io.omnistock.api;

/**
 * Confirms a held reservation: HELD to COMMITTED; its units move from reserved to committed and it no longer expires.
 *
 * @param key the idempotency key.
 * @param reservation the reservation's key.
 */
public record Confirm(String key, String reservation) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.CONFIRM;
    }
}
