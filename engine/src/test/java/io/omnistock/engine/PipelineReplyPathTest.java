package io.omnistock.engine;

import io.omnistock.api.DefineSku;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.ReplyListener;
import io.omnistock.api.Result;
import io.omnistock.engine.state.CommandSlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ring slot keeps the last reply listener it was given (so that a host answering through one listener writes no
 * reference per command, see {@link CommandSlot}), yet every command is answered exactly once, through the path it
 * was sent with: never through a listener a slot kept from an earlier command, whether the slot is next used by a
 * future, a timer tick or another listener. Close lets go of the kept listeners.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineReplyPathTest
{
    private static final int COMMANDS = 4_000;

    /** Counts the replies per correlation id that reach one listener. */
    private static final class CountingListener implements ReplyListener
    {
        final AtomicIntegerArray replies = new AtomicIntegerArray(COMMANDS);

        @Override
        public void onReply(final long correlationId, final io.omnistock.api.Reply reply)
        {
            replies.incrementAndGet((int)correlationId);
        }
    }

    @Test
    void shouldAnswerEveryCommandOnceThroughItsOwnPathWhileSlotsKeepTheirListener() throws Exception
    {
        final CountingListener first = new CountingListener();
        final CountingListener second = new CountingListener();
        final List<CompletableFuture<Result>> futures = new ArrayList<>();
        final boolean[] sentToFirst = new boolean[COMMANDS];
        final boolean[] sentToSecond = new boolean[COMMANDS];
        final AtomicLong clockReads = new AtomicLong();
        final EngineConfig config = EngineConfig.defaults()
            .skuCapacity(COMMANDS + 1).locationCapacity(4).channelCapacity(2).positionCapacity(64)
            .ringSize(8)
            .clockMs(() -> 1_000 + clockReads.incrementAndGet())
            .timerIntervalMs(1);
        try (OmnistockEngine engine = OmnistockEngine.start(config))
        {
            for (int i = 0; i < COMMANDS; i++)
            {
                final DefineSku command = new DefineSku("define-" + i, "SKU-" + i);
                switch (i % 5)
                {
                    case 0, 1 ->
                    {
                        assertEquals(ReasonCode.OK, engine.send(command, i, first, true));
                        sentToFirst[i] = true;
                    }
                    case 2 ->
                    {
                        assertEquals(ReasonCode.OK, engine.send(command, i, second, true));
                        sentToSecond[i] = true;
                    }
                    default -> futures.add(engine.submit(command));
                }
                if (i % 97 == 0)
                {
                    Thread.sleep(2); // let timer ticks take slots between the commands
                }
            }
            for (final CompletableFuture<Result> future : futures)
            {
                assertEquals(ReasonCode.OK, future.get(10, TimeUnit.SECONDS).code());
            }
            assertEquals(ReasonCode.OK, engine.submit(new DefineSku("last", "SKU-LAST")).get(10, TimeUnit.SECONDS)
                .code());
            // each command reads the clock once when published, each timer tick once more
            assertTrue(clockReads.get() > COMMANDS + 1, "timer ticks took slots between the commands");
        }
        for (int i = 0; i < COMMANDS; i++) // after close, which drains: no late or duplicate reply either
        {
            assertEquals(sentToFirst[i] ? 1 : 0, first.replies.get(i), "replies to the first listener, id " + i);
            assertEquals(sentToSecond[i] ? 1 : 0, second.replies.get(i), "replies to the second listener, id " + i);
        }
    }

    @Test
    void shouldLetGoOfTheKeptListenersOnClose() throws Exception
    {
        final OmnistockEngine engine = OmnistockEngine.start(EngineConfig.defaults()
            .skuCapacity(16).locationCapacity(4).channelCapacity(2).positionCapacity(64).ringSize(8));
        final WeakReference<CountingListener> kept = sendThroughOnlyListener(engine);
        collectGarbage(kept, 3);
        assertNotNull(kept.get(), "the slots keep the listener while the engine runs");
        engine.close();
        collectGarbage(kept, 50);
        assertNull(kept.get(), "closed, the engine keeps no listener of the host's");
    }

    /** Sends a few commands through a listener that nothing but the engine references once this returns. */
    private static WeakReference<CountingListener> sendThroughOnlyListener(final OmnistockEngine engine)
        throws Exception
    {
        final CountingListener listener = new CountingListener();
        for (int i = 0; i < 8; i++)
        {
            assertEquals(ReasonCode.OK, engine.send(new DefineSku("d-" + i, "SKU-" + i), i, listener, true));
        }
        engine.submit(new DefineSku("last", "SKU-LAST")).get(10, TimeUnit.SECONDS);
        assertEquals(1, listener.replies.get(7));
        return new WeakReference<>(listener);
    }

    private static void collectGarbage(final WeakReference<?> reference, final int attempts) throws Exception
    {
        for (int i = 0; i < attempts && reference.get() != null; i++)
        {
            System.gc();
            Thread.sleep(10);
        }
    }

    @Test
    void shouldKeepTheListenerButNotListenAfterClearingOrTicking()
    {
        final CommandSlot slot = new CommandSlot(4);
        final ReplyListener listener = (correlationId, reply) -> { };
        slot.listenWith(listener);
        assertTrue(slot.listening);
        assertSame(listener, slot.replyListener);

        slot.clearInput();
        assertFalse(slot.listening, "a cleared slot answers no one");
        assertSame(listener, slot.replyListener, "the reference is kept, to be reused without a store");
        assertNull(slot.type(), "a cleared slot holds no command");

        slot.listenWith(listener);
        slot.tick(5);
        assertFalse(slot.listening, "a timer tick answers no one");
        assertEquals(io.omnistock.api.CommandType.ADVANCE_TIME, slot.type());
    }
}
