package io.omnistock.benchmarks.journal;

import java.util.List;

/**
 * What one run of {@link JournalFigures} measured, as written to its JSON file and read back by the BENCHMARKS.md
 * generator. Immutable; plain data for Jackson.
 *
 * @param machine   cores, JDK and heap of the run.
 * @param pipelines one entry per durability mode, in run order.
 * @param recovery  the large journal written directly, then recovered.
 * @param snapshot  the snapshot of a million positions.
 * @param deviceSyncs the device's sync time, per size of append; null in results written before it was measured.
 */
public record JournalFiguresResult(String machine, List<Pipeline> pipelines, Recovery recovery, Snapshot snapshot,
    List<DeviceSync> deviceSyncs)
{
    /**
     * Receipts through the whole pipeline from two producer threads.
     *
     * @param durability        {@code IN_MEMORY}, {@code ASYNC} or {@code SYNC}.
     * @param commands          commands answered.
     * @param commandsPerSecond commands answered per second, first send to last answer.
     */
    public record Pipeline(String durability, long commands, double commandsPerSecond)
    {
    }

    /**
     * A journal written by the state machine and a Chronicle append per command (no ring), then recovered from
     * scratch several times, the state hash checked each time.
     *
     * @param events                events written.
     * @param writeEventsPerSecond  events written per second.
     * @param recoverySeconds       each recovery's whole time: allocating the empty machine, reading and replaying
     *                              the journal, indexing the idempotency keys it left remembered.
     * @param allocateSeconds       of each recovery, the time to allocate the empty machine (its preallocated
     *                              tables, sized by the configuration, not by the journal).
     * @param replayEventsPerSecond events read and replayed per second, after the allocation: the median of the
     *                              recoveries.
     */
    public record Recovery(long events, double writeEventsPerSecond, List<Double> recoverySeconds,
        List<Double> allocateSeconds, double replayEventsPerSecond)
    {
    }

    /**
     * @param positions     positions in the state.
     * @param bytes         snapshot length.
     * @param pauseMsMedian the writer's pause to copy the state, median of the runs.
     * @param pauseMsMin    the shortest pause.
     * @param pauseMsMax    the longest pause.
     * @param writeMs       file write and sync, off the writer.
     * @param loadMs        read, check and rebuild (state hash matches).
     */
    public record Snapshot(long positions, long bytes, double pauseMsMedian, double pauseMsMin, double pauseMsMax,
        double writeMs, double loadMs)
    {
    }

    /**
     * The time of one sync of appended bytes on the device the tool wrote to, nothing else of the tool running (see
     * {@code JournalFigures#deviceSync}).
     *
     * @param bytes      bytes appended before each sync.
     * @param syncs      syncs measured.
     * @param p50Micros  median sync time, µs.
     * @param meanMicros mean sync time, µs.
     * @param p99Micros  99th percentile, µs.
     * @param maxMicros  longest, µs.
     */
    public record DeviceSync(int bytes, int syncs, double p50Micros, double meanMicros, double p99Micros,
        double maxMicros)
    {
    }
}
