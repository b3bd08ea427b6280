package io.omnistock.journal;

/**
 * A journal or snapshot that cannot be used as it is: corrupted, from an unknown newer format version, or
 * inconsistent with itself. The message says which file, where, and what was found.
 */
public class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, and where. */
    public JournalException(final String message)
    {
        super(message);
    }

    /** @param message what is wrong, and where. @param cause the underlying failure. */
    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
