package io.omnistock.benchmarks.peers;

import io.omnistock.benchmarks.workload.StockService;
import io.omnistock.benchmarks.workload.Workload;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a loaded workload against one system with T client threads in a closed loop: each client sends its next
 * operation (or batch) as soon as the previous one is answered. Client {@code t} runs, in workload order, the
 * operations of the reservations numbered {@code t mod T} and the other operations numbered {@code t mod T}, so a
 * reservation's operations stay on one thread and in order.
 *
 * <p>Clients stop when their operations run out or the deadline passes (a warm-up, then the measured window);
 * operations not run are recorded as such and left out of the cross-check. The warm-up ends at its deadline, or
 * earlier as soon as any client has run a fifth of its operations, so that a fast system does not spend the whole
 * workload warming up; but never before every client has reached the workload's first closing of a hold
 * ({@link Workload#firstCloseOp}), so that a slow system is not measured on opening holds alone while a fast one
 * is measured on the workload's lasting mix. The measured window starts there and lasts its full length. Latency is
 * from just before the call to
 * just after its answer, per operation; a pipelined batch gives each of its operations the batch's time (what its
 * caller waited). Allocation: one histogram per client; the services' own.
 */
final class ClosedLoopRun
{
    private static final long HIGHEST_LATENCY_NS = TimeUnit.MINUTES.toNanos(1);
    private static final int LATENCY_DIGITS = 3;
    private static final int WARMUP_SHARE_DIVISOR = 5;
    /** {@code measureStartNs} before the measured window has started. */
    private static final long NOT_STARTED = Long.MAX_VALUE;
    private static final int WARMING_UP = 0;
    private static final int MEASURING = 1;
    private static final int ENDED = 2;

    /**
     * What a run measured.
     *
     * @param outcomes       per operation {@link LedgerCheck#NOT_RUN}, {@code ACCEPTED} or {@code REJECTED}.
     * @param latencyNs      latency of the operations in the measured window.
     * @param measuredOps    operations completed in the measured window.
     * @param measuredNs     length of the measured window (until the last client stopped).
     * @param acceptedOps    accepted operations in the measured window.
     */
    record Measured(byte[] outcomes, Histogram latencyNs, long measuredOps, long measuredNs, long acceptedOps)
    {
        /** @return operations per second in the measured window. */
        double throughput()
        {
            return measuredNs == 0 ? 0 : measuredOps * 1e9 / measuredNs;
        }
    }

    private ClosedLoopRun()
    {
    }

    /**
     * @param service   the loaded system.
     * @param workload  the workload it loaded.
     * @param threads   client threads.
     * @param warmupNs  time run but not measured (longer when the clients have not all reached the workload's first
     *                  closing of a hold by then; shorter when a client ran a fifth of its operations first).
     * @param measureNs time measured after the warm-up.
     * @return the measurements.
     * @throws Exception the first failure of a client.
     */
    static Measured run(
        final StockService service, final Workload workload, final int threads, final long warmupNs,
        final long measureNs) throws Exception
    {
        final int[][] partitions = partitions(workload, threads);
        final byte[] outcomes = new byte[workload.opCount];
        final Client[] clients = new Client[threads];
        final CountDownLatch ready = new CountDownLatch(threads);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final long[] gate = new long[1];
        final Window window = new Window(new AtomicLong(NOT_STARTED), new AtomicLong(Long.MAX_VALUE),
            new AtomicInteger(), measureNs);
        final int firstCloseOp = workload.firstCloseOp();
        final Thread[] running = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            clients[t] = new Client(service, partitions[t], firstCloseOp, outcomes, failure, window);
            if (clients[t].steadyIndex > 0)
            {
                // counted before the gate opens; a client whose first operation is at or after the first closing
                // (every client, when nothing closes) is steady from the start
                window.unsteady().incrementAndGet();
            }
            running[t] = new Thread(clients[t].start(ready, gate), "peer-client-" + t);
            running[t].start();
        }
        ready.await();
        window.warmupEndNs().set(System.nanoTime() + warmupNs);
        synchronized (gate)
        {
            gate[0] = 1;
            gate.notifyAll();
        }
        return collect(clients, running, outcomes, failure, window);
    }

    private static Measured collect(
        final Client[] clients, final Thread[] running, final byte[] outcomes,
        final AtomicReference<Throwable> failure, final Window window) throws Exception
    {
        final Histogram latency = new Histogram(HIGHEST_LATENCY_NS, LATENCY_DIGITS);
        long ops = 0;
        long accepted = 0;
        for (int t = 0; t < running.length; t++)
        {
            running[t].join();
        }
        if (failure.get() != null)
        {
            throw new IllegalStateException("a client failed: " + failure.get(), failure.get());
        }
        final long measureStartNs = window.measureStartNs().get();
        if (measureStartNs == NOT_STARTED)
        {
            // the operations ran out during the warm-up: nothing measured
            return new Measured(outcomes, latency, 0, 0, 0);
        }
        long endNs = measureStartNs;
        for (int t = 0; t < running.length; t++)
        {
            latency.add(clients[t].latencyNs);
            ops += clients[t].measuredOps;
            accepted += clients[t].acceptedOps;
            endNs = Math.max(endNs, clients[t].stoppedNs);
        }
        return new Measured(outcomes, latency, ops, endNs - measureStartNs, accepted);
    }

    /**
     * @param workload the workload.
     * @param threads  client threads.
     * @return each client's operations, in workload order.
     */
    static int[][] partitions(final Workload workload, final int threads)
    {
        final int[] counts = new int[threads];
        for (int op = 0; op < workload.opCount; op++)
        {
            counts[clientOf(workload, op, threads)]++;
        }
        final int[][] partitions = new int[threads][];
        for (int t = 0; t < threads; t++)
        {
            partitions[t] = new int[counts[t]];
            counts[t] = 0;
        }
        for (int op = 0; op < workload.opCount; op++)
        {
            final int t = clientOf(workload, op, threads);
            partitions[t][counts[t]++] = op;
        }
        return partitions;
    }

    private static int clientOf(final Workload workload, final int op, final int threads)
    {
        final int reservation = workload.opReservation[op];
        return (reservation >= 0 ? reservation : op) % threads;
    }

    /**
     * When the measured window starts and ends, shared by the clients: it starts once the warm-up is over (its
     * deadline passed; a client that ran a fifth of its operations brings the deadline forward to then) and every
     * client has reached the workload's first closing of a hold; whichever client first sees both starts it.
     */
    private record Window(AtomicLong measureStartNs, AtomicLong warmupEndNs, AtomicInteger unsteady, long measureNs)
    {
        /**
         * @return {@link #WARMING_UP}, {@link #MEASURING} or {@link #ENDED} for an operation about to start at
         *         {@code now}; starts the window when it is due.
         */
        int phase(final long now)
        {
            long start = measureStartNs.get();
            if (start == NOT_STARTED)
            {
                if (unsteady.get() != 0 || now - warmupEndNs.get() < 0)
                {
                    return WARMING_UP;
                }
                measureStartNs.compareAndSet(NOT_STARTED, now);
                start = measureStartNs.get();
            }
            return now - start < measureNs ? MEASURING : ENDED;
        }
    }

    /** One client thread. */
    private static final class Client
    {
        final StockService service;
        final int[] ops;
        final int steadyIndex;
        final byte[] outcomes;
        final AtomicReference<Throwable> failure;
        final Window window;
        final boolean[] accepted;
        final Histogram latencyNs = new Histogram(HIGHEST_LATENCY_NS, LATENCY_DIGITS);
        long measuredOps;
        long acceptedOps;
        long stoppedNs;

        Client(final StockService service, final int[] ops, final int firstCloseOp, final byte[] outcomes,
            final AtomicReference<Throwable> failure, final Window window)
        {
            this.service = service;
            this.ops = ops;
            this.steadyIndex = firstIndexFrom(ops, firstCloseOp);
            this.outcomes = outcomes;
            this.failure = failure;
            this.window = window;
            this.accepted = new boolean[service.batchSize()];
        }

        /** @return the index in {@code ops} (ascending, distinct) of the first operation at or after {@code op}. */
        private static int firstIndexFrom(final int[] ops, final int op)
        {
            final int found = Arrays.binarySearch(ops, op);
            return found >= 0 ? found : -found - 1;
        }

        Runnable start(final CountDownLatch ready, final long[] gate)
        {
            return () ->
            {
                try
                {
                    synchronized (gate)
                    {
                        ready.countDown();
                        while (gate[0] == 0)
                        {
                            gate.wait();
                        }
                    }
                    loop();
                }
                catch (final Throwable e)
                {
                    failure.compareAndSet(null, e);
                }
                finally
                {
                    stoppedNs = System.nanoTime();
                }
            };
        }

        private void loop() throws Exception
        {
            final int batch = accepted.length;
            final int warmupOps = ops.length / WARMUP_SHARE_DIVISOR;
            int next = 0;
            boolean steady = steadyIndex == 0;
            boolean warmedUp = false;
            long now = System.nanoTime();
            while (true)
            {
                if (!steady && next >= steadyIndex)
                {
                    steady = true;
                    window.unsteady().decrementAndGet();
                }
                if (!warmedUp && next >= warmupOps)
                {
                    warmedUp = true;
                    window.warmupEndNs().accumulateAndGet(now, Math::min);
                }
                final int phase = window.phase(now);
                if (next >= ops.length || phase == ENDED || failure.get() != null)
                {
                    break;
                }
                final int count = Math.min(batch, ops.length - next);
                final long startNs = now;
                if (batch == 1)
                {
                    accepted[0] = service.execute(ops[next]);
                }
                else
                {
                    service.execute(ops, next, count, accepted);
                }
                now = System.nanoTime();
                record(next, count, phase == MEASURING, now - startNs);
                next += count;
            }
        }

        private void record(final int next, final int count, final boolean measured, final long latency)
        {
            for (int i = 0; i < count; i++)
            {
                outcomes[ops[next + i]] = accepted[i] ? LedgerCheck.ACCEPTED : LedgerCheck.REJECTED;
                if (measured && accepted[i])
                {
                    acceptedOps++;
                }
            }
            if (measured)
            {
                latencyNs.recordValueWithCount(Math.min(latency, HIGHEST_LATENCY_NS), count);
                measuredOps += count;
            }
        }
    }
}
