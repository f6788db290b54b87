using Cluster.Messages;
using Cluster.Shell.Output;

namespace Cluster.Shell.Commands;

/// <summary>The cluster palette: the whole cluster at a glance, and which controller is active.</summary>
public static class ClusterCommands
{
    public static IEnumerable<CommandSpec> All { get; } =
    [
        new("cluster", "show", "status summary, then every host and VM", [], [], (ctx, _) => ShowAsync(ctx, Views.ClusterShow)),
        new("cluster", "status", "status summary: capacity, allocation, hosts and VMs by state", [], [], (ctx, _) => ShowAsync(ctx, Views.Status)),
        new("cluster", "leader", "which controller holds the VRM lease, and its epoch", [], [], async (ctx, _) =>
            ctx.Output.Show(await ctx.Client.GetAsync("/api/cluster/leader", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.LeaderView, Views.Leader)),
        WatchCommand.Spec,
    ];

    private static async Task<int> ShowAsync(CommandContext ctx, Action<Spectre.Console.IAnsiConsole, ClusterStatus> render) =>
        ctx.Output.Show(await ctx.Client.GetAsync("/api/cluster", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.ClusterStatus, render);
}
