package io.omnistock.benchmarks.peers;

import io.omnistock.api.Command;
import io.omnistock.api.Confirm;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Disposition;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.PositionSnapshot;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reply;
import io.omnistock.api.ReplyListener;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Return;
import io.omnistock.benchmarks.workload.StockService;
import io.omnistock.benchmarks.workload.Workload;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import io.omnistock.journal.Durability;
import io.omnistock.journal.DurableEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * omnistock itself, through its public API: {@link OmnistockEngine#start} without a journal, or
 * {@link DurableEngine#open} on a fresh data directory with {@link Durability#ASYNC} or {@link Durability#SYNC}.
 * Every operation is a pre-built API command ({@link Reserve}, {@link Confirm}, {@link Fulfil#all},
 * {@link Release}, {@link PosSale}, {@link Receive}, {@link Return} with restock) sent with the allocation-free
 * {@link OmnistockEngine#send}; the calling thread parks until its reply. An outcome counts as accepted when it is
 * {@link ReasonCode#OK}; stock and reservation-state rejections count as rejected; any other code (a capacity or
 * input problem) fails the run.
 *
 * <p>Engine settings: capacities sized to the workload, idempotency retention 0 (the table recycles its oldest key,
 * as in steady state), the given wait strategy, holds of 15 minutes (none expires during a run). With {@code batchSize > 1} a client sends that many commands before waiting for their
 * replies (pipelined). Thread-safe: each client thread has its own waiter.
 */
public final class OmnistockService implements StockService
{
    private static final long HOLD_MS = TimeUnit.MINUTES.toMillis(15);
    private static final int IDEMPOTENCY_KEYS = 1 << 16;
    /** Reservations beyond the workload's most open at once: room for client threads drifting apart. */
    private static final int RESERVATION_SLACK = 4096;
    private static final FulfilmentType[] FULFILMENT = {
        FulfilmentType.SHIP, FulfilmentType.PICKUP, FulfilmentType.SHIP_FROM_STORE, FulfilmentType.IN_STORE};

    private final Durability durability;
    private final Path dataRoot;
    private final int batchSize;
    private final EngineConfig.WaitStrategy waitStrategy;
    private final ThreadLocal<Waiter> waiters;
    private Workload workload;
    private Command[] commands;
    private OmnistockEngine engine;
    private Path directory;
    private volatile int unexpectedCode = ReasonCode.OK;

    /**
     * @param durability   {@link Durability#IN_MEMORY}, {@link Durability#ASYNC} or {@link Durability#SYNC}.
     * @param dataRoot     where journaled runs create their data directory (deleted on close).
     * @param batchSize    commands a client sends before waiting; 1 for one at a time.
     * @param waitStrategy how the engine's pipeline threads wait for work.
     */
    public OmnistockService(
        final Durability durability, final Path dataRoot, final int batchSize,
        final EngineConfig.WaitStrategy waitStrategy)
    {
        if (batchSize < 1)
        {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.durability = durability;
        this.dataRoot = dataRoot;
        this.batchSize = batchSize;
        this.waitStrategy = waitStrategy;
        this.waiters = ThreadLocal.withInitial(() -> new Waiter(batchSize));
    }

    @Override
    public String name()
    {
        final String mode = durability == Durability.IN_MEMORY ? "no-journal" :
            durability == Durability.ASYNC ? "journal-async" : "journal-sync";
        return "omnistock-" + mode + (batchSize > 1 ? "-pipelined" : "");
    }

    @Override
    public int batchSize()
    {
        return batchSize;
    }

    @Override
    public void prepare(final Workload workload)
    {
        this.workload = workload;
        commands = new Command[workload.opCount];
        for (int op = 0; op < workload.opCount; op++)
        {
            commands[op] = command(op);
        }
    }

    @Override
    public void load(final Workload workload) throws IOException
    {
        if (this.workload != workload)
        {
            prepare(workload);
        }
        closeEngine();
        final EngineConfig config = config(workload).waitStrategy(waitStrategy);
        if (durability == Durability.IN_MEMORY)
        {
            engine = OmnistockEngine.start(config);
        }
        else
        {
            Files.createDirectories(dataRoot);
            directory = Files.createTempDirectory(dataRoot, "omnistock-");
            engine = DurableEngine.open(directory, durability, config);
        }
        final List<Command> setup = new ArrayList<>();
        catalog(setup);
        for (int position = 0; position < workload.positionCount; position++)
        {
            if (workload.openingStock[position] > 0)
            {
                setup.add(new Receive("open-" + position, skuOf(position), locationOf(position),
                    workload.openingStock[position]));
            }
        }
        sendAll(setup);
    }

    private static EngineConfig config(final Workload workload)
    {
        return EngineConfig.defaults()
            .skuCapacity(Math.max(1, workload.skus.length))
            .locationCapacity(Math.max(1, workload.locations.length))
            .channelCapacity(Math.max(1, workload.channels.length))
            .positionCapacity(Math.max(1, workload.positionCount))
            .reservationCapacity(workload.openReservationsMax() + RESERVATION_SLACK)
            .linesPerReservationMax(Math.max(1, workload.linesMax()))
            .idempotencyCapacity(IDEMPOTENCY_KEYS)
            .idempotencyRetentionMs(0);
    }

    private void catalog(final List<Command> setup)
    {
        for (final String location : workload.locations)
        {
            setup.add(new DefineLocation("define-location-" + location, location, LocationType.STORE,
                LocationCapability.ALL, 1, 0, 0));
        }
        for (final String channel : workload.channels)
        {
            setup.add(new DefineChannel("define-channel-" + channel, channel, List.of(workload.locations)));
        }
        for (final String sku : workload.skus)
        {
            setup.add(new DefineSku("define-sku-" + sku, sku));
        }
    }

    private void sendAll(final List<Command> setup)
    {
        final AtomicInteger pending = new AtomicInteger(setup.size());
        final AtomicInteger firstFailure = new AtomicInteger(-1);
        final Thread loader = Thread.currentThread();
        final ReplyListener listener = (index, reply) ->
        {
            if (reply.code() != ReasonCode.OK)
            {
                firstFailure.compareAndSet(-1, (int)index);
            }
            if (pending.decrementAndGet() == 0)
            {
                LockSupport.unpark(loader);
            }
        };
        for (int i = 0; i < setup.size(); i++)
        {
            if (engine.send(setup.get(i), i, listener, true) != ReasonCode.OK)
            {
                throw new IllegalStateException("set-up command refused: " + setup.get(i));
            }
        }
        while (pending.get() != 0)
        {
            LockSupport.park(this);
        }
        if (firstFailure.get() >= 0)
        {
            throw new IllegalStateException("set-up command rejected: " + setup.get(firstFailure.get()));
        }
    }

    @Override
    public boolean execute(final int op)
    {
        final Waiter waiter = waiters.get();
        waiter.expect(1);
        send(op, 0, waiter);
        waiter.await();
        return checked(waiter).accepted[0];
    }

    @Override
    public void execute(final int[] ops, final int from, final int count, final boolean[] accepted)
    {
        final Waiter waiter = waiters.get();
        waiter.expect(count);
        for (int i = 0; i < count; i++)
        {
            send(ops[from + i], i, waiter);
        }
        waiter.await();
        System.arraycopy(checked(waiter).accepted, 0, accepted, 0, count);
    }

    private void send(final int op, final int index, final Waiter waiter)
    {
        final int code = engine.send(commands[op], index, waiter, true);
        if (code != ReasonCode.OK)
        {
            throw new IllegalStateException("operation " + op + " refused: " + ReasonCode.name(code));
        }
    }

    private Waiter checked(final Waiter waiter)
    {
        if (unexpectedCode != ReasonCode.OK)
        {
            throw new IllegalStateException("engine answered " + ReasonCode.name(unexpectedCode));
        }
        return waiter;
    }

    @Override
    public long[][] positions()
    {
        final long[][] state = new long[workload.positionCount][];
        for (int position = 0; position < state.length; position++)
        {
            final Optional<PositionSnapshot> snapshot =
                engine.reads().position(skuOf(position), locationOf(position));
            state[position] = snapshot.map(s -> new long[] {s.onHand(), s.reserved(), s.committed()})
                .orElseGet(() -> new long[3]);
        }
        return state;
    }

    @Override
    public void close() throws IOException
    {
        closeEngine();
    }

    private void closeEngine() throws IOException
    {
        if (engine != null)
        {
            engine.close();
            engine = null;
        }
        if (directory != null)
        {
            try (Stream<Path> files = Files.walk(directory))
            {
                files.sorted(Comparator.reverseOrder()).forEach(OmnistockService::delete);
            }
            directory = null;
        }
    }

    private static void delete(final Path path)
    {
        try
        {
            Files.delete(path);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private Command command(final int op)
    {
        final String key = "k" + op;
        final int firstLine = workload.opFirstLine[op];
        switch (workload.opType[op])
        {
            case Workload.RESERVE:
                return reserve(op, key);
            case Workload.CONFIRM:
                return new Confirm(key, workload.reservationKey(op));
            case Workload.FULFIL:
                return Fulfil.all(key, workload.reservationKey(op));
            case Workload.RELEASE:
                return new Release(key, workload.reservationKey(op));
            case Workload.SELL:
                return new PosSale(key, channelOf(op), skuOf(linePosition(firstLine)),
                    locationOf(linePosition(firstLine)), workload.lineQuantity[firstLine]);
            case Workload.RECEIVE:
                return new Receive(key, skuOf(linePosition(firstLine)), locationOf(linePosition(firstLine)),
                    workload.lineQuantity[firstLine]);
            case Workload.RETURN:
                return new Return(key, channelOf(op), skuOf(linePosition(firstLine)),
                    locationOf(linePosition(firstLine)), workload.lineQuantity[firstLine], Disposition.RESTOCK);
            default:
                throw new IllegalArgumentException("operation " + op + " has unknown type " + workload.opType[op]);
        }
    }

    private Reserve reserve(final int op, final String key)
    {
        final ReserveLine[] lines = new ReserveLine[workload.opLineCount[op]];
        for (int i = 0; i < lines.length; i++)
        {
            final int line = workload.opFirstLine[op] + i;
            lines[i] = ReserveLine.at(skuOf(linePosition(line)), locationOf(linePosition(line)),
                workload.lineQuantity[line]);
        }
        return new Reserve(key, workload.reservationKey(op), channelOf(op), FULFILMENT[workload.opFulfilment[op]],
            HOLD_MS, Arrays.asList(lines));
    }

    private int linePosition(final int line)
    {
        return workload.linePosition[line];
    }

    private String skuOf(final int position)
    {
        return workload.skus[workload.positionSku[position]];
    }

    private String locationOf(final int position)
    {
        return workload.locations[workload.positionLocation[position]];
    }

    private String channelOf(final int op)
    {
        return workload.channels[workload.opChannel[op]];
    }

    /**
     * @param code a reply's reason code.
     * @return true when it is a business rejection the workload semantics allow: short of stock, or a reservation
     * not in the state the operation needs (including one whose reserve was rejected).
     */
    static boolean isRejection(final int code)
    {
        return code == ReasonCode.UNKNOWN_RESERVATION ||
            (code >= ReasonCode.INSUFFICIENT_STOCK && code < ReasonCode.IDEMPOTENCY_CONFLICT);
    }

    /** One client thread's outstanding commands: replies fill {@link #accepted}, the last one unparks the client. */
    private final class Waiter implements ReplyListener
    {
        final boolean[] accepted;
        final AtomicInteger pending = new AtomicInteger();
        volatile Thread thread;

        Waiter(final int size)
        {
            accepted = new boolean[size];
        }

        void expect(final int count)
        {
            thread = Thread.currentThread();
            pending.set(count);
        }

        @Override
        public void onReply(final long index, final Reply reply)
        {
            final int code = reply.code();
            accepted[(int)index] = code == ReasonCode.OK && !reply.duplicate();
            if (code != ReasonCode.OK && !isRejection(code))
            {
                unexpectedCode = code;
            }
            if (pending.decrementAndGet() == 0)
            {
                LockSupport.unpark(thread);
            }
        }

        void await()
        {
            while (pending.get() != 0)
            {
                LockSupport.park(this);
            }
        }
    }
}
