/**
 * JMH benchmarks of the state machine alone: cost per command with no ring, no threads and no journal, next to
 * the floor of a bare primitive array under the same access patterns.
 *
 * <p>One class per scenario: {@link io.omnistock.benchmarks.machine.ReserveReleaseUniformBenchmark},
 * {@link io.omnistock.benchmarks.machine.ReserveReleaseZipfBenchmark},
 * {@link io.omnistock.benchmarks.machine.HotSkuBenchmark},
 * {@link io.omnistock.benchmarks.machine.MultiLineReserveBenchmark},
 * {@link io.omnistock.benchmarks.machine.LifecycleBenchmark},
 * {@link io.omnistock.benchmarks.machine.AtpQueryBenchmark} and the floor,
 * {@link io.omnistock.benchmarks.machine.ArrayFloorBenchmark}. All share one fixture (1,000,000 positions, see
 * {@code MachineFixture}), seeded access sequences ({@link io.omnistock.benchmarks.machine.AccessPattern}), a
 * fixed heap, and the rule that an operation is one command (or one read). {@code benchmarks/README.md} has the
 * command that runs them.
 */
package io.omnistock.benchmarks.machine;
