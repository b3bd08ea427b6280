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
    void shouldStockTheHotPositionForOneBuyerInTwenty()
    {
        final Workload hot = SyntheticWorkloads.build(SyntheticWorkloads.Scenario.HOT, SMALL);
        final int hotPosition = hot.linePosition[0];
        assertEquals(SMALL.reservationCount() / 20, hot.openingStock[hotPosition]);
        for (int line = 0; line < hot.linePosition.length; line++)
        {
            assertEquals(hotPosition, hot.linePosition[line]);
        }
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
