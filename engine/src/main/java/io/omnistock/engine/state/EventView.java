package io.omnistock.engine.state;

import io.omnistock.api.AdjustmentReason;
import io.omnistock.api.CommandType;
import io.omnistock.api.Disposition;
import io.omnistock.api.Event;
import io.omnistock.api.EventType;
import io.omnistock.api.FulfilmentType;
import io.omnistock.api.ReservationState;
import io.omnistock.api.StockBucket;
import io.omnistock.api.StockThreshold;
import org.agrona.DirectBuffer;

import static io.omnistock.engine.state.EventCodec.*;

/**
 * A reusable flyweight that reads one encoded event record (see {@link EventCodec}) as an {@link Event}. Wrap,
 * read, move on: nothing is allocated, ids resolve through the engine's {@link Names}. One view per thread.
 */
public final class EventView implements Event
{
    private final Names names;
    private final AsciiKey commandKey = new AsciiKey();
    private final AsciiKey reference = new AsciiKey();
    private final byte[] scratch = new byte[2 * io.omnistock.api.Limits.ID_LENGTH_MAX];
    private DirectBuffer buffer;
    private int offset;

    /**
     * @param names the engine's names, to resolve indexes to ids.
     */
    public EventView(final Names names)
    {
        this.names = names;
    }

    /**
     * Points the view at a record.
     *
     * @param source the buffer.
     * @param recordOffset where the record starts.
     * @return this.
     */
    public EventView wrap(final DirectBuffer source, final int recordOffset)
    {
        buffer = source;
        offset = recordOffset;
        final int keyLength = source.getByte(recordOffset + KEY_LENGTH_OFFSET);
        final int referenceLength = source.getByte(recordOffset + REFERENCE_LENGTH_OFFSET);
        source.getBytes(recordOffset + HEADER_LENGTH, scratch, 0, keyLength + referenceLength);
        commandKey.set(scratch, 0, keyLength);
        reference.set(scratch, keyLength, referenceLength);
        return this;
    }

    /** @return the encoded length of the record, including its lines. */
    public int encodedLength()
    {
        return buffer.getInt(offset + LENGTH_OFFSET);
    }

    /** @return the schema id of the record. */
    public short schemaId()
    {
        return buffer.getShort(offset + SCHEMA_ID_OFFSET);
    }

    /** @return the layout version of the record. */
    public short version()
    {
        return buffer.getShort(offset + VERSION_OFFSET);
    }

    /** @return the payload hash of the causing command (outcome events only), else 0. */
    public long payloadHash()
    {
        return buffer.getLong(offset + PAYLOAD_HASH_OFFSET);
    }

    /** @return the SKU index, or -1. */
    public int skuIndex()
    {
        return buffer.getInt(offset + SKU_OFFSET);
    }

    /** @return the location index, or -1. */
    public int locationIndex()
    {
        return buffer.getInt(offset + LOCATION_OFFSET);
    }

    /** @return the channel index, or -1. */
    public int channelIndex()
    {
        return buffer.getInt(offset + CHANNEL_OFFSET);
    }

    /** @return the location capabilities of a LOCATION_DEFINED event. */
    public int capabilities()
    {
        return buffer.getInt(offset + CAPABILITIES_OFFSET);
    }

    /** @return the priority of a LOCATION_DEFINED event. */
    public int priority()
    {
        return buffer.getInt(offset + PRIORITY_OFFSET);
    }

    @Override
    public int latitudeMicros()
    {
        return buffer.getInt(offset + LATITUDE_OFFSET);
    }

    @Override
    public int longitudeMicros()
    {
        return buffer.getInt(offset + LONGITUDE_OFFSET);
    }

    @Override
    public int bufferPercent()
    {
        return type() == EventType.CHANNEL_RULE_SET ? buffer.getInt(offset + PRIORITY_OFFSET) : 0;
    }

    @Override
    public int sharePercent()
    {
        return type() == EventType.CHANNEL_RULE_SET ? buffer.getInt(offset + CAPABILITIES_OFFSET) : 0;
    }

    /** @return the raw kind code (fulfilment, disposition, bucket or location type). */
    public int kindCode()
    {
        return buffer.getByte(offset + KIND_OFFSET);
    }

    /** @param index a line. @return its SKU index. */
    public int lineSkuIndex(final int index)
    {
        return buffer.getInt(lineOffset(index) + LINE_SKU_OFFSET);
    }

    /** @param index a line. @return its location index. */
    public int lineLocationIndex(final int index)
    {
        return buffer.getInt(lineOffset(index) + LINE_LOCATION_OFFSET);
    }

