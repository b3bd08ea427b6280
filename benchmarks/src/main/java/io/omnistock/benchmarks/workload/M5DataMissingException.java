package io.omnistock.benchmarks.workload;

import java.nio.file.Path;

/**
 * The M5 data set is not where a tool looked for it. The message names the missing file, its folder, and how to
 * point the tools at another folder. The data is never part of the repository (see {@code docs/m5-workload.md}).
 */
public final class M5DataMissingException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final Path folder;

    /**
     * @param missingFile the file that was looked for.
     */
    public M5DataMissingException(final Path missingFile)
    {
        super("M5 data not found: " + missingFile.toAbsolutePath().normalize() + " does not exist. The M5 folder "
            + missingFile.toAbsolutePath().normalize().getParent() + " must hold " + M5Sales.SALES_FILE + " and "
            + M5Sales.CALENDAR_FILE + ". Pass another folder with --m5 <folder> (tools) or -D"
            + M5Workload.FOLDER_PROP_NAME + "=<folder> (tests); see docs/m5-workload.md.");
        this.folder = missingFile.toAbsolutePath().normalize().getParent();
    }

    /** @return the folder that was searched. */
    public Path folder()
    {
        return folder;
    }
}
