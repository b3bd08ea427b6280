package io.omnistock.benchmarks.latency;

import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.journal.DurableEngine;
import io.omnistock.journal.Durability;

import java.nio.file.Path;

/** How the engine under test journals: the three settings the latency harness compares. */
public enum JournalMode
{
    /** No journal: {@code OmnistockEngine.start(config)} (what {@link Durability#IN_MEMORY} opens). */
    OFF(Durability.IN_MEMORY),
    /** Chronicle Queue journal; a caller is answered once the events are in the memory-mapped file. */
    ASYNC(Durability.ASYNC),
    /** Chronicle Queue journal; a caller is answered once the events are synced, once per ring batch. */
    SYNC(Durability.SYNC);

    private final Durability durability;

    JournalMode(final Durability durability)
    {
        this.durability = durability;
    }

    /**
     * @param directory the data directory (unused for {@link #OFF}); it should be fresh.
     * @param config    the engine configuration.
     * @return a running engine.
     */
    public OmnistockEngine open(final Path directory, final EngineConfig config)
    {
        return DurableEngine.open(directory, durability, config);
    }
}
