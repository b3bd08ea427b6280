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

/** {@code history}: each movement of a SKU with the position's running totals per stock state. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HistoryCommandTest
{
    private static final AuditFixture fixture = new AuditFixture();

    @BeforeAll
    static void writeJournal(@TempDir final Path dir) throws Exception
    {
        // the tests only read the journal: one for the class
        fixture.writeMorning(dir);
    }

    @Test
    void shouldShowRunningTotalsAfterEachMovementAtOneLocation()
    {
        final AuditFixture.Run run = fixture.run("history", "--sku", "SKU-1", "--location", "STORE-1", "--csv");

        assertEquals(AuditTool.EXIT_OK, run.exitCode(), run.err());
        // seq,event,quantity,onHand,reserved,committed,safetyStock,damaged,quarantined,inTransit,incoming,available
        assertEquals(List.of(
            "8,RECEIVED,10,10,0,0,0,0,0,0,0,10",
            "10,RESERVED,3,10,3,0,0,0,0,0,0,7",
            "11,CONFIRMED,3,10,0,3,0,0,0,0,0,7",
            "12,FULFILLED,3,7,0,0,0,0,0,0,0,7",
            "13,RESERVED,2,7,2,0,0,0,0,0,0,5",
            "15,TRANSFER_SHIPPED,20,7,2,0,0,0,0,20,0,5",
            "16,TRANSFER_RECEIVED,20,27,2,0,0,0,0,0,0,25",
            "17,SOLD,4,23,2,0,0,0,0,0,0,21",
            "21,EXPIRED,2,23,0,0,0,0,0,0,0,23",
            "23,RETURNED,1,24,0,0,0,0,0,0,0,24"), totals(run));
        assertEquals(String.join(",", HistoryCommand.COLUMNS), run.lines().get(0));
        assertTrue(run.lines().get(2).startsWith("10,2026-11-27T08:01:00Z,RESERVED,STORE-1,3,"), run.out());
        assertTrue(run.lines().get(2).endsWith(",order-1"), run.out());
    }

    @Test
    void shouldShowEveryLocationOfTheSkuWhenNoneIsGiven()
    {
        final AuditFixture.Run run = fixture.run("history", "--sku", "SKU-2", "--csv");

        assertEquals(List.of(
            "9,RECEIVED,5,5,0,0,0,0,0,0,0,5",
            "18,RESERVED,5,5,5,0,0,0,0,0,0,0",
            "19,SOLD,2,3,5,0,0,0,0,0,0,-2",
            "20,OVERSOLD,2,3,5,0,0,0,0,0,0,-2",
            "22,RECEIVED,10,13,5,0,0,0,0,0,0,8"), totals(run));
        assertTrue(run.err().contains("5 movements of SKU-2 in 23 events"), run.err());
    }

    @Test
    void shouldPrintAnAlignedTableByDefault()
    {
        final AuditFixture.Run run = fixture.run("history", "--sku", "SKU-1", "--location", "DC");

        assertEquals(AuditTool.EXIT_OK, run.exitCode(), run.err());
        assertEquals(3, run.lines().size(), run.out());
        assertTrue(run.lines().get(0).startsWith("seq     time                      event"), run.out());
        assertTrue(run.lines().get(2).matches(" +15 +2026-11-27T08:02:00Z +TRANSFER_SHIPPED +DC +20 +80( +0){7} +80 +tr-1"),
            run.lines().get(2));
    }

    @Test
    void shouldExitOneForASkuTheJournalDoesNotKnow()
    {
        final AuditFixture.Run run = fixture.run("history", "--sku", "SKU-9");

        assertEquals(AuditTool.EXIT_FINDINGS, run.exitCode());
        assertTrue(run.err().contains("SKU SKU-9 is not defined"), run.err());
    }

    /** Drops the time, location and reference columns of each CSV row after the header. */
    private static List<String> totals(final AuditFixture.Run run)
    {
        return run.lines().stream().skip(1).map(line ->
        {
            final List<String> cells = List.of(line.split(",", -1));
            return cells.get(0) + "," + cells.get(2) + "," + String.join(",", cells.subList(4, 14));
        }).toList();
    }
}
