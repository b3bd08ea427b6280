package io.omnistock.journal.cli;

import io.omnistock.api.EventType;
import io.omnistock.api.ReasonCode;
import io.omnistock.engine.state.EventView;
import io.omnistock.engine.state.StateMachine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code verify}: replays the whole journal and checks it against the invariants of the design, then prints what
 * it holds (events per type, rejections per reason, sequence and time range) and the state hash, which equals the
 * live engine's {@code stateHash()} after the same events.
 *
 * <p>Checks, on every record: the journal reader's framing checks (checksum, version, dense sequence); that every
 * record replays onto the state before it; that engine time never goes backwards; that no engine decision (a
 * reservation, a transfer, anything but a physical POS sale, adjustment or count) drives a position's available
 * stock below zero (invariant 1, no oversell); that every physical movement that does is reported by an
 * {@code OVERSOLD} record right after it (never silently hidden). At the end (and every {@code --check-every}
 * events): {@link StateMachine#verifyInvariants()}, i.e. no negative bucket, reserved and committed equal the open
 * reservation lines, in transit equals the open transfers, channel available-to-promise equals a recount, held
 * reservations are exactly the expiry queue (invariant 3, conservation).
 */
@Command(
    name = "verify",
    description = "Replays the whole journal, checks every invariant, prints counts and the state hash.",
    mixinStandardHelpOptions = true)
final class VerifyCommand implements Callable<Integer>
{
    private static final Set<EventType> PHYSICAL = EnumSet.of(EventType.SOLD, EventType.ADJUSTED, EventType.COUNTED);
    private static final int VIOLATIONS_SHOWN = 20;

    @Mixin
    private JournalSource journal;

    @Option(names = "--check-every", paramLabel = "<n>", defaultValue = "0",
        description = "Also check the whole-state invariants every n events (O(state) each); 0: only at the end. Default 0.")
    private long checkEvery;

    private final long[] byType = new long[EventType.values().length];
    private final Map<String, Long> rejections = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private long violationCount;
    private long firstTimeMs = Long.MIN_VALUE;
    private long lastTimeMs = Long.MIN_VALUE;
    private long decisionsChecked;
    private long oversellsReported;
    private long invariantChecks;
    private int[] skus = new int[16];
    private int[] locations = new int[16];
    private long[] availableBefore = new long[16];
    private int touched;
    private final List<long[]> expectedOversells = new ArrayList<>();

    @Override
    public Integer call()
    {
        final PrintWriter out = journal.out();
        final JournalReplay replay = journal.replay();
        final StateMachine machine = replay.machine();
        replay.run(new JournalReplay.Visitor()
        {
            @Override
            public boolean before(final EventView event)
            {
                checkOversellReported(event);
                checkTime(event);
                rememberAvailable(machine, event);
                return true;
            }

            @Override
            public void after(final EventView event)
            {
                count(event);
                checkAvailable(machine, event);
                if (checkEvery > 0 && replay.applied() % checkEvery == 0)
                {
                    checkInvariants(machine, event.sequence());
                }
            }
        });
        if (!expectedOversells.isEmpty())
        {
            violation(machine.sequence(), "the journal ends without the OVERSOLD record for its last physical movement");
        }
        checkInvariants(machine, machine.sequence());
        report(out, replay);
        out.flush();
        return violationCount == 0 ? AuditTool.EXIT_OK : AuditTool.EXIT_FINDINGS;
    }

    private void count(final EventView event)
    {
        byType[event.type().ordinal()]++;
        if (event.type() == EventType.REJECTED)
        {
            rejections.merge(ReasonCode.name(event.reasonCode()), 1L, Long::sum);
        }
    }

    private void checkTime(final EventView event)
    {
        if (event.timeMs() < lastTimeMs)
        {
            violation(event.sequence(), "engine time went backwards: " + AuditTool.isoTime(event.timeMs()) +
                " after " + AuditTool.isoTime(lastTimeMs));
        }
        firstTimeMs = firstTimeMs == Long.MIN_VALUE ? event.timeMs() : firstTimeMs;
        lastTimeMs = Math.max(lastTimeMs, event.timeMs());
    }

    /** Before a record: the available stock of every position it names. */
    private void rememberAvailable(final StateMachine machine, final EventView event)
    {
        touched = 0;
        final int lineCount = event.lineCount();
        if (skus.length < lineCount + 2)
        {
            skus = new int[lineCount + 2];
            locations = new int[lineCount + 2];
            availableBefore = new long[lineCount + 2];
        }
        final int sku = event.skuIndex();
        if (sku >= 0)
        {
            touch(machine, sku, event.locationIndex());
            if (event.toLocation() != null)
            {
                touch(machine, sku, machine.locationIndexOf(event.toLocation()));
            }
        }
        for (int i = 0; i < lineCount; i++)
        {
            touch(machine, event.lineSkuIndex(i), event.lineLocationIndex(i));
        }
    }

    private void touch(final StateMachine machine, final int sku, final int location)
    {
        if (sku >= 0 && location >= 0)
        {
            skus[touched] = sku;
            locations[touched] = location;
            availableBefore[touched] = machine.available(sku, location);
            touched++;
        }
    }

    /** After a record: an engine decision never drives available below zero; a physical shortage is reported. */
    private void checkAvailable(final StateMachine machine, final EventView event)
    {
        final boolean physical = PHYSICAL.contains(event.type());
        decisionsChecked += physical || touched == 0 ? 0 : 1;
        for (int i = 0; i < touched; i++)
        {
            final long after = machine.available(skus[i], locations[i]);
            if (after < 0 && after < availableBefore[i])
            {
                if (physical)
                {
                    expectedOversells.add(new long[] {skus[i], locations[i], -after});
                }
                else
                {
                    violation(event.sequence(), event.type() + " (an engine decision) drove available of " +
                        machine.names().sku(skus[i]) + " at " + machine.names().location(locations[i]) + " from " +
                        availableBefore[i] + " to " + after);
                }
            }
        }
    }

    private void checkOversellReported(final EventView event)
    {
        if (event.type() == EventType.OVERSOLD)
        {
            final long[] expected = expectedOversells.isEmpty() ? null : expectedOversells.remove(0);
            if (expected == null || expected[0] != event.skuIndex() || expected[1] != event.locationIndex() ||
                expected[2] != event.quantity())
            {
                violation(event.sequence(), "OVERSOLD record does not match a shortage just caused: " + event);
            }
            oversellsReported++;
        }
        else if (!expectedOversells.isEmpty())
        {
            violation(event.sequence(), expectedOversells.size() + " physical shortage(s) of the previous movement " +
                "were not reported by an OVERSOLD record");
            expectedOversells.clear();
        }
    }

    private void checkInvariants(final StateMachine machine, final long sequence)
    {
        invariantChecks++;
        final String failure = machine.verifyInvariants();
        if (failure != null)
        {
            violation(sequence, "invariant violated: " + failure);
        }
    }

    private void violation(final long sequence, final String what)
    {
        violationCount++;
        if (violations.size() < VIOLATIONS_SHOWN)
        {
            violations.add("violation after #" + sequence + ": " + what);
        }
    }

    private void report(final PrintWriter out, final JournalReplay replay)
    {
        final StateMachine machine = replay.machine();
        out.println("journal         " + replay.events());
        out.println("events          " + replay.records() + " in " + replay.documents() + " documents, sequence " +
            (replay.records() == 0 ? "none" : (machine.sequence() - replay.records() + 1) + ".." + machine.sequence()));
        if (replay.records() > 0)
        {
            out.println("engine time     " + AuditTool.isoTime(firstTimeMs) + " .. " + AuditTool.isoTime(lastTimeMs));
        }
        String heading = "by type         ";
        for (final EventType type : EventType.values())
        {
            if (byType[type.ordinal()] > 0)
            {
                out.println(heading + String.format("%-18s %d", type, byType[type.ordinal()]));
                heading = "                ";
            }
        }
        heading = "rejected        ";
        for (final Map.Entry<String, Long> rejection : rejections.entrySet())
        {
            out.println(heading + String.format("%-30s %d", rejection.getKey(), rejection.getValue()));
            heading = "                ";
        }
        out.println("positions       " + machine.positionCount());
        out.println("checked         " + decisionsChecked + " engine decisions for oversell, " + oversellsReported +
            " physical oversells for their report, the invariants " + invariantChecks + " time(s)");
        if (replay.tornBytes() > 0)
        {
            out.println("warning         " + replay.tornBytes() + " bytes of an append cut short by a crash follow " +
                "the last complete document: ignored (that command was never answered)");
        }
        out.println("state hash      " + String.format("%016x", machine.stateHash()));
        out.println("inventory hash  " + String.format("%016x", machine.inventoryHash()));
        violations.forEach(out::println);
        if (violationCount > violations.size())
        {
            out.println("... and " + (violationCount - violations.size()) + " more violations");
        }
        out.println(violationCount == 0 ? "OK" : "FAILED: " + violationCount + " violation(s)");
    }
}
