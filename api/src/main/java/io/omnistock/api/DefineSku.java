package io.omnistock.api;

/**
 * Defines a SKU by its external id; the engine interns it to a dense index. Defining an existing id is rejected with {@link ReasonCode#ALREADY_DEFINED}.
 *
 * @param key the idempotency key.
 * @param sku the SKU's external id.
 */
public record DefineSku(String key, String sku) implements Command
{
    @Override
    public CommandType type()
    {
        return CommandType.DEFINE_SKU;
    }
}
