package io.omnistock.benchmarks.peers;

import io.omnistock.benchmarks.workload.StockService;

import java.util.function.Supplier;

/**
 * One system of the comparison: how to make a fresh instance, what durability it promises, and which omnistock
 * setting it is compared with. Immutable.
 *
 * @param name       the system's report name (as {@link StockService#name()} gives it).
 * @param durability {@link #NONE}, {@link #PROCESS_CRASH} or {@link #POWER_LOSS}: what an acknowledged operation
 *                   survives.
 * @param family     {@link #IN_PROCESS}, {@link #POSTGRES} or {@link #REDIS}: what must be reachable to run it.
 * @param pipelined  true when a client sends batches of operations per round trip.
 * @param factory    makes a fresh, unloaded instance.
 */
record SystemUnderTest(String name, String durability, String family, boolean pipelined, Supplier<StockService> factory)
{
    /** Durability class: nothing survives the process. */
    static final String NONE = "none";
    /** Durability class: survives a crash of the process, not of the machine (page cache, fsync later). */
    static final String PROCESS_CRASH = "process-crash";
    /** Durability class: survives a crash of the machine (fsync before the answer). */
    static final String POWER_LOSS = "power-loss";
    /** Family: runs in the runner's JVM. */
    static final String IN_PROCESS = "in-process";
    /** Family: needs the PostgreSQL server. */
    static final String POSTGRES = "postgres";
    /** Family: needs the Redis server. */
    static final String REDIS = "redis";

    /** @return true for omnistock itself. */
    boolean isOmnistock()
    {
        return name.startsWith("omnistock-");
    }
}
