package io.omnistock.journal.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes rows under a header, as CSV (RFC 4180 quoting by Jackson's CSV writer: ids may hold commas and quotes)
 * or as a text table aligned for reading. Streams: one row at a time, nothing kept. Never closes the writer it
 * was given.
 */
final class TableWriter
{
    private final PrintWriter out;
    private final SequenceWriter csv;
    private final int[] widths;

    private TableWriter(final PrintWriter out, final SequenceWriter csv, final int[] widths)
    {
        this.out = out;
        this.csv = csv;
        this.widths = widths;
    }

    /**
     * @param out     where to write.
     * @param columns the header.
     * @return a CSV writer; the header is written at once (also when no row follows).
     */
    static TableWriter csv(final PrintWriter out, final List<String> columns)
    {
        final CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        final CsvMapper mapper = CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
        try
        {
            final TableWriter table = new TableWriter(out, mapper.writer(schema.build()).writeValues(out), null);
            table.row(columns.toArray());
            return table;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write CSV", ex);
        }
    }

    /**
     * @param out     where to write.
     * @param columns the header.
     * @param widths  the least width of each column; numbers are right-aligned, text left-aligned.
     * @return a text table writer; the header is written at once.
     */
    static TableWriter text(final PrintWriter out, final List<String> columns, final int[] widths)
    {
        final TableWriter table = new TableWriter(out, null, widths.clone());
        for (int i = 0; i < widths.length; i++)
        {
            table.widths[i] = Math.max(widths[i], columns.get(i).length());
        }
        table.row(columns.toArray());
        return table;
    }

    /** @param values one value per column. */
    void row(final Object... values)
    {
        if (csv != null)
        {
            try
            {
                csv.write(values);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot write CSV", ex);
            }
            return;
        }
        final StringBuilder line = new StringBuilder(160);
        for (int i = 0; i < values.length; i++)
        {
            final String text = String.valueOf(values[i]);
            final int pad = Math.max(0, widths[i] - text.length());
            if (i > 0)
            {
                line.append("  ");
            }
            if (values[i] instanceof Number)
            {
                line.append(" ".repeat(pad)).append(text);
            }
            else
            {
                line.append(text).append(" ".repeat(pad));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    /** Flushes what was written to the underlying writer (which stays open). */
    void flush()
    {
        try
        {
            if (csv != null)
            {
                csv.flush();
            }
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write CSV", ex);
        }
    }
}
