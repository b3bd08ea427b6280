package io.omnistock.benchmarks.workload;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The M5 workload generated from the real data set. Skipped, with a message, when the data is not at
 * {@link M5Workload#defaultFolder()} (set {@code -Domnistock.m5.dir=<folder>} to point elsewhere).
 */
@Timeout(120)
class M5WorkloadTest
{
    /** Units in the sales file over its 28 days, as its README states. */
    private static final long README_TOTAL_UNITS = 1_229_142;
    private static final int SHORT_DAYS = 7;

    private static Path folder;
    private static Workload full;

    @BeforeAll
    static void generate() throws IOException
    {
        folder = M5Workload.defaultFolder();
        assumeTrue(Files.isRegularFile(folder.resolve(M5Sales.SALES_FILE)),
            "M5 data not found at " + folder + ": skipping the real-data workload tests (pass -D"
                + M5Workload.FOLDER_PROP_NAME + "=<folder> to run them)");
        full = M5Workload.generate(folder, M5Workload.DAYS_MAX, M5Workload.SEED_DEFAULT);
    }

    @Test
    void shouldSellExactlyTheUnitsOfTheSalesFileOverAllDays()
    {
        assertEquals(README_TOTAL_UNITS, M5WorkloadSummary.unitsOf(full, Workload.SELL));
    }

    @Test
    void shouldSellExactlyTheUnitsOfTheDaysGenerated() throws IOException
    {
        final Workload week = M5Workload.generate(folder, SHORT_DAYS, M5Workload.SEED_DEFAULT);
        assertEquals(fileUnits(folder.resolve(M5Sales.SALES_FILE), SHORT_DAYS), M5WorkloadSummary.unitsOf(week, Workload.SELL));
    }

    @Test
    void shouldBuildEveryItemAtEveryStoreAndWarehouse()
    {
        assertEquals(3_049, full.skus.length);
        assertEquals(12, full.locations.length);
        assertEquals(3_049 * 12, full.positionCount);
        assertTrue(Arrays.stream(full.openingStock).allMatch(stock -> stock >= 2), "opening stock at least 2");
    }

    @Test
    void shouldReferenceOnlyValidPositionsChannelsAndReservations()
    {
        WorkloadChecks.assertValidReferences(full, M5Workload.LINES_PERCENT.length);
    }

    @Test
    void shouldOrderEveryReservationsOpsAfterItsReserve()
    {
        final int[] byLastType = WorkloadChecks.assertReservationOpsOrdered(full);
        assertTrue(byLastType[Workload.FULFIL] > byLastType[Workload.RELEASE], "most orders complete");
        assertTrue(byLastType[Workload.RELEASE] > 0, "some orders are released");
    }

    @Test
    void shouldGenerateEveryKindOfOperation()
    {
        final int[] counts = full.countsByType();
        for (int type = Workload.RESERVE; type <= Workload.RETURN; type++)
        {
            assertTrue(counts[type] > 0, "ops of type " + type);
        }
    }

    @Test
    void shouldGiveIdenticalArraysForTheSameSeed() throws IOException
    {
        final Workload first = M5Workload.generate(folder, SHORT_DAYS, 7);
        final Workload second = M5Workload.generate(folder, SHORT_DAYS, 7);
        assertArrayEquals(first.openingStock, second.openingStock);
        assertArrayEquals(first.opType, second.opType);
        assertArrayEquals(first.opReservation, second.opReservation);
        assertArrayEquals(first.opChannel, second.opChannel);
        assertArrayEquals(first.opFulfilment, second.opFulfilment);
        assertArrayEquals(first.linePosition, second.linePosition);
        assertArrayEquals(first.lineQuantity, second.lineQuantity);
    }

    @Test
    void shouldDifferForAnotherSeed() throws IOException
    {
        final Workload first = M5Workload.generate(folder, SHORT_DAYS, 7);
        final Workload other = M5Workload.generate(folder, SHORT_DAYS, 8);
        assertFalse(Arrays.equals(first.linePosition, other.linePosition), "lines differ");
        assertFalse(Arrays.equals(first.opType, other.opType), "op order differs");
        assertEquals(M5WorkloadSummary.unitsOf(first, Workload.SELL), M5WorkloadSummary.unitsOf(other, Workload.SELL));
    }

    /** Sums the first {@code days} day columns with plain string splitting, independently of the generator. */
    private static long fileUnits(final Path file, final int days) throws IOException
    {
        final List<String> rows = Files.readAllLines(file);
        long total = 0;
        for (final String row : rows.subList(1, rows.size()))
        {
            final String[] cells = row.split(",");
            for (int day = 0; day < days; day++)
            {
                total += Long.parseLong(cells[5 + day].trim());
            }
        }
        return total;
    }
}
