package io.omnistock.journal.cli;

import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * The first parameter of every subcommand that reads a journal, {@code <dataDir>}, with the {@link CommandContext}
 * it runs in. Mixed into a subcommand with {@code @Mixin}.
 */
final class JournalSource extends CommandContext
{
    @Parameters(index = "0", paramLabel = "<dataDir>", description = "The data directory (holding events/).")
    private Path dataDir;

    /**
     * @return a replay of the data directory's journal into a fresh state machine of the tool's capacities, not
     * yet run (with the settings recorded in the directory, when there are).
     * @throws io.omnistock.journal.JournalException when there is no journal there.
     */
    JournalReplay replay()
    {
        return new JournalReplay(dataDir, tool().configFor(dataDir));
    }
}
