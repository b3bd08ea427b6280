package io.omnistock.engine.state;

import io.omnistock.api.Command;
import io.omnistock.api.Confirm;
import io.omnistock.api.EventType;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.engine.EngineConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.omnistock.engine.state.MachineHarness.DC;
import static io.omnistock.engine.state.MachineHarness.OUTLET;
import static io.omnistock.engine.state.MachineHarness.SKU_1;
import static io.omnistock.engine.state.MachineHarness.SKU_2;
import static io.omnistock.engine.state.MachineHarness.STORE;
import static io.omnistock.engine.state.MachineHarness.WEB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deciding commands a group at a time, with {@link StateMachine#prefetchCommand} and
 * {@link StateMachine#prefetchGroup()} first as the pipeline's writer does, gives exactly the answers and events of
 * deciding them one by one: the passes that follow each lookup chain ahead only read. The commands reuse few
 * references, retry keys and recycle the small reservation pool, so that a command decided earlier in a group
 * changes what a later one finds.
 */
final class GroupPrefetchTest
{
    private static final String[] SKUS = {SKU_1, SKU_2};
    private static final String[] LOCATIONS = {DC, STORE, OUTLET};

    @Test
    void groupedDecisionsEqualSingleOnes()
    {
        decideBothWays(MachineHarness.testConfig().reservationCapacity(8), 0);
    }

    /** Time moves (holds expire between groups and inside them) and a small idempotency ring forgets keys. */
    @Test
    void groupedDecisionsEqualSingleOnesWhileHoldsExpireAndKeysAreForgotten()
    {
        decideBothWays(MachineHarness.testConfig().reservationCapacity(8).idempotencyCapacity(64)
            .idempotencyRetentionMs(0), 700);
    }

    /**
     * Decides the same commands on two machines, one at a time and in groups of 1 to 9, and compares every answer.
     *
     * @param stepMs engine time added per command (holds last 10 s).
     */
    private static void decideBothWays(final EngineConfig config, final long stepMs)
    {
        final MachineHarness single = MachineHarness.standard(config);
        final MachineHarness grouped = MachineHarness.standard(config);
        for (final MachineHarness h : List.of(single, grouped))
        {
            for (final String sku : SKUS)
            {
                for (final String location : LOCATIONS)
                {
                    h.receive(sku, location, 40);
                }
            }
        }
        final List<Command> commands = commands(new Random(7), 600);
        final int lines = config.linesPerReservationMax();

        final List<byte[]> singleEvents = new ArrayList<>();
        final List<Integer> singleCodes = new ArrayList<>();
        final CommandSlot slot = new CommandSlot(lines);
        int reserved = 0;
        int expired = 0;
        int retriedAnew = 0;
        for (int n = 0; n < commands.size(); n++)
        {
            final Command command = commands.get(n);
            translate(single, command, slot, at(single, n, stepMs));
            single.machine().apply(slot);
            singleCodes.add(slot.code);
            singleEvents.add(eventBytes(slot));
            reserved += command instanceof Reserve && slot.code == ReasonCode.OK && !slot.duplicate ? 1 : 0;
            expired += count(slot, EventType.EXPIRED);
            retriedAnew += commands.indexOf(command) < n && !slot.duplicate ? 1 : 0;
        }

        final CommandSlot[] group = new CommandSlot[9];
        for (int i = 0; i < group.length; i++)
        {
            group[i] = new CommandSlot(lines);
        }
        int next = 0;
        while (next < commands.size())
        {
            final int size = Math.min(1 + next % group.length, commands.size() - next);
            for (int i = 0; i < size; i++)
            {
                translate(grouped, commands.get(next + i), group[i], at(grouped, next + i, stepMs));
                grouped.machine().prefetchCommand(group[i]);
            }
            grouped.machine().prefetchGroup();
            for (int i = 0; i < size; i++)
            {
                final int n = next + i;
                grouped.machine().apply(group[i]);
                assertEquals(singleCodes.get(n).intValue(), group[i].code, () -> "answer to command " + n);
                assertArrayEquals(singleEvents.get(n), eventBytes(group[i]), () -> "events of command " + n);
            }
            next += size;
        }

        assertTrue(reserved > 3 * config.reservationCapacity(), "the reservation pool recycled: " + reserved);
        if (stepMs > 0)
        {
            assertTrue(expired > 10, "holds expired: " + expired);
            assertTrue(retriedAnew > 10, "retries decided anew, their keys forgotten: " + retriedAnew);
        }
        assertEquals(single.machine().stateHash(), grouped.machine().stateHash(), "state hash");
        assertNull(grouped.machine().verifyInvariants());
    }

    private static long at(final MachineHarness h, final int n, final long stepMs)
    {
        return h.clockMs() + n * stepMs;
    }

    private static void translate(final MachineHarness h, final Command command, final CommandSlot slot,
        final long timestampMs)
    {
        assertEquals(ReasonCode.OK, h.translator().translate(command, timestampMs, slot), () -> String.valueOf(command));
    }

    private static int count(final CommandSlot slot, final EventType type)
    {
        int found = 0;
        for (int offset = 0; offset < slot.eventsLength; offset += slot.events.getInt(offset + EventCodec.LENGTH_OFFSET))
        {
            found += slot.events.getShort(offset + EventCodec.TYPE_OFFSET) == type.code() ? 1 : 0;
        }
        return found;
    }

    private static byte[] eventBytes(final CommandSlot slot)
    {
        return Arrays.copyOf(slot.events.byteArray(), slot.eventsLength);
    }

    /** Reserves of one to three lines, releases, confirms, fulfils and receipts over 12 references; some retries. */
    private static List<Command> commands(final Random random, final int count)
    {
        final List<Command> commands = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            if (i > 0 && random.nextInt(10) == 0)
            {
                commands.add(commands.get(random.nextInt(i)));
                continue;
            }
            final String key = "k-" + i;
            final String reference = "r-" + random.nextInt(12);
            switch (random.nextInt(6))
            {
                case 0, 1 ->
                {
                    final List<ReserveLine> lines = new ArrayList<>();
                    final int lineCount = 1 + random.nextInt(3);
                    for (int l = 0; l < lineCount; l++)
                    {
                        lines.add(ReserveLine.at(SKUS[random.nextInt(SKUS.length)], LOCATIONS[l], 1 + random.nextInt(5)));
                    }
                    commands.add(new Reserve(key, reference, WEB, FulfilmentType.SHIP, 10_000, lines));
                }
                case 2 -> commands.add(new Release(key, reference));
                case 3 -> commands.add(new Confirm(key, reference));
                case 4 -> commands.add(Fulfil.all(key, reference));
                default -> commands.add(new Receive(key, SKUS[random.nextInt(SKUS.length)],
                    LOCATIONS[random.nextInt(LOCATIONS.length)], 1 + random.nextInt(4)));
            }
        }
        return commands;
    }
}
