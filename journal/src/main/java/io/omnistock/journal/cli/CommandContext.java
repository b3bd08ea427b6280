package io.omnistock.journal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * What a subcommand takes from the command line it runs in: the {@link AuditTool} above it (for the configuration
 * state is rebuilt with) and its own output and error writers. Mixed into a subcommand with
 * {@code @Mixin}. It adds no option or parameter of its own, only a command attribute every subcommand shares: usage
 * help lists the options in the order they are declared. (The standard {@code --help} and {@code --version} options
 * stay on each subcommand's {@code @Command}: from a mixin, picocli would list them where the mixin is declared
 * instead of last.)
 */
@Command(sortOptions = false)
class CommandContext
{
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    /** @return the tool this subcommand runs under. */
    final AuditTool tool()
    {
        return (AuditTool)mixee.parent().userObject();
    }

    /** @return the subcommand's command line, e.g. for a {@link CommandLine.ParameterException}. */
    final CommandLine commandLine()
    {
        return mixee.commandLine();
    }

    /** @return where results go (standard output unless the command line was given another writer). */
    final PrintWriter out()
    {
        return commandLine().getOut();
    }

    /** @return where summaries and errors go (standard error unless the command line was given another writer). */
    final PrintWriter err()
    {
        return commandLine().getErr();
    }
}
