package io.omnistock.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The JSON files the benchmark tools write and the BENCHMARKS.md generator reads: one mapper setting for all, so
 * that what a tool writes is what the generator reads (records in, records out; fields a reader does not know are
 * ignored, so an older reader still reads a newer file). Stateless and thread-safe.
 */
public final class JsonFiles
{
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonFiles()
    {
    }

    /**
     * @param file  where to write, as indented JSON.
     * @param value a record (or any Jackson-serializable value).
     * @throws IOException when it cannot be written.
     */
    public static void write(final Path file, final Object value) throws IOException
    {
        MAPPER.writeValue(file.toFile(), value);
    }

    /**
     * @param file a JSON file.
     * @param type what it holds.
     * @param <T>  the type.
     * @return its content.
     * @throws IOException when it cannot be read or parsed.
     */
    public static <T> T read(final Path file, final Class<T> type) throws IOException
    {
        return MAPPER.readValue(file.toFile(), type);
    }
}
