package io.omnistock.engine;

import io.omnistock.api.Reply;
import io.omnistock.engine.state.CommandSlot;
import io.omnistock.engine.state.Names;

/** The {@link Reply} flyweight over a ring slot, reused by the reply stage: no allocation per reply. */
final class ReplyView implements Reply
{
    private final Names names;
    private CommandSlot slot;

    ReplyView(final Names names)
    {
        this.names = names;
    }

    ReplyView wrap(final CommandSlot target)
    {
        slot = target;
        return this;
    }

    @Override
    public int code()
    {
        return slot.code;
    }

    @Override
    public boolean duplicate()
    {
        return slot.duplicate;
    }

    @Override
    public long sequence()
    {
        return slot.sequence;
    }

    @Override
    public long timeMs()
    {
        return slot.replyTimeMs;
    }

    @Override
    public int lineIndex()
    {
        return slot.lineIndex;
    }

    @Override
    public long available()
    {
        return slot.available;
    }

    @Override
    public int lineCount()
    {
        return slot.replyLineCount;
    }

    @Override
    public String lineLocation(final int lineIndex)
    {
        if (lineIndex < 0 || lineIndex >= slot.replyLineCount)
        {
            throw new IndexOutOfBoundsException(lineIndex);
        }
        return names.location(slot.replyLineLocation[lineIndex]);
    }
}
