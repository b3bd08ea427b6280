package io.omnistock.engine;

import io.omnistock.api.Adjust;
import io.omnistock.api.AdjustmentReason;
import io.omnistock.api.Command;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Disposition;
import io.omnistock.api.Event;
import io.omnistock.api.EventListener;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Result;
import io.omnistock.api.Return;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static io.omnistock.api.ReasonCode.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input through the real pipeline: a command the boundary rejects completes its future (or returns from
 * {@code send}) with the typed code at once, never enters the ring and changes nothing; a command the writer
 * rejects comes back with the code, the failing line and what was available there, is recorded as a REJECTED event
 * for listeners, and changes no stock. Idempotent repeats and conflicts answer the same way.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineRejectionTest
{
    private static final long CLOCK_MS = 1_000_000;

    @Test
    void shouldAnswerBoundaryRejectionsAtOnceWithoutEnteringTheRing()
    {
        try (OmnistockEngine engine = OmnistockEngine.start(config()))
        {
            setUp(engine);
            final long sequence = engine.reads().sequence();
            final long state = engine.stateHash();
            final List<ReserveLine> fiveLines = new ArrayList<>();
            for (int i = 0; i < 5; i++)
            {
                fiveLines.add(ReserveLine.at("SKU-" + i, "DC-1", 1));
            }
            final List<Command> commands = Arrays.asList(
                null,
                new DefineSku(null, "SKU-2"),
                new DefineSku("k".repeat(65), "SKU-2"),
                new DefineSku("key with spaces", "SKU-2"),
                new DefineSku("k", null),
                new DefineSku("k", ""),
                new DefineSku("k", "x".repeat(65)),
                new DefineSku("k", "caf\u00e9"),
                new Receive("k", "TV-55", "DC\n1", 1),
                new Adjust("k", "TV-55", "DC-1", 1, null, AdjustmentReason.FOUND),
                new Return("k", "web", "TV-55", "DC-1", 1, null),
                new DefineChannel("k", "app", null),
                new Reserve("k", "order-1", "web", FulfilmentType.SHIP, 60_000, List.of()),
                new Reserve("k", "order-1", "web", FulfilmentType.SHIP, 60_000, fiveLines));
            final List<Integer> codes = List.of(INVALID_ARGUMENT, INVALID_KEY, INVALID_KEY, INVALID_KEY, INVALID_ID,
                INVALID_ID, INVALID_ID, INVALID_ID, INVALID_ID, INVALID_ARGUMENT, INVALID_ARGUMENT, EMPTY, EMPTY,
                TOO_MANY_LINES);
            final AtomicInteger replies = new AtomicInteger();

            for (int i = 0; i < commands.size(); i++)
            {
                final Command command = commands.get(i);
                final int code = codes.get(i);
                final CompletableFuture<Result> future = engine.submit(command);

                assertTrue(future.isDone(), () -> "answered at once: " + command);
                assertEquals(Result.rejected(code), future.join(), () -> String.valueOf(command));
                assertEquals(ReasonCode.name(code), future.join().reason());
                assertEquals(Result.rejected(code), engine.trySubmit(command).join(), () -> String.valueOf(command));
                assertEquals(code, engine.send(command, i, (correlationId, reply) -> replies.incrementAndGet(), true),
                    () -> String.valueOf(command));
            }

            assertEquals(0, replies.get(), "a boundary rejection never reaches the reply listener");
            assertEquals(sequence, engine.reads().sequence());
            assertEquals(state, engine.stateHash());
            assertEquals(100, engine.reads().available("TV-55", "DC-1"));
        }
    }

    @Test
    void shouldCompleteFutureWithWriterRejectionItsLineAndWhatWasAvailable()
    {
        final List<String> rejections = new CopyOnWriteArrayList<>();
        final EngineConfig config = config().eventListener(new EventListener()
        {
            @Override
            public void onRejected(final Event event)
            {
                rejections.add(event.commandType() + " " + ReasonCode.name(event.reasonCode()) + " " +
                    event.reference() + " line " + event.lineIndex() + " available " + event.available());
            }
        });
        try (OmnistockEngine engine = OmnistockEngine.start(config))
        {
            setUp(engine);
            final long sequence = engine.reads().sequence();

            final Result shortLine = engine.submit(new Reserve("reserve-1", "order-1", "web", FulfilmentType.SHIP,
                60_000, List.of(ReserveLine.at("TV-55", "DC-1", 10), ReserveLine.at("TV-55", "STORE-1", 6)))).join();
            final Result unknownSku = engine.submit(new Receive("receive-1", "TV-99", "DC-1", 1)).join();
            final Result zero = engine.submit(new Receive("receive-2", "TV-55", "DC-1", 0)).join();
            final Result noReturns = engine.submit(new Return("return-1", "web", "TV-55", "STORE-1", 1,
                Disposition.RESTOCK)).join();
            final Result notInChannel = engine.submit(new PosSale("sale-1", "web", "TV-55", "OUTLET-1", 1)).join();

            assertEquals(INSUFFICIENT_STOCK, shortLine.code());
            assertEquals(1, shortLine.lineIndex());
            assertEquals(5, shortLine.available());
            assertEquals(sequence + 1, shortLine.sequence());
            assertFalse(shortLine.duplicate());
            assertEquals(List.of(), shortLine.lineLocations());
            assertEquals(CLOCK_MS, shortLine.timeMs());
            assertEquals(UNKNOWN_SKU, unknownSku.code());
            assertEquals(INVALID_QUANTITY, zero.code());
            assertEquals(RETURNS_NOT_ACCEPTED, noReturns.code());
            assertEquals(LOCATION_NOT_IN_CHANNEL, notInChannel.code());
            assertEquals(sequence + 5, engine.reads().sequence());
            assertEquals(100, engine.reads().available("TV-55", "DC-1"));
            assertEquals(5, engine.reads().available("TV-55", "STORE-1"));
            assertEquals(0, engine.reads().position("TV-55", "DC-1").orElseThrow().reserved());
            assertTrue(engine.reads().reservation("order-1").isEmpty());
            assertEquals(105, engine.reads().availableToPromise("TV-55", "web"));
            assertNull(engine.verifyInvariants());
            waitFor(() -> rejections.size() == 5);
            assertEquals(List.of(
                "RESERVE INSUFFICIENT_STOCK order-1 line 1 available 5",
                "RECEIVE UNKNOWN_SKU  line -1 available -1",
                "RECEIVE INVALID_QUANTITY  line -1 available -1",
                "RETURN RETURNS_NOT_ACCEPTED  line -1 available -1",
                "SELL LOCATION_NOT_IN_CHANNEL  line -1 available -1"), rejections);
        }
    }

    @Test
    void shouldDeliverWriterRejectionToTheReplyListener()
    {
        try (OmnistockEngine engine = OmnistockEngine.start(config()))
        {
            setUp(engine);
            final CompletableFuture<String> answer = new CompletableFuture<>();

            final int accepted = engine.send(new Reserve("reserve-1", "order-1", "web", FulfilmentType.SHIP, 60_000,
                List.of(ReserveLine.at("TV-55", "DC-1", 1), ReserveLine.at("TV-55", "DC-1", 1))), 42,
                (correlationId, reply) -> answer.complete(correlationId + " " + ReasonCode.name(reply.code()) +
                    " line " + reply.lineIndex()), true);

            assertEquals(OK, accepted, "accepted into the ring; the writer decides");
            assertEquals("42 DUPLICATE_LINE line 1", answer.join());
            assertEquals(100, engine.reads().available("TV-55", "DC-1"));
        }
    }

    @Test
    void shouldAnswerRepeatWithFirstOutcomeAndDifferentPayloadWithConflict()
    {
        try (OmnistockEngine engine = OmnistockEngine.start(config()))
        {
            setUp(engine);
            final Reserve reserve = Reserve.of("reserve-1", "order-1", "web", FulfilmentType.SHIP, 60_000,
                ReserveLine.anywhere("TV-55", 3));

            final Result first = engine.submit(reserve).join();
            final long state = engine.stateHash();
            final Result again = engine.submit(reserve).join();
            final long afterRepeat = engine.stateHash();
            final Result conflict = engine.submit(Reserve.of("reserve-1", "order-1", "web", FulfilmentType.SHIP, 60_000,
                ReserveLine.anywhere("TV-55", 4))).join();

            assertEquals(OK, first.code());
            assertEquals(List.of("DC-1"), first.lineLocations());
            assertEquals(OK, again.code());
            assertTrue(again.duplicate());
            assertEquals(first.sequence(), again.sequence());
            assertEquals(first.lineLocations(), again.lineLocations());
            assertEquals(state, afterRepeat);
            assertEquals(IDEMPOTENCY_CONFLICT, conflict.code());
            assertFalse(conflict.duplicate());
            assertEquals(97, engine.reads().available("TV-55", "DC-1"));
            assertEquals(3, engine.reads().position("TV-55", "DC-1").orElseThrow().reserved());
        }
    }

    private static EngineConfig config()
    {
        final AtomicLong clockMs = new AtomicLong(CLOCK_MS);
        return EngineConfig.defaults()
            .skuCapacity(8).locationCapacity(8).channelCapacity(4).positionCapacity(64)
            .reservationCapacity(64).linesPerReservationMax(4).idempotencyCapacity(1024)
            .clockMs(clockMs::get)
            .timerIntervalMs(0);
    }

    private static void setUp(final OmnistockEngine engine)
    {
        final List<Command> commands = List.of(
            new DefineSku("def-sku", "TV-55"),
            new DefineLocation("def-dc", "DC-1", LocationType.WAREHOUSE, LocationCapability.SHIPS, 1, 0, 0),
            new DefineLocation("def-store", "STORE-1", LocationType.STORE, LocationCapability.SHIPS, 2, 0, 0),
            new DefineLocation("def-outlet", "OUTLET-1", LocationType.STORE, LocationCapability.ALL, 3, 0, 0),
            new DefineChannel("def-web", "web", List.of("DC-1", "STORE-1")),
            new Receive("receipt-1", "TV-55", "DC-1", 100),
            new Receive("receipt-2", "TV-55", "STORE-1", 5));
        for (final Command command : commands)
        {
            assertEquals(OK, engine.submit(command).join().code(), command::toString);
        }
    }

    private static void waitFor(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 10 seconds");
    }
}
