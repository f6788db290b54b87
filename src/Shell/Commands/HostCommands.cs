using System.Text.Json;
using Cluster.Messages;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>The host palette: compute hosts as the VRM knows them.</summary>
public static class HostCommands
{
    private static readonly ArgumentSpec Id = new("id", "the host id, e.g. h-1");

    private static readonly ArgumentSpec Action = new("enter|exit", "enter maintenance, or exit (cancel) it");

    private static readonly TimeSpan WaitPoll = TimeSpan.FromSeconds(1);

    public static IEnumerable<CommandSpec> All { get; } =
    [
        new("host", "list", "every host with its state, usage, reservations, VM count and datastore health", [], [], async (ctx, _) =>
            ctx.Output.Show(await ctx.Client.GetAsync("/api/hosts", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.IReadOnlyListHostView, Views.Hosts)),
        new("host", "show", "one host: hardware, usage, datastores and their health, VMs, last heartbeat", [Id], [], async (ctx, args) =>
            ctx.Output.Show(await ctx.Client.GetAsync(Paths.Item("hosts", args.Argument("id")), ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.HostView, DetailViews.Host)),
        new("host", "maintenance", "enter or exit maintenance mode: enter moves every VM off the host (--wait: until it is in Maintenance or blocked); exit cancels or ends it", [Action, Id], [new("--wait", "with enter: follow the evacuation until the host is in Maintenance or blocked")], MaintenanceAsync),
        new("host", "remove", "remove a host that has no VMs and is not heartbeating (stop its agent first)", [Id], [], (ctx, args) => DeleteRequest.RunAsync(ctx, "hosts", args.Argument("id"), "removed")),
    ];

    private static async Task<int> MaintenanceAsync(CommandContext ctx, ParsedArgs args)
    {
        var action = args.Argument(Action.Name);
        var path = Paths.Item("hosts", args.Argument("id"), "maintenance");
        var json = ClusterMessagesJsonContext.Default.HostView;
        switch (action)
        {
            case "exit":
                return ctx.Output.Show(await ctx.Client.DeleteAsync(path, ctx.Cancellation).ConfigureAwait(false), json, DetailViews.Host);
            case "enter" when !args.Flag("--wait"):
                return ctx.Output.Show(await ctx.Client.PostAsync(path, null, ctx.Cancellation).ConfigureAwait(false), json, DetailViews.Host);
            case "enter":
                var response = await ctx.Client.PostAsync(path, null, ctx.Cancellation).ConfigureAwait(false);
                var asked = 0;
                while (response.IsSuccess && JsonSerializer.Deserialize(response.Body, json) is { State: HostState.EnteringMaintenance } host && host.Maintenance?.Contains("blocked:", StringComparison.Ordinal) != true)
                {
                    // Asks once at once (a small host is often empty by then), then once a second.
                    if (asked++ > 0)
                    {
                        await Task.Delay(WaitPoll, ctx.Time, ctx.Cancellation).ConfigureAwait(false);
                    }

                    response = await ctx.Client.GetAsync(Paths.Item("hosts", args.Argument("id")), ctx.Cancellation).ConfigureAwait(false);
                }

                var shown = ctx.Output.Show(response, json, DetailViews.Host);
                return shown == ExitCodes.Ok && JsonSerializer.Deserialize(response.Body, json)?.State != HostState.Maintenance ? ExitCodes.Refused : shown;
            default:
                throw args.Bad(Action.Name, $"must be enter or exit, got '{action}'");
        }
    }
}
