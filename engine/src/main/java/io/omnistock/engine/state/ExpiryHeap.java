package io.omnistock.engine.state;

import java.util.Arrays;

/**
 * An indexed binary min-heap of held reservations, ordered by deadline and then by the sequence number of the
 * event that created them, so that expiries fire in a deterministic order. Supports moving a deadline and
 * removing any member in O(log n). Preallocated for every reservation slot.
 */
final class ExpiryHeap
{
    private final long[] deadlines;
    private final long[] tieBreakers;
    private final int[] heap;
    private final int[] positionOf;
    private int size;

    ExpiryHeap(final long[] deadlines, final long[] tieBreakers)
    {
        this.deadlines = deadlines;
        this.tieBreakers = tieBreakers;
        this.heap = new int[deadlines.length];
        this.positionOf = new int[deadlines.length];
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

    void add(final int slot)
    {
        heap[size] = slot;
        positionOf[slot] = size;
        size++;
        siftUp(size - 1);
    }

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
        final int last = heap[size];
        heap[index] = last;
        positionOf[last] = index;
        siftDown(siftUp(index));
    }

    /** Restores order after the slot's deadline changed. */
    void update(final int slot)
    {
        final int index = positionOf[slot];
        siftDown(siftUp(index));
    }

    private boolean less(final int a, final int b)
    {
        return deadlines[a] < deadlines[b] || (deadlines[a] == deadlines[b] && tieBreakers[a] < tieBreakers[b]);
    }

    private int siftUp(final int start)
    {
        int index = start;
        final int slot = heap[index];
        while (index > 0)
        {
            final int parent = (index - 1) >>> 1;
            if (!less(slot, heap[parent]))
            {
                break;
            }
            heap[index] = heap[parent];
            positionOf[heap[index]] = index;
            index = parent;
        }
        heap[index] = slot;
        positionOf[slot] = index;
        return index;
    }

    private void siftDown(final int start)
    {
        int index = start;
        final int slot = heap[index];
        while (true)
        {
            final int left = 2 * index + 1;
            if (left >= size)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < size && less(heap[right], heap[left]) ? right : left;
            if (!less(heap[child], slot))
            {
                break;
            }
            heap[index] = heap[child];
            positionOf[heap[index]] = index;
            index = child;
        }
        heap[index] = slot;
        positionOf[slot] = index;
    }
}
