package io.omnistock.engine.state;

import java.util.Arrays;

/**
 * An indexed binary min-heap of held reservations, ordered by deadline and then by the sequence number of the
 * event that created them, so that expiries fire in a deterministic order. Supports moving a deadline and
 * removing any member in O(log n). Preallocated for every reservation slot.
 *
 * <p>Each heap entry carries its own ordering key (deadline and tie-breaker) beside the slot number, so that a
 * sift compares entries that sit next to each other in the heap's arrays instead of reading two reservations'
 * records at random: a release or a confirm then costs the heap a few cache lines near its top, whatever the
 * number of open holds.
 */
final class ExpiryHeap
{
    private final long[] deadlines;
    private final long[] tieBreakers;
    private final int[] heap;
    private final int[] positionOf;
    private int size;

    /** @param capacity slots the heap can hold: slot numbers are 0 .. capacity - 1. */
    ExpiryHeap(final int capacity)
    {
        this.deadlines = new long[capacity];
        this.tieBreakers = new long[capacity];
        this.heap = new int[capacity];
        this.positionOf = new int[capacity];
        Arrays.fill(positionOf, -1);
    }

    int size()
    {
        return size;
    }

    /** @return the slot with the earliest deadline; call only when not empty. */
    int peek()
    {
        return heap[0];
    }

    /** @return the earliest deadline; call only when not empty. */
    long peekDeadline()
    {
        return deadlines[0];
    }

    /**
     * @param slot       a slot not in the heap.
     * @param deadline   its deadline.
     * @param tieBreaker orders equal deadlines: the smaller first.
     */
    void add(final int slot, final long deadline, final long tieBreaker)
    {
        final int index = size++;
        heap[index] = slot;
        deadlines[index] = deadline;
        tieBreakers[index] = tieBreaker;
        positionOf[slot] = index;
        siftUp(index);
    }

    /** Removes the slot if it is in the heap. */
    void remove(final int slot)
    {
        final int index = positionOf[slot];
        if (index < 0)
        {
            return;
        }
        size--;
        positionOf[slot] = -1;
        if (index == size)
        {
            return;
        }
        move(size, index);
        siftDown(siftUp(index));
    }

    /** Moves a slot in the heap to a new deadline (its tie-breaker stays). */
    void update(final int slot, final long deadline)
    {
        final int index = positionOf[slot];
        deadlines[index] = deadline;
        siftDown(siftUp(index));
    }

    private boolean less(final int a, final int b)
    {
        return deadlines[a] < deadlines[b] || (deadlines[a] == deadlines[b] && tieBreakers[a] < tieBreakers[b]);
    }

    private void move(final int from, final int to)
    {
        heap[to] = heap[from];
        deadlines[to] = deadlines[from];
        tieBreakers[to] = tieBreakers[from];
        positionOf[heap[to]] = to;
    }

    private void swap(final int a, final int b)
    {
        final int slot = heap[a];
        final long deadline = deadlines[a];
        final long tieBreaker = tieBreakers[a];
        move(b, a);
        heap[b] = slot;
        deadlines[b] = deadline;
        tieBreakers[b] = tieBreaker;
        positionOf[slot] = b;
    }

    private int siftUp(final int start)
    {
        int index = start;
        while (index > 0)
        {
            final int parent = (index - 1) >>> 1;
            if (!less(index, parent))
            {
                break;
            }
            swap(index, parent);
            index = parent;
        }
        return index;
    }

    private void siftDown(final int start)
    {
        int index = start;
        while (true)
        {
            final int left = 2 * index + 1;
            if (left >= size)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < size && less(right, left) ? right : left;
            if (!less(child, index))
            {
                break;
            }
            swap(index, child);
            index = child;
        }
    }
}
