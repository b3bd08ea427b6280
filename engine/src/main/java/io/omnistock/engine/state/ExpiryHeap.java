package io.omnistock.engine.state;

import java.util.Arrays;

/**
 * The held reservations in expiry order: by deadline and then by the sequence number of the event that created
 * them, so that expiries fire in a deterministic order. Supports moving a deadline and removing any member.
 * Preallocated for every reservation slot.
 *
 * <p>Two parts, one order. Holds mostly arrive in deadline order (one hold time per channel, a clock that only
 * moves forward), so a hold that sorts after the last one appended goes on a FIFO ring: adding is a store, and
 * removing, which is what a release, confirm or expiry does to almost every hold, marks the entry dead and moves
 * the ring's head past dead entries, with no sift. A hold that arrives out of order (a shorter hold time than the
 * holds before it, a moved deadline, a snapshot's holds in slot order) goes to an indexed binary min-heap
 * instead. The earliest hold is the earlier of the ring's head and the heap's root; the expiry order is exactly
 * the single heap's it replaces. When a hold left open at the ring's head has kept removed entries behind it until
 * the ring is full, that hold moves to the heap and the head past them.
 *
 * <p>Each heap entry carries its own ordering key (deadline and tie-breaker) beside the slot number, so that a
 * sift compares entries that sit next to each other in the heap's arrays instead of reading two reservations'
 * records at random: a release or a confirm then costs the heap a few cache lines near its top, whatever the
 * number of open holds.
 */
final class ExpiryHeap
{
    private static final int ABSENT = -1;

    private final long[] deadlines;
    private final long[] tieBreakers;
    private final int[] heap;
    private final int[] positionOf;
    private int size;

    /** Ring entries, oldest at {@link #head}: slot number ({@link #ABSENT} once removed), deadline, tie-breaker. */
    private final int[] ringSlots;
    private final long[] ringDeadlines;
    private final long[] ringTieBreakers;
    /** Each slot's index in the ring arrays, or {@link #ABSENT}. */
    private final int[] ringIndexOf;
    private final int ringMask;
    /** Ever-increasing counts of entries taken off and put on the ring: entry {@code i} is at {@code i & ringMask}. */
    private long head;
    private long tail;
    private int ringLive;

    /** @param capacity slots the heap can hold: slot numbers are 0 .. capacity - 1. */
    ExpiryHeap(final int capacity)
    {
        this.deadlines = new long[capacity];
        this.tieBreakers = new long[capacity];
        this.heap = new int[capacity];
        this.positionOf = new int[capacity];
        Arrays.fill(positionOf, ABSENT);
        final int ringSize = capacity <= 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
        this.ringSlots = new int[ringSize];
        this.ringDeadlines = new long[ringSize];
        this.ringTieBreakers = new long[ringSize];
        this.ringIndexOf = new int[capacity];
        Arrays.fill(ringIndexOf, ABSENT);
        this.ringMask = ringSize - 1;
    }

    int size()
    {
        return size + ringLive;
    }

    /** @return the slot with the earliest deadline; call only when not empty. */
    int peek()
    {
        return ringFirst() ? ringSlots[(int)head & ringMask] : heap[0];
    }

    /** @return the earliest deadline; call only when not empty. */
    long peekDeadline()
    {
        return ringFirst() ? ringDeadlines[(int)head & ringMask] : deadlines[0];
    }

    /**
     * @param slot       a slot not held.
     * @param deadline   its deadline.
     * @param tieBreaker orders equal deadlines: the smaller first.
     */
    void add(final int slot, final long deadline, final long tieBreaker)
    {
        if (tail - head > ringMask)
        {
            // full: a hold left open at the head keeps the removed entries behind it. It moves to the heap (the
            // order is kept: the heap is ordered too), and the ring's head moves past them, once each
            final int index = (int)head & ringMask;
            final int held = ringSlots[index];
            ringIndexOf[held] = ABSENT;
            ringSlots[index] = ABSENT;
            ringLive--;
            heapAdd(held, ringDeadlines[index], ringTieBreakers[index]);
            skipRemoved();
        }
        final int last = (int)(tail - 1) & ringMask;
        if (tail == head || !before(deadline, tieBreaker, ringDeadlines[last], ringTieBreakers[last]))
        {
            final int index = (int)tail++ & ringMask;
            ringSlots[index] = slot;
            ringDeadlines[index] = deadline;
            ringTieBreakers[index] = tieBreaker;
            ringIndexOf[slot] = index;
            ringLive++;
            return;
        }
        heapAdd(slot, deadline, tieBreaker);
    }

    private void heapAdd(final int slot, final long deadline, final long tieBreaker)
    {
        final int index = size++;
        heap[index] = slot;
        deadlines[index] = deadline;
        tieBreakers[index] = tieBreaker;
        positionOf[slot] = index;
        siftUp(index);
    }

    /** Keeps the ring's head on a live entry, so that peeking is one read; each entry is skipped once. */
    private void skipRemoved()
    {
        while (head != tail && ringSlots[(int)head & ringMask] == ABSENT)
        {
            head++;
        }
    }

    /** Removes the slot if it is held. */
    void remove(final int slot)
    {
        final int ringIndex = ringIndexOf[slot];
        if (ringIndex != ABSENT)
        {
            ringIndexOf[slot] = ABSENT;
            ringSlots[ringIndex] = ABSENT;
            ringLive--;
            skipRemoved();
            return;
        }
        final int index = positionOf[slot];
        if (index < 0)
        {
            return;
        }
        size--;
        positionOf[slot] = ABSENT;
        if (index == size)
        {
            return;
        }
        move(size, index);
        siftDown(siftUp(index));
    }

    /** Moves a held slot to a new deadline (its tie-breaker stays). */
    void update(final int slot, final long deadline)
    {
        final int ringIndex = ringIndexOf[slot];
        if (ringIndex != ABSENT)
        {
            final long tieBreaker = ringTieBreakers[ringIndex];
            remove(slot);
            add(slot, deadline, tieBreaker);
            return;
        }
        final int index = positionOf[slot];
        deadlines[index] = deadline;
        siftDown(siftUp(index));
    }

    /** @return true when the earliest hold is the ring's head rather than the heap's root. */
    private boolean ringFirst()
    {
        if (ringLive == 0)
        {
            return false;
        }
        final int index = (int)head & ringMask;
        return size == 0 || before(ringDeadlines[index], ringTieBreakers[index], deadlines[0], tieBreakers[0]);
    }

    private static boolean before(
        final long deadline, final long tieBreaker, final long otherDeadline, final long otherTieBreaker)
    {
        return deadline < otherDeadline || (deadline == otherDeadline && tieBreaker < otherTieBreaker);
    }

    private boolean less(final int a, final int b)
    {
        return before(deadlines[a], tieBreakers[a], deadlines[b], tieBreakers[b]);
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
