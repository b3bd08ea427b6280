package io.omnistock.benchmarks.peers;

import io.omnistock.benchmarks.workload.Workload;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The string keys every peer addresses its data by, built once before a run so that the timed operations build no
 * strings: position keys {@code sku@location}, reservation keys {@code r<number>}, and the lines of each operation
 * in key order (the order peers lock positions in, so that concurrent multi-line operations cannot deadlock).
 *
 * <p>Immutable after construction; safe to share between threads. Allocates one string per position and per
 * reservation.
 */
final class WorkloadKeys
{
    /** The workload the keys belong to. */
    final Workload workload;
    /** Key of each position, by position number. */
    final String[] positionKeys;
    /** Key of each reservation, by reservation number. */
    final String[] reservationKeys;
    /** Line indexes such that {@code lineOrder[opFirstLine[op] .. + opLineCount[op]]} are the op's lines in key order. */
    final int[] lineOrder;

    WorkloadKeys(final Workload workload)
    {
        this.workload = workload;
        positionKeys = new String[workload.positionCount];
        for (int position = 0; position < positionKeys.length; position++)
        {
            positionKeys[position] = workload.positionKey(position);
        }
        reservationKeys = new String[workload.reservationCount];
        for (int reservation = 0; reservation < reservationKeys.length; reservation++)
        {
            reservationKeys[reservation] = "r" + reservation;
        }
        lineOrder = new int[workload.linePosition.length];
        for (int op = 0; op < workload.opCount; op++)
        {
            sortLines(op);
        }
    }

    private void sortLines(final int op)
    {
        final int first = workload.opFirstLine[op];
        final int count = workload.opLineCount[op];
        final Integer[] lines = new Integer[count];
        for (int i = 0; i < count; i++)
        {
            lines[i] = first + i;
        }
        if (count > 1)
        {
            Arrays.sort(lines, Comparator.comparing(line -> positionKeys[workload.linePosition[line]]));
        }
        for (int i = 0; i < count; i++)
        {
            lineOrder[first + i] = lines[i];
        }
    }

    /**
     * @param op an operation with lines.
     * @param k  0 for the op's first line in key order, 1 for the next...
     * @return the position of that line.
     */
    int position(final int op, final int k)
    {
        return workload.linePosition[lineOrder[workload.opFirstLine[op] + k]];
    }

    /**
     * @param op an operation with lines.
     * @param k  as in {@link #position}.
     * @return the quantity of that line.
     */
    long quantity(final int op, final int k)
    {
        return workload.lineQuantity[lineOrder[workload.opFirstLine[op] + k]];
    }

    /** @param op an operation. @return its reservation's key; only for reservation operations. */
    String reservationKey(final int op)
    {
        return reservationKeys[workload.opReservation[op]];
    }

    /** @return position number by key, for reading a peer's stock back. */
    Map<String, Integer> positionsByKey()
    {
        final Map<String, Integer> byKey = new HashMap<>(positionKeys.length * 2);
        for (int position = 0; position < positionKeys.length; position++)
        {
            byKey.put(positionKeys[position], position);
        }
        return byKey;
    }
}
