package io.omnistock.engine.state;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ExpiryHeap}: an indexed min-heap of reservation slots, each entry carrying its deadline and tie-breaker,
 * ordered by deadline, then by tie-breaker (the sequence of the event that created the hold), so that
 * expiries fire in one deterministic order. Removal of any member and re-ordering after a deadline moves are
 * checked directly and against a sorted model on a seeded random sequence.
 */
class ExpiryHeapTest
{
    private static final int SLOTS = 64;
    private static final long SEED = 0x5EED_0002L;

    private final long[] deadlines = new long[SLOTS];
    private final long[] tieBreakers = new long[SLOTS];
    private final ExpiryHeap heap = new ExpiryHeap(SLOTS);

    @Test
    void shouldStartEmpty()
    {
        assertEquals(0, heap.size());
    }

    @Test
    void shouldPeekTheEarliestDeadline()
    {
        hold(0, 500, 1);
        hold(1, 100, 2);
        hold(2, 300, 3);

        assertEquals(3, heap.size());
        assertEquals(1, heap.peek());
        assertEquals(100, heap.peekDeadline());
    }

    @Test
    void shouldDrainInDeadlineOrder()
    {
        hold(4, 40, 1);
        hold(2, 20, 2);
        hold(7, 70, 3);
        hold(1, 10, 4);
        hold(5, 50, 5);

        assertEquals(List.of(1, 2, 4, 5, 7), drain());
        assertEquals(0, heap.size());
    }

    @Test
    void shouldBreakEqualDeadlinesByTieBreaker()
    {
        hold(0, 100, 30);
        hold(1, 100, 10);
        hold(2, 100, 20);
        hold(3, 50, 40);

        assertEquals(List.of(3, 1, 2, 0), drain());
    }

    @Test
    void shouldRemoveTheRootAMiddleMemberOrTheLastOne()
    {
        for (int slot = 0; slot < 7; slot++)
        {
            hold(slot, 10 * (slot + 1), slot);
        }

        heap.remove(0);
        heap.remove(3);
        heap.remove(6);

        assertEquals(4, heap.size());
        assertEquals(List.of(1, 2, 4, 5), drain());
    }

    @Test
    void shouldIgnoreRemovalOfASlotThatIsNotHeld()
    {
        hold(0, 10, 1);
        hold(1, 20, 2);

        heap.remove(5);
        heap.remove(0);
        heap.remove(0);

        assertEquals(1, heap.size());
        assertEquals(List.of(1), drain());
    }

    @Test
    void shouldReorderWhenADeadlineMovesLaterOrEarlier()
    {
        hold(0, 10, 1);
        hold(1, 20, 2);
        hold(2, 30, 3);

        deadlines[0] = 40;
        heap.update(0, deadlines[0]);

        assertEquals(1, heap.peek());

        deadlines[2] = 5;
        heap.update(2, deadlines[2]);

        assertEquals(List.of(2, 1, 0), drain());
    }

    @Test
    void shouldHoldASlotAgainAfterItWasRemoved()
    {
        hold(0, 10, 1);
        hold(1, 20, 2);
        heap.remove(0);

        hold(0, 30, 3);

        assertEquals(List.of(1, 0), drain());
    }

    @Test
    void shouldHoldEverySlotAtOnce()
    {
        for (int slot = 0; slot < SLOTS; slot++)
        {
            hold(slot, SLOTS - slot, slot);
        }

        assertEquals(SLOTS, heap.size());
        final List<Integer> order = drain();
        for (int i = 0; i < SLOTS; i++)
        {
            assertEquals(SLOTS - 1 - i, order.get(i));
        }
    }

    @Test
    void shouldAgreeWithASortedModelOverASeededSequenceOfOperations()
    {
        final Random random = new Random(SEED);
        final Comparator<Integer> order = Comparator.<Integer>comparingLong(slot -> deadlines[slot])
            .thenComparingLong(slot -> tieBreakers[slot]);
        final TreeSet<Integer> model = new TreeSet<>(order);
        long sequence = 0;

        for (int step = 0; step < 20_000; step++)
        {
            final int slot = random.nextInt(SLOTS);
            final String context = "seed " + SEED + " step " + step;
            if (!model.contains(slot))
            {
                hold(slot, random.nextInt(50), ++sequence);
                model.add(slot);
            }
            else if (random.nextInt(3) == 0)
            {
                model.remove(slot);
                deadlines[slot] = random.nextInt(50);
                heap.update(slot, deadlines[slot]);
                model.add(slot);
            }
            else
            {
                heap.remove(slot);
                model.remove(slot);
            }
            assertEquals(model.size(), heap.size(), context);
            if (!model.isEmpty())
            {
                assertEquals(model.first(), heap.peek(), context);
            }
        }
        assertEquals(new ArrayList<>(model), drain(), "seed " + SEED);
    }

    private void hold(final int slot, final long deadlineMs, final long tieBreaker)
    {
        deadlines[slot] = deadlineMs;
        tieBreakers[slot] = tieBreaker;
        heap.add(slot, deadlineMs, tieBreaker);
    }

    private List<Integer> drain()
    {
        final List<Integer> order = new ArrayList<>();
        while (heap.size() > 0)
        {
            final int slot = heap.peek();
            order.add(slot);
            heap.remove(slot);
        }
        return order;
    }
}
