package io.omnistock.benchmarks.machine;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The JMH settings every state-machine scenario shares (JMH reads class annotations through the superclass):
 * throughput in operations per second, 5 x 1 s warm-up and measurement, 2 forks with the fixed heap and flags of
 * {@link ForkOptions}, one state per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {
    ForkOptions.HEAP_MIN, ForkOptions.HEAP_MAX, ForkOptions.PRE_TOUCH, ForkOptions.GC, ForkOptions.HUGE_PAGES,
    ForkOptions.AGRONA_UNSAFE})
@State(Scope.Thread)
public abstract class MachineBenchmark
{
}
