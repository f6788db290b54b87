using Cluster.Shell.Commands;
using Cluster.Shell.Interactive;
using Spectre.Console;

namespace Cluster.Shell;

/// <summary>Everything the shell touches outside itself, so tests run it without a console, a clock or real env vars.</summary>
public sealed record ShellEnvironment(IAnsiConsole Console, TextWriter Error, Func<string, string?> GetEnvironmentVariable, ILineReader LineReader)
{
    public const string TokenVariable = "CLUSTER_ADMIN_TOKEN";

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How often events tail --follow polls.</summary>
    public TimeSpan FollowInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Stdout is a terminal, so cluster watch redraws in place (Program sets it; tests leave it off).</summary>
    public bool LiveRedraw { get; init; }

    /// <summary>How long one request may take before the controller counts as unreachable.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public CommandCatalog Catalog { get; init; } = CommandCatalog.Default;
}
