using System.Text.Json;
using Cluster.Messages;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>
/// The cluster palette: Akka.Cluster membership as pbm shows and changes it (show, leave, down, leader), and the
/// VRM's inventory at a glance (status, inventory, watch).
/// </summary>
public static class ClusterCommands
{
    private static readonly ArgumentSpec Address = new("address", $"a member's address as cluster show prints it: {MemberAddress.Form}");

    public static IEnumerable<CommandSpec> All { get; } =
    [
        new("cluster", "show", "the cluster's members: address, roles, status, reachability; then the leader and where the VRM singleton runs", [], [], async (ctx, _) =>
            ctx.Output.Show(await ctx.Client.GetAsync("/api/cluster/members", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.ClusterMembersView, MembershipViews.Members)),
        new("cluster", "leave", "ask a member to leave the cluster gracefully (its singletons hand over first)", [Address], [], (ctx, args) => MemberCommandAsync(ctx, args, "leave")),
        new("cluster", "down", "mark a member down: removed without waiting for it (for a node known to be dead)", [Address], [], (ctx, args) => MemberCommandAsync(ctx, args, "down")),
        new("cluster", "leader", "which controller holds the VRM lease, its epoch, and where membership places the VRM singleton", [], [], async (ctx, _) =>
            ctx.Output.Show(await ctx.Client.GetAsync("/api/cluster/leader", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.LeaderView, Views.Leader)),
        new("cluster", "status", "status summary: capacity, allocation, hosts and VMs by state", [], [], (ctx, _) => InventoryAsync(ctx, Views.Status)),
        new("cluster", "inventory", "status summary, then every host and VM", [], [], (ctx, _) => InventoryAsync(ctx, Views.Inventory)),
        WatchCommand.Spec,
    ];

    private static async Task<int> InventoryAsync(CommandContext ctx, Action<Spectre.Console.IAnsiConsole, ClusterStatus> render) =>
        ctx.Output.Show(await ctx.Client.GetAsync("/api/cluster", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.ClusterStatus, render);

    private static async Task<int> MemberCommandAsync(CommandContext ctx, ParsedArgs args, string command)
    {
        var address = args.Argument(Address.Name).Trim();
        if (MemberAddress.Problem(address) is { } problem)
        {
            throw args.Bad($"<{Address.Name}>", problem);
        }

        var body = JsonSerializer.Serialize(new ClusterMemberRequest(address), ClusterMessagesJsonContext.Default.ClusterMemberRequest);
        return ctx.Output.Show(
            await ctx.Client.PostAsync($"/api/cluster/{command}", body, ctx.Cancellation).ConfigureAwait(false),
            ClusterMessagesJsonContext.Default.ClusterMemberView,
            MembershipViews.Requested(command));
    }
}
