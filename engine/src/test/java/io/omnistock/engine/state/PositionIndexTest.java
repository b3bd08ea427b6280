package io.omnistock.engine.state;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link PositionIndex}: (SKU, location) pairs to position numbers, confirmed against the key field of the state
 * machine's own position records (here 4 longs per record, the key in field 1). A seeded random fill compares it
 * with a {@link HashMap}.
 */
class PositionIndexTest
{
    private static final long SEED = 0x5EED_0002L;
    private static final int STRIDE = 4;
    private static final int KEY_FIELD = 1;

    @Test
    void shouldFindEachPositionByItsSkuAndLocationAndAnswerMinusOneOtherwise()
    {
        final long[] records = new long[4 * STRIDE];
        final PositionIndex index = new PositionIndex(records, 0, STRIDE, KEY_FIELD);

        add(index, records, 0, 7, 3);
        add(index, records, 1, 3, 7);
        add(index, records, 2, 0, 0);

        assertEquals(0, index.get(7, 3));
        assertEquals(1, index.get(3, 7));
        assertEquals(2, index.get(0, 0));
        assertEquals(-1, index.get(7, 7));
        assertEquals(-1, index.get(3, 3));
        assertEquals(-1, index.get(0, 1));
    }

    @Test
    void shouldHoldExactlyItsCapacityWithEveryPositionReachable()
    {
        for (final int capacity : new int[] {1, 2, 3, 8, 1_000})
        {
            final long[] records = new long[capacity * STRIDE];
            final PositionIndex index = new PositionIndex(records, 0, STRIDE, KEY_FIELD);

            for (int position = 0; position < capacity; position++)
            {
                add(index, records, position, position / 3, position % 3);
            }

            for (int position = 0; position < capacity; position++)
            {
                assertEquals(position, index.get(position / 3, position % 3), "capacity " + capacity);
            }
            assertEquals(-1, index.get(capacity, 0), "capacity " + capacity);
        }
    }

    @Test
    void shouldSizeItsTableAtFourThirdsOfItsCapacityNotAtThePowerOfTwoAbove()
    {
        for (final int capacity : new int[] {1, 3, 1_000, 1_000_000})
        {
            final PositionIndex index = new PositionIndex(new long[capacity * STRIDE], 0, STRIDE, KEY_FIELD);
            assertEquals(Math.max(2, (capacity * 4L + 2) / 3), index.tableLength(), "capacity " + capacity);
        }
    }

    @Test
    void shouldAgreeWithAHashMapOverASeededFill()
    {
        final int capacity = 5_000;
        final Random random = new Random(SEED);
        final long[] records = new long[capacity * STRIDE];
        final PositionIndex index = new PositionIndex(records, 0, STRIDE, KEY_FIELD);
        final Map<Long, Integer> model = new HashMap<>();

        int count = 0;
        while (count < capacity)
        {
            final int sku = random.nextInt(2_000);
            final int location = random.nextInt(65_535);
            final long key = ((long)sku << 32) | location;
            if (!model.containsKey(key))
            {
                add(index, records, count, sku, location);
                model.put(key, count++);
            }
            final int probeSku = random.nextInt(2_000);
            final int probeLocation = random.nextInt(65_535);
            assertEquals(model.getOrDefault(((long)probeSku << 32) | probeLocation, -1),
                index.get(probeSku, probeLocation), "seed " + SEED + " after " + count);
        }
        for (final Map.Entry<Long, Integer> entry : model.entrySet())
        {
            assertEquals(entry.getValue(), index.get((int)(entry.getKey() >>> 32), (int)(long)entry.getKey()));
        }
    }

    @Test
    void shouldConfirmEveryCandidateAgainstTheRecordsWhenSlotsKeepFewOrNoHashBits()
    {
        for (final int positionBits : new int[] {28, 31, 32})
        {
            final int capacity = 3_000;
            final long[] records = new long[capacity * STRIDE];
            final PositionIndex index = new PositionIndex(records, 0, STRIDE, KEY_FIELD, positionBits);
            for (int position = 0; position < capacity; position++)
            {
                add(index, records, position, position % 97, position / 97);
            }

            for (int position = 0; position < capacity; position++)
            {
                assertEquals(position, index.get(position % 97, position / 97), positionBits + " position bits");
            }
            assertEquals(-1, index.get(96, 31), "absent, " + positionBits + " position bits");
            assertEquals(-1, index.get(97, 0), "absent, " + positionBits + " position bits");
        }
        assertThrows(IllegalArgumentException.class, () -> new PositionIndex(new long[STRIDE], 0, STRIDE, KEY_FIELD, 33));
    }

    @Test
    void shouldRejectRecordsThatDoNotDescribeOneKeyPerPosition()
    {
        assertThrows(IllegalArgumentException.class, () -> new PositionIndex(new long[0], 0, STRIDE, KEY_FIELD));
        assertThrows(IllegalArgumentException.class, () -> new PositionIndex(new long[12], 0, 3, KEY_FIELD));
        assertThrows(IllegalArgumentException.class, () -> new PositionIndex(new long[12], 0, STRIDE, STRIDE));
        assertThrows(IllegalArgumentException.class, () -> new PositionIndex(new long[12], 13, STRIDE, KEY_FIELD));
        assertThrows(IllegalArgumentException.class, () -> new PositionIndex(new long[12], 12, STRIDE, KEY_FIELD));
    }

    private static void add(
        final PositionIndex index, final long[] records, final int position, final int sku, final int location)
    {
        records[position * STRIDE + KEY_FIELD] = ((long)sku << 32) | location;
        index.add(position);
    }
}
