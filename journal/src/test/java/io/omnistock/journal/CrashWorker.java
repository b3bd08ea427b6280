package io.omnistock.journal;

import io.omnistock.api.Command;
import io.omnistock.api.Confirm;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Result;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link CrashRecoveryTest} kills: opens a durable engine on a directory and reserves, confirms and
 * releases from several threads until it is killed. It prints {@code ACK <reservation>} for every reservation
 * whose caller was answered "done", and {@code READY} once it is under load.
 *
 * <p>Arguments: data directory, durability, run id (unique per start, so keys never collide across runs).
 */
public final class CrashWorker
{
    static final int SKUS = 20;
    static final String[] STORES = {"S1", "S2", "S3", "S4"};
    static final long STOCK_PER_POSITION = 300;
    static final int THREADS = 4;
    static final int RESERVATIONS = 1 << 18;
    static final long SNAPSHOT_EVERY_EVENTS = 100;
    /**
     * Short, so that the idempotency memory makes room soon when fast runs fill it: every command has a key, and
     * at 60 s an ASYNC loop of a dozen one-second runs remembered 2^18 keys inside the retention, after which every
     * command was refused (IDEMPOTENCY_CAPACITY_EXHAUSTED, the documented policy) and no run got an answer.
     */
    static final long IDEMPOTENCY_RETENTION_MS = 2_000;

    private CrashWorker()
    {
    }

    static EngineConfig config()
    {
        return EngineConfig.defaults()
            .skuCapacity(64).locationCapacity(8).channelCapacity(4).positionCapacity(1_024)
            .reservationCapacity(RESERVATIONS).idempotencyCapacity(1 << 18).idempotencyRetentionMs(IDEMPOTENCY_RETENTION_MS)
            .timerIntervalMs(50);
    }

    /**
     * @param args data directory, durability, run id.
     * @throws Exception on a failure before the load starts.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path directory = Path.of(args[0]);
        final Durability durability = Durability.valueOf(args[1]);
        final String run = args[2];
        final PrintStream out = System.out;
        final OmnistockEngine engine = DurableEngine.open(directory, durability, config(), SNAPSHOT_EVERY_EVENTS);
        define(engine);
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++)
        {
            final int thread = t;
            final Thread worker = new Thread(() -> load(engine, run + "-" + thread, thread, out), "load-" + t);
            worker.setDaemon(true);
            threads.add(worker);
            worker.start();
        }
        out.println("READY");
        out.flush();
        for (final Thread thread : threads)
        {
            thread.join();
        }
    }

    private static void define(final OmnistockEngine engine) throws Exception
    {
        final List<String> stores = List.of(STORES);
        for (int s = 0; s < SKUS; s++)
        {
            engine.submit(new DefineSku("def-sku-" + s, "SKU-" + s)).get();
        }
        for (int i = 0; i < STORES.length; i++)
        {
            engine.submit(new DefineLocation("def-loc-" + i, STORES[i], LocationType.STORE, LocationCapability.ALL,
                i, 0, 0)).get();
        }
        engine.submit(new DefineChannel("def-web", "web", stores)).get();
        for (int s = 0; s < SKUS; s++)
        {
            for (final String store : STORES)
            {
                engine.submit(new Receive("asn-" + s + "-" + store, "SKU-" + s, store, STOCK_PER_POSITION)).get();
            }
        }
    }

    private static void load(final OmnistockEngine engine, final String prefix, final int thread, final PrintStream out)
    {
        try
        {
            String previous = null;
            for (long n = 0; ; n++)
            {
                final String reservation = "r-" + prefix + "-" + n;
                final String sku = "SKU-" + (n * (thread + 1) % SKUS);
                final Result result = submit(engine, new Reserve(reservation, reservation, "web", FulfilmentType.SHIP,
                    3_600_000, List.of(ReserveLine.anywhere(sku, 1 + n % 3))));
                if (!result.isOk())
                {
                    // sold out: a delivery arrives, so that hundreds of runs keep reserving
                    submit(engine, new Receive("restock-" + prefix + "-" + n, sku, STORES[(int)(n % STORES.length)], 100));
                }
                else
                {
                    synchronized (out)
                    {
                        out.println("ACK " + reservation);
                    }
                    if (previous != null)
                    {
                        if (n % 3 == 0)
                        {
                            submit(engine, new Release(previous + "/release", previous));
                        }
                        else
                        {
                            // confirmed, then fulfilled: every reservation finishes, so the pool recycles the oldest
                            // finished one, as the test's retention window assumes (confirmed reservations left
                            // open filled the pool after about 100 runs, and released ones were then recycled
                            // within a few runs)
                            submit(engine, new Confirm(previous + "/confirm", previous));
                            submit(engine, Fulfil.all(previous + "/fulfil", previous));
                        }
                    }
                    previous = reservation;
                }
            }
        }
        catch (final Exception ex)
        {
            // killed mid-call, or the engine closed: the process is about to die
        }
    }

    /**
     * Submits a command and waits for its answer, as a caller would: when the idempotency memory is full of keys
     * still inside their retention, waits and sends the same command again (that refusal is not remembered).
     */
    private static Result submit(final OmnistockEngine engine, final Command command) throws Exception
    {
        while (true)
        {
            final Result result = engine.submit(command).get();
            if (result.code() != ReasonCode.IDEMPOTENCY_CAPACITY_EXHAUSTED)
            {
                return result;
            }
            Thread.sleep(20);
        }
    }
}
