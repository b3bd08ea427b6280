package io.omnistock.journal.cli;

/**
 * One row of an import file that does not describe a valid command; the message says why, without the line
 * number (the reader adds it). Thrown per row; the import goes on with the next one.
 */
final class InvalidRowException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the row. */
    InvalidRowException(final String message)
    {
        super(message, null, false, false);
    }
}
