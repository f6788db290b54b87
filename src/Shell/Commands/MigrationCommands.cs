using Cluster.Messages;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>The migration palette: live moves of running VMs, asked for with vm migrate; followed and cancelled here.</summary>
public static class MigrationCommands
{
    private static readonly ArgumentSpec Id = new("id", "the migration id, e.g. mig-0001");

    public static IEnumerable<CommandSpec> All { get; } =
    [
        new("migration", "list", "open migrations, then the recently ended: phase, progress, last change", [], [], async (ctx, _) =>
            ctx.Output.Show(await ctx.Client.GetAsync("/api/migrations", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.IReadOnlyListMigrationView, MigrationViews.Migrations)),
        new("migration", "show", "one migration in full: hosts, phase, reason, last change, the source's progress", [Id], [], async (ctx, args) =>
            ctx.Output.Show(await ctx.Client.GetAsync(Paths.Item("migrations", args.Argument("id")), ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.MigrationView, MigrationViews.Detail)),
        new("migration", "cancel", "roll a migration back (refused once the switch-over has begun)", [Id], [], async (ctx, args) =>
            ctx.Output.Show(await ctx.Client.PostAsync(Paths.Item("migrations", args.Argument("id"), "cancel"), null, ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.MigrationView, MigrationViews.Migration)),
    ];
}
