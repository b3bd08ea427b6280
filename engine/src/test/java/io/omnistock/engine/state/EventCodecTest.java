package io.omnistock.engine.state;

import io.omnistock.api.Adjust;
import io.omnistock.api.AdjustmentReason;
import io.omnistock.api.AdvanceTime;
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
import io.omnistock.api.Receive;
import io.omnistock.api.Release;
import io.omnistock.api.Reserve;
import io.omnistock.api.ReserveLine;
import io.omnistock.api.ReservationState;
import io.omnistock.api.Return;
import io.omnistock.api.SetChannelRule;
import io.omnistock.api.SetPrice;
import io.omnistock.api.DefinePromotion;
import io.omnistock.api.SetSafetyStock;
import io.omnistock.api.StockBucket;
import io.omnistock.api.TransferIn;
import io.omnistock.api.TransferOut;
import io.omnistock.engine.state.MachineHarness.Decoded;
import io.omnistock.engine.state.MachineHarness.Outcome;
import org.agrona.BitUtil;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.omnistock.api.ReasonCode.OK;
import static io.omnistock.api.ReasonCode.RESERVATION_EXPIRED;
import static io.omnistock.engine.state.EventCodec.*;
import static io.omnistock.engine.state.MachineHarness.DC;
import static io.omnistock.engine.state.MachineHarness.POS;
import static io.omnistock.engine.state.MachineHarness.SKU_1;
import static io.omnistock.engine.state.MachineHarness.START_MS;
import static io.omnistock.engine.state.MachineHarness.STORE;
import static io.omnistock.engine.state.MachineHarness.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the binary event layout of {@link EventCodec}: every offset, the header and line lengths, the encoded length
 * of every record (header, key and reference padded to 8 bytes, 24 bytes per line), the schema id and version on
 * every record, and a lossless round trip through {@link EventView} for every {@link EventType}, both from the
 * codec directly and from the events the state machine decides. A failure here means the journal format changed:
 * that needs a new {@link EventCodec#VERSION}.
 */
class EventCodecTest
{
    private static final String LONGEST = "x".repeat(Limits.ID_LENGTH_MAX);

    @Test
    void shouldPinSchemaIdVersionAndEveryOffset()
    {
        assertEquals(0x4F53, SCHEMA_ID);
        assertEquals(4, VERSION);
        assertEquals(2, VERSION_MIN);
        assertEquals(3, EventCodec.POSITION_HINT_VERSION);
        assertEquals(4, EventCodec.PAYLOAD_HASH_VERSION);
        assertEquals(0, LENGTH_OFFSET);
        assertEquals(4, SCHEMA_ID_OFFSET);
        assertEquals(6, VERSION_OFFSET);
        assertEquals(8, TYPE_OFFSET);
        assertEquals(10, COMMAND_TYPE_OFFSET);
        assertEquals(12, REASON_CODE_OFFSET);
        assertEquals(16, SEQUENCE_OFFSET);
        assertEquals(24, TIME_OFFSET);
        assertEquals(32, QUANTITY_OFFSET);
        assertEquals(40, VARIANCE_OFFSET);
        assertEquals(48, DEADLINE_OFFSET);
        assertEquals(56, AVAILABLE_OFFSET);
        assertEquals(64, PAYLOAD_HASH_OFFSET);
        assertEquals(72, SKU_OFFSET);
        assertEquals(76, LOCATION_OFFSET);
        assertEquals(80, TO_LOCATION_OFFSET);
        assertEquals(84, CHANNEL_OFFSET);
        assertEquals(88, LINE_INDEX_OFFSET);
        assertEquals(92, CAPABILITIES_OFFSET);
        assertEquals(96, PRIORITY_OFFSET);
        assertEquals(100, LATITUDE_OFFSET);
        assertEquals(104, LONGITUDE_OFFSET);
        assertEquals(108, KIND_OFFSET);
        assertEquals(109, REASON_OFFSET);
        assertEquals(110, RESERVATION_STATE_OFFSET);
        assertEquals(111, KEY_LENGTH_OFFSET);
        assertEquals(112, REFERENCE_LENGTH_OFFSET);
        assertEquals(113, LINE_COUNT_OFFSET);
        assertEquals(116, EventCodec.POSITION_HINT_OFFSET);
        assertEquals(120, HEADER_LENGTH);
        assertEquals(0, LINE_SKU_OFFSET);
        assertEquals(4, LINE_LOCATION_OFFSET);
        assertEquals(8, LINE_QUANTITY_OFFSET);
        assertEquals(16, LINE_UNIT_PRICE_OFFSET);
        assertEquals(24, LINE_LENGTH);
    }

    @Test
    void shouldPinEncodedLengthByKeyReferenceAndLineCount()
    {
        assertEquals(120, encodedLength("", "", 0));
        assertEquals(128, encodedLength("k", "", 0));
        assertEquals(128, encodedLength("", "r", 0));
        assertEquals(128, encodedLength("key4", "ref4", 0));
        assertEquals(136, encodedLength("key-5", "ref-5", 0));
        assertEquals(144, encodedLength("", "", 1));
        assertEquals(152, encodedLength("k", "r", 1));
        assertEquals(200, encodedLength("k1", "r1", 3));
        assertEquals(248, encodedLength(LONGEST, LONGEST, 0));
        assertEquals(248 + 24 * 1024, encodedLength(LONGEST, LONGEST, 1024));
    }

    @Test
    void shouldStartEveryRecordWithEmptyUnionFields()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final EventCodec codec = new EventCodec();
        codec.wrap(buffer);

        codec.begin(EventType.TIME_ADVANCED.code(), 0, 1, START_MS, null, null).end();

        final EventView view = new EventView(names()).wrap(buffer, 0);
        assertEquals(HEADER_LENGTH, view.encodedLength());
        assertEquals(SCHEMA_ID, view.schemaId());
        assertEquals(VERSION, view.version());
        assertEquals(EventType.TIME_ADVANCED, view.type());
        assertNull(view.commandType());
        assertEquals("", view.commandKey().toString());
        assertEquals("", view.reference().toString());
        assertEquals(OK, view.reasonCode());
        assertEquals(0, view.quantity());
        assertEquals(0, view.variance());
        assertEquals(-1, view.deadlineMs());
        assertEquals(-1, view.available());
        assertEquals(0, view.payloadHash());
        assertEquals(-1, view.skuIndex());
        assertNull(view.sku());
        assertNull(view.location());
        assertNull(view.toLocation());
        assertNull(view.channel());
        assertEquals(-1, view.lineIndex());
        assertEquals(0, view.kindCode());
        assertNull(view.reservationState());
        assertEquals(0, view.lineCount());
    }

    @Test
    void shouldRoundTripEveryFieldForEveryEventType()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final EventCodec codec = new EventCodec();
        final EventView view = new EventView(names());
        final AsciiKey key = new AsciiKey().set("order-42/reserve");
        final AsciiKey reference = new AsciiKey().set("order-42");

        for (final EventType type : EventType.values())
        {
            codec.wrap(buffer);
            codec.begin(type.code(), CommandType.RESERVE.code(), 77, START_MS + 5, key, reference)
                .reasonCode(301)
                .quantity(-12)
                .variance(34)
                .deadlineMs(START_MS + 10_000)
                .available(56)
                .payloadHash(0x1234_5678_9ABC_DEF0L)
                .sku(1)
                .location(2)
                .toLocation(0)
                .channel(1)
                .lineIndex(3)
                .locationAttributes(LocationCapability.ALL, 9, -33_000_000, 151_000_000)
                .kind(2)
                .reason(AdjustmentReason.FOUND.code())
                .reservationState(ReservationState.COMMITTED.code())
                .line(0, 2, 5)
                .line(-1, 1, Limits.QUANTITY_MAX)
                .end();

            view.wrap(buffer, 0);
            final String name = type.name();
            assertEquals(codec.limit(), view.encodedLength(), name);
            assertEquals(120 + 24 + 2 * 24, view.encodedLength(), name);
            assertEquals(SCHEMA_ID, view.schemaId(), name);
            assertEquals(VERSION, view.version(), name);
            assertEquals(type, view.type(), name);
            assertEquals(CommandType.RESERVE, view.commandType(), name);
            assertEquals(77, view.sequence(), name);
            assertEquals(START_MS + 5, view.timeMs(), name);
            assertEquals("order-42/reserve", view.commandKey().toString(), name);
            assertEquals("order-42", view.reference().toString(), name);
            assertEquals(301, view.reasonCode(), name);
            assertEquals(-12, view.quantity(), name);
            assertEquals(34, view.variance(), name);
            assertEquals(START_MS + 10_000, view.deadlineMs(), name);
            assertEquals(56, view.available(), name);
            assertEquals(0x1234_5678_9ABC_DEF0L, view.payloadHash(), name);
            assertEquals("sku-b", view.sku(), name);
            assertEquals("loc-c", view.location(), name);
            assertEquals("loc-a", view.toLocation(), name);
            assertEquals("channel-b", view.channel(), name);
            assertEquals(3, view.lineIndex(), name);
            assertEquals(LocationCapability.ALL, view.capabilities(), name);
            assertEquals(9, view.priority(), name);
            assertEquals(-33_000_000, view.latitudeMicros(), name);
            assertEquals(151_000_000, view.longitudeMicros(), name);
            assertEquals(2, view.kindCode(), name);
            assertEquals(ReservationState.COMMITTED, view.reservationState(), name);
            assertEquals(type == EventType.RESERVED ? FulfilmentType.PICKUP : null, view.fulfilment(), name);
            assertEquals(type == EventType.RETURNED ? Disposition.DAMAGED : null, view.disposition(), name);
            assertEquals(type == EventType.ADJUSTED ? StockBucket.DAMAGED : null, view.bucket(), name);
            assertEquals(type == EventType.ADJUSTED ? AdjustmentReason.FOUND : null, view.adjustmentReason(), name);
            assertEquals(2, view.lineCount(), name);
            assertEquals("sku-a", view.lineSku(0), name);
            assertEquals("loc-c", view.lineLocation(0), name);
            assertEquals(5, view.lineQuantity(0), name);
            assertNull(view.lineSku(1), name);
            assertEquals("loc-b", view.lineLocation(1), name);
            assertEquals(Limits.QUANTITY_MAX, view.lineQuantity(1), name);
            assertTrue(view.toString().contains(type.name()), name);
        }
    }

    @Test
    void shouldRoundTripLongestKeyAndReferenceWithLines()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final EventCodec codec = new EventCodec();
        codec.wrap(buffer);

        codec.begin(EventType.RESERVED.code(), CommandType.RESERVE.code(), 1, START_MS,
            new AsciiKey().set(LONGEST), new AsciiKey().set("r".repeat(Limits.ID_LENGTH_MAX))).line(1, 1, 7).end();

        final EventView view = new EventView(names()).wrap(buffer, 0);
        assertEquals(120 + 128 + 24, view.encodedLength());
        assertEquals(LONGEST, view.commandKey().toString());
        assertEquals("r".repeat(Limits.ID_LENGTH_MAX), view.reference().toString());
        assertEquals(7, view.lineQuantity(0));
        assertEquals("sku-b", view.lineSku(0));
    }

    @Test
    void shouldWriteRecordsBackToBackAndStartAgainOnWrap()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        final EventCodec codec = new EventCodec();
        codec.wrap(buffer);

        codec.begin(EventType.EXPIRED.code(), 0, 1, START_MS, null, new AsciiKey().set("r1")).line(0, 0, 3).end();
        codec.begin(EventType.RECEIVED.code(), CommandType.RECEIVE.code(), 2, START_MS, new AsciiKey().set("k"), null)
            .quantity(9).end();

        assertEquals(2, codec.count());
        assertEquals(152 + 128, codec.limit());
        final EventView view = new EventView(names());
        assertEquals(EventType.EXPIRED, view.wrap(buffer, 0).type());
        assertEquals(3, view.lineQuantity(0));
        assertEquals(EventType.RECEIVED, view.wrap(buffer, 152).type());
        assertEquals(9, view.quantity());
        assertEquals("k", view.commandKey().toString());

        codec.wrap(buffer);

        assertEquals(0, codec.count());
        assertEquals(0, codec.limit());
    }

    @Test
    void shouldRoundTripLineCountOfChannelWithMoreThan32767Locations()
    {
        final int lines = 32_768;
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final EventCodec codec = new EventCodec();
        codec.wrap(buffer);
        codec.begin(EventType.CHANNEL_DEFINED.code(), CommandType.DEFINE_CHANNEL.code(), 1, START_MS, null, null);
        for (int i = 0; i < lines; i++)
        {
            codec.line(-1, i, 0);
        }
        codec.end();

        final EventView view = new EventView(names()).wrap(buffer, 0);

        assertEquals(HEADER_LENGTH + lines * LINE_LENGTH, view.encodedLength());
        assertEquals(lines, view.lineCount());
    }

    @Test
    void shouldEncodeEveryEventTypeTheMachineDecidesWithPinnedLengthSchemaAndVersion()
    {
        final MachineHarness h = MachineHarness.empty(MachineHarness.testConfig().positionLowStockUnits(2));
        expectOk(h.send(new DefineSku("def-sku", SKU_1)));
        expectOk(h.send(new DefineLocation("def-dc", DC, LocationType.WAREHOUSE, LocationCapability.ALL, 1, 0, 0)));
        expectOk(h.send(new DefineLocation("def-store", STORE, LocationType.STORE, LocationCapability.ALL, 2, 0, 0)));
        expectOk(h.send(new DefineChannel("def-web", WEB, List.of(DC, STORE))));
        expectOk(h.send(new DefineChannel("def-pos", POS, List.of(STORE))));
        expectOk(h.send(new SetChannelRule("rul-1", WEB, null, STORE, 1, 0, 100)));
        expectOk(h.send(new SetPrice("prc-1", SKU_1, null, 1999)));
        expectOk(h.send(new DefinePromotion("pro-1", "promo-1", SKU_1, null, START_MS, START_MS + 60_000, 10, 0)));
        expectOk(h.send(new Receive("rcv-1", SKU_1, DC, 10)));
        expectOk(h.send(new ExpectReceipt("exp-1", SKU_1, DC, 5)));
        expectOk(h.send(new Adjust("adj-1", SKU_1, DC, 1, StockBucket.SELLABLE, AdjustmentReason.FOUND)));
        expectOk(h.send(new CycleCount("cnt-1", SKU_1, DC, 12)));
        expectOk(h.send(new SetSafetyStock("safe-1", SKU_1, DC, 1)));
        expectOk(h.send(new Receive("rcv-2", SKU_1, STORE, 5)));
        expectOk(h.send(new Reserve("res-1", "r1", WEB, FulfilmentType.SHIP, 10_000,
            List.of(ReserveLine.at(SKU_1, DC, 2), ReserveLine.at(SKU_1, STORE, 1)))));
        expectOk(h.send(new ExtendHold("ext-1", "r1", 20_000)));
        expectOk(h.send(new Confirm("cnf-1", "r1")));
        expectOk(h.send(Fulfil.lines("ful-1", "r1", 1, 0)));
        expectOk(h.send(new Release("rel-1", "r1")));
        expectOk(h.send(Reserve.of("res-2", "r2", WEB, FulfilmentType.SHIP, 1_000, ReserveLine.at(SKU_1, DC, 1))));
        expectOk(h.send(Reserve.of("res-3", "r3", POS, FulfilmentType.IN_STORE, 10_000, ReserveLine.at(SKU_1, STORE, 4))));
        expectOk(h.send(new PosSale("sale-1", POS, SKU_1, STORE, 3)));
        expectOk(h.send(new TransferOut("tro-1", "t1", SKU_1, DC, STORE, 2)));
        expectOk(h.send(new TransferIn("tri-1", "t1", 2)));
        expectOk(h.send(new Return("ret-1", WEB, SKU_1, DC, 1, Disposition.RESTOCK)));
        expectOk(h.send(new AdvanceTime("adv-1", START_MS + 5_000)));
        assertEquals(RESERVATION_EXPIRED, h.send(new Confirm("cnf-2", "r2")).code());
        expectOk(h.send(Reserve.of(LONGEST, LONGEST, WEB, FulfilmentType.SHIP, 10_000, ReserveLine.at(SKU_1, DC, 1))));

        final Map<EventType, Integer> pinned = new EnumMap<>(EventType.class);
        pinned.put(EventType.SKU_DEFINED, 136);
        pinned.put(EventType.LOCATION_DEFINED, 128);
        pinned.put(EventType.CHANNEL_DEFINED, 184);
        pinned.put(EventType.PRICE_SET, 128);
        pinned.put(EventType.PROMOTION_DEFINED, 136);
        pinned.put(EventType.CHANNEL_RULE_SET, 128);
        pinned.put(EventType.RECEIVED, 128);
        pinned.put(EventType.RECEIPT_EXPECTED, 128);
        pinned.put(EventType.ADJUSTED, 128);
        pinned.put(EventType.COUNTED, 128);
        pinned.put(EventType.SAFETY_STOCK_SET, 128);
        pinned.put(EventType.RESERVED, 176);
        pinned.put(EventType.HOLD_EXTENDED, 128);
        pinned.put(EventType.CONFIRMED, 128);
        pinned.put(EventType.FULFILLED, 176);
        pinned.put(EventType.RELEASED, 176);
        pinned.put(EventType.SOLD, 128);
        pinned.put(EventType.OVERSOLD, 128);
        pinned.put(EventType.TRANSFER_SHIPPED, 128);
        pinned.put(EventType.TRANSFER_RECEIVED, 128);
        pinned.put(EventType.RETURNED, 128);
        pinned.put(EventType.EXPIRED, 152);
        pinned.put(EventType.TIME_ADVANCED, 128);
        pinned.put(EventType.REJECTED, 128);
        pinned.put(EventType.THRESHOLD_CROSSED, 128);
        assertEquals(EnumSet.allOf(EventType.class), pinned.keySet(), "every event type has a pinned length");

        final Map<EventType, Decoded> first = new EnumMap<>(EventType.class);
        for (final Decoded event : h.events())
        {
            first.putIfAbsent(event.type(), event);
            final int keys = event.commandKey().length() + event.reference().length();
            assertEquals(HEADER_LENGTH + BitUtil.align(keys, 8) + LINE_LENGTH * event.lines().size(),
                event.encodedLength(), event::toString);
            assertEquals(SCHEMA_ID, event.schemaId(), event::toString);
            assertEquals(VERSION, event.version(), event::toString);
        }
        assertEquals(EnumSet.allOf(EventType.class), first.keySet(), "the scenario decides every event type");
        for (final Map.Entry<EventType, Integer> entry : pinned.entrySet())
        {
            assertEquals(entry.getValue(), first.get(entry.getKey()).encodedLength(), entry.getKey().name());
        }
        final Decoded longest = h.events().get(h.events().size() - 1);
        assertEquals(EventType.RESERVED, longest.type());
        assertEquals(120 + 128 + 24, longest.encodedLength());
        assertEquals("", first.get(EventType.EXPIRED).commandKey());
        assertEquals("r2", first.get(EventType.EXPIRED).reference());
        assertEquals("sale-1", first.get(EventType.OVERSOLD).commandKey());
        assertEquals("", first.get(EventType.OVERSOLD).reference());
    }

    private static void expectOk(final Outcome outcome)
    {
        assertEquals(OK, outcome.code(), outcome::toString);
    }

    private static int encodedLength(final String key, final String reference, final int lines)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final EventCodec codec = new EventCodec();
        codec.wrap(buffer);
        codec.begin(EventType.RESERVED.code(), CommandType.RESERVE.code(), 1, START_MS,
            key.isEmpty() ? null : new AsciiKey().set(key), reference.isEmpty() ? null : new AsciiKey().set(reference));
        for (int i = 0; i < lines; i++)
        {
            codec.line(0, 0, i);
        }
        codec.end();
        final EventView view = new EventView(names()).wrap(buffer, 0);
        assertEquals(codec.limit(), view.encodedLength());
        assertEquals(lines, view.lineCount());
        assertEquals(key, view.commandKey().toString());
        assertEquals(reference, view.reference().toString());
        return view.encodedLength();
    }

    /** Names for indexes 0..2: sku-a.., loc-a.., channel-a... */
    private static Names names()
    {
        final Names names = new Names(3, 3, 3);
        for (int i = 0; i < 3; i++)
        {
            final char suffix = (char)('a' + i);
            names.skus[i] = "sku-" + suffix;
            names.locations[i] = "loc-" + suffix;
            names.channels[i] = "channel-" + suffix;
        }
        return names;
    }
}
