package io.omnistock.engine.state;

import io.omnistock.api.Limits;
import io.omnistock.engine.EngineConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link KeyIndex}: byte keys to dense values, open addressing with linear probing and backward-shift deletion.
 * Colliding keys are found by searching for ids whose stable hash lands on the same home slot, so the probe chains
 * under test are real ones; a seeded random sequence compares the index with a {@link HashMap}.
 */
class KeyIndexTest
{
    private static final long SEED = 0x5EED_0001L;

    @Test
    void shouldMapKeysToTheirValuesAndAnswerMinusOneWhenAbsent()
    {
        final KeyIndex index = new KeyIndex(4);

        index.put(key("sku-1"), 2);
        index.put(key("sku-2"), 0);

        assertEquals(2, index.get(key("sku-1")));
        assertEquals(0, index.get(key("sku-2")));
        assertEquals(-1, index.get(key("sku-3")));
        assertEquals(-1, index.get(key("")));
        assertEquals(2, index.size());
        assertEquals(4, index.capacity());
    }

    @Test
    void shouldFindStoredKeysOnlyOnceIndexedAndForgetEveryKeyWhenTheTableIsCleared()
    {
        final KeyIndex index = new KeyIndex(4);
        index.put(key("old"), 0);
        final AsciiKey stored = key("stored");
        index.store(stored.bytes(), 0, stored.length(), 1);

        assertEquals(-1, index.get(key("stored")), "stored, not indexed");
        assertEquals("stored", index.keyOf(1, new AsciiKey()).toString());
        assertEquals(stored.hash(), index.storedHash(1));
        assertEquals(1, index.size());

        index.clearTable();
        assertEquals(-1, index.get(key("old")));
        assertEquals(0, index.size());
        index.indexStored(1);
        index.indexStored(0);
        assertEquals(1, index.get(key("stored")));
        assertEquals(0, index.get(key("old")));
        assertEquals(stored.hash(), index.hashOf(1));
        index.removeValue(1);
        assertEquals(-1, index.get(key("stored")));
        assertEquals(0, index.get(key("old")));
    }

    @Test
    void shouldFindKeysByCharSequenceAsByBytes()
    {
        final KeyIndex index = new KeyIndex(4);
        index.put(key("store-12"), 1);
        index.put(key("x".repeat(Limits.ID_LENGTH_MAX)), 3);

        assertEquals(1, index.get("store-12"));
        assertEquals(1, index.get(new StringBuilder("store-").append(12)));
        assertEquals(3, index.get("x".repeat(Limits.ID_LENGTH_MAX)));
        assertEquals(-1, index.get("store-1"));
        assertEquals(-1, index.get("store-123"));
        assertEquals(-1, index.get((CharSequence)null));
        assertEquals(-1, index.get(""));
        assertEquals(-1, index.get("x".repeat(Limits.ID_LENGTH_MAX + 1)));
        assertEquals(-1, index.get("store-1\u00b2"));
    }

    @Test
    void shouldHoldExactlyItsCapacity()
    {
        for (final int capacity : new int[] {1, 2, 3, 7, 8, 100, 1_000})
        {
            final KeyIndex index = new KeyIndex(capacity);

            for (int value = 0; value < capacity; value++)
            {
                index.put(key("id-" + value), value);
            }

            assertEquals(capacity, index.size());
            for (int value = 0; value < capacity; value++)
            {
                assertEquals(value, index.get(key("id-" + value)), "capacity " + capacity);
                assertEquals(value, index.get("id-" + value), "capacity " + capacity);
            }
            assertEquals(-1, index.get(key("id-" + capacity)));
        }
    }

    @Test
    void shouldKeepEveryKeyOfACollisionChainReachableWhileRemovingAnyOfThem()
    {
        final int capacity = 8;
        final List<String> chain = idsWithHome(capacity, 3, 5);
        for (int removed = 0; removed < chain.size(); removed++)
        {
            final KeyIndex index = new KeyIndex(capacity);
            for (int value = 0; value < chain.size(); value++)
            {
                index.put(key(chain.get(value)), value);
            }

            index.removeValue(removed);

            assertEquals(chain.size() - 1, index.size());
            for (int value = 0; value < chain.size(); value++)
            {
                assertEquals(value == removed ? -1 : value, index.get(key(chain.get(value))), "removed " + removed);
            }
        }
    }

