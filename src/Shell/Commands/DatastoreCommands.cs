using Cluster.Messages;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>The datastore palette: capacity, what the VMs' disks provision, hosts that reach each datastore, its VMs.</summary>
public static class DatastoreCommands
{
    private static readonly ArgumentSpec Id = new("id", "the datastore id, e.g. ds-1");

    public static IEnumerable<CommandSpec> All { get; } =
    [
        new("datastore", "list", "every datastore: capacity, provisioned, in use, free, hosts that reach it, VM count", [], [], async (ctx, _) =>
            ctx.Output.Show(await ctx.Client.GetAsync("/api/datastores", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.IReadOnlyListDatastoreView, DatastoreViews.Datastores)),
        new("datastore", "show", "one datastore: capacity and overcommit, space, each host's reach and health, its VMs and their disks", [Id], [], async (ctx, args) =>
            ctx.Output.Show(await ctx.Client.GetAsync(Paths.Item("datastores", args.Argument("id")), ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.DatastoreView, DatastoreViews.Detail)),
    ];
}
