package io.omnistock.journal.cli;

/**
 * An import file that cannot be read as a whole: an unknown extension or column, a CSV quote that never closes,
 * an I/O error. Rows already applied stay applied (unless {@code --all-or-nothing} refused the file first); the
 * message names the file and line.
 */
public final class ImportFileException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, and where. */
    public ImportFileException(final String message)
    {
        super(message);
    }

    /** @param message what is wrong, and where. @param cause the underlying failure. */
    public ImportFileException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
