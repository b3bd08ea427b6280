package io.omnistock.journal.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dump}: every event, readable, with names resolved; each filter keeps exactly the events it names. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DumpCommandTest
{
    private static final AuditFixture fixture = new AuditFixture();

    @BeforeAll
    static void writeJournal(@TempDir final Path dir) throws Exception
    {
        // the tests only read the journal: one for the class
        fixture.writeMorning(dir);
    }

    @Test
    void shouldPrintEveryEventInSequenceWithNamesIsoTimesAndKeys()
    {
        final AuditFixture.Run run = dump();

        assertEquals(AuditTool.EXIT_OK, run.exitCode(), run.err());
        final List<String> lines = run.lines();
        assertEquals(AuditFixture.EVENTS, lines.size(), run.out());
        for (int i = 0; i < lines.size(); i++)
        {
            assertTrue(lines.get(i).startsWith("#" + (i + 1) + " "), lines.get(i));
        }
        assertEquals("#1 2026-11-27T08:00:00Z SKU_DEFINED ref=SKU-1 sku=SKU-1 key=d1", lines.get(0));
        assertEquals("#10 2026-11-27T08:01:00Z RESERVED ref=order-1 channel=web deadline=1795767360000 " +
            "fulfilment=SHIP lines=[SKU-1@STORE-1x3] key=hold-1", lines.get(9));
        assertEquals("#14 2026-11-27T08:02:00Z REJECTED RESERVE INSUFFICIENT_STOCK line=0 available=5 ref=order-3 " +
            "key=hold-3", lines.get(13));
        assertEquals("#21 2026-11-27T08:12:00Z EXPIRED ref=order-2 channel=web lines=[SKU-1@STORE-1x2]", lines.get(20));
    }

    @Test
    void shouldKeepOnlyTheEventsOfOneSkuAtOneLocation()
    {
        final AuditFixture.Run run = dump("--sku", "SKU-2", "--location", "STORE-1");

        assertEquals(List.of(9L, 18L, 19L, 20L, 22L), sequences(run));
    }

    @Test
    void shouldMatchALocationAsTransferDestinationAndAsChannelMember()
    {
        assertEquals(List.of(3L, 5L, 7L, 15L), sequences(dump("--location", "DC")));
    }

    @Test
    void shouldKeepEveryEventOfOneReservationIncludingItsRejection()
    {
        assertEquals(List.of(10L, 11L, 12L), sequences(dump("--reservation", "order-1")));
        assertEquals(List.of(13L, 21L), sequences(dump("--reservation", "order-2")));
        assertEquals(List.of(14L), sequences(dump("--reservation", "order-3")));
    }

    @Test
    void shouldKeepOnlyTheEventsOfOneChannelAndTypes()
    {
        assertEquals(List.of(6L, 17L, 19L), sequences(dump("--channel", "pos-1")));
        assertEquals(List.of(17L, 19L, 20L), sequences(dump("--type", "SOLD,oversold")));
    }

    @Test
    void shouldKeepATimeRangeGivenAsIsoOrEpochAndASequenceRange()
    {
        final long fiveMinutesIn = AuditFixture.START_MS + 5 * AuditFixture.MINUTE_MS;
        assertEquals(List.of(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L),
            sequences(dump("--from-time", "2026-11-27T08:02:00Z", "--to-time", Long.toString(fiveMinutesIn))));
        assertEquals(List.of(21L, 22L, 23L), sequences(dump("--from-time", "2026-11-27T09:10:00+01:00")));
        assertEquals(List.of(4L, 5L, 6L), sequences(dump("--from-seq", "4", "--to-seq", "6")));
    }

    @Test
    void shouldRejectATimeThatIsNeitherEpochNorIso()
    {
        final AuditFixture.Run run = dump("--from-time", "yesterday");

        assertEquals(AuditTool.EXIT_ERROR, run.exitCode());
        assertTrue(run.err().contains("neither epoch milliseconds nor an ISO-8601 instant"), run.err());
    }

    @Test
    void shouldSayThereIsNoJournalWithExitTwo()
    {
        final AuditFixture.Run run =
            AuditFixture.run(fixture.tool(), "dump", fixture.dataDir().resolve("nowhere").toString());

        assertEquals(AuditTool.EXIT_ERROR, run.exitCode());
        assertTrue(run.err().startsWith("error: no journal at "), run.err());
    }

    private static AuditFixture.Run dump(final String... filters)
    {
        return fixture.run("dump", filters);
    }

    private static List<Long> sequences(final AuditFixture.Run run)
    {
        assertEquals(AuditTool.EXIT_OK, run.exitCode(), run.err());
        return run.lines().stream().map(line -> Long.parseLong(line.substring(1, line.indexOf(' ')))).toList();
    }
}
