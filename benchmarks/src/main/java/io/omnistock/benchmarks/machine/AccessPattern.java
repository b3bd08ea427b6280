package io.omnistock.benchmarks.machine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which positions a benchmark touches, as a precomputed, seeded sequence of position numbers, so that the
 * measured code draws no random numbers and every run touches the same positions in the same order.
 *
 * <p>A position number {@code p} names SKU {@code p / locations} at location {@code p % locations} (see
 * {@link MachineFixture}). Sequences are {@link #SEQUENCE_LENGTH} long, a power of 2, read round robin.
 */
public enum AccessPattern
{
    /** Every position equally likely. */
    UNIFORM
    {
        @Override
        public int[] sequence(final int positions, final int groupSize, final long seed)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int[] sequence = new int[SEQUENCE_LENGTH];
            for (int i = 0; i < SEQUENCE_LENGTH; i++)
            {
                int position = random.nextInt(positions);
                while (repeatsInGroup(sequence, i, groupSize, position))
                {
                    position = random.nextInt(positions);
                }
                sequence[i] = position;
            }
            return sequence;
        }
    },

    /**
     * Zipf-skewed popularity with exponent {@link #ZIPF_EXPONENT} (YCSB's default): the rank-k position is drawn
     * with probability proportional to {@code 1 / k^0.99}. Ranks are mapped to positions by a seeded shuffle, so
     * the popular positions are scattered over SKUs, locations and memory as real best sellers are.
     */
    ZIPF
    {
        @Override
        public int[] sequence(final int positions, final int groupSize, final long seed)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final double[] cumulative = new double[positions];
            double total = 0;
            for (int rank = 0; rank < positions; rank++)
            {
                total += 1.0 / Math.pow(rank + 1, ZIPF_EXPONENT);
                cumulative[rank] = total;
            }
            final int[] positionOfRank = shuffledIdentity(positions, random);
            final int[] sequence = new int[SEQUENCE_LENGTH];
            for (int i = 0; i < SEQUENCE_LENGTH; i++)
            {
                int position = positionOfRank[rankOf(cumulative, random.nextDouble() * total)];
                while (repeatsInGroup(sequence, i, groupSize, position))
                {
                    position = positionOfRank[rankOf(cumulative, random.nextDouble() * total)];
                }
                sequence[i] = position;
            }
            return sequence;
        }
    },

    /** One hot SKU at one location (a flash sale): every entry is {@link #HOT_POSITION}. */
    HOT
    {
        @Override
        public int[] sequence(final int positions, final int groupSize, final long seed)
        {
            if (groupSize != 1)
            {
                throw new IllegalArgumentException("a hot position cannot fill distinct groups of " + groupSize);
            }
            final int[] sequence = new int[SEQUENCE_LENGTH];
            Arrays.fill(sequence, HOT_POSITION);
            return sequence;
        }
    };

    /** Entries in every sequence: a power of 2, 16 MiB of ints, far more than any cache. */
    public static final int SEQUENCE_LENGTH = 1 << 22;
    /** Mask that wraps an index into a sequence. */
    static final int SEQUENCE_MASK = SEQUENCE_LENGTH - 1;
    /** The seed every benchmark uses unless it needs a second, independent sequence. */
    public static final long SEED = 20_260_401L;
    /** The Zipf exponent. */
    public static final double ZIPF_EXPONENT = 0.99;
    /** The hot position: SKU 0 at location 2, a store that all three channels of the fixture see. */
    public static final int HOT_POSITION = 2;

    /**
     * Builds the sequence.
     *
     * @param positions the number of positions, numbered {@code 0..positions-1}.
     * @param groupSize consecutive, aligned groups of this many entries hold distinct positions (the lines of one
     *                  multi-line reservation); 1 for no constraint. Must divide {@link #SEQUENCE_LENGTH}.
     * @param seed      the random seed.
     * @return {@link #SEQUENCE_LENGTH} position numbers.
     */
    public abstract int[] sequence(int positions, int groupSize, long seed);

    private static boolean repeatsInGroup(
        final int[] sequence, final int index, final int groupSize, final int position)
    {
        for (int j = index - index % groupSize; j < index; j++)
        {
            if (sequence[j] == position)
            {
                return true;
            }
        }
        return false;
    }

    private static int[] shuffledIdentity(final int count, final SplittableRandom random)
    {
        final int[] values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = i;
        }
        for (int i = count - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }

    private static int rankOf(final double[] cumulative, final double draw)
    {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high)
        {
            final int middle = (low + high) >>> 1;
            if (cumulative[middle] < draw)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
