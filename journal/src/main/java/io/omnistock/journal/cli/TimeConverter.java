package io.omnistock.journal.cli;

import picocli.CommandLine;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads a point in time from the command line: epoch milliseconds ({@code 1795766400000}) or an ISO-8601
 * instant ({@code 2026-11-27T14:02:00Z}, {@code 2026-11-27T15:02:00+01:00}, fractions of a second allowed).
 */
final class TimeConverter implements CommandLine.ITypeConverter<Long>
{
    @Override
    public Long convert(final String value)
    {
        return parse(value);
    }

    /**
     * @param value epoch milliseconds or an ISO-8601 instant.
     * @return epoch milliseconds.
     * @throws CommandLine.TypeConversionException when it is neither.
     */
    static long parse(final String value)
    {
        final String text = value.trim();
        if (text.matches("-?[0-9]+"))
        {
            try
            {
                return Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new CommandLine.TypeConversionException("'" + value + "' is out of range for epoch milliseconds");
            }
        }
        try
        {
            return Instant.parse(text).toEpochMilli();
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            throw new CommandLine.TypeConversionException("'" + value +
                "' is neither epoch milliseconds nor an ISO-8601 instant such as 2026-11-27T14:02:00Z");
        }
    }
}
