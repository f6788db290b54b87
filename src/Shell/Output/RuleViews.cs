using System.Globalization;
using Cluster.Messages;
using Spectre.Console;

namespace Cluster.Shell.Output;

/// <summary>How rules and groups look: one row each, or one in full.</summary>
public static class RuleViews
{
    public static void Rules(IAnsiConsole console, IReadOnlyList<RuleView> rules)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(rules);
        var table = new Table().AddColumns("RULE", "KIND", "MANDATORY", "APPLIES TO", "STATE");
        foreach (var r in rules)
        {
            table.AddRow(Esc(r.Name), r.Kind.ToString(), r.Mandatory ? "yes" : "no", Esc(AppliesTo(r)), r.Violations.Count == 0 ? "holds" : $"broken ({r.Violations.Count})");
        }

        console.Write(table);
    }

    public static void Rule(IAnsiConsole console, RuleView rule)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(rule);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("rule", Esc(rule.Name));
        grid.AddRow("kind", rule.Kind.ToString());
        grid.AddRow("mandatory", rule.Mandatory ? "yes: no placement, HA restart or move breaks it" : "no: placement may bend it for capacity or a must rule");
        grid.AddRow("applies to", Esc(AppliesTo(rule)));
        grid.AddRow("created", rule.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        grid.AddRow("state", Esc(rule.Violations.Count == 0 ? "holds" : string.Join("\n", rule.Violations)));
        console.Write(grid);
    }

    public static void Groups(IAnsiConsole console, IReadOnlyList<GroupView> groups)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(groups);
        var table = new Table().AddColumns("GROUP", "KIND", "MEMBERS", "USED BY");
        foreach (var g in groups)
        {
            table.AddRow(Esc(g.Name), g.Kind.ToString(), Esc(List(g.Members)), Esc(List(g.UsedBy)));
        }

        console.Write(table);
    }

    public static void Group(IAnsiConsole console, GroupView group)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(group);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("group", Esc(group.Name));
        grid.AddRow("kind", group.Kind.ToString());
        grid.AddRow("members", Esc(List(group.Members)));
        grid.AddRow("used by", Esc(List(group.UsedBy)));
        console.Write(grid);
    }

    private static string AppliesTo(RuleView r) => r.Vms is { } vms
        ? string.Join(", ", vms)
        : $"VM group {r.VmGroup}, host group {r.HostGroup}";

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "-" : string.Join(", ", items);

    private static string Esc(string text) => Markup.Escape(text);
}
