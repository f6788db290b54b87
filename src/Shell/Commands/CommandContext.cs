using Cluster.Shell.Http;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>What a command needs to run: the server, the printer, the clock (for --follow) and a way to be stopped.</summary>
public sealed record CommandContext(
    ShellSettings Settings,
    AdminClient Client,
    ShellOutput Output,
    TimeProvider Time,
    TimeSpan FollowInterval,
    CancellationToken Cancellation)
{
    /// <summary>Stdout is a terminal: live views redraw in place instead of printing a block per refresh.</summary>
    public bool LiveRedraw { get; init; }
}
