package io.omnistock.benchmarks.peers;

import io.omnistock.benchmarks.workload.SyntheticWorkloads;
import io.omnistock.benchmarks.workload.Workload;
import io.omnistock.engine.EngineConfig;
import io.omnistock.journal.Durability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closed-loop runner keeps each reservation on one client, in order, and concurrent runs check out. */
@Timeout(60)
class ClosedLoopRunTest
{
    private static final SyntheticWorkloads.Size SMALL = new SyntheticWorkloads.Size(200, 4_000, 100);
    private static final long LONG_ENOUGH_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path data;

    @Test
    void shouldKeepEveryReservationOnOneClientInWorkloadOrder()
    {
        final Workload workload = SyntheticWorkloads.build(SyntheticWorkloads.Scenario.LIFECYCLE, SMALL);
        final int[][] partitions = ClosedLoopRun.partitions(workload, 3);
        final int[] clientOfReservation = new int[workload.reservationCount];
        int total = 0;
        for (int client = 0; client < partitions.length; client++)
        {
            for (int i = 0; i < partitions[client].length; i++)
            {
                final int op = partitions[client][i];
                assertTrue(i == 0 || partitions[client][i - 1] < op, "client " + client + " out of order");
                if (workload.opReservation[op] >= 0 && workload.opType[op] == Workload.RESERVE)
                {
                    clientOfReservation[workload.opReservation[op]] = client;
                }
                else if (workload.opReservation[op] >= 0)
                {
                    assertEquals(clientOfReservation[workload.opReservation[op]], client, "operation " + op);
                }
            }
            total += partitions[client].length;
        }
        assertEquals(workload.opCount, total);
    }

    @Test
    void shouldRunAHotSaleConcurrentlyWithoutOversellingInEverySystem() throws Exception
    {
        final Workload workload = SyntheticWorkloads.build(SyntheticWorkloads.Scenario.HOT, SMALL);
        for (final MapService map : List.of(new SynchronizedMapService(), new ConcurrentMapService()))
        {
            assertRunChecksOut(map, workload);
        }
        assertRunChecksOut(new OmnistockService(Durability.ASYNC, data, 8, EngineConfig.WaitStrategy.BLOCKING), workload);
    }

    @Test
    void shouldRunMultiLineReservationsConcurrentlyAllOrNothing() throws Exception
    {
        final Workload workload = SyntheticWorkloads.build(SyntheticWorkloads.Scenario.MULTI_LINE, SMALL);
        assertRunChecksOut(new ConcurrentMapService(), workload);
        assertRunChecksOut(new OmnistockService(Durability.IN_MEMORY, data, 1, EngineConfig.WaitStrategy.BLOCKING),
            workload);
    }

    /**
     * A slow system covers only a workload's first part: with no warm-up at all, the window still waits until every
     * client has reached the first closing of a hold, so no system is measured on opening holds alone.
     */
    @Test
    void shouldNotMeasureBeforeTheFirstHoldCloses() throws Exception
    {
        final Workload workload = SyntheticWorkloads.build(SyntheticWorkloads.Scenario.UNIFORM,
            new SyntheticWorkloads.Size(100, 2_000, 1_500));
        assertEquals(1_501, workload.firstCloseOp(), "1,501 reserves, then a release after each");
        try (SynchronizedMapService service = new SynchronizedMapService())
        {
            service.prepare(workload);
            service.load(workload);
            final ClosedLoopRun.Measured measured = ClosedLoopRun.run(service, workload, 4, 0, LONG_ENOUGH_NS);
            assertTrue(measured.measuredOps() > 0 && measured.measuredOps() <= workload.opCount - 1_501,
                "measured " + measured.measuredOps() + " of " + workload.opCount);
            assertEquals(List.of(), LedgerCheck.problems(workload, measured.outcomes(), service.positions()));
        }
    }

    /** A workload that never closes a hold keeps one mix throughout: it is measured like any other. */
    @Test
    void shouldMeasureAWorkloadThatNeverClosesAHold() throws Exception
    {
        final Workload workload = SyntheticWorkloads.build(SyntheticWorkloads.Scenario.UNIFORM,
            new SyntheticWorkloads.Size(100, 2_000, 2_000));
        assertEquals(0, workload.firstCloseOp(), "no closing: " + workload.opCount + " reserves");
        try (SynchronizedMapService service = new SynchronizedMapService())
        {
            service.prepare(workload);
            service.load(workload);
            assertEquals(workload.opCount, ClosedLoopRun.run(service, workload, 4, 0, LONG_ENOUGH_NS).measuredOps());
        }
    }

    private static void assertRunChecksOut(final io.omnistock.benchmarks.workload.StockService service,
        final Workload workload) throws Exception
    {
        try (service)
        {
            service.prepare(workload);
            service.load(workload);
            final ClosedLoopRun.Measured measured = ClosedLoopRun.run(service, workload, 4, 0, LONG_ENOUGH_NS);
            for (int op = 0; op < workload.opCount; op++)
            {
                assertTrue(measured.outcomes()[op] != LedgerCheck.NOT_RUN, service.name() + " ran operation " + op);
            }
            assertTrue(measured.measuredOps() > 0 &&
                measured.measuredOps() <= workload.opCount - workload.firstCloseOp(), service.name() + " measured " +
                measured.measuredOps() + " of " + workload.opCount + ", the first closing at " + workload.firstCloseOp());
            assertEquals(List.of(), LedgerCheck.problems(workload, measured.outcomes(), service.positions()),
                service.name());
            assertEquals(measured.measuredOps(), measured.latencyNs().getTotalCount());
        }
    }
}
