namespace Cluster.Shell.Parsing;

/// <summary>A command line the shell cannot run; the message names the argument at fault. Exit code 2.</summary>
public sealed class UsageException(string message, string? help = null) : Exception(message)
{
    /// <summary>What to print after the message: the command's usage line, or the valid choices.</summary>
    public string? Help { get; } = help;
}
