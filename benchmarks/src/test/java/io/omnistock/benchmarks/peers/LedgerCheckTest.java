package io.omnistock.benchmarks.peers;

import io.omnistock.benchmarks.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cross-check passes a correct run and catches wrong answers, lost units and oversells. */
class LedgerCheckTest
{
    private final Workload workload = TinyWorkload.build();

    private static long[][] finalPositions()
    {
        final long[][] copy = new long[TinyWorkload.FINAL.length][];
        for (int i = 0; i < copy.length; i++)
        {
            copy[i] = TinyWorkload.FINAL[i].clone();
        }
        return copy;
    }

    @Test
    void shouldPassTheHandCheckedRun()
    {
        assertEquals(List.of(),
            LedgerCheck.problems(workload, StockServicesAgreeTest.outcomes(TinyWorkload.ACCEPTED), finalPositions()));
    }

    @Test
    void shouldCatchAConfirmAcceptedForARejectedReservation()
    {
        final boolean[] accepted = TinyWorkload.ACCEPTED.clone();
        accepted[4] = true;
        final List<String> problems =
            LedgerCheck.problems(workload, StockServicesAgreeTest.outcomes(accepted), finalPositions());
        assertTrue(problems.get(0).contains("confirm answered wrongly"), problems.toString());
    }

    @Test
    void shouldCatchAUnitThatWentMissing()
    {
        final long[][] positions = finalPositions();
        positions[0][0]--;
        final List<String> problems =
            LedgerCheck.problems(workload, StockServicesAgreeTest.outcomes(TinyWorkload.ACCEPTED), positions);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("position a@s1"), problems.toString());
    }

    @Test
    void shouldCatchAnOversellByReservations()
    {
        final long[][] positions = finalPositions();
        positions[2][1] = 2;
        final List<String> problems =
            LedgerCheck.problems(workload, StockServicesAgreeTest.outcomes(TinyWorkload.ACCEPTED), positions);
        assertTrue(problems.stream().anyMatch(p -> p.contains("oversold by reservations")), problems.toString());
    }

    @Test
    void shouldCheckOnlyTheOperationsThatRan()
    {
        final byte[] outcomes = new byte[workload.opCount];
        outcomes[0] = LedgerCheck.ACCEPTED;
        final long[][] afterFirst = {{5, 3, 0}, {2, 1, 0}, {0, 0, 0}};
        assertEquals(List.of(), LedgerCheck.problems(workload, outcomes, afterFirst));
    }
}
