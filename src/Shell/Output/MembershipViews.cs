using Cluster.Messages;
using Spectre.Console;

namespace Cluster.Shell.Output;

/// <summary>Akka.Cluster membership as tables, in the shape of pbm's cluster show: one row per member, then who leads.</summary>
public static class MembershipViews
{
    public static void Members(IAnsiConsole console, ClusterMembersView view)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(view);
        var table = new Table().AddColumns("ADDRESS", "ROLES", "STATUS", "REACHABILITY");
        foreach (var m in view.Members)
        {
            table.AddRow(Markup.Escape(m.Address), Markup.Escape(string.Join(",", m.Roles)), m.Status.ToString(), Markup.Escape(Reachability(m)));
        }

        console.Write(table);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("members", view.Members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        grid.AddRow("leader", Markup.Escape(view.Leader ?? "-"));
        grid.AddRow("vrm singleton", Markup.Escape(view.SingletonAt ?? "- (no Up controller)"));
        grid.AddRow("answered by", Markup.Escape(view.SelfAddress));
        console.Write(grid);
    }

    /// <summary>What a 202 from leave or down means: asked, not done; cluster show follows the change.</summary>
    public static Action<IAnsiConsole, ClusterMemberView> Requested(string command) => (console, member) =>
        console.Profile.Out.Writer.WriteLine($"{member.Address}: {command} requested (was {member.Status}); 'cluster show' follows it");

    private static string Reachability(ClusterMemberView member) => member switch
    {
        { Reachable: true } => "reachable",
        { UnreachableBy.Count: > 0 } => $"unreachable by {string.Join(", ", member.UnreachableBy)}",
        _ => "unreachable",
    };
}
