package io.omnistock.engine.state;

/**
 * The external ids of SKUs, locations and channels by dense index. Written by the writer when something is
 * defined (one String per definition, never per command); read by listeners and query views on other threads
 * after the pipeline has published the defining command.
 */
public final class Names
{
    final String[] skus;
    final String[] locations;
    final String[] channels;

    Names(final int skuCapacity, final int locationCapacity, final int channelCapacity)
    {
        skus = new String[skuCapacity];
        locations = new String[locationCapacity];
        channels = new String[channelCapacity];
    }

    /** @param index SKU index or -1. @return its id, or null. */
    public String sku(final int index)
    {
        return index < 0 || index >= skus.length ? null : skus[index];
    }

    /** @param index location index or -1. @return its id, or null. */
    public String location(final int index)
    {
        return index < 0 || index >= locations.length ? null : locations[index];
    }

    /** @param index channel index or -1. @return its id, or null. */
    public String channel(final int index)
    {
        return index < 0 || index >= channels.length ? null : channels[index];
    }
}
