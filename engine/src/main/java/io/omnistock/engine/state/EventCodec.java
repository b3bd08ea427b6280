package io.omnistock.engine.state;

import org.agrona.BitUtil;
import org.agrona.MutableDirectBuffer;

import static org.agrona.BitUtil.SIZE_OF_BYTE;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * The binary layout of one event record, little-endian, and its encoder. Every record starts with its length,
 * a schema id and a version; a fixed header of union fields follows (which ones mean something depends on the
 * event type, see {@link io.omnistock.api.EventType}); then the command key and the reference (reservation or
 * transfer key, or the id being defined), padded to 8 bytes; then {@code lineCount} lines of
 * {@link #LINE_LENGTH} bytes each (SKU index, location index, quantity, unit price: -1 unless priced).
 *
 * <p>Ids travel as dense indexes: the engine assigns them in definition order, and the definition events carry
 * the external id in the reference, so a reader that applies the stream from the start rebuilds the same names.
 * Tests pin each encoded length ({@code EventCodecTest}). Changing the layout means a new {@link #VERSION}.
 */
public final class EventCodec
{
    /** Schema id: "OS". */
    public static final short SCHEMA_ID = 0x4F53;
    /**
     * Layout version. Version 3 added the position hint in four of the header's five padding bytes (version 2
     * left them unspecified). Version 4 has version 3's layout with the payload hash computed the faster way
     * ({@link CommandSlot#payloadHash()}); older records carry {@link CommandSlot#legacyPayloadHash()}.
     */
    public static final short VERSION = 4;
    /** The first version whose records carry {@link #POSITION_HINT_OFFSET}. */
    public static final short POSITION_HINT_VERSION = 3;
    /** The first version whose payload hash is {@link CommandSlot#payloadHash()}, not the legacy one. */
    public static final short PAYLOAD_HASH_VERSION = 4;
    /**
     * The oldest format version this build reads. Version 1 (development builds before channel rules, routing and
     * pricing) had 16-byte lines without a unit price.
     */
    public static final short VERSION_MIN = 2;

    public static final int LENGTH_OFFSET = 0;
    public static final int SCHEMA_ID_OFFSET = LENGTH_OFFSET + SIZE_OF_INT;
    public static final int VERSION_OFFSET = SCHEMA_ID_OFFSET + SIZE_OF_SHORT;
    public static final int TYPE_OFFSET = VERSION_OFFSET + SIZE_OF_SHORT;
    public static final int COMMAND_TYPE_OFFSET = TYPE_OFFSET + SIZE_OF_SHORT;
    public static final int REASON_CODE_OFFSET = COMMAND_TYPE_OFFSET + SIZE_OF_SHORT;
    public static final int SEQUENCE_OFFSET = REASON_CODE_OFFSET + SIZE_OF_INT;
    public static final int TIME_OFFSET = SEQUENCE_OFFSET + SIZE_OF_LONG;
    public static final int QUANTITY_OFFSET = TIME_OFFSET + SIZE_OF_LONG;
    public static final int VARIANCE_OFFSET = QUANTITY_OFFSET + SIZE_OF_LONG;
    public static final int DEADLINE_OFFSET = VARIANCE_OFFSET + SIZE_OF_LONG;
    public static final int AVAILABLE_OFFSET = DEADLINE_OFFSET + SIZE_OF_LONG;
    public static final int PAYLOAD_HASH_OFFSET = AVAILABLE_OFFSET + SIZE_OF_LONG;
    public static final int SKU_OFFSET = PAYLOAD_HASH_OFFSET + SIZE_OF_LONG;
    public static final int LOCATION_OFFSET = SKU_OFFSET + SIZE_OF_INT;
    public static final int TO_LOCATION_OFFSET = LOCATION_OFFSET + SIZE_OF_INT;
    public static final int CHANNEL_OFFSET = TO_LOCATION_OFFSET + SIZE_OF_INT;
    public static final int LINE_INDEX_OFFSET = CHANNEL_OFFSET + SIZE_OF_INT;
    public static final int CAPABILITIES_OFFSET = LINE_INDEX_OFFSET + SIZE_OF_INT;
    public static final int PRIORITY_OFFSET = CAPABILITIES_OFFSET + SIZE_OF_INT;
    public static final int LATITUDE_OFFSET = PRIORITY_OFFSET + SIZE_OF_INT;
    public static final int LONGITUDE_OFFSET = LATITUDE_OFFSET + SIZE_OF_INT;
    public static final int KIND_OFFSET = LONGITUDE_OFFSET + SIZE_OF_INT;
    public static final int REASON_OFFSET = KIND_OFFSET + SIZE_OF_BYTE;
    public static final int RESERVATION_STATE_OFFSET = REASON_OFFSET + SIZE_OF_BYTE;
    public static final int KEY_LENGTH_OFFSET = RESERVATION_STATE_OFFSET + SIZE_OF_BYTE;
    public static final int REFERENCE_LENGTH_OFFSET = KEY_LENGTH_OFFSET + SIZE_OF_BYTE;
    public static final int LINE_COUNT_OFFSET = REFERENCE_LENGTH_OFFSET + SIZE_OF_BYTE;
    public static final int HEADER_LENGTH = BitUtil.align(LINE_COUNT_OFFSET + SIZE_OF_SHORT, SIZE_OF_LONG);
    /** The header's one byte of padding, always zero. */
    private static final int HEADER_PADDING_OFFSET = LINE_COUNT_OFFSET + SIZE_OF_SHORT;
    /**
     * Since {@link #POSITION_HINT_VERSION}: the engine's number of the one position the event moved, or -1. Derived
     * state, not a fact: a reader that keeps positions the way the engine does may use it after checking that
     * position's SKU and location against the record's, and must otherwise look the position up.
     */
    public static final int POSITION_HINT_OFFSET = HEADER_PADDING_OFFSET + SIZE_OF_BYTE;

    static
    {
        if (POSITION_HINT_OFFSET + SIZE_OF_INT != HEADER_LENGTH)
        {
            throw new ExceptionInInitializerError("the position hint must end the header: update begin()");
        }
    }

    public static final int LINE_SKU_OFFSET = 0;
    public static final int LINE_LOCATION_OFFSET = LINE_SKU_OFFSET + SIZE_OF_INT;
    public static final int LINE_QUANTITY_OFFSET = LINE_LOCATION_OFFSET + SIZE_OF_INT;
    public static final int LINE_UNIT_PRICE_OFFSET = LINE_QUANTITY_OFFSET + SIZE_OF_LONG;
    public static final int LINE_LENGTH = LINE_UNIT_PRICE_OFFSET + SIZE_OF_LONG;

    private static final byte[] EMPTY_HEADER = emptyHeader();

    private MutableDirectBuffer buffer;
    private int limit;
    private int record;
    private int lineCount;
    private int count;

    /**
     * Starts writing into a buffer from offset 0.
     *
     * @param target the buffer, expandable.
     */
    public void wrap(final MutableDirectBuffer target)
    {
        buffer = target;
        limit = 0;
        count = 0;
    }

    /** @return bytes written since {@link #wrap}. */
    public int limit()
    {
        return limit;
    }

    /** @return the offset of the record begun last. */
    public int record()
    {
        return record;
    }

    /** @return records written since {@link #wrap}. */
    public int count()
    {
        return count;
    }

    /**
     * Begins a record with every union field at its empty value.
     *
     * @param type        event type code.
     * @param commandType causing command type code, or 0.
     * @param sequence    global sequence.
     * @param timeMs      engine time.
     * @param key         the causing command's key, or null.
     * @param reference   the reservation or transfer key or defined id, or null.
     * @return this, to set fields.
     */
    public EventCodec begin(
        final int type, final int commandType, final long sequence, final long timeMs, final AsciiKey key,
        final AsciiKey reference)
    {
        record = limit;
        lineCount = 0;
        final int keyLength = key == null ? 0 : key.length();
        final int referenceLength = reference == null ? 0 : reference.length();
        final int end = record + HEADER_LENGTH + BitUtil.align(keyLength + referenceLength, SIZE_OF_LONG);
        final MutableDirectBuffer b = buffer;
        // one capacity check and one copy of the empty header, then only the fields that differ from it
        b.putLong(end - SIZE_OF_LONG, 0);
        limit = end;
        b.putBytes(record, EMPTY_HEADER, 0, HEADER_LENGTH);
        b.putShort(record + TYPE_OFFSET, (short)type);
        b.putShort(record + COMMAND_TYPE_OFFSET, (short)commandType);
        b.putLong(record + SEQUENCE_OFFSET, sequence);
        b.putLong(record + TIME_OFFSET, timeMs);
        b.putByte(record + KEY_LENGTH_OFFSET, (byte)keyLength);
        b.putByte(record + REFERENCE_LENGTH_OFFSET, (byte)referenceLength);
        int offset = record + HEADER_LENGTH;
        if (keyLength > 0)
        {
            b.putBytes(offset, key.bytes(), 0, keyLength);
            offset += keyLength;
        }
        if (referenceLength > 0)
        {
            b.putBytes(offset, reference.bytes(), 0, referenceLength);
        }
        // padding after the ids is zero, so that equal events are equal bytes whatever the reused buffer held
        // before: the ids end in the last long of the record, zeroed above, or fill it
        return this;
    }

    /**
     * The header of a record whose every union field holds its empty value, and whose padding is zero: what
     * {@link #begin} copies before it sets the type, command type, sequence, time and id lengths.
     */
    private static byte[] emptyHeader()
    {
        final org.agrona.ExpandableArrayBuffer b = new org.agrona.ExpandableArrayBuffer(HEADER_LENGTH);
        b.setMemory(0, HEADER_LENGTH, (byte)0);
        b.putShort(SCHEMA_ID_OFFSET, SCHEMA_ID);
        b.putShort(VERSION_OFFSET, VERSION);
        b.putLong(DEADLINE_OFFSET, -1);
        b.putLong(AVAILABLE_OFFSET, -1);
        b.putInt(SKU_OFFSET, -1);
        b.putInt(LOCATION_OFFSET, -1);
        b.putInt(TO_LOCATION_OFFSET, -1);
        b.putInt(CHANNEL_OFFSET, -1);
        b.putInt(LINE_INDEX_OFFSET, -1);
        b.putInt(POSITION_HINT_OFFSET, -1);
        final byte[] header = new byte[HEADER_LENGTH];
        b.getBytes(0, header);
        return header;
    }

    public EventCodec reasonCode(final int value)
    {
        buffer.putInt(record + REASON_CODE_OFFSET, value);
        return this;
    }

    public EventCodec quantity(final long value)
    {
        buffer.putLong(record + QUANTITY_OFFSET, value);
        return this;
    }

    public EventCodec variance(final long value)
    {
        buffer.putLong(record + VARIANCE_OFFSET, value);
        return this;
    }

    public EventCodec deadlineMs(final long value)
    {
        buffer.putLong(record + DEADLINE_OFFSET, value);
        return this;
    }

    public EventCodec available(final long value)
    {
        buffer.putLong(record + AVAILABLE_OFFSET, value);
        return this;
    }

    public EventCodec payloadHash(final long value)
    {
        buffer.putLong(record + PAYLOAD_HASH_OFFSET, value);
        return this;
    }

    /**
     * @param value the number of the one position this event moves ({@link #POSITION_HINT_OFFSET}).
     * @return this.
     */
    public EventCodec positionHint(final int value)
    {
        buffer.putInt(record + POSITION_HINT_OFFSET, value);
        return this;
    }

    public EventCodec sku(final int value)
    {
        buffer.putInt(record + SKU_OFFSET, value);
        return this;
    }

    public EventCodec location(final int value)
    {
        buffer.putInt(record + LOCATION_OFFSET, value);
        return this;
    }

    public EventCodec toLocation(final int value)
    {
        buffer.putInt(record + TO_LOCATION_OFFSET, value);
        return this;
    }

    public EventCodec channel(final int value)
    {
        buffer.putInt(record + CHANNEL_OFFSET, value);
        return this;
    }

    public EventCodec lineIndex(final int value)
    {
        buffer.putInt(record + LINE_INDEX_OFFSET, value);
        return this;
    }

    public EventCodec locationAttributes(
        final int capabilities, final int priority, final int latitudeMicros, final int longitudeMicros)
    {
        buffer.putInt(record + CAPABILITIES_OFFSET, capabilities);
        buffer.putInt(record + PRIORITY_OFFSET, priority);
        buffer.putInt(record + LATITUDE_OFFSET, latitudeMicros);
        buffer.putInt(record + LONGITUDE_OFFSET, longitudeMicros);
        return this;
    }

    /** @param code the enum code of the event's main kind (fulfilment, disposition, bucket, location type). */
    public EventCodec kind(final int code)
    {
        buffer.putByte(record + KIND_OFFSET, (byte)code);
        return this;
    }

    /** @param code the enum code of the adjustment reason. */
    public EventCodec reason(final int code)
    {
        buffer.putByte(record + REASON_OFFSET, (byte)code);
        return this;
    }

    public EventCodec reservationState(final int code)
    {
        buffer.putByte(record + RESERVATION_STATE_OFFSET, (byte)code);
        return this;
    }

    /**
     * Appends a line.
     *
     * @param sku      SKU index, or -1.
     * @param location location index.
     * @param quantity quantity.
     * @return this.
     */
    public EventCodec line(final int sku, final int location, final long quantity)
    {
        return line(sku, location, quantity, -1);
    }

    /**
     * Appends a priced line (a reservation line).
     *
     * @param sku       SKU index.
     * @param location  location index.
     * @param quantity  quantity.
     * @param unitPrice unit price applied, or -1.
     * @return this.
     */
    public EventCodec line(final int sku, final int location, final long quantity, final long unitPrice)
    {
        buffer.putInt(limit + LINE_SKU_OFFSET, sku);
        buffer.putInt(limit + LINE_LOCATION_OFFSET, location);
        buffer.putLong(limit + LINE_QUANTITY_OFFSET, quantity);
        buffer.putLong(limit + LINE_UNIT_PRICE_OFFSET, unitPrice);
        limit += LINE_LENGTH;
        lineCount++;
        return this;
    }

    /** Finishes the record: writes its length and line count. */
    public void end()
    {
        buffer.putShort(record + LINE_COUNT_OFFSET, (short)lineCount);
        buffer.putInt(record + LENGTH_OFFSET, limit - record);
        count++;
    }
}
