package io.omnistock.api;

/**
 * Ships units from one location to another: they leave the source's on hand (only from available stock) and appear in transit at the destination until received with {@link TransferIn}.
 *
 * @param key the idempotency key.
 * @param transfer the transfer's key, unique among known transfers: a completed transfer's key stays taken (it still
 *                 answers TRANSFER_COMPLETE) until its record is recycled for a new transfer.
 * @param sku the SKU.
 * @param fromLocation the source.
 * @param toLocation the destination.
 * @param quantity units shipped, positive.
 */
public record TransferOut(String key, String transfer, String sku, String fromLocation, String toLocation, long quantity) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.TRANSFER_OUT;
    }
}
