package io.omnistock.benchmarks.machine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The {@code sale} scenario of {@link WriterCpuTime} does the work it claims, and leaves the stock as it found it. */
class ReservationDriverTest
{
    @Test
    void shouldSellAndRestockAsFreshCommandsThatLeaveTheStockAsItWas()
    {
        final MachineFixture fixture = new MachineFixture();
        final int[] sequence = AccessPattern.UNIFORM.sequence(MachineFixture.POSITION_COUNT, 1, AccessPattern.SEED);
        final ReservationDriver driver = new ReservationDriver(fixture, sequence, 1, 0);
        final long inventoryBefore = fixture.machine.inventoryHash();
        final long sequenceBefore = fixture.machine.sequence();

        for (int i = 0; i < 1_000; i++)
        {
            driver.sellAndRestock();
        }

        driver.verify();
        assertEquals(sequenceBefore + 2_000, fixture.machine.sequence(), "one event per command");
        assertEquals(inventoryBefore, fixture.machine.inventoryHash(), "every unit sold was received back");
        assertNull(fixture.machine.verifyInvariants());
    }
}
