package io.omnistock.benchmarks.peers;

import java.util.List;

/**
 * One system on one workload: the figures of a run, or why it did not run. Immutable; what the JSON results hold
 * and the Markdown tables show.
 *
 * @param workload             workload name.
 * @param system               system name (with its durability setting).
 * @param durability           durability class: {@code none}, {@code process-crash} or {@code power-loss}.
 * @param threads              client threads.
 * @param batch                operations per round trip (1 unless pipelined).
 * @param opsPerSecond         throughput in the measured window.
 * @param p50Us                latency median, microseconds.
 * @param p99Us                latency 99th percentile, microseconds.
 * @param p999Us               latency 99.9th percentile, microseconds.
 * @param maxUs                latency maximum, microseconds.
 * @param measuredOps          operations completed in the measured window.
 * @param measuredSeconds      length of the measured window.
 * @param acceptedMeasured     accepted operations in the window.
 * @param rejectedMeasured     rejected operations in the window.
 * @param opsRun               operations run in all, warm-up included (what the cross-check covers).
 * @param bytesPerPosition     state size per position after load, or -1 when not measured.
 * @param memorySource         how {@code bytesPerPosition} was measured.
 * @param problems             what the cross-check found; empty when the run checks out.
 * @param omnistockReference   the omnistock run at equal durability (and pipelining) this one is compared with.
 * @param omnistockTimesFaster omnistock's throughput divided by this system's, or null.
 * @param skipped              why the system did not run, or null.
 */
public record RunRow(
    String workload,
    String system,
    String durability,
    int threads,
    int batch,
    double opsPerSecond,
    double p50Us,
    double p99Us,
    double p999Us,
    double maxUs,
    long measuredOps,
    double measuredSeconds,
    long acceptedMeasured,
    long rejectedMeasured,
    long opsRun,
    double bytesPerPosition,
    String memorySource,
    List<String> problems,
    String omnistockReference,
    Double omnistockTimesFaster,
    String skipped)
{
    /**
     * @param workload   workload name.
     * @param system     system name.
     * @param durability durability class.
     * @param reason     why it did not run.
     * @return a row for a system that did not run.
     */
    static RunRow skipped(final String workload, final String system, final String durability, final String reason)
    {
        return new RunRow(workload, system, durability, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, null, List.of(),
            null, null, reason);
    }

    /**
     * @param workload   workload name.
     * @param system     system name.
     * @param durability durability class.
     * @param failure    what went wrong.
     * @return a row for a system whose run failed: it counts as a failed check.
     */
    static RunRow failed(final String workload, final String system, final String durability, final String failure)
    {
        return new RunRow(workload, system, durability, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, null,
            List.of("run failed: " + failure), null, null, null);
    }

    /**
     * @param reference    the omnistock system compared with.
     * @param timesFaster  its throughput over this one's.
     * @return this row with the comparison.
     */
    RunRow compared(final String reference, final Double timesFaster)
    {
        return new RunRow(workload, system, durability, threads, batch, opsPerSecond, p50Us, p99Us, p999Us, maxUs,
            measuredOps, measuredSeconds, acceptedMeasured, rejectedMeasured, opsRun, bytesPerPosition, memorySource,
            problems, reference, timesFaster, skipped);
    }

    /** @return true when the system ran and its run checked out. */
    boolean passed()
    {
        return skipped == null && problems.isEmpty();
    }
}
