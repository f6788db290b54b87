using Cluster.Messages;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>The host palette: compute hosts as the VRM knows them.</summary>
public static class HostCommands
{
    public static IEnumerable<CommandSpec> All { get; } =
    [
        new("host", "list", "every host with its state, allocation and VM count", [], [], async (ctx, _) =>
            ctx.Output.Show(await ctx.Client.GetAsync("/api/hosts", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.IReadOnlyListHostView, Views.Hosts)),
        new("host", "show", "one host", [new ArgumentSpec("id", "the host id, e.g. h-1")], [], async (ctx, args) =>
            ctx.Output.Show(await ctx.Client.GetAsync(Paths.Item("hosts", args.Argument("id")), ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.HostView, Views.Host)),
    ];
}
