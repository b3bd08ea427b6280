package io.omnistock.api;

/**
 * Releases a held or committed reservation: outstanding units go back to available.
 *
 * @param key the idempotency key.
 * @param reservation the reservation's key.
 */
public record Release(String key, String reservation) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.RELEASE;
    }
}