    @Test
    void shouldKeepProbeChainsThatWrapAroundTheEndOfTheTableReachable()
    {
        final int capacity = 8;
        final int lastSlot = tableSize(capacity) - 1;
        final List<String> wrapping = idsWithHome(capacity, lastSlot, 3);
        final String homeAtZero = idsWithHome(capacity, 0, 1).get(0);
        final KeyIndex index = new KeyIndex(capacity);
        index.put(key(wrapping.get(0)), 0);
        index.put(key(wrapping.get(1)), 1);
        index.put(key(wrapping.get(2)), 2);
        index.put(key(homeAtZero), 3);

        index.removeValue(0);

        assertEquals(-1, index.get(key(wrapping.get(0))));
        assertEquals(1, index.get(key(wrapping.get(1))));
        assertEquals(2, index.get(key(wrapping.get(2))));
        assertEquals(3, index.get(key(homeAtZero)));

        index.removeValue(2);

        assertEquals(1, index.get(key(wrapping.get(1))));
        assertEquals(-1, index.get(key(wrapping.get(2))));
        assertEquals(3, index.get(key(homeAtZero)));
        assertEquals(2, index.size());
    }

    @Test
    void shouldReuseAValueForAnotherKeyAfterRemoval()
    {
        final KeyIndex index = new KeyIndex(2);
        index.put(key("order-1"), 0);
        index.put(key("order-2"), 1);

        index.removeValue(0);
        index.put(key("order-3"), 0);

        assertEquals(-1, index.get(key("order-1")));
        assertEquals(0, index.get(key("order-3")));
        assertEquals(1, index.get(key("order-2")));
        assertEquals("order-3", index.keyOf(0, new AsciiKey()).toString());
        assertEquals(AsciiKey.computeHash("order-3"), index.hashOf(0));
        assertEquals(2, index.size());
    }

    @Test
    void shouldCopyKeyOutAndExposeItsStableHash()
    {
        final KeyIndex index = new KeyIndex(3);
        index.put(key("web"), 2);
        final AsciiKey target = new AsciiKey().set("something-longer");

        final AsciiKey copied = index.keyOf(2, target);

        assertEquals("web", copied.toString());
        assertEquals(key("web").hash(), copied.hash());
        assertEquals(key("web").hash(), index.hashOf(2));
        assertEquals(AsciiKey.computeHash("web"), index.hashOf(2));
    }

    @Test
    void shouldAgreeWithAHashMapOverASeededSequenceOfPutsAndRemovals()
    {
        final int capacity = 32;
        final Random random = new Random(SEED);
        final KeyIndex index = new KeyIndex(capacity);
        final Map<String, Integer> model = new HashMap<>();
        final Deque<Integer> freeValues = new ArrayDeque<>();
        for (int value = 0; value < capacity; value++)
        {
            freeValues.add(value);
        }

        for (int step = 0; step < 20_000; step++)
        {
            final String id = "key-" + random.nextInt(3 * capacity);
            final Integer present = model.get(id);
            if (present != null && random.nextBoolean())
            {
                index.removeValue(present);
                model.remove(id);
                freeValues.add(present);
            }
            else if (present == null && !freeValues.isEmpty())
            {
                final int value = freeValues.poll();
                index.put(key(id), value);
                model.put(id, value);
            }
            final String context = "seed " + SEED + " step " + step;
            assertEquals(model.size(), index.size(), context);
            if (step % 97 == 0)
            {
                for (int i = 0; i < 3 * capacity; i++)
                {
                    assertEquals(model.getOrDefault("key-" + i, -1), index.get(key("key-" + i)), context);
                }
            }
            else
            {
                assertEquals(model.getOrDefault(id, -1), index.get(id), context);
            }
        }
    }

