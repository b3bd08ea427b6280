package io.omnistock.benchmarks.workload;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic workloads are reproducible and shaped as documented. */
class SyntheticWorkloadsTest
{
    private static final SyntheticWorkloads.Size SMALL = new SyntheticWorkloads.Size(100, 2_000, 50);

    @Test
    void shouldBuildTheSameWorkloadFromTheSameSeed()
    {
        for (final SyntheticWorkloads.Scenario scenario : SyntheticWorkloads.Scenario.values())
        {
            final Workload first = SyntheticWorkloads.build(scenario, SMALL);
            final Workload second = SyntheticWorkloads.build(scenario, SMALL);
            assertArrayEquals(first.opType, second.opType, scenario.workloadName);
            assertArrayEquals(first.linePosition, second.linePosition, scenario.workloadName);
            assertArrayEquals(first.opReservation, second.opReservation, scenario.workloadName);
        }
    }

    @Test
    void shouldCloseEveryReservationOpenHoldsLaterInReserveReleaseScenarios()
    {
        final Workload uniform = SyntheticWorkloads.build(SyntheticWorkloads.Scenario.UNIFORM, SMALL);
        final int[] counts = uniform.countsByType();
        assertEquals(SMALL.reservationCount(), counts[Workload.RESERVE]);
        assertEquals(SMALL.reservationCount() - SMALL.openHolds(), counts[Workload.RELEASE]);
        assertEquals(SMALL.openHolds() + 1, uniform.openReservationsMax());
        assertEquals(1000, uniform.positionCount);
    }

    @Test
    void shouldGiveEveryMultiLineReservationFourDistinctPositions()
    {
        final Workload multi = SyntheticWorkloads.build(SyntheticWorkloads.Scenario.MULTI_LINE, SMALL);
        for (int op = 0; op < multi.opCount; op++)
        {
            if (multi.opType[op] == Workload.RESERVE)
            {
                final Set<Integer> positions = new HashSet<>();
                for (int k = 0; k < multi.opLineCount[op]; k++)
                {
                    positions.add(multi.linePosition[multi.opFirstLine[op] + k]);
                }
                assertEquals(SyntheticWorkloads.MULTI_LINE_COUNT, positions.size(), "operation " + op);
            }
        }
    }

    @Test
    void shouldRestockTheHotPositionOneUnitPerTwentyBuyers()
    {
        final Workload hot = SyntheticWorkloads.build(SyntheticWorkloads.Scenario.HOT, SMALL);
        final int hotPosition = hot.linePosition[0];
        assertEquals(SyntheticWorkloads.HOT_OPENING_STOCK, hot.openingStock[hotPosition]);
        for (int line = 0; line < hot.linePosition.length; line++)
        {
            assertEquals(hotPosition, hot.linePosition[line]);
        }
        final int[] counts = hot.countsByType();
        assertEquals(SMALL.reservationCount(), counts[Workload.RESERVE]);
        assertEquals(SMALL.reservationCount() / SyntheticWorkloads.HOT_RESTOCK_EVERY_BUYERS, counts[Workload.RECEIVE]);
    }

    /**
     * A system measured over the workload's first seconds and one measured over its middle must see the same mix
     * of accepted and rejected reserves: run in order, the hot sale accepts about 1 reserve in 16 in every quarter
     * after its first holds have closed (runs measure from there on, see {@code ClosedLoopRun}).
     */
    @Test
    void shouldAcceptTheSameShareOfHotReservesThroughoutTheRun()
    {
        final SyntheticWorkloads.Size size = new SyntheticWorkloads.Size(100, 80_000, 2_000);
        final Workload hot = SyntheticWorkloads.build(SyntheticWorkloads.Scenario.HOT, size);
        final int hotPosition = hot.linePosition[0];
        long available = hot.openingStock[hotPosition];
        final boolean[] accepted = new boolean[size.reservationCount()];
        final int quarter = size.reservationCount() / 4;
        final int[] acceptedPerQuarter = new int[4];
        for (int op = 0; op < hot.opCount; op++)
        {
            final int reservation = hot.opReservation[op];
            switch (hot.opType[op])
            {
                case Workload.RESERVE -> {
                    if (available > 0)
                    {
                        available--;
                        accepted[reservation] = true;
                        acceptedPerQuarter[reservation / quarter]++;
                    }
                }
                case Workload.RELEASE -> available += accepted[reservation] ? 1 : 0;
                case Workload.RECEIVE -> available++;
                default -> { }
            }
        }
        for (int q = 1; q < 4; q++)
        {
            final double share = acceptedPerQuarter[q] / (double)quarter;
            assertTrue(Math.abs(share - 1 / 16.0) < 0.01, "quarter " + q + " accepted " + share);
        }
        // the first quarter: the opening stock, then the receipts alone until holds start closing, then 1 in 16
        assertTrue(acceptedPerQuarter[0] >= quarter / 20 &&
            acceptedPerQuarter[0] <= quarter / 16 + 2 * SyntheticWorkloads.HOT_OPENING_STOCK,
            "first quarter accepted " + acceptedPerQuarter[0]);
    }

    @Test
    void shouldRunEveryOperationTypeInTheLifecycle()
    {
        final int[] counts = SyntheticWorkloads.build(SyntheticWorkloads.Scenario.LIFECYCLE, SMALL).countsByType();
        for (byte type = Workload.RESERVE; type <= Workload.RETURN; type++)
        {
            assertTrue(counts[type] > 0, "type " + type);
        }
        final int closed = SMALL.reservationCount() - SMALL.openHolds();
        assertEquals(closed / 10, counts[Workload.RELEASE], "one in ten abandoned");
        assertEquals(closed - closed / 10, counts[Workload.CONFIRM]);
        final int shipped = SMALL.reservationCount() - 2 * SMALL.openHolds();
        assertEquals(shipped - shipped / 10, counts[Workload.FULFIL]);
    }
}
