package io.omnistock.api;

/**
 * Receives (part of) a transfer at its destination: in transit falls and on hand rises by {@code quantity}.
 *
 * @param key the idempotency key.
 * @param transfer the transfer's key.
 * @param quantity units received now, positive, at most what is still in transit.
 */
public record TransferIn(String key, String transfer, long quantity) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.TRANSFER_IN;
    }
}
