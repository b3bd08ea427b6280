package io.omnistock.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Damages journal files on purpose, for tests of corruption detection. */
public final class JournalDamage
{
    private JournalDamage()
    {
    }

    /** Flips one byte of the first occurrence of an ASCII string in the journal's data files. */
    public static void flipFirst(final Path events, final String text) throws IOException
    {
        final byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.list(events))
        {
            for (final Path file : (Iterable<Path>)files.filter(f -> f.toString().endsWith(".cq4"))::iterator)
            {
                final byte[] data = Files.readAllBytes(file);
                for (int i = 0; i + needle.length <= data.length; i++)
                {
                    boolean match = true;
                    for (int j = 0; j < needle.length && match; j++)
                    {
                        match = data[i + j] == needle[j];
                    }
                    if (match)
                    {
                        data[i] ^= 0x20;
                        Files.write(file, data);
                        return;
                    }
                }
            }
        }
        throw new AssertionError(text + " not found in " + events);
    }
}
