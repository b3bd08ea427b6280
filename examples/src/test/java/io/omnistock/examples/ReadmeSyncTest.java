package io.omnistock.examples;

import io.omnistock.api.ReasonCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the README's embedding example in sync with {@link QuickStart}, and checks that the example prints what
 * the README's comments say it prints.
 */
class ReadmeSyncTest
{
    private static final Path README = Path.of("..", "README.md");
    private static final Path QUICK_START = Path.of("src", "main", "java", "io", "omnistock", "examples",
        "QuickStart.java");

    @Test
    void shouldShowQuickStartVerbatimInReadme() throws IOException
    {
        final String snippet = between(Files.readAllLines(QUICK_START), "// README:begin", "// README:end");
        final String readme = Files.readString(README);

        assertTrue(readme.contains(snippet),
            "README.md must contain the code between the README markers of QuickStart.java, verbatim:\n" + snippet);
    }

    @Test
    void shouldListEveryReasonCodeInReadme() throws Exception
    {
        final String readme = Files.readString(README);
        for (final Field field : ReasonCode.class.getFields())
        {
            if (field.getType() == int.class && Modifier.isStatic(field.getModifiers()))
            {
                final int code = field.getInt(null);
                final String row = "| " + code + " | `" + field.getName() + "` | " + ReasonCode.kind(code).toLowerCase(Locale.ROOT);
                assertTrue(readme.contains(row), "README.md reason code table lacks the row starting " + row);
            }
        }
    }

    @Test
    void shouldPrintWhatTheReadmeSays() throws Exception
    {
        final List<String> lines = CapturedOutput.of(QuickStart::main).lines().collect(Collectors.toList());
        assertEquals(List.of("OK at [STORE-7] #5", "3"), lines);
    }

    /** The lines strictly between the markers, with the common indentation removed. */
    private static String between(final List<String> lines, final String begin, final String end)
    {
        final int from = indexOf(lines, begin) + 1;
        final int to = indexOf(lines, end);
        final List<String> body = lines.subList(from, to);
        final int indent = body.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
        return body.stream()
            .map(line -> line.isBlank() ? "" : line.substring(indent))
            .collect(Collectors.joining("\n"));
    }

    private static int indexOf(final List<String> lines, final String marker)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).trim().equals(marker))
            {
                return i;
            }
        }
        throw new AssertionError("marker not found: " + marker);
    }
}
