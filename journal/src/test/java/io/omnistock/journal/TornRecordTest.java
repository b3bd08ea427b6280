package io.omnistock.journal;

import io.omnistock.api.DefineSku;
import io.omnistock.api.ReasonCode;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.OmnistockEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A crash in the middle of an append: the torn document is detected, reported, ignored, and overwritten. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TornRecordTest
{
    @TempDir
    Path dir;

    @Test
    void shouldDetectIgnoreAndThenOverwriteATornLastDocument() throws Exception
    {
        final Process writer = new ProcessBuilder(javaCommand(TornWriter.class, dir.toString()))
            .redirectErrorStream(true).start();
        final String output = new String(writer.getInputStream().readAllBytes());
        assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
        assertTrue(output.contains("TORN"), output);

        final Path events = dir.resolve(DurableEngine.EVENTS);
        try (JournalReader reader = new JournalReader(events))
        {
            reader.readAll((buffer, offset, index) -> { });
            assertEquals(5, reader.records(), "the complete documents");
            assertTrue(reader.tornBytes() > 0, "the torn append is detected");
        }

        try (OmnistockEngine engine = DurableEngine.open(dir, Durability.SYNC, EngineConfig.defaults().timerIntervalMs(0)))
        {
            assertEquals(5, engine.reads().sequence());
            assertEquals(ReasonCode.OK, engine.submit(new DefineSku("k9", "SKU-9")).get().code());
        }
        try (JournalReader reader = new JournalReader(events))
        {
            reader.readAll((buffer, offset, index) -> { });
            assertEquals(6, reader.records(), "the next append took the torn one's place");
            assertEquals(0, reader.tornBytes());
        }
    }

    /** A command line running a main class of the test class path in a new JVM with this JVM's module flags. */
    static List<String> javaCommand(final Class<?> main, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access") ||
                argument.startsWith("-Dchronicle"))
            {
                command.add(argument);
            }
        }
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }
}
