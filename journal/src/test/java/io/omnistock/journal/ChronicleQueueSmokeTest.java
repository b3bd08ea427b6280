package io.omnistock.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Proves Chronicle Queue works on this JVM with the omnistock JVM flags, and that analytics is absent. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChronicleQueueSmokeTest {

    private static final int RECORDS = 1_000;

    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackBinaryRecords() {
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build()) {
            try (ExcerptAppender appender = queue.createAppender()) {
                for (int i = 0; i < RECORDS; i++) {
                    final int n = i;
                    appender.writeBytes(b -> b
                            .writeInt(n)
                            .writeLong(n * 31L + 7)
                            .writeByte((byte) (n & 0x7F)));
                }
            }

            int count = 0;
            try (ExcerptTailer tailer = queue.createTailer()) {
                final int[] expected = {0};
                while (tailer.readBytes(b -> {
                    int n = b.readInt();
                    long l = b.readLong();
                    byte x = b.readByte();
                    assertEquals(expected[0], n, "sequence");
                    assertEquals(n * 31L + 7, l, "long payload of record " + n);
                    assertEquals((byte) (n & 0x7F), x, "byte payload of record " + n);
                    assertEquals(0, b.readRemaining(), "no trailing bytes in record " + n);
                    expected[0]++;
                })) {
                    count++;
                }
            }
            assertEquals(RECORDS, count, "records read back");
        }
    }

    @Test
    void chronicleAnalyticsIsNotOnTheClasspath() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("net.openhft.chronicle.analytics.Analytics", false, getClass().getClassLoader()),
                "net.openhft:chronicle-analytics must be excluded from the classpath");
        assertEquals("true", System.getProperty("chronicle.analytics.disable"),
                "the omnistock JVM flags (surefire argLine) should reach the test JVM");
    }
}
