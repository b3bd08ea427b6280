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

/** {@code stock}: every position as CSV, as the journal ends or at a point in time or sequence. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StockCommandTest
{
    static final String HEADER = "sku,location,onHand,reserved,committed,safetyStock,damaged,quarantined," +
        "inTransit,incoming,available";

    private static final AuditFixture fixture = new AuditFixture();

    @BeforeAll
    static void writeJournal(@TempDir final Path dir) throws Exception
    {
        // the tests only read the journal: one for the class
        fixture.writeMorning(dir);
    }

    @Test
    void shouldPrintEveryPositionAsTheJournalLeavesIt()
    {
        final AuditFixture.Run run = stock();

        assertEquals(AuditTool.EXIT_OK, run.exitCode(), run.err());
        assertEquals(List.of(HEADER,
            "SKU-1,DC,80,0,0,0,0,0,0,0,80",
            "SKU-1,STORE-1,24,0,0,0,0,0,0,0,24",
            "SKU-2,STORE-1,13,5,0,0,0,0,0,0,8"), run.lines());
        assertTrue(run.err().contains("3 positions as of sequence 23"), run.err());
    }

    @Test
    void shouldPrintTheStockAsItStoodAtAPointInTime()
    {
        // 08:02:30: order-2 still holds 2, the transfer is on its way, nothing sold yet
        final List<String> expected = List.of(HEADER,
            "SKU-1,DC,80,0,0,0,0,0,0,0,80",
            "SKU-1,STORE-1,7,2,0,0,0,0,20,0,5",
            "SKU-2,STORE-1,5,0,0,0,0,0,0,0,5");
        assertEquals(expected, stock("--at", "2026-11-27T08:02:30Z").lines());
        assertEquals(expected, stock("--at", Long.toString(AuditFixture.START_MS + 150_000)).lines());
        assertEquals(expected, stock("--at-seq", "15").lines());
    }

    @Test
    void shouldShowAHoldExpiredFromItsDeadline()
    {
        assertEquals(List.of(HEADER, "SKU-1,STORE-1,23,2,0,0,0,0,0,0,21"),
            stock("--at", "2026-11-27T08:11:59.999Z", "--sku", "SKU-1", "--location", "STORE-1").lines());
        assertEquals(List.of(HEADER, "SKU-1,STORE-1,23,0,0,0,0,0,0,0,23"),
            stock("--at", "2026-11-27T08:12:00Z", "--sku", "SKU-1", "--location", "STORE-1").lines());
    }

    @Test
    void shouldPrintOnlyTheHeaderBeforeTheFirstEvent()
    {
        assertEquals(List.of(HEADER), stock("--at", "2026-11-27T07:00:00Z").lines());
    }

    @Test
    void shouldRefuseAtAndAtSeqTogether()
    {
        final AuditFixture.Run run = stock("--at", "2026-11-27T08:02:30Z", "--at-seq", "3");

        assertEquals(AuditTool.EXIT_ERROR, run.exitCode());
        assertTrue(run.err().contains("--at and --at-seq cannot be used together"), run.err());
    }

    private static AuditFixture.Run stock(final String... options)
    {
        return fixture.run("stock", options);
    }
}
