package io.omnistock.benchmarks.peers;

import io.omnistock.benchmarks.workload.M5Fixture;
import io.omnistock.benchmarks.workload.M5Workload;
import io.omnistock.benchmarks.workload.StockService;
import io.omnistock.benchmarks.workload.Workload;
import io.omnistock.engine.EngineConfig;
import io.omnistock.journal.Durability;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every system of the comparison answers the hand-checked {@link TinyWorkload} exactly as worked out: the same
 * accepted and rejected operations and the same final positions, one operation at a time and pipelined; and runs
 * an M5 workload (every operation type the M5 generator makes, from a tiny data set) with the same answers as the
 * plain-Java reference. PostgreSQL and Redis are tested only when reachable on their loopback ports
 * ({@code benchmarks/scripts/peers.sh start}).
 */
@Timeout(60)
class StockServicesAgreeTest
{
    private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:55432/omnistock";
    private static final String REDIS_HOST = "127.0.0.1";
    private static final int REDIS_PORT = 56379;
    private static final EngineConfig.WaitStrategy WAIT = EngineConfig.WaitStrategy.BLOCKING;
    /** A seed whose fixture workload has every operation type, returns included. */
    private static final long M5_FIXTURE_SEED = 15;

    @TempDir
    static Path data;

    static Stream<Arguments> systems()
    {
        return Stream.of(
            system("omnistock no journal", dir -> new OmnistockService(Durability.IN_MEMORY, dir, 1, WAIT)),
            system("omnistock journal async", dir -> new OmnistockService(Durability.ASYNC, dir, 1, WAIT)),
            system("omnistock journal sync", dir -> new OmnistockService(Durability.SYNC, dir, 1, WAIT)),
            system("omnistock pipelined", dir -> new OmnistockService(Durability.ASYNC, dir, 4, WAIT)),
            system("synchronized map", dir -> new SynchronizedMapService()),
            system("concurrent map", dir -> new ConcurrentMapService()),
            system("postgres sync commit", dir -> postgres(true)),
            system("postgres async commit", dir -> postgres(false)),
            system("redis always", dir -> redis(true, 1)),
            system("redis everysec pipelined", dir -> redis(false, 4)));
    }

    private static Arguments system(final String name, final Function<Path, StockService> factory)
    {
        return Arguments.of(name, factory);
    }

    private static StockService postgres(final boolean synchronousCommit)
    {
        final String why = PostgresService.unreachable(POSTGRES_URL, "omnistock", "omnistock");
        Assumptions.assumeTrue(why == null, () -> "PostgreSQL not reachable at " + POSTGRES_URL +
            ", skipped (start it with benchmarks/scripts/peers.sh start): " + why);
        return new PostgresService(POSTGRES_URL, "omnistock", "omnistock", synchronousCommit);
    }

    private static StockService redis(final boolean fsyncAlways, final int batch)
    {
        final String why = RedisService.unreachable(REDIS_HOST, REDIS_PORT);
        Assumptions.assumeTrue(why == null, () -> "Redis not reachable at " + REDIS_HOST + ":" + REDIS_PORT +
            ", skipped (start it with benchmarks/scripts/peers.sh start): " + why);
        return new RedisService(REDIS_HOST, REDIS_PORT, fsyncAlways, batch);
    }

    /** What the report's settings line says of each server (skipped, as above, when it is not running). */
    @Test
    void shouldDescribeTheServersItReaches()
    {
        postgres(true);
        final String postgres = PostgresService.describe(POSTGRES_URL, "omnistock", "omnistock");
        assertTrue(postgres != null && postgres.matches("PostgreSQL 15\\.\\d+.* \\[shared_buffers \\S+, " +
            "max_connections \\d+, fsync (on|off)\\]"), postgres);
        redis(true, 1);
        final String redis = RedisService.describe(REDIS_HOST, REDIS_PORT);
        assertTrue(redis != null && redis.matches("Redis \\d+\\.\\d+\\.\\d+"), redis);
        assertNull(PostgresService.describe("jdbc:postgresql://127.0.0.1:1/none", "x", "x"), "nothing listens");
        assertNull(RedisService.describe("127.0.0.1", 1), "nothing listens");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("systems")
    void shouldAcceptRejectAndEndExactlyAsWorkedOutByHand(final String name, final Function<Path, StockService> factory)
        throws Exception
    {
        final Workload workload = TinyWorkload.build();
        try (StockService service = factory.apply(data))
        {
            service.prepare(workload);
            service.load(workload);
            final boolean[] accepted = runInOrder(service, workload);
            assertArrayEquals(TinyWorkload.ACCEPTED, accepted, name + ": outcomes");
            final long[][] positions = service.positions();
            for (int position = 0; position < TinyWorkload.FINAL.length; position++)
            {
                assertArrayEquals(TinyWorkload.FINAL[position], positions[position],
                    name + ": position " + workload.positionKey(position));
            }
            assertEquals(0, LedgerCheck.problems(workload, outcomes(accepted), positions).size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("systems")
    void shouldRunEveryM5OperationTypeWithTheReferenceSemantics(
        final String name, final Function<Path, StockService> factory) throws Exception
    {
        final Workload workload = m5Fixture();
        final int[] counts = workload.countsByType();
        for (byte type = Workload.RESERVE; type <= Workload.RETURN; type++)
        {
            assertTrue(counts[type] > 0, "the M5 fixture has operations of type " + type);
        }
        final boolean[] expected;
        try (StockService reference = new SynchronizedMapService())
        {
            reference.load(workload);
            expected = runInOrder(reference, workload);
        }
        try (StockService service = factory.apply(data))
        {
            service.prepare(workload);
            service.load(workload);
            final boolean[] accepted = runInOrder(service, workload);
            assertArrayEquals(expected, accepted, name + ": outcomes as the reference's");
            assertEquals(List.of(), LedgerCheck.problems(workload, outcomes(accepted), service.positions()), name);
        }
    }

    private static Workload m5Fixture() throws IOException
    {
        final Path folder = data.resolve("m5-fixture");
        Files.createDirectories(folder);
        M5Fixture.write(folder);
        return M5Workload.generate(folder, M5Fixture.DAYS, M5_FIXTURE_SEED);
    }

    private static boolean[] runInOrder(final StockService service, final Workload workload) throws Exception
    {
        final int[] ops = new int[workload.opCount];
        for (int op = 0; op < ops.length; op++)
        {
            ops[op] = op;
        }
        final boolean[] accepted = new boolean[workload.opCount];
        final boolean[] batch = new boolean[service.batchSize()];
        for (int next = 0; next < ops.length; next += batch.length)
        {
            final int count = Math.min(batch.length, ops.length - next);
            service.execute(ops, next, count, batch);
            System.arraycopy(batch, 0, accepted, next, count);
        }
        return accepted;
    }

    static byte[] outcomes(final boolean[] accepted)
    {
        final byte[] outcomes = new byte[accepted.length];
        for (int op = 0; op < accepted.length; op++)
        {
            outcomes[op] = accepted[op] ? LedgerCheck.ACCEPTED : LedgerCheck.REJECTED;
        }
        return outcomes;
    }
}
