package io.omnistock.engine.routing;

import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.routing.Sourcing;
import io.omnistock.api.routing.SourcingPolicy;

/**
 * The built-in policies of {@link Routing}: filter the candidates, rank them, then serve whole lines (per line
 * or fewest shipments), split what no single location can serve if allowed, and refuse the first line left.
 * Scratch arrays are sized in {@link #prepare} (or grown on first use), so a call allocates nothing.
 */
final class StandardRouting implements SourcingPolicy
{
    private static final int INDEX_BITS = 16;
    private static final int DISTANCE_SHIFT = 12;

    private final Routing.Rank rank;
    private final boolean fewestShipments;
    private final boolean splits;
    private final Routing.Pickup pickup;
    private final Routing.LocationFilter[] filters;

    private long[] heap = new long[0];
    private int heapSize;
    private int[] order = new int[0];
    private int ordered;
    private int count;
    private boolean[] open = new boolean[0];
    private long[] best = new long[0];

    StandardRouting(final Routing.Rank rank, final boolean fewestShipments, final boolean splits,
        final Routing.Pickup pickup, final Routing.LocationFilter[] filters)
    {
        this.rank = rank;
        this.fewestShipments = fewestShipments;
        this.splits = splits;
        this.pickup = pickup;
        this.filters = filters;
    }

    @Override
    public void prepare(final int locationCapacity, final int lineCapacity)
    {
        ensureCapacity(locationCapacity, lineCapacity);
    }

    private void ensureCapacity(final int locations, final int lines)
    {
        if (heap.length < locations)
        {
            heap = new long[locations];
            order = new int[locations];
        }
        if (open.length < lines)
        {
            open = new boolean[lines];
            best = new long[lines];
        }
    }

    @Override
    public void source(final Sourcing s)
    {
        ensureCapacity(s.candidateCount(), s.lineCount());
        rankCandidates(s);
        for (int line = 0; line < s.lineCount(); line++)
        {
            open[line] = s.namedLocation(line) < 0;
            best[line] = 0;
        }
        if (fewestShipments)
        {
            if (!serveAllAtOne(s))
            {
                serveMostLinesFirst(s);
            }
        }
        else
        {
            servePerLine(s);
        }
        int extraParts = 0;
        for (int line = 0; line < s.lineCount(); line++)
        {
            if (open[line] && splits && s.lineCount() + extraParts < s.lineCapacity())
            {
                extraParts += split(s, line, s.lineCapacity() - s.lineCount() - extraParts);
            }
            if (open[line])
            {
                refuse(s, line);
                return;
            }
        }
    }

    private boolean isPickupAtChosenStoreOnly(final Sourcing s)
    {
        return s.fulfilment() == FulfilmentType.PICKUP && s.pickupLocation() >= 0 && pickup == Routing.Pickup.CHOSEN_STORE_ONLY;
    }

    private void refuse(final Sourcing s, final int line)
    {
        if (isPickupAtChosenStoreOnly(s))
        {
            s.reject(line, ReasonCode.INSUFFICIENT_STOCK, s.available(line, s.pickupLocation()));
        }
        else
        {
            s.reject(line, ReasonCode.NO_SOURCING_LOCATION, best[line]);
        }
    }

    /** Fills {@link #order} with the locations that may serve, in the order they are tried. */
    private void rankCandidates(final Sourcing s)
    {
        final FulfilmentType fulfilment = s.fulfilment();
        final int needed = requiredCapability(fulfilment);
        final boolean storesOnly = fulfilment == FulfilmentType.SHIP_FROM_STORE;
        final int pickupStore = fulfilment == FulfilmentType.PICKUP ? s.pickupLocation() : -1;
        final boolean chosenOnly = isPickupAtChosenStoreOnly(s);
        count = 0;
        ordered = 0;
        heapSize = 0;
        for (int index = 0; index < s.candidateCount(); index++)
        {
            final int location = s.candidate(index);
            if (!LocationCapability.has(s.capabilities(location), needed) || storesOnly && !isStore(s.locationType(location)) ||
                chosenOnly && location != pickupStore || !passesFilters(s, location))
            {
                continue;
            }
            long primary = 0;
            if (pickupStore >= 0)
            {
                primary = location == pickupStore ? 0 : 1 + (s.distanceKey(location) >>> DISTANCE_SHIFT);
            }
            else if (rank == Routing.Rank.NEAREST)
            {
                primary = s.distanceKey(location) >>> DISTANCE_SHIFT;
            }
            final long key = primary << INDEX_BITS | index;
            if (primary == 0 && heapSize == 0)
            {
                order[ordered++] = location;
            }
            else
            {
                heap[heapSize++] = key;
            }
            count++;
        }
        for (int start = heapSize / 2 - 1; start >= 0; start--)
        {
            siftDown(heap, start, heapSize);
        }
    }

