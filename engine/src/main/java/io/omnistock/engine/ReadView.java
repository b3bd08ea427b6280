package io.omnistock.engine;

import io.omnistock.api.InventoryReads;
import io.omnistock.api.PositionSnapshot;
import io.omnistock.api.ReservationSnapshot;
import io.omnistock.engine.state.StateMachine;

import java.util.Optional;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reads from any thread without entering the ring. The writer holds the write side of a {@link StampedLock}
 * while it applies a group of commands (released before any caller is answered, at the end of each ring batch and
 * between groups of at most 64); a read first tries an optimistic stamp and validates it after reading, so it never
 * sees a half-applied command and never blocks the writer. Only if a group lands in the middle of the read twice, or
 * the writer holds the lock when the read starts, does it take the read lock: it then waits until the writer
 * releases it (usually the end of the group; at the latest the end of the ring batch, since the writer may take the
 * lock back at once between groups), and briefly holds the writer back. Reads of primitives allocate
 * nothing; snapshots allocate their result.
 */
final class ReadView implements InventoryReads
{
    private static final int OPTIMISTIC_ATTEMPTS = 2;

    private final StateMachine machine;
    private final StampedLock lock;

    private final LongSupplier nowReader;
    private final LongSupplier sequenceReader;

    ReadView(final StateMachine machine, final StampedLock lock)
    {
        this.machine = machine;
        this.lock = lock;
        this.nowReader = machine::nowMs;
        this.sequenceReader = machine::sequence;
    }

    @Override
    public long available(final String sku, final String location)
    {
        return readIds(sku, location, null, ReadView::available);
    }

    @Override
    public long availableToPromise(final String sku, final String channel)
    {
        return readIds(sku, null, channel, ReadView::availableToPromise);
    }

    @Override
    public long availableTo(final String channel, final String sku, final String location)
    {
        return readIds(sku, location, channel, ReadView::availableTo);
    }

    private static long available(final StateMachine machine, final int sku, final int location, final int channel)
    {
        return location < 0 ? 0 : machine.available(sku, location);
    }

    private static long availableToPromise(final StateMachine machine, final int sku, final int location, final int channel)
    {
        return channel < 0 ? 0 : machine.availableToPromise(sku, channel);
    }

    private static long availableTo(final StateMachine machine, final int sku, final int location, final int channel)
    {
        return location < 0 || channel < 0 ? 0 : machine.availableTo(channel, sku, location);
    }

    /** A read by dense indexes; -1 for an id that is unknown (or not asked). Non-capturing, so nothing is allocated. */
    @FunctionalInterface
    private interface IndexRead
    {
        long read(StateMachine machine, int sku, int location, int channel);
    }

    /** Resolves the ids and runs the read consistently; an unknown SKU reads 0. */
    private long readIds(final String sku, final String location, final String channel, final IndexRead read)
    {
        for (int attempt = 0; ; attempt++)
        {
            final long stamp = begin(attempt);
            final long value;
            try
            {
                final int skuIndex = machine.skuIndexOf(sku);
                final int locationIndex = location == null ? -1 : machine.locationIndexOf(location);
                final int channelIndex = channel == null ? -1 : machine.channelIndexOf(channel);
                value = skuIndex < 0 ? 0 : read.read(machine, skuIndex, locationIndex, channelIndex);
            }
            catch (final RuntimeException racedWithWriter)
            {
                if (end(stamp))
                {
                    throw racedWithWriter;
                }
                continue;
            }
            if (end(stamp))
            {
                return value;
            }
        }
    }

    @Override
    public Optional<PositionSnapshot> position(final String sku, final String location)
    {
        return Optional.ofNullable(read(() ->
        {
            final int skuIndex = machine.skuIndexOf(sku);
            final int locationIndex = machine.locationIndexOf(location);
            return skuIndex < 0 || locationIndex < 0 ? null : machine.position(skuIndex, locationIndex);
        }));
    }

    @Override
    public Optional<ReservationSnapshot> reservation(final String reservation)
    {
        return Optional.ofNullable(read(() -> reservation == null ? null : machine.reservation(reservation)));
    }

    @Override
    public long timeMs()
    {
        return read(nowReader);
    }

    @Override
    public long sequence()
    {
        return read(sequenceReader);
    }

    /**
     * Runs a read of several fields consistently.
     *
     * @param reader the read.
     * @param <T>    its result.
     * @return what it read from one state between two commands.
     */
    <T> T read(final Supplier<T> reader)
    {
        for (int attempt = 0; ; attempt++)
        {
            final long stamp = begin(attempt);
            final T value;
            try
            {
                value = reader.get();
            }
            catch (final RuntimeException racedWithWriter)
            {
                if (end(stamp))
                {
                    throw racedWithWriter;
                }
                continue;
            }
            if (end(stamp))
            {
                return value;
            }
        }
    }

    private long read(final LongSupplier reader)
    {
        for (int attempt = 0; ; attempt++)
        {
            final long stamp = begin(attempt);
            final long value = reader.getAsLong();
            if (end(stamp))
            {
                return value;
            }
        }
    }

    /** An optimistic stamp for the first attempts, then (or while the writer holds the lock) a read lock. */
    private long begin(final int attempt)
    {
        if (attempt < OPTIMISTIC_ATTEMPTS)
        {
            final long stamp = lock.tryOptimisticRead();
            if (stamp != 0)
            {
                return stamp;
            }
        }
        return lock.readLock();
    }

    /** @return true when what was read between {@link #begin} and now is consistent. */
    private boolean end(final long stamp)
    {
        if (StampedLock.isReadLockStamp(stamp))
        {
            lock.unlockRead(stamp);
            return true;
        }
        return lock.validate(stamp);
    }
}
