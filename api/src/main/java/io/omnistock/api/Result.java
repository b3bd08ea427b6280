package io.omnistock.api;

import java.util.List;

/**
 * The outcome of one command as an immutable value: what futures complete with.
 *
 * @param code          {@link ReasonCode#OK} or the reason for the rejection.
 * @param duplicate     true when this is the remembered outcome of an earlier command with the same key.
 * @param sequence      the global sequence number of the event that recorded the outcome, or -1.
 * @param timeMs        engine time of the outcome.
 * @param lineIndex     the failing line, or -1.
 * @param available     what was available at the failing line, or -1.
 * @param lineLocations for a successful reservation, the location of each line; otherwise empty.
 */
public record Result(
    int code, boolean duplicate, long sequence, long timeMs, int lineIndex, long available, List<String> lineLocations)
{
    /**
     * A rejection decided before the command reached the writer (validation at the boundary, back-pressure,
     * shut down).
     *
     * @param code the reason.
     * @return the result.
     */
    public static Result rejected(final int code)
    {
        return new Result(code, false, -1, -1, -1, -1, List.of());
    }

    /**
     * Copies a reply flyweight.
     *
     * @param reply the reply.
     * @return an immutable result.
     */
    public static Result of(final Reply reply)
    {
        final int lineCount = reply.lineCount();
        final String[] locations = new String[lineCount];
        for (int i = 0; i < lineCount; i++)
        {
            locations[i] = reply.lineLocation(i);
        }
        return new Result(reply.code(), reply.duplicate(), reply.sequence(), reply.timeMs(), reply.lineIndex(),
            reply.available(), List.of(locations));
    }

    /** @return true when the command was applied (or was a duplicate of one that was). */
    public boolean isOk()
    {
        return code == ReasonCode.OK;
    }

    /** @return the reason code's name. */
    public String reason()
    {
        return ReasonCode.name(code);
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder(ReasonCode.name(code));
        if (duplicate)
        {
            text.append(" (duplicate)");
        }
        if (lineIndex >= 0)
        {
            text.append(" line ").append(lineIndex).append(" available ").append(available);
        }
        if (!lineLocations.isEmpty())
        {
            text.append(" at ").append(lineLocations);
        }
        return text.append(" #").append(sequence).toString();
    }
}
