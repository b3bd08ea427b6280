package io.omnistock.engine;

import io.omnistock.api.DefineSku;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Result;
import io.omnistock.engine.state.EventCodec;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal stage: every decided event is appended, in order, before its caller is answered; failures stop the engine. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipelineJournalTest
{
    /** Records what it is given; answers "durable" only at the end of a batch; can be told to fail. */
    private static final class RecordingJournal implements EventJournal
    {
        final List<Long> appended = new ArrayList<>();
        final List<Long> durable = new ArrayList<>();
        volatile int failAfterAppends = Integer.MAX_VALUE;
        volatile boolean closed;
        int batches;

        @Override
        public void append(final DirectBuffer records, final int length, final int count)
        {
            if (appended.size() >= failAfterAppends)
            {
                throw new IllegalStateException("disk full");
            }
            int offset = 0;
            for (int i = 0; i < count; i++)
            {
                assertEquals(EventCodec.SCHEMA_ID, records.getShort(offset + EventCodec.SCHEMA_ID_OFFSET));
                appended.add(records.getLong(offset + EventCodec.SEQUENCE_OFFSET));
                offset += records.getInt(offset + EventCodec.LENGTH_OFFSET);
            }
            assertEquals(length, offset, "records fill exactly the appended length");
        }

        @Override
        public void endOfBatch()
        {
            batches++;
            synchronized (durable)
            {
                durable.clear();
                durable.addAll(appended);
            }
        }

        @Override
        public void close()
        {
            closed = true;
        }

        boolean isDurable(final long sequence)
        {
            synchronized (durable)
            {
                return durable.contains(sequence);
            }
        }
    }

    @Test
    void shouldAnswerOnlyAfterTheOutcomeIsDurable() throws Exception
    {
        final RecordingJournal journal = new RecordingJournal();
        final List<CompletableFuture<Result>> answers = new ArrayList<>();
        try (OmnistockEngine engine = OmnistockEngine.start(EngineConfig.defaults().timerIntervalMs(0).journal(journal)))
        {
            for (int i = 0; i < 500; i++)
            {
                final CompletableFuture<Result> answer = engine.submit(new DefineSku("k" + i, "SKU-" + (i % 400)));
                answers.add(answer.thenApply(result ->
                {
                    assertTrue(journal.isDurable(result.sequence()), "answered before durable: " + result);
                    return result;
                }));
            }
            for (final CompletableFuture<Result> answer : answers)
            {
                answer.get();
            }
            assertEquals(500, journal.appended.size(), "400 definitions and 100 rejections, all journaled");
            for (int i = 0; i < 500; i++)
            {
                assertEquals(i + 1, journal.appended.get(i), "in sequence order, none missing");
            }
            assertTrue(journal.batches >= 1);
        }
        assertTrue(journal.closed, "the engine closes its journal");
    }

    @Test
    void shouldStopDecidingWhenTheJournalFails() throws Exception
    {
        final RecordingJournal journal = new RecordingJournal();
        journal.failAfterAppends = 3;
        try (OmnistockEngine engine = OmnistockEngine.start(EngineConfig.defaults().timerIntervalMs(0).journal(journal)))
        {
            for (int i = 0; i < 3; i++)
            {
                assertEquals(ReasonCode.OK, engine.submit(new DefineSku("k" + i, "SKU-" + i)).get().code());
            }

            assertEquals(ReasonCode.STORAGE_FAILURE, engine.submit(new DefineSku("k3", "SKU-3")).get().code());
            final int later = engine.submit(new DefineSku("k4", "SKU-4")).get().code();

            assertTrue(later == ReasonCode.SHUT_DOWN || later == ReasonCode.STORAGE_FAILURE, ReasonCode.name(later));
            assertNotNull(engine.failure());
            assertFalse(journal.appended.contains(4L));
        }
    }
}
