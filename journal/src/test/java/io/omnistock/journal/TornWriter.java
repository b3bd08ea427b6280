package io.omnistock.journal;

import io.omnistock.api.DefineSku;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Leaves a journal with a torn last document, as a crash in the middle of an append would: writes a few complete
 * commands through a durable engine, then starts a document, writes part of it and halts the JVM without closing
 * it. Used by {@link TornRecordTest}. Argument: the data directory.
 */
public final class TornWriter
{
    private TornWriter()
    {
    }

    /**
     * @param args the data directory.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path directory = Path.of(args[0]);
        try (OmnistockEngine engine = DurableEngine.open(directory, Durability.SYNC, EngineConfig.defaults().timerIntervalMs(0)))
        {
            for (int i = 0; i < 5; i++)
            {
                engine.submit(new DefineSku("k" + i, "SKU-" + i)).get();
            }
        }
        final SingleChronicleQueue queue = ChronicleJournal.queue(directory.resolve(DurableEngine.EVENTS), SyncMode.NONE, false);
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext document = appender.writingDocument();
        document.wire().bytes().writeInt(0x12345678).writeLong(42L);
        System.out.println("TORN");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
