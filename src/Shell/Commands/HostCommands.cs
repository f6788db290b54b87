using Cluster.Messages;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>The host palette: compute hosts as the VRM knows them.</summary>
public static class HostCommands
{
    private static readonly ArgumentSpec Id = new("id", "the host id, e.g. h-1");

    public static IEnumerable<CommandSpec> All { get; } =
    [
        new("host", "list", "every host with its state, usage, reservations, VM count and datastore health", [], [], async (ctx, _) =>
            ctx.Output.Show(await ctx.Client.GetAsync("/api/hosts", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.IReadOnlyListHostView, Views.Hosts)),
        new("host", "show", "one host: hardware, usage, datastores and their health, VMs, last heartbeat", [Id], [], async (ctx, args) =>
            ctx.Output.Show(await ctx.Client.GetAsync(Paths.Item("hosts", args.Argument("id")), ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.HostView, DetailViews.Host)),
        new("host", "remove", "remove a host that has no VMs and is not heartbeating (stop its agent first)", [Id], [], (ctx, args) => DeleteRequest.RunAsync(ctx, "hosts", args.Argument("id"), "removed")),
    ];
}
