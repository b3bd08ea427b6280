package io.omnistock.benchmarks.peers;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one run of the {@link Comparison} wrote to {@code peers.json}, and what the BENCHMARKS.md generator reads
 * back: one shape for both. Immutable; plain data for Jackson.
 *
 * @param mode       quick or full.
 * @param finishedAt when the run ended (ISO-8601).
 * @param machine    cores, OS, JDK and heap of the runner.
 * @param settings   client threads, batch, wait strategy, warm-up and measured seconds.
 * @param workloads  per workload its rows, the M5 one first.
 */
public record ComparisonResults(String mode, String finishedAt, String machine, Map<String, Object> settings,
    List<MarkdownReport.WorkloadRows> workloads)
{
    /**
     * @param file where to write, as indented JSON.
     * @throws IOException when it cannot be written.
     */
    public void write(final Path file) throws IOException
    {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    /**
     * @param file a {@code peers.json}.
     * @return its content.
     * @throws IOException when it cannot be read or parsed.
     */
    public static ComparisonResults read(final Path file) throws IOException
    {
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .readValue(file.toFile(), ComparisonResults.class);
    }
}