    @Test
    void shouldFindPackedKeysOfEveryLengthAcrossChunkBoundariesAsAFixedIndexDoes()
    {
        // 64 KiB chunks: 3,000 keys of 1 to 64 bytes fill about three of them, so keys land at chunk ends
        final int capacity = 3_000;
        final KeyIndex packed = KeyIndex.packed(capacity);
        final KeyIndex fixed = new KeyIndex(capacity);
        final List<String> ids = new ArrayList<>();
        final Random random = new Random(SEED);
        for (int value = 0; value < capacity; value++)
        {
            final StringBuilder id = new StringBuilder("k" + value + "-");
            final int length = 1 + random.nextInt(Limits.ID_LENGTH_MAX);
            while (id.length() < length)
            {
                id.append((char)('a' + random.nextInt(26)));
            }
            id.setLength(Math.min(id.length(), Limits.ID_LENGTH_MAX));
            ids.add(id.toString());
            packed.put(key(id.toString()), value);
            fixed.put(key(id.toString()), value);
        }

        final AsciiKey target = new AsciiKey();
        for (int value = 0; value < capacity; value++)
        {
            final String id = ids.get(value);
            assertEquals(value, packed.get(key(id)), id);
            assertEquals(value, packed.get((CharSequence)id), id);
            assertEquals(id, packed.keyOf(value, target).toString());
            assertEquals(fixed.hashOf(value), packed.hashOf(value), "the hash of " + id);
            assertEquals(fixed.storedHash(value), packed.storedHash(value));
        }
        assertEquals(-1, packed.get(key("k0-")), "a prefix of a stored key");
        final String shortId = ids.stream().filter(id -> id.length() < Limits.ID_LENGTH_MAX).findFirst().orElseThrow();
        assertEquals(-1, packed.get(key(shortId + "x")), "a stored key and one more byte");
        assertEquals(capacity, packed.size());

        packed.clearTable();
        assertEquals(-1, packed.get(key(ids.get(5))));
        packed.indexStored(5);
        assertEquals(5, packed.get(key(ids.get(5))), "the key is still stored after the table is cleared");
    }

    @Test
    void shouldRefuseToStoreAPackedKeyOutOfOrderOrToForgetOne()
    {
        final KeyIndex packed = KeyIndex.packed(4);
        packed.put(key("a"), 0);

        assertThrows(IllegalStateException.class, () -> packed.put(key("c"), 2), "value 1 comes first");
        assertThrows(IllegalStateException.class, () -> packed.put(key("b"), 0), "value 0 is stored");
        assertThrows(UnsupportedOperationException.class, () -> packed.removeValue(0));
        assertEquals(-1, packed.get(key("c")), "a refused put leaves nothing behind");
        packed.put(key("b"), 1);
        assertEquals(1, packed.get(key("b")));
        assertEquals(0, packed.get(key("a")));
    }

    @Test
    void shouldRejectCapacityOutsideOneToTwoToThe29()
    {
        assertThrows(IllegalArgumentException.class, () -> new KeyIndex(0));
        assertThrows(IllegalArgumentException.class, () -> new KeyIndex(-1));
        assertThrows(IllegalArgumentException.class, () -> new KeyIndex((1 << 29) + 1));
    }

    @Test
    void shouldRejectCapacityWhoseKeyArenaCannotBeAllocatedBeforeAllocatingAnything()
    {
        assertThrows(IllegalArgumentException.class, () -> new KeyIndex(1 << 25));
        assertThrows(IllegalArgumentException.class,
            () -> EngineConfig.defaults().idempotencyCapacity(1 << 25).validate());
        assertThrows(IllegalArgumentException.class,
            () -> EngineConfig.defaults().reservationCapacity(1 << 25).linesPerReservationMax(1).validate());
    }

    private static AsciiKey key(final String id)
    {
        return new AsciiKey().set(id);
    }

    /** The table size the index uses: the power of two at least twice the capacity. */
    private static int tableSize(final int capacity)
    {
        return Integer.highestOneBit(capacity * 2 - 1) << 1;
    }

    /** Searches ids "c-0", "c-1", ... for ones whose hash has the given home slot in a table for the capacity. */
    private static List<String> idsWithHome(final int capacity, final int home, final int count)
    {
        final int mask = tableSize(capacity) - 1;
        final List<String> ids = new ArrayList<>();
        for (int i = 0; ids.size() < count; i++)
        {
            final String id = "c-" + i;
            if (((int)AsciiKey.computeHash(id) & mask) == home)
            {
                ids.add(id);
            }
        }
        return ids;
    }
}
