package io.omnistock.engine;

import io.omnistock.api.Confirm;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Event;
import io.omnistock.api.EventListener;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads hammer one SKU through the whole pipeline with reservations, confirms and releases: stock never
 * goes below zero (checked by concurrent readers), every caller gets exactly one answer, and the totals
 * reconcile with the answers the callers received.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PipelineConcurrencyTest
{
    private static final int THREADS = 8;
    private static final int ATTEMPTS_PER_THREAD = 5_000;
    private static final long STOCK = 1_000;

    @Test
    void shouldNeverOversellAndAnswerEveryCallerExactlyOnceUnderContention() throws Exception
    {
        final AtomicLong eventsSeen = new AtomicLong();
        final EngineConfig config = EngineConfig.defaults()
            .skuCapacity(8).locationCapacity(8).channelCapacity(4).positionCapacity(64)
            .reservationCapacity(THREADS * ATTEMPTS_PER_THREAD + 16).idempotencyCapacity(4 * THREADS * ATTEMPTS_PER_THREAD)
            .ringSize(1024)
            .eventListener(new EventListener()
            {
                @Override
                public void onEvent(final Event event)
                {
                    eventsSeen.incrementAndGet();
                }
            });
        try (OmnistockEngine engine = OmnistockEngine.start(config))
        {
            setUp(engine);
            final AtomicLongArray answers = new AtomicLongArray(THREADS * ATTEMPTS_PER_THREAD);
            final AtomicLong held = new AtomicLong();
            final AtomicLong confirmed = new AtomicLong();
            final AtomicLong rejectedShort = new AtomicLong();
            final AtomicLong minimumSeen = new AtomicLong(Long.MAX_VALUE);
            final CountDownLatch start = new CountDownLatch(1);
            final Thread reader = new Thread(() ->
            {
                while (!Thread.currentThread().isInterrupted())
                {
                    final long available = engine.reads().available("TV-55", "DC-1");
                    minimumSeen.accumulateAndGet(available, Math::min);
                    final long atp = engine.reads().availableToPromise("TV-55", "web");
                    minimumSeen.accumulateAndGet(atp, Math::min);
                }
            });
            reader.start();
            final Thread[] callers = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++)
            {
                final int thread = t;
                callers[t] = new Thread(() ->
                {
                    awaitQuietly(start);
                    for (int i = 0; i < ATTEMPTS_PER_THREAD; i++)
                    {
                        final int attempt = thread * ATTEMPTS_PER_THREAD + i;
                        final String reservation = "order-" + attempt;
                        final Result result = engine.submit(Reserve.of("reserve-" + attempt, reservation, "web",
                            FulfilmentType.SHIP, 60_000, ReserveLine.at("TV-55", "DC-1", 1 + attempt % 3))).join();
                        answers.incrementAndGet(attempt);
                        if (result.isOk())
                        {
                            held.incrementAndGet();
                            if (attempt % 4 == 0)
                            {
                                assertEquals(ReasonCode.OK, engine.submit(new Confirm("confirm-" + attempt, reservation)).join().code());
                                confirmed.addAndGet(1 + attempt % 3);
                            }
                            else
                            {
                                assertEquals(ReasonCode.OK, engine.submit(new Release("release-" + attempt, reservation)).join().code());
                            }
                        }
                        else
                        {
                            assertEquals(ReasonCode.INSUFFICIENT_STOCK, result.code(), result.toString());
                            rejectedShort.incrementAndGet();
                        }
                    }
                });
                callers[t].start();
            }
            start.countDown();
            for (final Thread caller : callers)
            {
                caller.join();
            }
            reader.interrupt();
            reader.join();

            for (int i = 0; i < answers.length(); i++)
            {
                assertEquals(1, answers.get(i), "attempt " + i + " answered exactly once");
            }
            assertEquals(THREADS * ATTEMPTS_PER_THREAD, held.get() + rejectedShort.get());
            assertTrue(minimumSeen.get() >= 0, "a reader saw available " + minimumSeen.get());
            assertTrue(rejectedShort.get() > 0, "contention should have run the SKU out of stock at some point");
            final var position = engine.reads().position("TV-55", "DC-1").orElseThrow();
            assertEquals(STOCK, position.onHand());
            assertEquals(confirmed.get(), position.committed());
            assertEquals(0, position.reserved());
            assertEquals(STOCK - confirmed.get(), position.available());
            assertNull(engine.verifyInvariants());
            assertEquals(engine.reads().sequence(), waitForEvents(eventsSeen, engine.reads().sequence()));
        }
    }

    @Test
    void shouldAnswerEveryAcceptedCommandOnCloseAndRefuseLaterOnes() throws Exception
    {
        final OmnistockEngine engine = OmnistockEngine.start(EngineConfig.defaults()
            .skuCapacity(8).locationCapacity(8).channelCapacity(4).positionCapacity(64).ringSize(64));
        setUp(engine);
        final AtomicLong answered = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        for (int i = 0; i < 5_000; i++)
        {
            final int code = engine.send(new Receive("more-" + i, "TV-55", "DC-1", 1), i,
                (correlationId, reply) -> answered.incrementAndGet(), true);
            if (code == ReasonCode.OK)
            {
                accepted.incrementAndGet();
            }
        }
        engine.close();
        assertEquals(accepted.get(), answered.get());
        assertEquals(ReasonCode.SHUT_DOWN, engine.submit(new Receive("late", "TV-55", "DC-1", 1)).join().code());
        assertEquals(ReasonCode.SHUT_DOWN, engine.send(new Receive("late2", "TV-55", "DC-1", 1), 1, (c, r) -> { }, false));
        assertEquals(STOCK + accepted.get(), engine.reads().available("TV-55", "DC-1"));
    }

    @Test
    void shouldAnswerBackPressureWhenTheRingIsFullAndTheCallerWillNotWait() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final EngineConfig config = EngineConfig.defaults()
            .skuCapacity(8).locationCapacity(8).channelCapacity(4).positionCapacity(64).ringSize(8)
            .eventListener(new EventListener()
            {
                @Override
                public void onEvent(final Event event)
                {
                    awaitQuietly(release);
                }
            });
        try (OmnistockEngine engine = OmnistockEngine.start(config))
        {
            int backPressure = 0;
            for (int i = 0; i < 64 && backPressure == 0; i++)
            {
                final Result result = engine.trySubmit(new DefineSku("sku-" + i, "SKU-" + i)).getNow(null);
                if (result != null && result.code() == ReasonCode.BACK_PRESSURE)
                {
                    backPressure++;
                }
            }
            assertEquals(1, backPressure, "a full ring answers BACK_PRESSURE instead of blocking");
            release.countDown();
        }
    }

    @Test
    void shouldRejectMalformedCommandsAtTheBoundaryWithoutEnteringTheRing()
    {
        try (OmnistockEngine engine = OmnistockEngine.start(EngineConfig.defaults()
            .skuCapacity(8).locationCapacity(8).channelCapacity(4).positionCapacity(64)))
        {
            final long sequence = engine.reads().sequence();
            assertEquals(ReasonCode.INVALID_KEY, engine.submit(new DefineSku(null, "A")).join().code());
            assertEquals(ReasonCode.INVALID_ID, engine.submit(new DefineSku("k", "x".repeat(65))).join().code());
            assertEquals(ReasonCode.INVALID_ARGUMENT, engine.submit(null).join().code());
            assertEquals(ReasonCode.INVALID_ID, engine.send(new DefineSku("k", "caf\u00e9"), 1, (c, r) -> { }, true));
            assertEquals(sequence, engine.reads().sequence());
        }
    }

    private static void setUp(final OmnistockEngine engine)
    {
        assertEquals(ReasonCode.OK, engine.submit(new DefineSku("def-sku", "TV-55")).join().code());
        assertEquals(ReasonCode.OK, engine.submit(new DefineLocation("def-dc", "DC-1", LocationType.WAREHOUSE,
            LocationCapability.SHIPS, 1, 51_500_000, -100_000)).join().code());
        assertEquals(ReasonCode.OK, engine.submit(new DefineChannel("def-web", "web", List.of("DC-1"))).join().code());
        assertEquals(ReasonCode.OK, engine.submit(new Receive("receipt-1", "TV-55", "DC-1", STOCK)).join().code());
    }

    private static long waitForEvents(final AtomicLong eventsSeen, final long expected) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (eventsSeen.get() < expected && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        return eventsSeen.get();
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }
}
