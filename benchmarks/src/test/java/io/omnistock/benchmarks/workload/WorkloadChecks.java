package io.omnistock.benchmarks.workload;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Structural checks any generated {@link Workload} must pass, shared by the workload tests. */
final class WorkloadChecks
{
    private static final byte NONE = 0;

    private WorkloadChecks()
    {
    }

    /** Every op names a valid channel, reservation and positions; line counts fit the op type. */
    static void assertValidReferences(final Workload workload, final int reserveLinesMax)
    {
        for (int op = 0; op < workload.opCount; op++)
        {
            final byte type = workload.opType[op];
            assertTrue(workload.opChannel[op] >= 0 && workload.opChannel[op] < workload.channels.length, "channel of op " + op);
            final boolean reservationOp = type <= Workload.RELEASE;
            assertEquals(reservationOp, workload.opReservation[op] >= 0, "reservation of op " + op);
            assertTrue(workload.opReservation[op] < workload.reservationCount, "reservation of op " + op);
            final int lines = workload.opLineCount[op];
            if (type == Workload.RESERVE)
            {
                assertTrue(lines >= 1 && lines <= reserveLinesMax, "lines of RESERVE op " + op + ": " + lines);
            }
            else
            {
                assertEquals(reservationOp ? 0 : 1, lines, "lines of op " + op + " of type " + type);
            }
            final int[] positions = new int[lines];
            for (int i = 0; i < lines; i++)
            {
                final int line = workload.opFirstLine[op] + i;
                assertTrue(line < workload.linePosition.length, "line " + line + " of op " + op);
                positions[i] = workload.linePosition[line];
                assertTrue(positions[i] >= 0 && positions[i] < workload.positionCount, "position of op " + op);
                assertTrue(workload.lineQuantity[line] >= 1, "quantity of op " + op);
            }
            assertEquals(lines, Arrays.stream(positions).distinct().count(), "distinct positions of op " + op);
        }
    }

    /**
     * Each reservation starts with one RESERVE, then at most CONFIRM and FULFIL in that order, or one RELEASE.
     *
     * @return the number of reservations with each last op, indexed by type.
     */
    static int[] assertReservationOpsOrdered(final Workload workload)
    {
        final byte[] last = new byte[workload.reservationCount];
        for (int op = 0; op < workload.opCount; op++)
        {
            final byte type = workload.opType[op];
            if (type > Workload.RELEASE)
            {
                continue;
            }
            final int reservation = workload.opReservation[op];
            final byte before = last[reservation];
            final boolean allowed = type == Workload.RESERVE ? before == NONE
                : type == Workload.CONFIRM || type == Workload.RELEASE ? before == Workload.RESERVE
                : before == Workload.CONFIRM;
            if (!allowed)
            {
                fail("op " + op + " of type " + type + " follows type " + before + " in reservation " + reservation);
            }
            last[reservation] = type;
        }
        final int[] byLastType = new int[Workload.RELEASE + 1];
        for (final byte type : last)
        {
            byLastType[type]++;
        }
        assertEquals(0, byLastType[NONE], "reservations without a RESERVE");
        return byLastType;
    }

    /** @return units on the lines of the ops of one type, per position. */
    static long[] unitsByPosition(final Workload workload, final byte type)
    {
        final long[] units = new long[workload.positionCount];
        for (int op = 0; op < workload.opCount; op++)
        {
            if (workload.opType[op] == type)
            {
                for (int line = workload.opFirstLine[op]; line < workload.opFirstLine[op] + workload.opLineCount[op]; line++)
                {
                    units[workload.linePosition[line]] += workload.lineQuantity[line];
                }
            }
        }
        return units;
    }
}
