package io.omnistock.engine.state;

import io.omnistock.api.Adjust;
import io.omnistock.api.AdjustmentReason;
import io.omnistock.api.AdvanceTime;
import io.omnistock.api.Command;
import io.omnistock.api.CommandType;
import io.omnistock.api.Confirm;
import io.omnistock.api.CycleCount;
import io.omnistock.api.DefineChannel;
import io.omnistock.api.DefineLocation;
import io.omnistock.api.DefineSku;
import io.omnistock.api.Disposition;
import io.omnistock.api.EventType;
import io.omnistock.api.ExpectReceipt;
import io.omnistock.api.ExtendHold;
import io.omnistock.api.Fulfil;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.Limits;
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.PositionSnapshot;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.ReservationState;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.Return;
import io.omnistock.api.DefinePromotion;
import io.omnistock.api.SetChannelRule;
import io.omnistock.api.SetPrice;
import io.omnistock.api.SetSafetyStock;
import io.omnistock.api.StockBucket;
import io.omnistock.api.TransferIn;
import io.omnistock.api.TransferOut;
import io.omnistock.engine.EngineConfig;
import io.omnistock.engine.state.MachineHarness.Decoded;
import io.omnistock.engine.state.ReferenceModel.Fact;
import io.omnistock.engine.state.ReferenceModel.Outcome;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs random command sequences against the {@link StateMachine} and, beside it, against the naive
 * {@link ReferenceModel}, and compares every reply (code, duplicate flag, sequence, time, failing line, what was
 * available there, the locations held) and every event the command caused; after every step it compares the whole
 * state (each position's buckets and available, each channel's available-to-promise, each reservation, engine time,
 * the event sequence), requires {@link StateMachine#verifyInvariants()} to hold, requires the journal alone to
 * explain every bucket ({@link ReferenceLedger}) and requires that only a reported physical movement oversells.
 * At the end the same steps run on a fresh machine and must give the same journal bytes and state hash.
 *
 * <p>The universe is small so that commands collide: SKUs s1, s2 defined up front, s4 or s5 definable while
 * running (capacity 3), s3 never; locations L1-L3 up front, L4 or L5 later (capacity 4), L9 never; channels c1
 * (all of L1-L3) and c2 (some) up front, c3 or c4 later (capacity 3), c9 never; reservation keys r1-r12, transfer
 * keys t1-t5; room for 5 reservations, 3 transfers and 8 positions, or 2, 1 and 5 in a tight run; 40 idempotency
 * keys kept 20 s or 2 min. Lifecycle commands and transfer receipts mostly aim at recent reservations and
 * transfers. Steps retry earlier commands (same key and payload), reuse keys with another payload, send invalid
 * keys, ids and enums, zero, negative and oversized quantities and hold durations, and move time by none, a few
 * milliseconds (exact deadlines), seconds and minutes, by timer ticks and by AdvanceTime, backwards, far past
 * deadlines and to the end of time. jqwik prints the seed of a failing run and shrinks it; the failure message
 * lists the steps played up to the one that differed.
 */
class StateMachinePropertyTest
{
    private static final long START_MS = 1_000;
    private static final long HOLD_MAX_MS = 60_000;
    private static final int STEPS_MAX = 200;

    private static final List<String> SKUS = List.of("s1", "s2", "s3", "s4", "s5");
    private static final List<String> LOCATIONS = List.of("L1", "L2", "L3", "L4", "L5", "L9");
    private static final List<String> CHANNELS = List.of("c1", "c2", "c3", "c4", "c9");
    private static final List<String> RESERVATIONS =
        List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12");
    private static final String LONG_ID = "x".repeat(Limits.ID_LENGTH_MAX + 1);

    /** One generated step before keys and times are resolved. */
    sealed interface Action
    {
        /** @return how far the pipeline clock moves before the step. */
        long clockDeltaMs();
    }

    /**
     * Sends a command.
     *
     * @param clockDeltaMs clock movement first.
     * @param command      the command (its key is replaced when resolved).
     * @param keyBack      0 for a fresh key, n to reuse the key of the step n back, -1 for an invalid key.
     */
    record Send(long clockDeltaMs, Command command, int keyBack) implements Action
    {
    }

    /**
     * Sends the command of the step {@code back} steps back again, key and payload unchanged: a retry.
     *
     * @param clockDeltaMs clock movement first.
     * @param back         how far back.
     */
    record Repeat(long clockDeltaMs, int back) implements Action
    {
    }

    /**
     * Sends AdvanceTime to the clock plus {@code offsetMs}, or to {@code offsetMs} itself when absolute.
     *
     * @param clockDeltaMs clock movement first.
     * @param offsetMs     the offset or absolute time.
     * @param absolute     true for an absolute target.
     * @param keyBack      as for {@link Send}.
     */
    record Advance(long clockDeltaMs, long offsetMs, boolean absolute, int keyBack) implements Action
    {
    }

    /**
     * A timer tick of the pipeline.
     *
     * @param clockDeltaMs clock movement first.
     */
    record Tick(long clockDeltaMs) implements Action
    {
    }

    /**
     * A generated run: a fixture that defines the basics and stocks them, then random actions.
     *
     * @param setup                  the fixture.
     * @param actions                the random part.
     * @param idempotencyRetentionMs how long keys are kept: short enough to be forgotten in a run, or not.
     * @param tight                  true for capacities small enough to be exhausted and recycled all the time.
     */
    record Scenario(List<Action> setup, List<Action> actions, long idempotencyRetentionMs, boolean tight)
    {
    }

    /**
     * A resolved step: what the pipeline would hand the writer.
     *
     * @param timestampMs the pipeline's timestamp.
     * @param command     the command, or null for a timer tick.
     */
    record Step(long timestampMs, Command command)
    {
        @Override
        public String toString()
        {
            return "@" + timestampMs + " " + (command == null ? "tick" : command.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Properties and examples
    // ------------------------------------------------------------------------------------------------------

    @Property(tries = 1_000, edgeCases = EdgeCasesMode.NONE)
    void shouldMatchReferenceModelAfterEveryCommandAndReplayIdentically(@ForAll("scenarios") final Scenario scenario)
    {
        final Run run = new Run(config(scenario.idempotencyRetentionMs(), scenario.tight()));
        play(scenario, run);
        run.replayAndCompare();
    }

    @Example
    void shouldExpireHoldsAtTheirExactDeadlinesInDeadlineOrder()
    {
        final List<Step> steps = new ArrayList<>(fixture());
        steps.add(new Step(START_MS, new Reserve("a", "r1", "c1", FulfilmentType.IN_STORE, 5,
            List.of(ReserveLine.at("s1", "L1", 1)))));
        steps.add(new Step(START_MS, new Reserve("b", "r2", "c1", FulfilmentType.IN_STORE, 3,
            List.of(ReserveLine.at("s1", "L1", 1)))));
        steps.add(new Step(START_MS + 1, new ExtendHold("c", "r2", 4)));
        steps.add(new Step(START_MS + 5, new Confirm("d", "r2")));
        steps.add(new Step(START_MS + 5, new Confirm("e", "r1")));

        assertEquals(List.of("OK", "OK", "OK", "RESERVATION_EXPIRED", "RESERVATION_EXPIRED"), check(steps));
    }

    @Example
    void shouldReplayFirstOutcomeOfRetryAndRejectReusedKeyWithOtherPayload()
    {
        final List<Step> steps = new ArrayList<>(fixture());
        steps.add(new Step(START_MS, new Reserve("a", "r1", "c1", FulfilmentType.IN_STORE, 50,
            List.of(ReserveLine.anywhere("s1", 2)))));
        steps.add(new Step(START_MS + 1, new Reserve("a", "r1", "c1", FulfilmentType.IN_STORE, 50,
            List.of(ReserveLine.anywhere("s1", 2)))));
        steps.add(new Step(START_MS + 2, new Reserve("a", "r1", "c1", FulfilmentType.IN_STORE, 50,
            List.of(ReserveLine.anywhere("s1", 3)))));
        steps.add(new Step(START_MS + 3, new Receive("b", "s3", "L1", 1)));
        steps.add(new Step(START_MS + 4, new Receive("b", "s3", "L1", 1)));
        steps.add(new Step(START_MS + 5, new Receive("c", "s1", "L1", 0)));
        steps.add(new Step(START_MS + 6, new Receive("c", "s1", "L1", 1)));

        assertEquals(List.of("OK", "OK (duplicate)", "IDEMPOTENCY_CONFLICT", "UNKNOWN_SKU", "UNKNOWN_SKU (duplicate)",
            "INVALID_QUANTITY", "OK"), check(steps));
    }

    @Example
    void shouldRecycleOldestFinishedReservationWhenFull()
    {
        final List<Step> steps = new ArrayList<>(fixture());
        for (int i = 1; i <= 6; i++)
        {
            steps.add(new Step(START_MS + i, new Reserve("a" + i, "r" + i, "c1", FulfilmentType.IN_STORE, 1_000,
                List.of(ReserveLine.at("s1", "L1", 1)))));
            steps.add(new Step(START_MS + i, new Release("b" + i, "r" + i)));
        }
        steps.add(new Step(START_MS + 10, new Confirm("c", "r1")));
        steps.add(new Step(START_MS + 10, new Confirm("d", "r2")));

        final List<String> outcomes = check(steps);
        assertEquals(List.of("UNKNOWN_RESERVATION", "RESERVATION_RELEASED"), outcomes.subList(12, 14));
        assertEquals(List.of("OK"), outcomes.subList(0, 12).stream().distinct().toList());
    }

    @Example
    void shouldReportOversellAndRefuseToFulfilUnitsNoLongerOnTheShelf()
    {
        final List<Step> steps = new ArrayList<>(fixture());
        steps.add(new Step(START_MS, new Reserve("a", "r1", "c2", FulfilmentType.IN_STORE, 1_000,
            List.of(ReserveLine.at("s1", "L1", 8)))));
        steps.add(new Step(START_MS, new Confirm("b", "r1")));
        steps.add(new Step(START_MS, new PosSale("c", "c2", "s1", "L1", 5)));
        steps.add(new Step(START_MS, new Adjust("d", "s1", "L1", -2, StockBucket.SELLABLE, AdjustmentReason.SHRINKAGE)));
        steps.add(new Step(START_MS, Fulfil.all("e", "r1")));
        steps.add(new Step(START_MS, Fulfil.lines("f", "r1", 3)));
        steps.add(new Step(START_MS, new CycleCount("g", "s1", "L1", 8)));
        steps.add(new Step(START_MS, Fulfil.all("h", "r1")));

        assertEquals(List.of("OK", "OK", "OK", "OK", "INSUFFICIENT_ON_HAND", "OK", "OK", "OK"), check(steps));
    }

    @Example
    void shouldForgetFinishedTransferOnlyWhenItsSlotIsRecycled()
    {
        final List<Step> steps = new ArrayList<>(fixture());
        steps.add(new Step(START_MS, new TransferOut("a", "t1", "s1", "L1", "L2", 3)));
        steps.add(new Step(START_MS, new TransferOut("b", "t2", "s1", "L1", "L2", 1)));
        steps.add(new Step(START_MS, new TransferIn("c", "t1", 2)));
        steps.add(new Step(START_MS, new TransferIn("d", "t1", 2)));
        steps.add(new Step(START_MS, new TransferIn("e", "t1", 1)));
        steps.add(new Step(START_MS, new TransferIn("f", "t1", 1)));
        steps.add(new Step(START_MS, new TransferOut("g", "t1", "s1", "L2", "L1", 1)));
        steps.add(new Step(START_MS, new TransferOut("h", "t2", "s1", "L2", "L1", 1)));
        steps.add(new Step(START_MS, new TransferIn("i", "t1", 1)));
        steps.add(new Step(START_MS, new TransferIn("j", "t2", 1)));

        assertEquals(List.of("OK", "TRANSFER_CAPACITY_EXHAUSTED", "OK", "OVER_RECEIPT", "OK", "TRANSFER_COMPLETE",
            "KEY_IN_USE", "OK", "UNKNOWN_TRANSFER", "OK"), check(steps, config(20_000, true)));
    }

    @Example
    void shouldExpireOnTimerTicksAndAtTheEndOfTime()
    {
        final List<Step> steps = new ArrayList<>(fixture());
        steps.add(new Step(START_MS, new Reserve("a", "r1", "c1", FulfilmentType.SHIP, 10,
            List.of(ReserveLine.anywhere("s1", 4)))));
        steps.add(new Step(START_MS + 9, null));
        steps.add(new Step(START_MS + 10, null));
        steps.add(new Step(START_MS + 10, new AdvanceTime("b", Long.MAX_VALUE - 5)));
        steps.add(new Step(START_MS + 11, new Reserve("c", "r2", "c1", FulfilmentType.SHIP, 6,
            List.of(ReserveLine.anywhere("s1", 4)))));
        steps.add(new Step(START_MS + 11, new Reserve("d", "r2", "c1", FulfilmentType.SHIP, 5,
            List.of(ReserveLine.anywhere("s1", 4)))));
        steps.add(new Step(START_MS + 12, new ExtendHold("e", "r2", 6)));
        steps.add(new Step(START_MS + 12, new AdvanceTime("f", Long.MAX_VALUE)));
        steps.add(new Step(START_MS + 12, new Confirm("g", "r2")));

        assertEquals(List.of("OK", "OK", "OK", "OK", "INVALID_HOLD_DURATION", "OK", "INVALID_HOLD_DURATION", "OK",
            "RESERVATION_EXPIRED"), check(steps));
    }

    @Example
    void shouldRejectNewKeysWhileTheTableIsFullAndForgetTheOldestOnceItsRetentionHasPassed()
    {
        final List<Step> steps = new ArrayList<>(fixture());
        for (int i = steps.size(); i < 40; i++)
        {
            steps.add(new Step(START_MS + i, new Receive("a" + i, "s2", "L3", 1)));
        }
        steps.add(new Step(START_MS + 19_999, new Receive("b", "s2", "L3", 1)));
        steps.add(new Step(START_MS + 19_999, new Receive("a39", "s2", "L3", 1)));
        steps.add(new Step(START_MS + 20_000, new Receive("b", "s2", "L3", 1)));
        steps.add(new Step(START_MS + 20_000, new DefineSku("f1", "s1")));
        steps.add(new Step(START_MS + 20_000, new DefineSku("f2", "s2")));

        final List<String> outcomes = check(steps);
        assertEquals(List.of("IDEMPOTENCY_CAPACITY_EXHAUSTED", "OK (duplicate)", "OK", "ALREADY_DEFINED", "ALREADY_DEFINED"),
            outcomes.subList(outcomes.size() - 5, outcomes.size()));
    }

    /**
     * @param idempotencyRetentionMs how long keys are guaranteed to be kept.
     * @param tight                  true for the smallest capacities.
     * @return the configuration the property runs with: small, so that every capacity is reached.
     */
    static EngineConfig config(final long idempotencyRetentionMs, final boolean tight)
    {
        return EngineConfig.defaults()
            .skuCapacity(3)
            .locationCapacity(4)
            .channelCapacity(3)
            .positionCapacity(tight ? 5 : 8)
            .reservationCapacity(tight ? 2 : 5)
            .linesPerReservationMax(3)
            .transferCapacity(tight ? 1 : 3)
            .idempotencyCapacity(40)
            .idempotencyRetentionMs(idempotencyRetentionMs)
            .holdMaxMs(HOLD_MAX_MS)
            .promotionCapacity(2)
            .positionLowStockUnits(tight ? 0 : 3)
            .channelLowStockUnits(tight ? -1 : 4);
    }

    private static List<Step> fixture()
    {
        return List.of(
            new Step(START_MS, new DefineSku("f1", "s1")),
            new Step(START_MS, new DefineSku("f2", "s2")),
            new Step(START_MS, new DefineLocation("f3", "L1", LocationType.STORE, LocationCapability.ALL, 1, 0, 0)),
            new Step(START_MS, new DefineLocation("f4", "L2", LocationType.WAREHOUSE, LocationCapability.SHIPS, 0, 0, 0)),
            new Step(START_MS, new DefineLocation("f5", "L3", LocationType.STORE, LocationCapability.PICKUP, 1, 0, 0)),
            new Step(START_MS, new DefineChannel("f6", "c1", List.of("L1", "L2", "L3"))),
            new Step(START_MS, new DefineChannel("f7", "c2", List.of("L1"))),
            new Step(START_MS, new Receive("f8", "s1", "L1", 10)),
            new Step(START_MS, new Receive("f9", "s1", "L2", 10)));
    }

    // ------------------------------------------------------------------------------------------------------
    // Checking
    // ------------------------------------------------------------------------------------------------------

    private static List<String> check(final List<Step> steps)
    {
        return check(steps, config(20_000, false));
    }

    /** @return the outcome of each step after the fixture, by reason code name, flagged when a duplicate. */
    private static List<String> check(final List<Step> steps, final EngineConfig config)
    {
        final Run run = new Run(config);
        final List<String> outcomes = new ArrayList<>();
        for (final Step step : steps)
        {
            final Outcome outcome = run.play(step);
            outcomes.add(ReasonCode.name(outcome.code()) + (outcome.duplicate() ? " (duplicate)" : ""));
        }
        run.replayAndCompare();
        return outcomes.subList(fixture().size(), outcomes.size());
    }

    /**
     * One run of the engine beside the model: plays resolved steps, compares after each, and keeps them so that a
     * fresh machine can replay them for the determinism check.
     */
    private static final class Run
    {
        final EngineConfig config;
        final Driver engine;
        final ReferenceModel model;
        final List<Step> played = new ArrayList<>();

        Run(final EngineConfig config)
        {
            this.config = config;
            engine = new Driver(config);
            model = new ReferenceModel(config);
        }

        Outcome play(final Step step)
        {
            played.add(step);
            try
            {
                final long[] availableBefore = available(engine.machine);
                final Outcome expected = step.command() == null ?
                    model.tick(step.timestampMs()) : model.send(step.command(), step.timestampMs());
                final Outcome actual = engine.apply(step, true);
                assertEquals(expected, actual, "reply and events");
                checkNoOversell(engine.machine, step, actual, availableBefore);
                compareState(engine.machine, model);
                for (int p = 0; p < engine.machine.positionCount(); p++)
                {
                    assertNull(engine.ledger.explain(engine.machine.positionAt(p)), "the journal explains the state");
                }
                return actual;
            }
            catch (final AssertionError | RuntimeException e)
            {
                throw new AssertionError("step " + (played.size() - 1) + " " + step + " differs: " + e.getMessage() +
                    render(played), e);
            }
        }

        void replayAndCompare()
        {
            final Driver replay = new Driver(config);
            for (final Step step : played)
            {
                replay.apply(step, false);
            }
            assertArrayEquals(engine.journal.toByteArray(), replay.journal.toByteArray(), "journal bytes of a second run");
            assertEquals(engine.machine.stateHash(), replay.machine.stateHash(), "state hash of a second run");
            assertEquals(engine.machine.inventoryHash(), replay.machine.inventoryHash(), "inventory hash of a second run");

            // event sourcing: the journal's facts alone, applied to a fresh machine, rebuild the same state
            final StateMachine rebuilt = new StateMachine(config);
            final UnsafeBuffer records = new UnsafeBuffer(engine.journal.toByteArray());
            // in groups, as the journal reader replays: note what the next records touch, read it, replay them
            MachineHarness.replayInChunks(rebuilt, records, 7);
            assertEquals(engine.machine.sequence(), rebuilt.sequence(), "sequence after replaying the journal");
            assertEquals(engine.machine.inventoryHash(), rebuilt.inventoryHash(), "inventory hash after replaying the journal");
            assertEquals(engine.machine.stateHash(), rebuilt.stateHash(), "state hash after replaying the journal");
            assertNull(rebuilt.verifyInvariants(), "invariants after replaying the journal");
            assertTrue(rebuilt.nowMs() <= engine.machine.nowMs(), "replayed engine time is never ahead");
            compareStateButTime(rebuilt, model);

            // snapshot of the live machine, loaded: the very same state, engine time included
            final StateMachine loaded = StateMachine.loadSnapshot(config, snapshotOf(engine.machine));
            assertEquals(engine.machine.stateHash(), loaded.stateHash(), "state hash of a loaded snapshot");
            compareState(loaded, model);

            // snapshot half-way through the journal, then the tail: the same state as the whole journal
            final StateMachine head = new StateMachine(config);
            final long cut = engine.machine.sequence() / 2;
            int offset = 0;
            while (offset < records.capacity() && head.sequence() < cut)
            {
                head.replay(records, offset);
                offset += records.getInt(offset + EventCodec.LENGTH_OFFSET);
            }
            final StateMachine tail = StateMachine.loadSnapshot(config, snapshotOf(head));
            while (offset < records.capacity())
            {
                tail.replay(records, offset);
                offset += records.getInt(offset + EventCodec.LENGTH_OFFSET);
            }
            assertEquals(engine.machine.stateHash(), tail.stateHash(), "state hash of snapshot + tail");

            // and each of them decides on as the live machine does: retries of every step, remembered or forgotten
            retryEveryStep(rebuilt, "the replayed journal");
            retryEveryStep(loaded, "the loaded snapshot");
            retryEveryStep(tail, "snapshot + tail");
        }

        /**
         * Moves a recovered machine and a live copy of the engine to the same time, then sends both every played
         * command again, key and payload unchanged: the answers and events must match byte for byte, whether the
         * key is still remembered (a duplicate), was forgotten (decided anew) or was never remembered.
         */
        private void retryEveryStep(final StateMachine recovered, final String what)
        {
            final Driver live = new Driver(config);
            for (final Step step : played)
            {
                live.apply(step, false);
            }
            final CommandTranslator translator = new CommandTranslator(config.linesPerReservationMax(),
                config.locationCapacity());
            final CommandSlot expected = new CommandSlot(config.linesPerReservationMax());
            final CommandSlot actual = new CommandSlot(config.linesPerReservationMax());
            final long timeMs = Math.max(live.machine.nowMs(), recovered.nowMs()) + 1;
            expected.tick(timeMs);
            actual.tick(timeMs);
            compareDecision(expected, actual, live.machine, recovered, what + ", moving to " + timeMs);
            for (final Step step : played)
            {
                if (step.command() != null && translator.translate(step.command(), timeMs, expected) == ReasonCode.OK)
                {
                    translator.translate(step.command(), timeMs, actual);
                    compareDecision(expected, actual, live.machine, recovered, what + ", retry of " + step);
                }
            }
            assertEquals(live.machine.stateHash(), recovered.stateHash(), "state hash after the retries on " + what);
        }

        private static void compareDecision(
            final CommandSlot expected, final CommandSlot actual, final StateMachine live, final StateMachine recovered,
            final String where)
        {
            live.apply(expected);
            recovered.apply(actual);
            assertEquals(ReasonCode.name(expected.code), ReasonCode.name(actual.code), "code after " + where);
            assertEquals(expected.duplicate, actual.duplicate, "duplicate flag after " + where);
            assertEquals(expected.eventsLength, actual.eventsLength, "events length after " + where);
            for (int i = 0; i < expected.eventsLength; i++)
            {
                assertEquals(expected.events.getByte(i), actual.events.getByte(i), "event byte " + i + " after " + where);
            }
        }
    }

    private static SnapshotCursor snapshotOf(final StateMachine machine)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        machine.writeSnapshot(new SnapshotCursor(buffer, 0));
        return new SnapshotCursor(buffer, 0);
    }

    private static long[] available(final StateMachine machine)
    {
        final long[] available = new long[machine.positionCount()];
        for (int p = 0; p < available.length; p++)
        {
            available[p] = machine.positionAt(p).available();
        }
        return available;
    }

    /**
     * Invariant 1 of the design, checked on the engine alone: only a physical movement (a POS sale, a count, an
     * adjustment) may drive a position's available below zero or further below, and then it reports OVERSOLD.
     */
    private static void checkNoOversell(final StateMachine machine, final Step step, final Outcome outcome,
        final long[] availableBefore)
    {
        for (int p = 0; p < machine.positionCount(); p++)
        {
            final PositionSnapshot position = machine.positionAt(p);
            final long before = p < availableBefore.length ? availableBefore[p] : 0;
            if (position.available() < 0 && position.available() < before)
            {
                final CommandType type = step.command() == null ? null : step.command().type();
                final boolean physical = type == CommandType.SELL || type == CommandType.COUNT ||
                    type == CommandType.ADJUST;
                boolean reported = false;
                for (final Fact fact : outcome.events())
                {
                    reported |= fact.type() == EventType.OVERSOLD && position.sku().equals(fact.sku()) &&
                        position.location().equals(fact.location()) && fact.quantity() == -position.available();
                }
                assertTrue(physical && reported, "only a reported physical movement may oversell: " + position);
            }
        }
    }

    private static void compareState(final StateMachine machine, final ReferenceModel model)
    {
        assertEquals(model.nowMs(), machine.nowMs(), "engine time");
        compareStateButTime(machine, model);
    }

    /**
     * A machine rebuilt from the journal may be behind in engine time: timer ticks that expired nothing left no
     * record. Every later record carries its time, so nothing decided depends on it.
     */
    private static void compareStateButTime(final StateMachine machine, final ReferenceModel model)
    {
        assertNull(machine.verifyInvariants(), "invariants");
        assertEquals(model.sequence(), machine.sequence(), "event sequence");
        assertEquals(model.positionCount(), machine.positionCount(), "positions");
        for (final String channel : CHANNELS)
        {
            assertEquals(model.isChannel(channel), machine.channelIndexOf(channel) >= 0, "channel " + channel);
        }
        for (final String location : LOCATIONS)
        {
            assertEquals(model.isLocation(location), machine.locationIndexOf(location) >= 0, "location " + location);
        }
        for (final String sku : SKUS)
        {
            final int skuIndex = machine.skuIndexOf(sku);
            assertEquals(model.isSku(sku), skuIndex >= 0, "sku " + sku);
            if (skuIndex < 0)
            {
                continue;
            }
            for (final String location : LOCATIONS)
            {
                final int locationIndex = machine.locationIndexOf(location);
                if (locationIndex >= 0)
                {
                    assertEquals(model.position(sku, location), machine.position(skuIndex, locationIndex),
                        "position " + sku + "@" + location);
                }
            }
            for (final String channel : CHANNELS)
            {
                final int channelIndex = machine.channelIndexOf(channel);
                if (channelIndex >= 0)
                {
                    assertEquals(model.availableToPromise(sku, channel),
                        machine.availableToPromise(skuIndex, channelIndex), "available to promise " + sku + " " + channel);
                }
            }
        }
        for (final String reservation : RESERVATIONS)
        {
            assertEquals(model.reservation(reservation), machine.reservation(reservation), "reservation " + reservation);
        }
    }

    private static String render(final List<Step> steps)
    {
        final StringBuilder text = new StringBuilder("\nsteps:");
        for (int i = 0; i < steps.size(); i++)
        {
            text.append("\n  ").append(i).append(": ").append(steps.get(i));
        }
        return text.toString();
    }

    /**
     * Drives a machine exactly as the pipeline does (boundary translation, then the writer), keeps the journal's
     * bytes and checks the framing of every record.
     */
    private static final class Driver
    {
        final StateMachine machine;
        final CommandTranslator translator;
        final CommandSlot slot;
        final EventView view;
        final ByteArrayOutputStream journal = new ByteArrayOutputStream();
        final ReferenceLedger ledger = new ReferenceLedger();
        private long lastSequence;

        Driver(final EngineConfig config)
        {
            machine = new StateMachine(config);
            translator = new CommandTranslator(config.linesPerReservationMax(), config.locationCapacity());
            slot = new CommandSlot(config.linesPerReservationMax());
            view = new EventView(machine.names());
        }

        Outcome apply(final Step step, final boolean decode)
        {
            if (step.command() == null)
            {
                slot.tick(step.timestampMs());
            }
            else
            {
                final int boundary = translator.translate(step.command(), step.timestampMs(), slot);
                if (boundary != ReasonCode.OK)
                {
                    return new Outcome(false, boundary, false, -1, -1, -1, -1, List.of(), List.of());
                }
            }
            machine.apply(slot);
            final byte[] bytes = new byte[slot.eventsLength];
            slot.events.getBytes(0, bytes);
            journal.writeBytes(bytes);
            return decode ? collect() : null;
        }

        private Outcome collect()
        {
            final List<Fact> facts = new ArrayList<>();
            int offset = 0;
            for (int i = 0; i < slot.eventCount; i++)
            {
                view.wrap(slot.events, offset);
                final Decoded event = MachineHarness.decode(view);
                assertEquals(EventCodec.SCHEMA_ID, event.schemaId(), "schema id");
                assertEquals(EventCodec.VERSION, event.version(), "version");
                assertEquals(++lastSequence, event.sequence(), "dense sequence");
                facts.add(fact(event));
                ledger.apply(event);
                offset += view.encodedLength();
            }
            assertEquals(slot.eventsLength, offset, "records fill the events exactly");
            final List<String> held = new ArrayList<>();
            for (int i = 0; i < slot.replyLineCount; i++)
            {
                held.add(machine.names().location(slot.replyLineLocation[i]));
            }
            return new Outcome(true, slot.code, slot.duplicate, slot.sequence, slot.replyTimeMs, slot.lineIndex,
                slot.available, List.copyOf(held), List.copyOf(facts));
        }
    }

    /** Projects a decoded event on the fields its type documents, as {@link ReferenceModel} records them. */
    private static Fact fact(final Decoded e)
    {
        switch (e.type())
        {
            case REJECTED:
                return fact(e, e.reasonCode(), null, null, 0, 0, 0, null, List.of());
            case RESERVED:
            case HOLD_EXTENDED:
            case CONFIRMED:
            case RELEASED:
            case EXPIRED:
            case FULFILLED:
            {
                final List<String> lines = new ArrayList<>();
                for (int i = 0; i < e.lines().size(); i++)
                {
                    final MachineHarness.Line line = e.lines().get(i);
                    lines.add(Fact.line(line.sku(), line.location(), line.quantity()) +
                        (e.type() == EventType.RESERVED ? "$" + e.lineUnitPrices().get(i) : ""));
                }
                final boolean hold = e.type() == EventType.RESERVED || e.type() == EventType.HOLD_EXTENDED;
                return fact(e, 0, null, null, 0, 0, hold ? e.deadlineMs() : 0, e.reservationState(), List.copyOf(lines));
            }
            case RECEIVED:
            case COUNTED:
            case TRANSFER_RECEIVED:
                return fact(e, 0, e.sku(), e.location(), e.quantity(), e.variance(), 0, null, List.of());
            case SOLD:
                return fact(e, 0, e.sku(), e.location(), e.quantity(), e.unitPrice(), 0, null, List.of());
            case PRICE_SET:
                return fact(e, 0, e.sku(), e.location(), e.quantity(), 0, 0, null, List.of());
            case PROMOTION_DEFINED:
                return fact(e, 0, e.sku(), e.channel(), e.quantity(), e.variance() * 1000 + e.priority(), 0, null,
                    List.of());
            case RECEIPT_EXPECTED:
            case ADJUSTED:
            case SAFETY_STOCK_SET:
            case TRANSFER_SHIPPED:
            case RETURNED:
            case OVERSOLD:
                return fact(e, 0, e.sku(), e.location(), e.quantity(), 0, 0, null, List.of());
            case TIME_ADVANCED:
                return fact(e, 0, null, null, e.quantity(), 0, 0, null, List.of());
            case THRESHOLD_CROSSED:
                return fact(e, 0, e.sku(), e.location() != null ? e.location() : "channel:" + e.channel(), e.quantity(),
                    e.variance(), 0, null, List.of(io.omnistock.api.StockThreshold.fromCode(e.kindCode()).name()));
            case CHANNEL_RULE_SET:
                return fact(e, 0, e.sku(), e.location(), e.quantity(), e.priority() * 1000L + e.capabilities(), 0,
                    null, List.of());
            default:
                return fact(e, 0, null, null, 0, 0, 0, null, List.of());
        }
    }

    private static Fact fact(final Decoded e, final int reasonCode, final String sku, final String location,
        final long quantity, final long variance, final long deadlineMs, final ReservationState state,
        final List<String> lines)
    {
        return new Fact(e.type(), e.sequence(), e.timeMs(), e.commandKey(), reasonCode, e.reference(), sku, location,
            quantity, variance, deadlineMs, state, lines);
    }

    // ------------------------------------------------------------------------------------------------------
    // Resolving keys and times
    // ------------------------------------------------------------------------------------------------------

    private static void play(final Scenario scenario, final Run run)
    {
        final List<Action> actions = new ArrayList<>(scenario.setup());
        actions.addAll(scenario.actions());
        long clockMs = START_MS;
        for (final Action action : actions)
        {
            clockMs += action.clockDeltaMs();
            final List<Step> played = run.played;
            final int index = played.size();
            if (action instanceof Send send)
            {
                final Command command = bind(send.command(), run.model);
                run.play(new Step(clockMs, ReferenceModel.withKey(command, key(played, index, send.keyBack()))));
            }
            else if (action instanceof Advance advance)
            {
                final long target = advance.absolute() ? advance.offsetMs() : clockMs + advance.offsetMs();
                run.play(new Step(clockMs, new AdvanceTime(key(played, index, advance.keyBack()), target)));
            }
            else if (action instanceof Repeat repeat)
            {
                run.play(new Step(clockMs, earlierCommand(played, index - repeat.back())));
            }
            else
            {
                run.play(new Step(clockMs, null));
            }
        }
    }

    /**
     * Binds a back reference in a lifecycle command or a transfer receipt to the n-th most recently created
     * reservation or transfer: {@code ^n} any, {@code *n} still open, {@code +n} committed (for a reservation),
     * each falling back to a looser choice when there is none, so that most of them meet something that exists. The bound command is what is played and replayed: the
     * model only aims the command, the comparison decides.
     */
    private static Command bind(final Command command, final ReferenceModel model)
    {
        final String reference = ReferenceModel.reference(command);
        if (reference == null || reference.isEmpty() || "^*+".indexOf(reference.charAt(0)) < 0)
        {
            return command;
        }
        final int back = Integer.parseInt(reference.substring(1));
        final String target;
        if (command.type() == CommandType.TRANSFER_IN)
        {
            final String open = model.recentTransfer(back, reference.charAt(0) != '^');
            target = open != null ? open : Objects.requireNonNullElse(model.recentTransfer(1, false), "t1");
        }
        else
        {
            String found = null;
            for (final char which : "+*^".substring("+*^".indexOf(reference.charAt(0))).toCharArray())
            {
                found = found != null ? found : model.recentReservation(back, which);
            }
            target = found != null ? found : Objects.requireNonNullElse(model.recentReservation(1, '^'), "r1");
        }
        switch (command.type())
        {
            case TRANSFER_IN: return new TransferIn(command.key(), target, ((TransferIn)command).quantity());
            case EXTEND_HOLD: return new ExtendHold(command.key(), target, ((ExtendHold)command).holdMs());
            case CONFIRM: return new Confirm(command.key(), target);
            case RELEASE: return new Release(command.key(), target);
            case FULFIL:
            {
                final Fulfil fulfil = (Fulfil)command;
                final long[] quantities = new long[fulfil.lineCount()];
                for (int i = 0; i < quantities.length; i++)
                {
                    quantities[i] = fulfil.quantity(i);
                }
                return fulfil.isAll() ? Fulfil.all(command.key(), target) : Fulfil.lines(command.key(), target, quantities);
            }
            default: return command;
        }
    }

    private static String key(final List<Step> steps, final int index, final int keyBack)
    {
        if (keyBack < 0)
        {
            return index % 2 == 0 ? "" : "bad key";
        }
        final Command earlier = keyBack == 0 ? null : earlierCommand(steps, index - keyBack);
        return earlier == null ? "k" + index : earlier.key();
    }

    private static Command earlierCommand(final List<Step> steps, final int index)
    {
        for (int i = Math.min(index, steps.size() - 1); i >= 0; i--)
        {
            if (steps.get(i).command() != null)
            {
                return steps.get(i).command();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------------
    // Generators
    // ------------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Scenario> scenarios()
    {
        return Combinators.combine(
            setup(),
            action().list().ofMinSize(1).ofMaxSize(STEPS_MAX).withSizeDistribution(RandomDistribution.uniform()),
            Arbitraries.frequency(Tuple.of(3, 20_000L), Tuple.of(1, 120_000L)),
            Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true)))
            .as(Scenario::new);
    }

    private static Arbitrary<List<Action>> setup()
    {
        final List<Arbitrary<Action>> parts = new ArrayList<>();
        parts.add(Arbitraries.just(fixed(new DefineSku("?", "s1"))));
        parts.add(Arbitraries.just(fixed(new DefineSku("?", "s2"))));
        for (final String location : List.of("L1", "L2", "L3"))
        {
            parts.add(Combinators.combine(
                Arbitraries.of(LocationType.class),
                Arbitraries.integers().between(0, LocationCapability.ALL),
                Arbitraries.integers().between(0, 3))
                .as((type, capabilities, priority) ->
                    fixed(new DefineLocation("?", location, type, capabilities, priority, 0, 0))));
        }
        parts.add(Arbitraries.shuffle("L1", "L2", "L3").map(all -> fixed(new DefineChannel("?", "c1", all))));
        parts.add(Arbitraries.subsetOf("L1", "L2", "L3").ofMinSize(1)
            .map(set -> fixed(new DefineChannel("?", "c2", set.stream().sorted().toList()))));
        for (final String sku : List.of("s1", "s2"))
        {
            for (final String location : List.of("L1", "L2", "L3"))
            {
                parts.add(Arbitraries.longs().between(0, 20)
                    .map(quantity -> quantity == 0 ? null : fixed(new Receive("?", sku, location, quantity))));
            }
        }
        return Combinators.combine(parts).as(all -> all.stream().filter(Objects::nonNull).toList());
    }

    private static Action fixed(final Command command)
    {
        return new Send(0, command, 0);
    }

    private static Arbitrary<Action> action()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(10, send(Combinators.combine(sku(), location(), quantity())
                .as((s, l, q) -> new Receive("?", s, l, q)))),
            Tuple.of(3, send(Combinators.combine(sku(), location(), quantity())
                .as((s, l, q) -> new ExpectReceipt("?", s, l, q)))),
            Tuple.of(5, send(Combinators.combine(sku(), location(), signedQuantity(), bucket(), reason())
                .as((s, l, q, b, r) -> new Adjust("?", s, l, q, b, r)))),
            Tuple.of(3, send(Combinators.combine(sku(), location(), count())
                .as((s, l, q) -> new CycleCount("?", s, l, q)))),
            Tuple.of(3, send(Combinators.combine(sku(), location(), count())
                .as((s, l, q) -> new SetSafetyStock("?", s, l, q)))),
            Tuple.of(2, send(channelRule())),
            Tuple.of(2, send(Combinators.combine(sku(), Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(null)),
                Tuple.of(1, location())), Arbitraries.of(0L, 100L, 999L, 2_000L, -1L))
                .as((s, l, p) -> new SetPrice("?", s, l, p)))),
            Tuple.of(2, send(promotion())),
            Tuple.of(5, send(Combinators.combine(channel(), sku(), location(), quantity())
                .as((c, s, l, q) -> new PosSale("?", c, s, l, q)))),
            Tuple.of(3, send(Combinators.combine(transfer(), sku(), location(), location(), quantity())
                .as((t, s, from, to, q) -> new TransferOut("?", t, s, from, to, q)))),
            Tuple.of(3, send(Combinators.combine(transfer(), Arbitraries.of("s1", "s2"), Arbitraries.of("L1", "L2", "L3"),
                Arbitraries.of("L1", "L2", "L3"), Arbitraries.longs().between(1, 4))
                .as((t, s, from, to, q) -> new TransferOut("?", t, s, from, to, q)))),
            Tuple.of(5, send(Combinators.combine(recent(transfer()), smallQuantity())
                .as((t, q) -> new TransferIn("?", t, q)))),
            Tuple.of(3, send(Combinators.combine(channel(), sku(), location(), quantity(), disposition())
                .as((c, s, l, q, d) -> new Return("?", c, s, l, q, d)))),
            Tuple.of(8, send(Combinators.combine(reservation(), channel(), fulfilment(), hold(), lines())
                .as((r, c, f, h, lines) -> new Reserve("?", r, c, f, h, lines)))),
            Tuple.of(4, send(Combinators.combine(Arbitraries.of(RESERVATIONS), Arbitraries.of("c1", "c2"),
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(FulfilmentType.PICKUP)), Tuple.of(1, fulfilment())),
                plainLines(), Arbitraries.of("L1", "L2", "L3", "L9"), destination())
                .as((r, c, f, lines, store, to) -> new Reserve("?", r, c, f, 20_000, lines, store, to)))),
            Tuple.of(12, send(Combinators.combine(Arbitraries.of(RESERVATIONS), Arbitraries.of("c1", "c1", "c2"),
                Arbitraries.of(FulfilmentType.class), Arbitraries.longs().between(1_000, HOLD_MAX_MS), plainLines())
                .as((r, c, f, h, lines) -> new Reserve("?", r, c, f, h, lines)))),
            Tuple.of(4, send(Combinators.combine(recent(reservation()), hold())
                .as((r, h) -> new ExtendHold("?", r, h)))),
            Tuple.of(8, send(recent(reservation()).map(r -> new Confirm("?", r)))),
            Tuple.of(4, send(recent(reservation()).map(r -> new Release("?", r)))),
            Tuple.of(8, send(fulfil())),
            Tuple.of(1, send(Arbitraries.of("s1", "s2", "s4", "s5").map(s -> new DefineSku("?", s)))),
            Tuple.of(1, send(defineLocation())),
            Tuple.of(1, send(defineChannel())),
            Tuple.of(3, advance()),
            Tuple.of(2, clockDelta().map(Tick::new)),
            Tuple.of(6, Combinators.combine(clockDelta(), Arbitraries.integers().between(1, 6)).as(Repeat::new)));
    }

    private static Arbitrary<Action> send(final Arbitrary<? extends Command> commands)
    {
        return Combinators.combine(clockDelta(), commands, keyBack()).as(Send::new);
    }

    private static Arbitrary<Action> advance()
    {
        final Arbitrary<Action> relative = Combinators.combine(clockDelta(), advanceOffset(), keyBack())
            .as((delta, offset, keyBack) -> new Advance(delta, offset, false, keyBack));
        final Arbitrary<Action> absolute = Combinators.combine(clockDelta(),
            Arbitraries.of(-1L, Long.MAX_VALUE - HOLD_MAX_MS / 2), keyBack())
            .as((delta, target, keyBack) -> new Advance(delta, target, true, keyBack));
        return Arbitraries.frequencyOf(Tuple.of(20, relative), Tuple.of(1, absolute));
    }

    private static Arbitrary<Long> clockDelta()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.just(0L)),
            Tuple.of(8, Arbitraries.longs().between(1, 3)),
            Tuple.of(16, Arbitraries.longs().between(1, 1_000)),
            Tuple.of(4, Arbitraries.longs().between(1_000, 20_000)),
            Tuple.of(1, Arbitraries.longs().between(20_000, 3 * HOLD_MAX_MS)));
    }

    private static Arbitrary<Long> advanceOffset()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.longs().between(-2_000, -1)),
            Tuple.of(3, Arbitraries.longs().between(0, 5)),
            Tuple.of(5, Arbitraries.longs().between(5, 2 * HOLD_MAX_MS)));
    }

    private static Arbitrary<Integer> keyBack()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(40, Arbitraries.just(0)),
            Tuple.of(4, Arbitraries.integers().between(1, 10)),
            Tuple.of(1, Arbitraries.just(-1)));
    }

    /** A promotion on one SKU or all, one channel or all, with a window around the run's engine time. */
    private static Arbitrary<DefinePromotion> promotion()
    {
        final Arbitrary<String> scopeSku = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(null)), Tuple.of(2, sku()));
        final Arbitrary<String> scopeChannel =
            Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(null)), Tuple.of(1, channel()));
        final Arbitrary<Long> start = Arbitraries.of(START_MS - 1_000, START_MS + 5_000, START_MS + 60_000);
        final Arbitrary<Long> length = Arbitraries.of(1_000L, 30_000L, 1_000_000_000L, 0L);
        return Combinators.combine(Arbitraries.of("p1", "p2", "p3"), scopeSku, scopeChannel, start, length,
                Arbitraries.of(0, 10, 33, 50, 100, 101), Arbitraries.of(0L, 1L, 250L, -1L))
            .as((id, s, c, from, size, percent, amount) ->
                new DefinePromotion("?", id, s, c, from, from + size, percent, amount));
    }

    /** A channel rule at one of the three scopes (sometimes two, which is refused), with odd values now and then. */
    private static Arbitrary<SetChannelRule> channelRule()
    {
        final Arbitrary<String> scopeSku = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(null)), Tuple.of(2, sku()));
        final Arbitrary<String> scopeLocation =
            Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(null)), Tuple.of(2, location()));
        final Arbitrary<Long> units = Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.longs().between(0, 4)), Tuple.of(1, Arbitraries.of(-1L, Limits.QUANTITY_MAX + 1)));
        final Arbitrary<Integer> bufferPercent = Arbitraries.of(0, 0, 0, 10, 50, 100, 101);
        final Arbitrary<Integer> sharePercent = Arbitraries.of(100, 100, 0, 30, 50, 75, -1);
        return Combinators.combine(channel(), scopeSku, scopeLocation, units, bufferPercent, sharePercent)
            .as((c, s, l, u, b, f) -> new SetChannelRule("?", c, s, l, u, b, f));
    }

    /** Mostly none; else a point on the globe, now and then off it. */
    private static Arbitrary<io.omnistock.api.Destination> destination()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(null)),
            Tuple.of(3, Combinators.combine(Arbitraries.integers().between(-90_000_000, 90_000_000),
                Arbitraries.integers().between(-180_000_000, 180_000_000)).as(io.omnistock.api.Destination::new)),
            Tuple.of(1, Arbitraries.just(new io.omnistock.api.Destination(90_000_001, 0))));
    }

    private static Arbitrary<String> badId()
    {
        return Arbitraries.of("", "two words", LONG_ID, "caf\u00e9").injectNull(0.2);
    }

    private static Arbitrary<String> sku()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(60, Arbitraries.of("s1", "s2")),
            Tuple.of(3, Arbitraries.of("s3", "s4")),
            Tuple.of(1, badId()));
    }

    private static Arbitrary<String> location()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(60, Arbitraries.of("L1", "L2", "L3")),
            Tuple.of(3, Arbitraries.of("L4", "L9")),
            Tuple.of(1, badId()));
    }

    private static Arbitrary<String> channel()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(60, Arbitraries.of("c1", "c2")),
            Tuple.of(3, Arbitraries.of("c3", "c9")),
            Tuple.of(1, badId()));
    }

    private static Arbitrary<String> reservation()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(60, Arbitraries.of(RESERVATIONS)),
            Tuple.of(1, badId()));
    }

    /** @return mostly a back reference to a recently committed reservation, else as {@link #recent}. */
    private static Arbitrary<String> committed()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of("+1", "+1", "+2")),
            Tuple.of(4, recent(reservation())));
    }

    private static Arbitrary<String> transfer()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(60, Arbitraries.of("t1", "t2", "t3", "t4", "t5")),
            Tuple.of(1, badId()));
    }

    /**
     * @return mostly a back reference to a recently created ({@code ^n}) or a recent still open ({@code *n})
     * reservation or transfer, else any key.
     */
    private static Arbitrary<String> recent(final Arbitrary<String> any)
    {
        return Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.of("^1", "^1", "^2", "^3")),
            Tuple.of(4, Arbitraries.of("*1", "*1", "*2")),
            Tuple.of(2, any));
    }

    private static Arbitrary<Long> quantity()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(60, Arbitraries.longs().between(1, 6)),
            Tuple.of(2, Arbitraries.just(0L)),
            Tuple.of(2, Arbitraries.longs().between(-3, -1)),
            Tuple.of(1, Arbitraries.of(Limits.QUANTITY_MAX, Limits.QUANTITY_MAX + 1, Long.MIN_VALUE, Long.MAX_VALUE)));
    }

    private static Arbitrary<Long> smallQuantity()
    {
        return Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.longs().between(1, 3)), Tuple.of(1, quantity()));
    }

    private static Arbitrary<Long> count()
    {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)), Tuple.of(5, quantity()));
    }

    private static Arbitrary<Long> signedQuantity()
    {
        return Combinators.combine(quantity(), Arbitraries.of(true, false)).as((q, negative) -> negative ? -q : q);
    }

    private static Arbitrary<Long> hold()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.longs().between(1, 3)),
            Tuple.of(3, Arbitraries.longs().between(1, 5_000)),
            Tuple.of(8, Arbitraries.longs().between(5_000, HOLD_MAX_MS)),
            Tuple.of(1, Arbitraries.of(0L, -1L, HOLD_MAX_MS + 1, Long.MAX_VALUE)));
    }

    private static Arbitrary<StockBucket> bucket()
    {
        return Arbitraries.of(StockBucket.class).injectNull(0.02);
    }

    private static Arbitrary<AdjustmentReason> reason()
    {
        return Arbitraries.of(AdjustmentReason.class).injectNull(0.02);
    }

    private static Arbitrary<Disposition> disposition()
    {
        return Arbitraries.of(Disposition.class).injectNull(0.03);
    }

    private static Arbitrary<FulfilmentType> fulfilment()
    {
        return Arbitraries.of(FulfilmentType.class).injectNull(0.02);
    }

    private static Arbitrary<List<ReserveLine>> lines()
    {
        final Arbitrary<ReserveLine> line = Combinators.combine(
            sku(),
            Arbitraries.frequencyOf(Tuple.of(3, location()), Tuple.of(2, Arbitraries.just((String)null))),
            smallQuantity())
            .as(ReserveLine::new);
        return Arbitraries.frequencyOf(
            Tuple.of(30, line.list().ofSize(1)),
            Tuple.of(20, line.list().ofSize(2)),
            Tuple.of(8, line.list().ofSize(3)),
            Tuple.of(1, line.list().ofSize(4)),
            Tuple.of(1, Arbitraries.just(List.of())));
    }

    /** @return one or two lines of distinct known SKUs, at a location or anywhere, of a few units. */
    private static Arbitrary<List<ReserveLine>> plainLines()
    {
        final Arbitrary<String> place = Arbitraries.of("L1", "L2", "L3", null, null);
        final Arbitrary<Long> units = Arbitraries.longs().between(1, 3);
        return Arbitraries.frequencyOf(
            Tuple.of(2, Combinators.combine(Arbitraries.of("s1", "s2"), place, units)
                .as((s, l, q) -> List.of(new ReserveLine(s, l, q)))),
            Tuple.of(1, Combinators.combine(place, units, place, units)
                .as((l1, q1, l2, q2) -> List.of(new ReserveLine("s1", l1, q1), new ReserveLine("s2", l2, q2)))));
    }

    private static Arbitrary<Fulfil> fulfil()
    {
        final Arbitrary<Long> quantity = Arbitraries.frequencyOf(
            Tuple.of(30, Arbitraries.longs().between(0, 3)),
            Tuple.of(1, Arbitraries.of(-1L, 100L)));
        final Arbitrary<long[]> quantities = Arbitraries.frequencyOf(
            Tuple.of(20, quantity.list().ofSize(1)),
            Tuple.of(10, quantity.list().ofSize(2)),
            Tuple.of(5, quantity.list().ofSize(3)),
            Tuple.of(1, quantity.list().ofMinSize(0).ofMaxSize(4)))
            .map(list -> list.stream().mapToLong(Long::longValue).toArray());
        return Arbitraries.frequencyOf(
            Tuple.of(2, committed().map(r -> Fulfil.all("?", r))),
            Tuple.of(3, Combinators.combine(committed(), quantities).as((r, q) -> Fulfil.lines("?", r, q))));
    }

    private static Arbitrary<DefineLocation> defineLocation()
    {
        return Combinators.combine(
            Arbitraries.of("L1", "L4", "L5"),
            Arbitraries.of(LocationType.class).injectNull(0.05),
            Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.integers().between(0, LocationCapability.ALL)),
                Tuple.of(1, Arbitraries.of(-1, LocationCapability.ALL + 1))),
            Arbitraries.integers().between(0, 3),
            Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(0)), Tuple.of(1, Arbitraries.of(90_000_001, -90_000_000))),
            Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(0)), Tuple.of(1, Arbitraries.of(-180_000_001, 180_000_000))))
            .as((l, type, capabilities, priority, latitude, longitude) ->
                new DefineLocation("?", l, type, capabilities, priority, latitude, longitude));
    }

    private static Arbitrary<DefineChannel> defineChannel()
    {
        return Combinators.combine(
            Arbitraries.of("c1", "c3", "c4"),
            Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.of("L1", "L2", "L3", "L4")), Tuple.of(1, location()))
                .list().ofMinSize(0).ofMaxSize(5))
            .as((c, locations) -> new DefineChannel("?", c, locations));
    }
}
