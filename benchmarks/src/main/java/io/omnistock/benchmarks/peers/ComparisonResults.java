package io.omnistock.benchmarks.peers;

import java.util.List;
import java.util.Map;

/**
 * What one run of the {@link Comparison} wrote to {@code peers.json}, and what the BENCHMARKS.md generator reads
 * back ({@link io.omnistock.benchmarks.JsonFiles}): one shape for both. Immutable; plain data for Jackson.
 *
 * @param mode       quick or full.
 * @param finishedAt when the run ended (ISO-8601).
 * @param machine    cores, OS, JDK and heap of the runner.
 * @param settings   client threads, batch, wait strategy, warm-up and measured seconds, and the version and
 *                   settings of each server that answered ({@code postgresServer}, {@code redisServer}).
 * @param workloads  per workload its rows, the M5 one first.
 */
public record ComparisonResults(String mode, String finishedAt, String machine, Map<String, Object> settings,
    List<MarkdownReport.WorkloadRows> workloads)
{
}