    /**
     * The i-th candidate in rank order. Candidates are ordered lazily: those already in order (the channel's own
     * order, under {@link Routing.Rank#PRIORITY}) are kept as they come; the rest sit in a min-heap and are
     * popped only as far as a caller looks, so finding the nearest location with stock does not sort all 500.
     */
    private int location(final Sourcing s, final int i)
    {
        while (ordered <= i)
        {
            final long top = heap[0];
            heap[0] = heap[--heapSize];
            siftDown(heap, 0, heapSize);
            order[ordered++] = s.candidate((int)(top & ((1 << INDEX_BITS) - 1)));
        }
        return order[i];
    }

    private boolean passesFilters(final Sourcing s, final int location)
    {
        for (final Routing.LocationFilter filter : filters)
        {
            if (!filter.accepts(s, location))
            {
                return false;
            }
        }
        return true;
    }

    private void servePerLine(final Sourcing s)
    {
        for (int line = 0; line < s.lineCount(); line++)
        {
            for (int i = 0; i < count && open[line]; i++)
            {
                serveWhole(s, line, location(s, i));
            }
        }
    }

    /** Takes the whole line at the location if it can serve it; remembers the best offer otherwise. */
    private boolean serveWhole(final Sourcing s, final int line, final int location)
    {
        final long available = s.available(line, location);
        if (available >= s.quantity(line))
        {
            s.take(line, location, s.quantity(line));
            open[line] = false;
            return true;
        }
        best[line] = Math.max(best[line], available);
        return false;
    }

    private boolean serveAllAtOne(final Sourcing s)
    {
        for (int i = 0; i < count; i++)
        {
            if (servableLines(s, location(s, i)) == openLines(s))
            {
                for (int line = 0; line < s.lineCount(); line++)
                {
                    if (open[line])
                    {
                        serveWhole(s, line, location(s, i));
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** Greedy set cover: the location serving the most open lines in whole first (ties: the earlier in order). */
    private void serveMostLinesFirst(final Sourcing s)
    {
        while (true)
        {
            int chosen = -1;
            int served = 0;
            for (int i = 0; i < count; i++)
            {
                final int lines = servableLines(s, location(s, i));
                if (lines > served)
                {
                    served = lines;
                    chosen = location(s, i);
                }
            }
            if (chosen < 0)
            {
                return;
            }
            for (int line = 0; line < s.lineCount(); line++)
            {
                if (open[line])
                {
                    serveWhole(s, line, chosen);
                }
            }
        }
    }

    private int servableLines(final Sourcing s, final int location)
    {
        int lines = 0;
        for (int line = 0; line < s.lineCount(); line++)
        {
            if (open[line])
            {
                final long available = s.available(line, location);
                best[line] = Math.max(best[line], available);
                lines += available >= s.quantity(line) ? 1 : 0;
            }
        }
        return lines;
    }

    private int openLines(final Sourcing s)
    {
        int lines = 0;
        for (int line = 0; line < s.lineCount(); line++)
        {
            lines += open[line] ? 1 : 0;
        }
        return lines;
    }

    /**
     * Splits a line over the locations in order when together they have enough, using at most {@code partsMax}
     * more parts than one.
     *
     * @return the extra parts used (parts - 1), or 0 when the line stays open.
     */
    private int split(final Sourcing s, final int line, final int partsMax)
    {
        long total = 0;
        int parts = 0;
        for (int i = 0; i < count && total < s.quantity(line); i++)
        {
            final long available = s.available(line, location(s, i));
            total += available;
            parts += available > 0 ? 1 : 0;
        }
        if (total < s.quantity(line) || parts - 1 > partsMax)
        {
            return 0;
        }
        long remaining = s.quantity(line);
        for (int i = 0; i < count && remaining > 0; i++)
        {
            final long units = Math.min(remaining, s.available(line, location(s, i)));
            if (units > 0)
            {
                s.take(line, location(s, i), units);
                remaining -= units;
            }
        }
        open[line] = false;
        return parts - 1;
    }

    private static boolean isStore(final LocationType type)
    {
        return type == LocationType.STORE || type == LocationType.DARK_STORE;
    }

    private static int requiredCapability(final FulfilmentType fulfilment)
    {
        switch (fulfilment)
        {
            case PICKUP: return LocationCapability.PICKUP;
            case IN_STORE: return LocationCapability.NONE;
            default: return LocationCapability.SHIPS;
        }
    }

    /**
     * Restores the min-heap property below {@code start}. Hand-written (with {@link #location}'s pop) because the
     * JDK's primitive sort may allocate merge buffers, and the writer allocates nothing per command.
     */
    private static void siftDown(final long[] keys, final int start, final int length)
    {
        int parent = start;
        while (true)
        {
            int child = 2 * parent + 1;
            if (child >= length)
            {
                return;
            }
            if (child + 1 < length && keys[child + 1] < keys[child])
            {
                child++;
            }
            if (keys[parent] <= keys[child])
            {
                return;
            }
            final long swap = keys[parent];
            keys[parent] = keys[child];
            keys[child] = swap;
            parent = child;
        }
    }
}
