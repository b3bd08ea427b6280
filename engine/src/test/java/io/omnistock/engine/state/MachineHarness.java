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
import io.omnistock.api.LocationCapability;
import io.omnistock.api.LocationType;
import io.omnistock.api.PosSale;
import io.omnistock.api.PositionSnapshot;
import io.omnistock.api.ReasonCode;
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.SetChannelRule;
import io.omnistock.api.ReservationSnapshot;
import io.omnistock.api.ReservationState;
import io.omnistock.api.Return;
import io.omnistock.api.SetSafetyStock;
import io.omnistock.api.StockBucket;
import io.omnistock.api.TransferIn;
import io.omnistock.api.TransferOut;
import io.omnistock.engine.EngineConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives a {@link StateMachine} the way the pipeline does (translate at the boundary, then apply), one command per
 * one-liner, with a hand-advanced clock, and decodes every event into an immutable {@link Decoded} copy.
 *
 * <p>After every applied command it checks what must hold for any command: {@link StateMachine#verifyInvariants()}
 * is null, sequence numbers are dense from 1, every record carries the schema id and version, the reply's sequence
 * names one of the command's own events, and a duplicate emits nothing but expiries fired by time.
 *
 * <p>{@link #standard()} builds the fixture most tests share:
 * <pre>
 *   SKUs       sku-1, sku-2
 *   locations  dc      WAREHOUSE  SHIPS | RETURNS   priority 1
 *              store   STORE      ALL               priority 2
 *              outlet  STORE      PICKUP            priority 3   (no returns, does not ship)
 *   channels   web  -> dc, store, outlet
 *              pos  -> store
 * </pre>
 */
final class MachineHarness
{
    static final String SKU_1 = "sku-1";
    static final String SKU_2 = "sku-2";
    static final String DC = "dc";
    static final String STORE = "store";
    static final String OUTLET = "outlet";
    static final String WEB = "web";
    static final String POS = "pos";
    static final long START_MS = 1_000L;

    /** One decoded reservation, channel or movement line. */
    record Line(String sku, String location, long quantity)
    {
    }

    /** An immutable copy of one event record. */
    record Decoded(
        EventType type,
        long sequence,
        long timeMs,
        String commandKey,
        CommandType commandType,
        int reasonCode,
        String reference,
        String sku,
        String location,
        String toLocation,
        String channel,
        long quantity,
        long variance,
        long deadlineMs,
        FulfilmentType fulfilment,
        Disposition disposition,
        StockBucket bucket,
        AdjustmentReason adjustmentReason,
        ReservationState reservationState,
        int lineIndex,
        long available,
        List<Line> lines,
        int encodedLength,
        short schemaId,
        short version,
        int kindCode,
        int capabilities,
        int priority,
        int latitudeMicros,
        int longitudeMicros,
        List<Long> lineUnitPrices,
        long unitPrice)
    {
    }

    /** What one command got back: the boundary's or the writer's answer, and the events it caused. */
    record Outcome(
        boolean applied,
        int code,
        boolean duplicate,
        long sequence,
        long timeMs,
        int lineIndex,
        long available,
        List<String> lineLocations,
        List<Decoded> events)
    {
        boolean ok()
        {
            return code == ReasonCode.OK;
        }

        /** @return the single event of the type (fails when there is none or more than one). */
        Decoded event(final EventType type)
        {
            final List<Decoded> matching = events(type);
            assertEquals(1, matching.size(), () -> "expected exactly one " + type + " in " + events);
            return matching.get(0);
        }

        List<Decoded> events(final EventType type)
        {
            final List<Decoded> matching = new ArrayList<>();
            for (final Decoded event : events)
            {
                if (event.type() == type)
                {
                    matching.add(event);
                }
            }
            return matching;
        }

        List<EventType> eventTypes()
        {
            final List<EventType> types = new ArrayList<>();
            for (final Decoded event : events)
            {
                types.add(event.type());
            }
            return types;
        }

        @Override
        public String toString()
        {
            return ReasonCode.name(code) + (applied ? "" : " (boundary)") + (duplicate ? " (duplicate)" : "") +
                " #" + sequence + " line " + lineIndex + " available " + available + " at " + lineLocations +
                " events " + events;
        }
    }

    /** The states of a position, comparable as a whole with readable failures. Build with the withers. */
    record Stock(
        long onHand,
        long reserved,
        long committed,
        long safetyStock,
        long damaged,
        long quarantined,
        long inTransit,
        long incoming,
        long available)
    {
        static final Stock NONE = new Stock(0, 0, 0, 0, 0, 0, 0, 0, 0);

        static Stock of(final PositionSnapshot snapshot)
        {
            return new Stock(snapshot.onHand(), snapshot.reserved(), snapshot.committed(), snapshot.safetyStock(),
                snapshot.damaged(), snapshot.quarantined(), snapshot.inTransit(), snapshot.incoming(),
                snapshot.available());
        }

        Stock onHand(final long value)
        {
            return new Stock(value, reserved, committed, safetyStock, damaged, quarantined, inTransit, incoming, available);
        }

        Stock reserved(final long value)
        {
            return new Stock(onHand, value, committed, safetyStock, damaged, quarantined, inTransit, incoming, available);
        }

        Stock committed(final long value)
        {
            return new Stock(onHand, reserved, value, safetyStock, damaged, quarantined, inTransit, incoming, available);
        }

        Stock safetyStock(final long value)
        {
            return new Stock(onHand, reserved, committed, value, damaged, quarantined, inTransit, incoming, available);
        }

        Stock damaged(final long value)
        {
            return new Stock(onHand, reserved, committed, safetyStock, value, quarantined, inTransit, incoming, available);
        }

        Stock quarantined(final long value)
        {
            return new Stock(onHand, reserved, committed, safetyStock, damaged, value, inTransit, incoming, available);
        }

        Stock inTransit(final long value)
        {
            return new Stock(onHand, reserved, committed, safetyStock, damaged, quarantined, value, incoming, available);
        }

        Stock incoming(final long value)
        {
            return new Stock(onHand, reserved, committed, safetyStock, damaged, quarantined, inTransit, value, available);
        }

        Stock available(final long value)
        {
            return new Stock(onHand, reserved, committed, safetyStock, damaged, quarantined, inTransit, incoming, value);
        }
    }

    private final EngineConfig config;
    private final StateMachine machine;
    private final CommandTranslator translator;
    private final CommandSlot slot;
    private final EventView view;
    private final List<Decoded> events = new ArrayList<>();
    private final org.agrona.ExpandableArrayBuffer journal = new org.agrona.ExpandableArrayBuffer(4096);
    private int journalLength;
    private long clockMs = START_MS;
    private long lastSequence;
    private int keyCounter;

    private MachineHarness(final EngineConfig config)
    {
        this.config = config;
        machine = new StateMachine(config);
        translator = new CommandTranslator(config.linesPerReservationMax(), config.locationCapacity());
        slot = new CommandSlot(config.linesPerReservationMax());
        view = new EventView(machine.names());
    }

    /** @return the small configuration the tests use unless they need another. */
    static EngineConfig testConfig()
    {
        return EngineConfig.defaults()
            .skuCapacity(16)
            .locationCapacity(8)
            .channelCapacity(4)
            .positionCapacity(128)
            .reservationCapacity(64)
            .linesPerReservationMax(4)
            .transferCapacity(16)
            .idempotencyCapacity(4096)
            .holdMaxMs(100_000);
    }

    /** @return an empty machine with {@link #testConfig()}. */
    static MachineHarness empty()
    {
        return new MachineHarness(testConfig());
    }

    /**
     * @param config the configuration.
     * @return an empty machine.
     */
    static MachineHarness empty(final EngineConfig config)
    {
        return new MachineHarness(config);
    }

    /** @return a machine with the shared fixture (see the class comment) and no stock. */
    static MachineHarness standard()
    {
        return empty().defineStandardFixture();
    }

    /**
     * @param config the configuration.
     * @return a machine with the shared fixture and no stock.
     */
    static MachineHarness standard(final EngineConfig config)
    {
        return empty(config).defineStandardFixture();
    }

    private MachineHarness defineStandardFixture()
    {
        expectOk(defineSku(SKU_1));
        expectOk(defineSku(SKU_2));
        expectOk(defineLocation(DC, LocationType.WAREHOUSE, LocationCapability.SHIPS | LocationCapability.RETURNS, 1));
        expectOk(defineLocation(STORE, LocationType.STORE, LocationCapability.ALL, 2));
        expectOk(defineLocation(OUTLET, LocationType.STORE, LocationCapability.PICKUP, 3));
        expectOk(defineChannel(WEB, DC, STORE, OUTLET));
        expectOk(defineChannel(POS, STORE));
        return this;
    }

    private static void expectOk(final Outcome outcome)
    {
        if (!outcome.ok())
        {
            fail("fixture command failed: " + outcome);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Plumbing
    // ------------------------------------------------------------------------------------------------------

    /**
     * Replays every event recorded so far into a fresh machine and checks it reaches the same state.
     *
     * @return the replayed machine.
     */
    StateMachine assertReplays()
    {
        final StateMachine replayed = new StateMachine(config);
        for (int offset = 0; offset < journalLength; offset += journal.getInt(offset + EventCodec.LENGTH_OFFSET))
        {
            replayed.replay(journal, offset);
        }
        assertEquals(machine.stateHash(), replayed.stateHash(), "state hash after replaying the events");
        assertNull(replayed.verifyInvariants(), "invariants after replay");
        return replayed;
    }

    /**
     * Replays the events recorded from an offset of the journal on into another machine.
     *
     * @param target the machine.
     * @param from   where to start: 0, or what an earlier call returned.
     * @return where the journal ends, for the next call.
     */
    int replayInto(final StateMachine target, final int from)
    {
        for (int offset = from; offset < journalLength; offset += journal.getInt(offset + EventCodec.LENGTH_OFFSET))
        {
            target.replay(journal, offset);
        }
        return journalLength;
    }

    /**
     * Replays records into a machine as the journal reader does: a chunk of records offered to
     * {@link StateMachine#prefetchRecord}, {@link StateMachine#prefetchGroup()}, then the chunk replayed.
     *
     * @param target  the machine.
     * @param records whole records, back to back, filling the buffer.
     * @param chunk   records per chunk.
     */
    static void replayInChunks(final StateMachine target, final org.agrona.DirectBuffer records, final int chunk)
    {
        int offset = 0;
        while (offset < records.capacity())
        {
            int ahead = offset;
            for (int i = 0; i < chunk && ahead < records.capacity(); i++)
            {
                target.prefetchRecord(records, ahead);
                ahead += records.getInt(ahead + EventCodec.LENGTH_OFFSET);
            }
            target.prefetchGroup();
            while (offset < ahead)
            {
                target.replay(records, offset);
                offset += records.getInt(offset + EventCodec.LENGTH_OFFSET);
            }
        }
    }

    /** @return a copy of every event record so far, as the journal holds them. */
    byte[] journalBytes()
    {
        final byte[] bytes = new byte[journalLength];
        journal.getBytes(0, bytes);
        return bytes;
    }

    StateMachine machine()
    {
        return machine;
    }

    CommandTranslator translator()
    {
        return translator;
    }

    EngineConfig config()
    {
        return config;
    }

    /** @return every event decoded so far, in order. */
    List<Decoded> events()
    {
        return Collections.unmodifiableList(events);
    }

    /** @return the clock that stamps the next command. */
    long clockMs()
    {
        return clockMs;
    }

    /**
     * Sets the clock that stamps the following commands.
     *
     * @param timeMs the timestamp.
     * @return this.
     */
    MachineHarness at(final long timeMs)
    {
        clockMs = timeMs;
        return this;
    }

    /** @return a fresh idempotency key. */
    String nextKey()
    {
        return "k" + (++keyCounter);
    }

    /**
     * Sends a command stamped with the clock: the boundary check, then (if it passes) the writer.
     *
     * @param command the command.
     * @return what it got back.
     */
    Outcome send(final Command command)
    {
        final int boundary = translator.translate(command, clockMs, slot);
        if (boundary != ReasonCode.OK)
        {
            return new Outcome(false, boundary, false, -1, -1, -1, -1, List.of(), List.of());
        }
        machine.apply(slot);
        return collect(command == null ? null : command.key());
    }

    /**
     * Sends a timer tick (what the pipeline sends when no command arrives) stamped with the clock.
     *
     * @return what it got back.
     */
    Outcome tick()
    {
        slot.tick(clockMs);
        machine.apply(slot);
        return collect("");
    }

    private Outcome collect(final String key)
    {
        final List<Decoded> decoded = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < slot.eventCount; i++)
        {
            view.wrap(slot.events, offset);
            final Decoded event = decode(view);
            decoded.add(event);
            offset += view.encodedLength();
        }
        assertEquals(slot.eventsLength, offset, "event records must fill exactly eventsLength bytes");
        journal.putBytes(journalLength, slot.events, 0, slot.eventsLength);
        journalLength += slot.eventsLength;
        checkAfterApply(key, decoded);
        events.addAll(decoded);
        final List<String> lineLocations = new ArrayList<>();
        for (int i = 0; i < slot.replyLineCount; i++)
        {
            lineLocations.add(machine.names().location(slot.replyLineLocation[i]));
        }
        return new Outcome(true, slot.code, slot.duplicate, slot.sequence, slot.replyTimeMs, slot.lineIndex,
            slot.available, List.copyOf(lineLocations), List.copyOf(decoded));
    }

    private void checkAfterApply(final String key, final List<Decoded> decoded)
    {
        assertNull(machine.verifyInvariants(), "invariants after " + slot.type() + " " + key);
        for (final Decoded event : decoded)
        {
            assertEquals(lastSequence + 1, event.sequence(), () -> "sequence must be dense: " + decoded);
            assertEquals(EventCodec.SCHEMA_ID, event.schemaId(), "schema id");
            assertEquals(EventCodec.VERSION, event.version(), "version");
            lastSequence = event.sequence();
        }
        assertEquals(lastSequence, machine.sequence(), "machine sequence is the last event's");
        if (slot.duplicate)
        {
            for (final Decoded event : decoded)
            {
                assertTrue(event.type() == EventType.EXPIRED || event.type() == EventType.THRESHOLD_CROSSED,
                    () -> "a duplicate emits nothing of its own: " + decoded);
            }
        }
        else if (key.isEmpty())
        {
            for (final Decoded event : decoded)
            {
                assertTrue(event.type() == EventType.EXPIRED || event.type() == EventType.THRESHOLD_CROSSED,
                    () -> "a timer tick only expires holds (and reports the crossings): " + decoded);
            }
        }
        else
        {
            boolean found = false;
            for (final Decoded event : decoded)
            {
                if (event.sequence() == slot.sequence)
                {
                    found = true;
                    assertEquals(key, event.commandKey(), "the reply's event is the command's own");
                    assertTrue(event.type() != EventType.EXPIRED && event.type() != EventType.OVERSOLD &&
                        event.type() != EventType.THRESHOLD_CROSSED,
                        () -> "the reply's event records the outcome: " + event);
                }
            }
            assertTrue(found, () -> "reply sequence " + slot.sequence + " names none of " + decoded);
        }
    }

    /**
     * Copies the record the view points at.
     *
     * @param event a wrapped view.
     * @return the copy.
     */
    static Decoded decode(final EventView event)
    {
        final List<Line> lines = new ArrayList<>();
        final List<Long> prices = new ArrayList<>();
        for (int i = 0; i < event.lineCount(); i++)
        {
            lines.add(new Line(event.lineSku(i), event.lineLocation(i), event.lineQuantity(i)));
            prices.add(event.lineUnitPrice(i));
        }
        return new Decoded(
            event.type(), event.sequence(), event.timeMs(), event.commandKey().toString(), event.commandType(),
            event.reasonCode(), event.reference().toString(), event.sku(), event.location(), event.toLocation(),
            event.channel(), event.quantity(), event.variance(), event.deadlineMs(), event.fulfilment(),
            event.disposition(), event.bucket(), event.adjustmentReason(), event.reservationState(),
            event.lineIndex(), event.available(), List.copyOf(lines), event.encodedLength(), event.schemaId(),
            event.version(), event.kindCode(), event.capabilities(), event.priority(), event.latitudeMicros(),
            event.longitudeMicros(), List.copyOf(prices), event.unitPrice());
    }

    // ------------------------------------------------------------------------------------------------------
    // One-liners, each with a fresh key
    // ------------------------------------------------------------------------------------------------------

    Outcome defineSku(final String sku)
    {
        return send(new DefineSku(nextKey(), sku));
    }

    Outcome defineLocation(final String location, final LocationType type, final int capabilities, final int priority)
    {
        return send(new DefineLocation(nextKey(), location, type, capabilities, priority, 0, 0));
    }

    Outcome defineChannel(final String channel, final String... locations)
    {
        return send(new DefineChannel(nextKey(), channel, List.of(locations)));
    }

    Outcome receive(final String sku, final String location, final long quantity)
    {
        return send(new Receive(nextKey(), sku, location, quantity));
    }

    Outcome expectReceipt(final String sku, final String location, final long quantity)
    {
        return send(new ExpectReceipt(nextKey(), sku, location, quantity));
    }

    Outcome adjust(final String sku, final String location, final long delta, final StockBucket bucket,
        final AdjustmentReason reason)
    {
        return send(new Adjust(nextKey(), sku, location, delta, bucket, reason));
    }

    Outcome count(final String sku, final String location, final long counted)
    {
        return send(new CycleCount(nextKey(), sku, location, counted));
    }

    Outcome safetyStock(final String sku, final String location, final long quantity)
    {
        return send(new SetSafetyStock(nextKey(), sku, location, quantity));
    }

    Outcome sell(final String channel, final String sku, final String location, final long quantity)
    {
        return send(new PosSale(nextKey(), channel, sku, location, quantity));
    }

    Outcome transferOut(final String transfer, final String sku, final String from, final String to,
        final long quantity)
    {
        return send(new TransferOut(nextKey(), transfer, sku, from, to, quantity));
    }

    Outcome transferIn(final String transfer, final long quantity)
    {
        return send(new TransferIn(nextKey(), transfer, quantity));
    }

    Outcome returnGoods(final String channel, final String sku, final String location, final long quantity,
        final Disposition disposition)
    {
        return send(new Return(nextKey(), channel, sku, location, quantity, disposition));
    }

    Outcome reserve(final String reservation, final String channel, final FulfilmentType fulfilment,
        final long holdMs, final ReserveLine... lines)
    {
        return send(new Reserve(nextKey(), reservation, channel, fulfilment, holdMs, List.of(lines)));
    }

    /** A SHIP reservation on the web channel with a hold of 10 seconds. */
    Outcome reserve(final String reservation, final ReserveLine... lines)
    {
        return reserve(reservation, WEB, FulfilmentType.SHIP, 10_000, lines);
    }

    Outcome channelRule(final String channel, final String sku, final String location, final long bufferUnits,
        final int bufferPercent, final int sharePercent)
    {
        return send(new SetChannelRule(nextKey(), channel, sku, location, bufferUnits, bufferPercent, sharePercent));
    }

    Outcome extendHold(final String reservation, final long holdMs)
    {
        return send(new ExtendHold(nextKey(), reservation, holdMs));
    }

    Outcome confirm(final String reservation)
    {
        return send(new Confirm(nextKey(), reservation));
    }

    Outcome release(final String reservation)
    {
        return send(new Release(nextKey(), reservation));
    }

    Outcome fulfilAll(final String reservation)
    {
        return send(Fulfil.all(nextKey(), reservation));
    }

    Outcome fulfilLines(final String reservation, final long... quantities)
    {
        return send(Fulfil.lines(nextKey(), reservation, quantities));
    }

    Outcome advanceTime(final long timeMs)
    {
        return send(new AdvanceTime(nextKey(), timeMs));
    }

    // ------------------------------------------------------------------------------------------------------
    // Reads
    // ------------------------------------------------------------------------------------------------------

    /** @return the position's states, or null when the position does not exist. */
    Stock stock(final String sku, final String location)
    {
        final PositionSnapshot snapshot = machine.position(skuIndex(sku), locationIndex(location));
        return snapshot == null ? null : Stock.of(snapshot);
    }

    long available(final String sku, final String location)
    {
        return machine.available(skuIndex(sku), locationIndex(location));
    }

    long atp(final String sku, final String channel)
    {
        final int channelIndex = machine.channelIndexOf(channel);
        assertTrue(channelIndex >= 0, "unknown channel " + channel);
        return machine.availableToPromise(skuIndex(sku), channelIndex);
    }

    ReservationSnapshot reservation(final String reservation)
    {
        return machine.reservation(reservation);
    }

    ReservationState state(final String reservation)
    {
        final ReservationSnapshot snapshot = machine.reservation(reservation);
        return snapshot == null ? null : snapshot.state();
    }

    private int skuIndex(final String sku)
    {
        final int index = machine.skuIndexOf(sku);
        assertTrue(index >= 0, "unknown sku " + sku);
        return index;
    }

    private int locationIndex(final String location)
    {
        final int index = machine.locationIndexOf(location);
        assertTrue(index >= 0, "unknown location " + location);
        return index;
    }
}
