package io.omnistock.engine;

import io.omnistock.api.Command;
import io.omnistock.api.Confirm;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.DefinePromotion;
import io.omnistock.api.Destination;
import io.omnistock.api.SetChannelRule;
import io.omnistock.api.SetPrice;
import io.omnistock.engine.routing.Routing;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.engine.state.CommandSlot;
import io.omnistock.engine.state.CommandTranslator;
import io.omnistock.engine.state.StateMachine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The state machine allocates nothing per command once warm: commands are translated into a reused slot
 * (outside the measurement, as callers build their command objects on their own threads) and applied; the
 * bytes this thread allocated across many reserve / confirm / fulfil / release cycles are counted by the JVM.
 * This counts bytes, it does not time anything. JMH's {@code -prof gc} measures the same in the benchmarks.
 */
class SteadyStateAllocationTest
{
    private static final int COMMANDS = 200_000;

    @Test
    void shouldAllocateNothingPerCommandInSteadyState()
    {
        final EngineConfig config = EngineConfig.defaults().skuCapacity(16).locationCapacity(8).channelCapacity(4)
            .positionCapacity(256).reservationCapacity(64).idempotencyCapacity(1024).idempotencyRetentionMs(0);
        assertAllocatesNothing(config, 1_000_000, List.of(), null);
    }

    @Test
    void shouldAllocateNothingPerCommandWithRoutingRulesPricesAndThresholds()
    {
        final EngineConfig config = EngineConfig.defaults().skuCapacity(16).locationCapacity(8).channelCapacity(4)
            .positionCapacity(256).reservationCapacity(64).idempotencyCapacity(1024).idempotencyRetentionMs(0)
            .sourcingPolicy(Routing.nearestFewestShipments()).positionLowStockUnits(5).channelLowStockUnits(5);
        final List<Command> rulesAndPrices = List.of(
            new SetChannelRule("r1", "web", null, "DC", 1, 10, 80),
            new SetChannelRule("r2", "web", "B", null, 0, 0, 100),
            new SetPrice("p1", "A", null, 1_999), new SetPrice("p2", "B", "ST", 500),
            new DefinePromotion("p3", "promo", null, "web", 0, Long.MAX_VALUE, 10, 1));
        assertAllocatesNothing(config, 1, rulesAndPrices, new Destination(40_000_000, -74_000_000));
    }

    /**
     * Runs reserve / confirm / fulfil / release cycles (a named line of A, a sourced line of B) and counts the
     * bytes this thread allocates over {@link #COMMANDS} commands once warm.
     */
    private static void assertAllocatesNothing(final EngineConfig config, final long unitsOfB, final List<Command> extra,
        final Destination destination)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "JVM cannot count thread allocation");
        final StateMachine machine = new StateMachine(config);
        final CommandTranslator translator = new CommandTranslator(config.linesPerReservationMax(), config.locationCapacity());
        final List<Command> setup = new java.util.ArrayList<>(List.of(
            new DefineSku("d1", "A"), new DefineSku("d2", "B"),
            new DefineLocation("d3", "DC", LocationType.WAREHOUSE, LocationCapability.ALL, 1, 40_000_000, -74_500_000),
            new DefineLocation("d4", "ST", LocationType.STORE, LocationCapability.ALL, 2, 40_100_000, -74_000_000),
            new DefineChannel("d5", "web", List.of("DC", "ST")),
            new Receive("d6", "A", "DC", 1_000_000), new Receive("d7", "B", "ST", unitsOfB)));
        setup.addAll(extra);
        final CommandSlot slot = new CommandSlot(config.linesPerReservationMax());
        for (final Command command : setup)
        {
            apply(translator, machine, slot, command, 0);
        }
        final int cycle = 4;
        final CommandSlot[] slots = new CommandSlot[1024 * cycle];
        for (int i = 0; i < slots.length; i++)
        {
            slots[i] = new CommandSlot(config.linesPerReservationMax());
            final int order = i / cycle;
            final String key = "_o" + order;
            final Command command;
            switch (i % cycle)
            {
                case 0:
                    command = new Reserve("_r" + order, key, "web", FulfilmentType.SHIP, 60_000,
                        List.of(ReserveLine.at("A", "DC", 2), ReserveLine.anywhere("B", 1)), null, destination);
                    break;
                case 1:
                    command = new Confirm("_c" + order, key);
                    break;
                case 2:
                    // with one unit of B, B is never shipped: it goes out of stock and comes back every cycle
                    command = order % 2 == 0 || unitsOfB == 1 ? Fulfil.lines("_f" + order, key, 1, 0) :
                        Fulfil.all("_f" + order, key);
                    break;
                default:
                    command = new Release("_x" + order, key);
                    break;
            }
            assertEquals(ReasonCode.OK, translator.translate(command, 0, slots[i]));
        }
        runCycles(machine, slots, COMMANDS);
        final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        final long okCount = runCycles(machine, slots, COMMANDS);
        final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertEquals(true, okCount > COMMANDS / 2, "most commands should succeed: " + okCount);
        assertEquals(0, allocated, "bytes allocated over " + COMMANDS + " commands");
    }

    private static long timeMs;

    private static long runCycles(final StateMachine machine, final CommandSlot[] slots, final int commands)
    {
        long ok = 0;
        for (int i = 0; i < commands; i++)
        {
            final CommandSlot slot = slots[i % slots.length];
            if (i % slots.length == 0)
            {
                timeMs += 1;
            }
            slot.timestampMs = timeMs;
            retag(slot, i / slots.length);
            machine.apply(slot);
            ok += slot.code == ReasonCode.OK ? 1 : 0;
        }
        return ok;
    }

    /**
     * Makes each pass over the slots use fresh idempotency and reservation keys, without allocating: the first
     * character of every key is a pass marker.
     */
    private static void retag(final CommandSlot slot, final int pass)
    {
        final int length = slot.key.length();
        final byte[] key = slot.key.bytes();
        key[0] = (byte)('a' + pass % 26);
        slot.key.set(key, 0, length);
        if (slot.reference.length() > 0)
        {
            final byte[] reference = slot.reference.bytes();
            reference[0] = (byte)('A' + pass % 26);
            slot.reference.set(reference, 0, slot.reference.length());
        }
    }

    private static void apply(
        final CommandTranslator translator, final StateMachine machine, final CommandSlot slot, final Command command,
        final long time)
    {
        assertEquals(ReasonCode.OK, translator.translate(command, time, slot));
        machine.apply(slot);
        assertEquals(ReasonCode.OK, slot.code, command.toString());
    }
}
