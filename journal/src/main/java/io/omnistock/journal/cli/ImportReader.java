package io.omnistock.journal.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an import file row by row, streaming (a row at a time, whatever the file's size), and hands each row to
 * a {@link RowHandler} as named fields with its line number. The format follows the extension: {@code .csv}
 * (RFC 4180, parsed by Jackson's CSV parser: a header row naming the columns, {@code #} comment lines, quoted
 * values may hold commas, quotes and line breaks) or {@code .jsonl} / {@code .ndjson} (one JSON object per line,
 * parsed by Jackson). Blank lines are skipped; files are UTF-8, a leading byte order mark is ignored.
 *
 * <p>A row that cannot be read into fields (a JSON line that is not an object, a CSV row with more values than the
 * header has columns) is handed over as invalid and reading goes on. A problem with the file as a whole (an
 * unknown extension or column, a CSV quote that never closes, an I/O error) stops it with an
 * {@link ImportFileException} naming the line.
 */
final class ImportReader
{
    /** Receives the rows of a file in order. */
    interface RowHandler
    {
        /**
         * @param line   the line the row starts on, from 1.
         * @param fields the row's non-empty fields.
         */
        void onRow(long line, ObjectNode fields);

        /**
         * @param line    the line the row starts on, from 1.
         * @param problem why it could not be read.
         */
        void onInvalid(long line, String problem);
    }

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final CsvMapper CSV = CsvMapper.builder()
        .enable(CsvParser.Feature.TRIM_SPACES)
        .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
        .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private ImportReader()
    {
    }

    /**
     * @param file    a {@code .csv}, {@code .jsonl} or {@code .ndjson} file.
     * @param handler receives the rows.
     * @return rows handed over (valid or not).
     * @throws ImportFileException when the file cannot be read as a whole.
     */
    static long read(final Path file, final RowHandler handler)
    {
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            if (name.endsWith(".csv"))
            {
                return readCsv(file, reader, handler);
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson"))
            {
                return readJsonLines(reader, handler);
            }
            throw new ImportFileException(file + ": unknown file type; name it .csv or .jsonl (see docs/import-format.md)");
        }
        catch (final IOException ex)
        {
            throw new ImportFileException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static long readJsonLines(final BufferedReader reader, final RowHandler handler) throws IOException
    {
        long rows = 0;
        long lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine())
        {
            lineNumber++;
            final String text = lineNumber == 1 ? stripByteOrderMark(line) : line;
            if (text.isBlank())
            {
                continue;
            }
            rows++;
            try
            {
                final JsonNode row = JSON.readTree(text);
                if (row instanceof ObjectNode)
                {
                    handler.onRow(lineNumber, (ObjectNode)row);
                }
                else
                {
                    handler.onInvalid(lineNumber, "not a JSON object");
                }
            }
            catch (final JsonProcessingException ex)
            {
                handler.onInvalid(lineNumber, "not valid JSON: " + ex.getOriginalMessage());
            }
        }
        return rows;
    }

    private static long readCsv(final Path file, final Reader reader, final RowHandler handler) throws IOException
    {
        try (JsonParser parser = CSV.getFactory().createParser(reader))
        {
            ((CsvParser)parser).setSchema(CsvSchema.emptySchema().withComments());
            List<String> header = null;
            long rows = 0;
            final List<String> cells = new ArrayList<>();
            long line = 0;
            for (JsonToken token = next(file, parser); token != null; token = next(file, parser))
            {
                if (token == JsonToken.START_ARRAY)
                {
                    cells.clear();
                    line = 0;
                }
                else if (token == JsonToken.END_ARRAY)
                {
                    if (header == null)
                    {
                        header = header(file, line, cells);
                    }
                    else if (!cells.stream().allMatch(String::isEmpty))
                    {
                        rows++;
                        csvRow(line, header, cells, handler);
                    }
                }
                else
                {
                    // the location of a row's first value is the line the row starts on
                    line = line == 0 ? parser.currentTokenLocation().getLineNr() : line;
                    cells.add(parser.getText());
                }
            }
            if (header == null)
            {
                throw new ImportFileException(file + ": no header row (see docs/import-format.md)");
            }
            return rows;
        }
    }

    private static JsonToken next(final Path file, final JsonParser parser) throws IOException
    {
        try
        {
            return parser.nextToken();
        }
        catch (final JsonProcessingException ex)
        {
            throw new ImportFileException(file + " line " + ex.getLocation().getLineNr() + ": malformed CSV: " +
                ex.getOriginalMessage() + "; the rest of the file was not read", ex);
        }
    }

    private static List<String> header(final Path file, final long line, final List<String> cells)
    {
        final List<String> header = new ArrayList<>(cells.size());
        final Set<String> seen = new HashSet<>();
        for (final String cell : cells)
        {
            final String column = header.isEmpty() ? stripByteOrderMark(cell).trim() : cell.trim();
            if (!RowParser.FIELDS.contains(column) || "lines".equals(column))
            {
                final Set<String> known = new TreeSet<>(RowParser.FIELDS);
                known.remove("lines");
                throw new ImportFileException(file + " line " + line + ": unknown column '" + column +
                    "'; the columns are " + known);
            }
            if (!seen.add(column))
            {
                throw new ImportFileException(file + " line " + line + ": column '" + column + "' appears twice");
            }
            header.add(column);
        }
        if (!seen.contains("command") || !seen.contains("key"))
        {
            throw new ImportFileException(file + " line " + line + ": the header must name the columns command and key");
        }
        return header;
    }

    private static void csvRow(final long line, final List<String> header, final List<String> cells,
        final RowHandler handler)
    {
        for (int i = header.size(); i < cells.size(); i++)
        {
            if (!cells.get(i).isEmpty())
            {
                handler.onInvalid(line, "has " + cells.size() + " values, the header names " + header.size() + " columns");
                return;
            }
        }
        final ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < Math.min(header.size(), cells.size()); i++)
        {
            if (!cells.get(i).isEmpty())
            {
                fields.put(header.get(i), cells.get(i));
            }
        }
        handler.onRow(line, fields);
    }

    private static String stripByteOrderMark(final String text)
    {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }
}
