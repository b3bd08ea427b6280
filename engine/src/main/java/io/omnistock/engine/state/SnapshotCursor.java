package io.omnistock.engine.state;

import org.agrona.MutableDirectBuffer;

/**
 * A sequential little-endian cursor over a buffer, for writing and reading state snapshots. Writing grows an
 * expandable buffer; reading past the written length fails with the buffer's bounds check.
 */
public final class SnapshotCursor
{
    private final MutableDirectBuffer buffer;
    private int position;

    /**
     * @param buffer   the buffer; expandable when writing.
     * @param position where to start.
     */
    public SnapshotCursor(final MutableDirectBuffer buffer, final int position)
    {
        this.buffer = buffer;
        this.position = position;
    }

    /** @return the position after the last byte written or read. */
    public int position()
    {
        return position;
    }

    SnapshotCursor putInt(final int value)
    {
        buffer.putInt(position, value);
        position += Integer.BYTES;
        return this;
    }

    SnapshotCursor putLong(final long value)
    {
        buffer.putLong(position, value);
        position += Long.BYTES;
        return this;
    }

    SnapshotCursor putKey(final AsciiKey key)
    {
        buffer.putByte(position, (byte)key.length());
        buffer.putBytes(position + 1, key.bytes(), 0, key.length());
        position += 1 + key.length();
        return this;
    }

    int getInt()
    {
        final int value = buffer.getInt(position);
        position += Integer.BYTES;
        return value;
    }

    long getLong()
    {
        final long value = buffer.getLong(position);
        position += Long.BYTES;
        return value;
    }

    AsciiKey getKey(final AsciiKey target, final byte[] scratch)
    {
        final int length = buffer.getByte(position);
        buffer.getBytes(position + 1, scratch, 0, length);
        position += 1 + length;
        return target.set(scratch, 0, length);
    }
}
