package io.omnistock.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs an example's {@code main} with {@link System#out} captured, for tests that check what examples print. */
final class CapturedOutput
{
    /** An example's entry point. */
    @FunctionalInterface
    interface Main
    {
        void run(String[] args) throws Exception;
    }

    private CapturedOutput()
    {
    }

    /**
     * @param main the example's main method.
     * @return everything it printed.
     * @throws Exception whatever the example throws.
     */
    static String of(final Main main) throws Exception
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            main.run(new String[0]);
        }
        finally
        {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
