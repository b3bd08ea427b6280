package io.omnistock.engine.state;

/**
 * Hands out record slots {@code 0..capacity-1}: never-used slots first (lowest first), then the oldest retired
 * ones. A retired slot keeps its record (a released reservation can still answer "released") until it is
 * handed out again. Preallocated; no allocation after construction.
 */
final class SlotPool
{
    private final int capacity;
    private int nextUnused;
    private final int[] retired;
    private int retiredHead;
    private int retiredCount;

    SlotPool(final int capacity)
    {
        this.capacity = capacity;
        this.retired = new int[capacity];
    }

    /** @return true when a slot can be acquired. */
    boolean hasSpace()
    {
        return nextUnused < capacity || retiredCount > 0;
    }

    /** @return true when the next acquire would recycle a retired slot. */
    boolean nextIsRecycled()
    {
        return nextUnused >= capacity && retiredCount > 0;
    }

    /** @return the retired slot the next acquire would recycle; call only when {@link #nextIsRecycled()}. */
    int peekRetired()
    {
        return retired[retiredHead];
    }

    /**
     * @param ahead how many acquisitions from now, 0 for the next.
     * @return the slot that acquisition would recycle, or -1 when it would take an unused slot or none is retired.
     */
    int peekRetired(final int ahead)
    {
        final int unused = Math.max(0, capacity - nextUnused);
        final int k = ahead - unused;
        return ahead < unused || k >= retiredCount ? -1 : retired[wrap(retiredHead + k)];
    }

    /** @return the next slot; call only when {@link #hasSpace()}. */
    int acquire()
    {
        if (nextUnused < capacity)
        {
            return nextUnused++;
        }
        final int slot = retired[retiredHead];
        retiredHead = wrap(retiredHead + 1);
        retiredCount--;
        return slot;
    }

    /** @param slot a slot whose record is finished but may still be looked up. */
    void retire(final int slot)
    {
        retired[wrap(retiredHead + retiredCount)] = slot;
        retiredCount++;
    }

    /** @return {@code index % capacity} for an index below twice the capacity, without a division. */
    private int wrap(final int index)
    {
        return index >= capacity ? index - capacity : index;
    }

    /** @return the number of slots ever used (records at {@code 0..used-1} may be live or retired). */
    int used()
    {
        return nextUnused;
    }

    /** @param out receives the pool's state, for a snapshot. */
    void writeTo(final SnapshotCursor out)
    {
        out.putInt(nextUnused).putInt(retiredCount);
        for (int i = 0; i < retiredCount; i++)
        {
            out.putInt(retired[wrap(retiredHead + i)]);
        }
    }

    /** @param in a snapshot positioned where {@link #writeTo} wrote; the pool must be fresh. */
    void readFrom(final SnapshotCursor in)
    {
        nextUnused = in.getInt();
        retiredHead = 0;
        retiredCount = in.getInt();
        for (int i = 0; i < retiredCount; i++)
        {
            retired[i] = in.getInt();
        }
    }
}
