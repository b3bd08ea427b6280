package io.omnistock.engine.state;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ExpiryHeap}: a FIFO ring beside an indexed min-heap of reservation slots, each entry carrying its
 * deadline and tie-breaker, ordered by deadline, then by tie-breaker (the sequence of the event that created the hold), so that
 * expiries fire in one deterministic order. Removal of any member and re-ordering after a deadline moves are
 * checked directly and against a sorted model on seeded random sequences: one of random deadlines (nearly all
 * holds go to the heap part), one of deadlines that mostly rise as holds are made, as they do in production
 * (nearly all go to the ring part, which fills with removed entries behind a long hold and then overflows to the
 * heap).
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
    void shouldFireInOrderWhenAHoldArrivesBeforeTheLastOneAppended()
    {
        hold(0, 100, 1);
        hold(1, 200, 2);
        hold(2, 150, 3);
        hold(3, 200, 4);
        hold(4, 200, 0);

        assertEquals(List.of(0, 2, 4, 1, 3), drain());
    }

    @Test
    void shouldKeepOrderWhenTheRingFillsBehindALongHold()
    {
        hold(0, 10, 0);
        for (int i = 1; i < 3 * SLOTS; i++)
        {
            final int slot = 1 + i % (SLOTS - 1);
            if (i >= SLOTS - 1)
            {
                heap.remove(slot);
            }
            hold(slot, 10 + i, i);
        }

        assertEquals(SLOTS, heap.size());
        final List<Integer> order = drain();
        assertEquals(0, order.get(0));
        for (int i = 1; i < SLOTS; i++)
        {
            assertTrue(deadlines[order.get(i - 1)] < deadlines[order.get(i)], "order " + order);
        }
    }

    @Test
    void shouldAgreeWithASortedModelWhenDeadlinesMostlyRise()
    {
        final Random random = new Random(SEED + 1);
        final TreeSet<Integer> model = sortedModel();
        long sequence = 0;

        for (int step = 0; step < 50_000; step++)
        {
            final long now = step / 4;
            final int slot = random.nextInt(SLOTS);
            if (!model.contains(slot))
            {
                // one hold time nearly always; now and then a shorter one, which sorts before holds already made
                hold(model, slot, now + (random.nextInt(20) == 0 ? random.nextInt(30) : 30), ++sequence);
            }
            else if (random.nextInt(10) == 0)
            {
                move(model, slot, now + random.nextInt(60));
            }
            else
            {
                // mostly the earliest hold goes (expiry or release of the oldest cart), sometimes any
                remove(model, random.nextInt(8) != 0 ? model.first() : slot);
            }
            assertAgrees(model, "seed " + (SEED + 1) + " step " + step);
        }
        assertEquals(new ArrayList<>(model), drain(), "seed " + (SEED + 1));
    }

    @Test
    void shouldAgreeWithASortedModelOverASeededSequenceOfOperations()
    {
        final Random random = new Random(SEED);
        final TreeSet<Integer> model = sortedModel();
        long sequence = 0;

        for (int step = 0; step < 20_000; step++)
        {
            final int slot = random.nextInt(SLOTS);
            if (!model.contains(slot))
            {
                hold(model, slot, random.nextInt(50), ++sequence);
            }
            else if (random.nextInt(3) == 0)
            {
                move(model, slot, random.nextInt(50));
            }
            else
            {
                remove(model, slot);
            }
            assertAgrees(model, "seed " + SEED + " step " + step);
        }
        assertEquals(new ArrayList<>(model), drain(), "seed " + SEED);
    }

    /** @return an empty model of the held slots, in expiry order. */
    private TreeSet<Integer> sortedModel()
    {
        return new TreeSet<>(Comparator.<Integer>comparingLong(slot -> deadlines[slot])
            .thenComparingLong(slot -> tieBreakers[slot]));
    }

    private void hold(final TreeSet<Integer> model, final int slot, final long deadlineMs, final long tieBreaker)
    {
        hold(slot, deadlineMs, tieBreaker);
        model.add(slot);
    }

    private void move(final TreeSet<Integer> model, final int slot, final long deadlineMs)
    {
        model.remove(slot);
        deadlines[slot] = deadlineMs;
        heap.update(slot, deadlineMs);
        model.add(slot);
    }

    private void remove(final TreeSet<Integer> model, final int slot)
    {
        heap.remove(slot);
        model.remove(slot);
    }

    private void assertAgrees(final TreeSet<Integer> model, final String context)
    {
        assertEquals(model.size(), heap.size(), context);
        if (!model.isEmpty())
        {
            assertEquals(model.first(), heap.peek(), context);
            assertEquals(deadlines[model.first()], heap.peekDeadline(), context);
        }
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
