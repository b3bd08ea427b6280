package io.omnistock.benchmarks.peers;

import io.omnistock.benchmarks.workload.Workload;

import java.util.ArrayList;
import java.util.List;

/**
 * The after-run cross-check of a system's answers against its final stock, independent of the system: replays the
 * operations that ran, in workload order, with the outcomes the system gave, and checks that
 * <ul>
 *   <li>every outcome is one the semantics allow (a confirm, fulfil or release only of a reservation in the right
 *       state; a confirm or release of one in the right state, a receipt and a return always accepted);</li>
 *   <li>each position's final on hand, held and committed equal what the accepted operations imply (conservation:
 *       on hand = opening + receipts + returns - till sales - fulfilled);</li>
 *   <li>no position that had no till sale holds more (held + committed) than it has on hand: reservations never
 *       oversold.</li>
 * </ul>
 * Replaying in workload order is exact because the runner keeps each reservation's operations on one thread, in
 * order. Not thread-safe; allocates arrays the size of the workload.
 */
final class LedgerCheck
{
    /** Outcome of an operation that did not run. */
    static final byte NOT_RUN = 0;
    /** Outcome of an accepted operation. */
    static final byte ACCEPTED = 1;
    /** Outcome of a rejected operation. */
    static final byte REJECTED = 2;

    private static final int PROBLEMS_LISTED_MAX = 10;
    private static final byte NONE = 0;
    private static final byte HELD = 1;
    private static final byte COMMITTED = 2;
    private static final byte CLOSED = 3;

    private final Workload workload;
    private final long[] onHand;
    private final long[] held;
    private final long[] committed;
    private final boolean[] soldAtTill;
    private final byte[] reservationState;
    private final int[] reserveOf;
    private final List<String> problems = new ArrayList<>();
    private int problemCount;

    private LedgerCheck(final Workload workload)
    {
        this.workload = workload;
        onHand = workload.openingStock.clone();
        held = new long[workload.positionCount];
        committed = new long[workload.positionCount];
        soldAtTill = new boolean[workload.positionCount];
        reservationState = new byte[workload.reservationCount];
        reserveOf = new int[workload.reservationCount];
        for (int op = 0; op < workload.opCount; op++)
        {
            if (workload.opType[op] == Workload.RESERVE)
            {
                reserveOf[workload.opReservation[op]] = op;
            }
        }
    }

    /**
     * @param workload the workload that ran.
     * @param outcomes per operation {@link #NOT_RUN}, {@link #ACCEPTED} or {@link #REJECTED}.
     * @param actual   the system's final {@code [onHand, held, committed]} per position.
     * @return the problems found (at most 10 listed, then their total), empty when the run checks out.
     */
    static List<String> problems(final Workload workload, final byte[] outcomes, final long[][] actual)
    {
        final LedgerCheck check = new LedgerCheck(workload);
        for (int op = 0; op < workload.opCount; op++)
        {
            if (outcomes[op] != NOT_RUN)
            {
                check.replay(op, outcomes[op] == ACCEPTED);
            }
        }
        check.compare(actual);
        if (check.problemCount > check.problems.size())
        {
            check.problems.add("... " + check.problemCount + " problems in all");
        }
        return check.problems;
    }

    private void replay(final int op, final boolean accepted)
    {
        final int reservation = workload.opReservation[op];
        switch (workload.opType[op])
        {
            case Workload.RESERVE:
                expect(op, !accepted || reservationState[reservation] == NONE, "reserve accepted twice");
                moveLines(op, accepted, 0, 1, 0, HELD);
                break;
            case Workload.CONFIRM:
                expect(op, accepted == (reservationState[reservation] == HELD), "confirm answered wrongly");
                moveLines(reservationOp(op), accepted, 0, -1, 1, COMMITTED);
                break;
            case Workload.FULFIL:
                expect(op, !accepted || reservationState[reservation] == COMMITTED, "fulfil of an uncommitted");
                moveLines(reservationOp(op), accepted, -1, 0, -1, CLOSED);
                break;
            case Workload.RELEASE:
                final byte state = reservationState[reservation];
                expect(op, accepted == (state == HELD || state == COMMITTED), "release answered wrongly");
                moveLines(reservationOp(op), accepted, 0, state == HELD ? -1 : 0, state == COMMITTED ? -1 : 0, CLOSED);
                break;
            case Workload.SELL:
                soldAtTill[workload.linePosition[workload.opFirstLine[op]]] |= accepted;
                moveLines(op, accepted, -1, 0, 0, NONE);
                break;
            default:
                expect(op, accepted, "receipt or return rejected");
                moveLines(op, accepted, 1, 0, 0, NONE);
                break;
        }
    }

    private int reservationOp(final int op)
    {
        return reserveOf[workload.opReservation[op]];
    }

    private void moveLines(
        final int op, final boolean accepted, final int onHandSign, final int heldSign, final int committedSign,
        final byte nextState)
    {
        if (!accepted)
        {
            return;
        }
        for (int line = workload.opFirstLine[op]; line < workload.opFirstLine[op] + workload.opLineCount[op]; line++)
        {
            final int position = workload.linePosition[line];
            onHand[position] += onHandSign * workload.lineQuantity[line];
            held[position] += heldSign * workload.lineQuantity[line];
            committed[position] += committedSign * workload.lineQuantity[line];
        }
        if (workload.opReservation[op] >= 0)
        {
            reservationState[workload.opReservation[op]] = nextState;
        }
    }

    private void compare(final long[][] actual)
    {
        for (int position = 0; position < workload.positionCount; position++)
        {
            final long[] got = actual[position];
            if (got[0] != onHand[position] || got[1] != held[position] || got[2] != committed[position])
            {
                problem("position " + workload.positionKey(position) + " is [on hand, held, committed] " +
                    got[0] + ", " + got[1] + ", " + got[2] + "; the accepted operations make it " +
                    onHand[position] + ", " + held[position] + ", " + committed[position]);
            }
            if (!soldAtTill[position] && got[1] + got[2] > got[0])
            {
                problem("position " + workload.positionKey(position) + " oversold by reservations: held " + got[1] +
                    " + committed " + got[2] + " > on hand " + got[0]);
            }
        }
    }

    private void expect(final int op, final boolean condition, final String what)
    {
        if (!condition)
        {
            problem("operation " + op + " (reservation " + workload.opReservation[op] + "): " + what);
        }
    }

    private void problem(final String text)
    {
        if (++problemCount <= PROBLEMS_LISTED_MAX)
        {
            problems.add(text);
        }
    }
}
