/**
 * JMH benchmarks of the state machine alone: cost per command with no ring, no threads and no journal, next to
 * the floor of a bare primitive array under the same access patterns.
 *
 * <p>One class per scenario: {@link io.omnistock.benchmarks.machine.ReserveReleaseUniformBenchmark},
 * {@link io.omnistock.benchmarks.machine.ReserveReleaseZipfBenchmark},
 * {@link io.omnistock.benchmarks.machine.HotSkuBenchmark},
 * {@link io.omnistock.benchmarks.machine.MultiLineReserveBenchmark},
 * {@link io.omnistock.benchmarks.machine.LifecycleBenchmark},
 * {@link io.omnistock.benchmarks.machine.AtpQueryBenchmark},
 * {@link io.omnistock.benchmarks.machine.SourcingBenchmark} and the floor,
 * {@link io.omnistock.benchmarks.machine.ArrayFloorBenchmark}. The engine scenarios share one fixture (1,000,000
 * positions, see {@code MachineFixture}; sourcing builds its own network of locations), seeded access sequences
 * ({@link io.omnistock.benchmarks.machine.AccessPattern}), a fixed heap, and the rule that an operation is one
 * command (or one read). Beside them, a calibration of the machine rather than a scenario:
 * {@link io.omnistock.benchmarks.machine.MemoryLatencyBenchmark}, the cost of one read that waits for the one before
 * it. {@code benchmarks/README.md} has the command that runs them.
 */
package io.omnistock.benchmarks.machine;
