package io.omnistock.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One entry of a JMH result file ({@code -rf json}): a benchmark method with one parameter set, its score and, when
 * JMH ran with {@code -prof gc}, the bytes it allocated per operation. Immutable.
 *
 * @param benchmark        the class's simple name and the method, e.g. {@code HotSkuBenchmark.reserveAndRelease}.
 * @param params           its parameters, in JMH's order; empty when it has none.
 * @param score            the primary score, in {@code scoreUnit} (ops/s for the state-machine scenarios).
 * @param scoreError       JMH's 99.9 % error margin, NaN when it could not compute one (a single iteration).
 * @param scoreUnit        the score's unit.
 * @param allocBytesPerOp  {@code gc.alloc.rate.norm}, or null without {@code -prof gc}.
 * @param settings         forks, warm-up and measurement of the run, as JMH states them.
 */
public record JmhResult(String benchmark, Map<String, String> params, double score, double scoreError,
    String scoreUnit, Double allocBytesPerOp, String settings)
{
    private static final String ALLOC_NORM = "gc.alloc.rate.norm";
    /** JMH's throughput units (mode {@code thrpt}, any time unit) and what one of each is in operations per second. */
    private static final Map<String, Double> OPS_PER_SECOND_PER_UNIT =
        Map.of("ops/s", 1.0, "ops/ms", 1e3, "ops/us", 1e6, "ops/ns", 1e9);
    /** The throughput units {@link #opsPerSecond} reads, for messages. */
    public static final String THROUGHPUT_UNITS = "ops/s, ops/ms, ops/us or ops/ns";

    /**
     * @param file a JMH JSON result file.
     * @return its entries, in file order.
     * @throws IOException when it cannot be read or parsed.
     */
    public static List<JmhResult> read(final Path file) throws IOException
    {
        final List<JmhResult> results = new ArrayList<>();
        for (final JsonNode entry : new ObjectMapper().readTree(file.toFile()))
        {
            results.add(of(entry));
        }
        return results;
    }

    /**
     * @param fullName a benchmark's full name, {@code package.Class.method}.
     * @return its class's simple name and the method, as {@link #benchmark} holds it.
     */
    public static String shortName(final String fullName)
    {
        final String[] parts = fullName.split("\\.");
        return parts.length < 2 ? fullName : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static JmhResult of(final JsonNode entry)
    {
        final String benchmark = shortName(entry.path("benchmark").asText());
        final Map<String, String> params = new LinkedHashMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = entry.path("params").fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> param = it.next();
            params.put(param.getKey(), param.getValue().asText());
        }
        final JsonNode primary = entry.path("primaryMetric");
        final JsonNode alloc = entry.path("secondaryMetrics").path(ALLOC_NORM);
        final String settings = String.format("%d fork(s), %d x %s warm-up, %d x %s measured",
            entry.path("forks").asInt(), entry.path("warmupIterations").asInt(), entry.path("warmupTime").asText(),
            entry.path("measurementIterations").asInt(), entry.path("measurementTime").asText());
        return new JmhResult(benchmark, params, primary.path("score").asDouble(),
            primary.path("scoreError").isNumber() ? primary.path("scoreError").asDouble() : Double.NaN,
            primary.path("scoreUnit").asText(), alloc.isMissingNode() ? null : alloc.path("score").asDouble(),
            settings);
    }

    /**
     * @return the score in operations per second when its unit is a throughput ({@value #THROUGHPUT_UNITS});
     *         empty in any other unit (JMH run in another mode, such as {@code avgt} in ns/op), which no target reads.
     */
    public OptionalDouble opsPerSecond()
    {
        final Double perUnit = scoreUnit == null ? null : OPS_PER_SECOND_PER_UNIT.get(scoreUnit);
        return perUnit == null ? OptionalDouble.empty() : OptionalDouble.of(score * perUnit);
    }

    /**
     * @param name  a parameter.
     * @return its value, or null.
     */
    public String param(final String name)
    {
        return params.get(name);
    }

    /** @return the parameters as {@code name=value, ...}, or an empty string. */
    public String paramText()
    {
        final StringBuilder text = new StringBuilder();
        params.forEach((name, value) -> text.append(text.length() == 0 ? "" : ", ").append(name).append('=').append(value));
        return text.toString();
    }
}
