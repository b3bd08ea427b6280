package io.omnistock.journal.cli;

import io.omnistock.journal.DurableEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code import}: good rows are journaled, bad ones reported by line without stopping the rest, a second run
 * changes nothing, and {@code --all-or-nothing} refuses a file with an invalid row.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImportCommandTest
{
    static final String CSV = String.join("\n",
        "# opening stock, exported from the ERP",
        "command,key,sku,location,channel,locations,locationType,quantity,reservation,fulfilment,holdMs",
        "define-sku,sku-1,SKU-1,,,,,,,,",
        "define-location,loc-1,,STORE-1,,,store,,,,",
        "define-channel,ch-1,,,web,STORE-1,,,,,",
        "receive,asn-1,SKU-1,STORE-1,,,,10,,,",
        "receive,asn-2,SKU-1,STORE-1,,,,ten,,,",
        "",
        "reserve,hold-1,SKU-1,STORE-1,web,,,3,order-1,ship,PT15M",
        "reserve,hold-2,SKU-1,STORE-1,web,,,50,order-2,ship,900000",
        "confirm,paid-1,,,,,,,order-1,,",
        "");

    static final String JSONL = String.join("\n",
        "{\"command\":\"define-sku\",\"key\":\"sku-1\",\"sku\":\"SKU-1\"}",
        "{\"command\":\"define-sku\",\"key\":\"sku-2\",\"sku\":\"SKU-2\"}",
        "{\"command\":\"define-location\",\"key\":\"loc-1\",\"location\":\"STORE-1\",\"locationType\":\"store\"," +
            "\"capabilities\":[\"SHIPS\",\"PICKUP\"],\"priority\":1,\"latitude\":40.723,\"longitude\":-74.0}",
        "{\"command\":\"define-channel\",\"key\":\"ch-1\",\"channel\":\"web\",\"locations\":[\"STORE-1\"]}",
        "",
        "{\"command\":\"receive\",\"key\":\"asn-1\",\"sku\":\"SKU-1\",\"location\":\"STORE-1\",\"quantity\":10}",
        "{\"command\":\"receive\",\"key\":\"asn-2\",\"sku\":\"SKU-2\",\"location\":\"STORE-1\",\"quantity\":4}",
        "{\"command\":\"receive\",\"key\":\"asn-3\",\"sku\":\"SKU-2\",\"location\":\"STORE-1\",\"quantity\":4",
        "{\"command\":\"reserve\",\"key\":\"hold-1\",\"reservation\":\"order-1\",\"channel\":\"web\"," +
            "\"fulfilment\":\"pickup\",\"holdMs\":\"PT15M\",\"lines\":[{\"sku\":\"SKU-1\",\"location\":\"STORE-1\"," +
            "\"quantity\":2},{\"sku\":\"SKU-2\",\"quantity\":1}]}",
        "{\"command\":\"confirm\",\"key\":\"paid-1\",\"reservation\":\"order-1\"}",
        "{\"command\":\"fulfil\",\"key\":\"picked-1\",\"reservation\":\"order-1\",\"quantities\":[2,0]}",
        "{\"command\":\"release\",\"key\":\"cancel-9\",\"reservation\":\"order-9\"}",
        "");

    @TempDir
    Path dir;

    private final AuditFixture fixture = new AuditFixture();

    @Test
    void shouldApplyTheGoodCsvRowsAndReportTheBadOnesByLine() throws Exception
    {
        final Path file = write("stock.csv", CSV);

        final AuditFixture.Run run = AuditFixture.run(fixture.tool(), "import", dir.toString(), file.toString());

        assertEquals(AuditTool.EXIT_FINDINGS, run.exitCode(), run.out() + run.err());
        final List<String> lines = run.lines();
        assertEquals("line 7: invalid: quantity 'ten' is not a whole number", lines.get(0));
        assertTrue(lines.get(1).startsWith("line 10: rejected INSUFFICIENT_STOCK line 0 available 7 #6 (key hold-2): "),
            lines.get(1));
        assertEquals("imported " + file + " into " + dir + ": 8 rows: 6 applied, 0 duplicates, 1 rejected, 1 invalid; " +
            "last event #7", lines.get(2));
        assertEquals(List.of(StockCommandTest.HEADER, "SKU-1,STORE-1,10,0,3,0,0,0,0,0,7"), stock());
    }

    @Test
    void shouldApplyJsonLinesWithMultiLineReservations() throws Exception
    {
        final Path file = write("orders.jsonl", JSONL);

        final AuditFixture.Run run = AuditFixture.run(fixture.tool(), "import", dir.toString(), file.toString(),
            "--durability", "async");

        assertEquals(AuditTool.EXIT_FINDINGS, run.exitCode(), run.out() + run.err());
        final List<String> lines = run.lines();
        assertTrue(lines.get(0).startsWith("line 8: invalid: not valid JSON: Unexpected end-of-input"), lines.get(0));
        assertTrue(lines.get(1).startsWith("line 12: rejected UNKNOWN_RESERVATION #10 (key cancel-9): "), lines.get(1));
        assertTrue(lines.get(2).endsWith(": 11 rows: 9 applied, 0 duplicates, 1 rejected, 1 invalid; last event #10"),
            lines.get(2));
        assertEquals(List.of(StockCommandTest.HEADER,
            "SKU-1,STORE-1,8,0,0,0,0,0,0,0,8",
            "SKU-2,STORE-1,4,0,1,0,0,0,0,0,3"), stock());
        final AuditFixture.Run verify = AuditFixture.run(fixture.tool(), "verify", dir.toString());
        assertEquals(AuditTool.EXIT_OK, verify.exitCode(), verify.out());
    }

    @Test
    void shouldChangeNothingWhenTheSameFileIsImportedAgain() throws Exception
    {
        final Path file = write("stock.csv", CSV);
        AuditFixture.run(fixture.tool(), "import", dir.toString(), file.toString());
        final List<String> events = AuditFixture.run(fixture.tool(), "dump", dir.toString()).lines();
        final String hash = stateHash();

        final AuditFixture.Run again = AuditFixture.run(fixture.tool(), "import", dir.toString(), file.toString());

        assertEquals(AuditTool.EXIT_FINDINGS, again.exitCode(), again.out());
        assertTrue(again.out().contains(": 8 rows: 0 applied, 6 duplicates, 1 rejected, 1 invalid"), again.out());
        assertTrue(again.out().contains("line 10: rejected INSUFFICIENT_STOCK (duplicate) line 0 available 7 #6 " +
            "(key hold-2), the remembered outcome of an earlier command with this key"), again.out());
        assertEquals(events, AuditFixture.run(fixture.tool(), "dump", dir.toString()).lines());
        assertEquals(hash, stateHash());
    }

    @Test
    void shouldRefuseTheWholeFileWhenARowIsInvalidAndAllOrNothingIsAsked() throws Exception
    {
        final Path file = write("stock.csv", CSV);

        final AuditFixture.Run run = AuditFixture.run(fixture.tool(), "import", dir.toString(), file.toString(),
            "--all-or-nothing");

        assertEquals(AuditTool.EXIT_FINDINGS, run.exitCode(), run.out() + run.err());
        assertEquals(List.of("line 7: invalid: quantity 'ten' is not a whole number",
            "refused " + file + ": 1 of 8 rows invalid; nothing was applied (--all-or-nothing)"), run.lines());
        assertFalse(Files.exists(dir.resolve(DurableEngine.EVENTS)), "no journal was even created");
    }

    @Test
    void shouldApplyAValidFileWithAllOrNothing() throws Exception
    {
        final Path file = write("stock.csv", CSV.replace(",ten,", ",5,"));

        final AuditFixture.Run run = AuditFixture.run(fixture.tool(), "import", dir.toString(), file.toString(),
            "--all-or-nothing");

        // the engine's rejection of hold-2 (not enough stock) is not undone: --all-or-nothing covers the checks only
        assertEquals(AuditTool.EXIT_FINDINGS, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains(": 8 rows: 7 applied, 0 duplicates, 1 rejected, 0 invalid"), run.out());
        assertEquals(List.of(StockCommandTest.HEADER, "SKU-1,STORE-1,15,0,3,0,0,0,0,0,12"), stock());
    }

    @Test
    void shouldRefuseAFileWithAnUnknownColumnOrType() throws Exception
    {
        final AuditFixture.Run column = AuditFixture.run(fixture.tool(), "import", dir.toString(),
            write("bad.csv", "command,key,sku,qty\nreceive,a,SKU-1,1\n").toString());
        final AuditFixture.Run type = AuditFixture.run(fixture.tool(), "import", dir.toString(),
            write("stock.txt", CSV).toString());

        assertEquals(AuditTool.EXIT_ERROR, column.exitCode());
        assertTrue(column.err().contains("line 1: unknown column 'qty'"), column.err());
        assertEquals(AuditTool.EXIT_ERROR, type.exitCode());
        assertTrue(type.err().contains("unknown file type; name it .csv or .jsonl"), type.err());
    }

    private Path write(final String name, final String content) throws Exception
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private List<String> stock()
    {
        return AuditFixture.run(fixture.tool(), "stock", dir.toString()).lines();
    }

    private String stateHash()
    {
        return AuditFixture.run(fixture.tool(), "verify", dir.toString()).lines().stream()
            .filter(line -> line.startsWith("state hash")).findFirst().orElseThrow();
    }
}