    @Override
    public long sequence()
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET);
    }

    @Override
    public long timeMs()
    {
        return buffer.getLong(offset + TIME_OFFSET);
    }

    @Override
    public EventType type()
    {
        return EventType.fromCode(buffer.getShort(offset + TYPE_OFFSET));
    }

    @Override
    public CharSequence commandKey()
    {
        return commandKey;
    }

    @Override
    public CommandType commandType()
    {
        return CommandType.fromCode(buffer.getShort(offset + COMMAND_TYPE_OFFSET));
    }

    @Override
    public int reasonCode()
    {
        return buffer.getInt(offset + REASON_CODE_OFFSET);
    }

    @Override
    public CharSequence reference()
    {
        return reference;
    }

    @Override
    public String sku()
    {
        return names.sku(skuIndex());
    }

    @Override
    public String location()
    {
        return names.location(locationIndex());
    }

    @Override
    public String toLocation()
    {
        return names.location(buffer.getInt(offset + TO_LOCATION_OFFSET));
    }

    @Override
    public String channel()
    {
        return names.channel(channelIndex());
    }

    @Override
    public long quantity()
    {
        return buffer.getLong(offset + QUANTITY_OFFSET);
    }

    @Override
    public long variance()
    {
        return buffer.getLong(offset + VARIANCE_OFFSET);
    }

    @Override
    public long deadlineMs()
    {
        return buffer.getLong(offset + DEADLINE_OFFSET);
    }

    @Override
    public FulfilmentType fulfilment()
    {
        return type() == EventType.RESERVED ? FulfilmentType.fromCode(kindCode()) : null;
    }

    @Override
    public StockThreshold threshold()
    {
        return type() == EventType.THRESHOLD_CROSSED ? StockThreshold.fromCode(kindCode()) : null;
    }

    @Override
    public Disposition disposition()
    {
        return type() == EventType.RETURNED ? Disposition.fromCode(kindCode()) : null;
    }

    @Override
    public StockBucket bucket()
    {
        return type() == EventType.ADJUSTED ? StockBucket.fromCode(kindCode()) : null;
    }

    @Override
    public AdjustmentReason adjustmentReason()
    {
        return type() == EventType.ADJUSTED ? AdjustmentReason.fromCode(buffer.getByte(offset + REASON_OFFSET)) : null;
    }

    @Override
    public ReservationState reservationState()
    {
        return ReservationState.fromCode(buffer.getByte(offset + RESERVATION_STATE_OFFSET));
    }

    @Override
    public int lineIndex()
    {
        return buffer.getInt(offset + LINE_INDEX_OFFSET);
    }

    @Override
    public long available()
    {
        return buffer.getLong(offset + AVAILABLE_OFFSET);
    }

    @Override
    public int lineCount()
    {
        return buffer.getShort(offset + LINE_COUNT_OFFSET) & 0xFFFF;
    }

    @Override
    public String lineSku(final int index)
    {
        return names.sku(lineSkuIndex(index));
    }

    @Override
    public String lineLocation(final int index)
    {
        return names.location(lineLocationIndex(index));
    }

    @Override
    public long lineQuantity(final int index)
    {
        return buffer.getLong(lineOffset(index) + LINE_QUANTITY_OFFSET);
    }

    @Override
    public int percentOff()
    {
        return type() == EventType.PROMOTION_DEFINED ? buffer.getInt(offset + PRIORITY_OFFSET) : 0;
    }

    @Override
    public long lineUnitPrice(final int index)
    {
        return buffer.getLong(lineOffset(index) + LINE_UNIT_PRICE_OFFSET);
    }

    @Override
    public long unitPrice()
    {
        return type() == EventType.SOLD ? variance() : -1;
    }

    private int lineOffset(final int index)
    {
        final int keys = buffer.getByte(offset + KEY_LENGTH_OFFSET) + buffer.getByte(offset + REFERENCE_LENGTH_OFFSET);
        return offset + HEADER_LENGTH + org.agrona.BitUtil.align(keys, 8) + index * LINE_LENGTH;
    }

    /** @return a readable one-line rendering, for logs, demos and the audit tool (allocates). */
    @Override
    public String toString()
    {
        final EventType type = type();
        final StringBuilder text = new StringBuilder(96);
        text.append('#').append(sequence()).append(" t=").append(timeMs()).append(' ').append(type);
        if (type == EventType.REJECTED)
        {
            text.append(' ').append(commandType()).append(' ').append(io.omnistock.api.ReasonCode.name(reasonCode()));
            if (lineIndex() >= 0)
            {
                text.append(" line=").append(lineIndex()).append(" available=").append(available());
            }
        }
        appendIf(text, "ref", reference.length() > 0 ? reference : null);
        appendIf(text, "channel", channel());
        appendIf(text, "sku", sku());
        appendIf(text, "location", location());
        appendIf(text, "to", toLocation());
        if (quantity() != 0)
        {
            text.append(" qty=").append(quantity());
        }
        if (type == EventType.SOLD)
        {
            text.append(unitPrice() >= 0 ? " price=" + unitPrice() : "");
        }
        else if (variance() != 0)
        {
            text.append(" variance=").append(variance());
        }
        appendIf(text, "threshold", threshold());
        if (type == EventType.PROMOTION_DEFINED)
        {
            text.append(" off=").append(percentOff()).append('%');
        }
        if (type == EventType.CHANNEL_RULE_SET)
        {
            text.append(" buffer=").append(bufferPercent()).append("% share=").append(sharePercent()).append('%');
        }
        if (type == EventType.RESERVED && capabilities() == 1)
        {
            text.append(" to=").append(latitudeMicros()).append(',').append(longitudeMicros());
        }
        if (deadlineMs() >= 0)
        {
            text.append(" deadline=").append(deadlineMs());
        }
        appendIf(text, "fulfilment", fulfilment());
        appendIf(text, "disposition", disposition());
        appendIf(text, "bucket", bucket());
        appendIf(text, "reason", adjustmentReason());
        for (int i = 0; i < lineCount(); i++)
        {
            text.append(i == 0 ? " lines=[" : ", ");
            if (lineSku(i) != null)
            {
                text.append(lineSku(i)).append('@');
            }
            text.append(lineLocation(i));
            if (lineQuantity(i) != 0)
            {
                text.append('x').append(lineQuantity(i));
            }
            if (lineUnitPrice(i) >= 0)
            {
                text.append(" at ").append(lineUnitPrice(i));
            }
            if (i == lineCount() - 1)
            {
                text.append(']');
            }
        }
        return text.toString();
    }

    private static void appendIf(final StringBuilder text, final String name, final Object value)
    {
        if (value != null)
        {
            text.append(' ').append(name).append('=').append(value);
        }
    }
}
