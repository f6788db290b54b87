using System.Text.Json;
using Cluster.Messages;
using Cluster.Shell.Output;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>
/// The rule and group palettes: VM and host groups, and the DRS rules over them that placement, HA, migration and
/// maintenance keep. The controller refuses a rule set no placement can keep, naming the conflict.
/// </summary>
public static class RuleCommands
{
    private static readonly ArgumentSpec Name = new("name", "the rule's or group's name, e.g. web-apart");

    public static IEnumerable<CommandSpec> All { get; } =
    [
        new("rule", "list", "every rule: kind, whether mandatory, its VMs or groups, how the placement breaks it", [], [], async (ctx, _) =>
            ctx.Output.Show(await ctx.Client.GetAsync("/api/rules", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.IReadOnlyListRuleView, RuleViews.Rules)),
        new("rule", "show", "one rule in full", [Name], [], async (ctx, args) =>
            ctx.Output.Show(await ctx.Client.GetAsync(Paths.Item("rules", args.Argument("name")), ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.RuleView, RuleViews.Rule)),
        new("rule", "create", "create a rule: affinity|anti-affinity over --vm (two or more), or must|must-not|should|should-not run on over --vm-group and --host-group", [Name],
        [
            new("--kind", "affinity, antiaffinity, mustrunon, mustnotrunon, shouldrunon or shouldnotrunon", "KIND", Required: true),
            new("--vm", "a VM of a VM–VM rule, repeatable", "VM", Repeatable: true),
            new("--vm-group", "the VM group of a VM–host rule", "GROUP"),
            new("--host-group", "the host group of a VM–host rule", "GROUP"),
        ], CreateRuleAsync),
        new("rule", "delete", "delete a rule (its violation alarm clears)", [Name], [], (ctx, args) => DeleteRequest.RunAsync(ctx, "rules", args.Argument("name"), "DELETED")),
        new("group", "list", "every VM and host group with its members and the rules that name it", [], [], async (ctx, _) =>
            ctx.Output.Show(await ctx.Client.GetAsync("/api/groups", ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.IReadOnlyListGroupView, RuleViews.Groups)),
        new("group", "show", "one group in full", [Name], [], async (ctx, args) =>
            ctx.Output.Show(await ctx.Client.GetAsync(Paths.Item("groups", args.Argument("name")), ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.GroupView, RuleViews.Group)),
        new("group", "save", "create a group, or replace its members (no --member empties it)", [Name],
        [
            new("--kind", "vm or host", "KIND", Required: true),
            new("--member", "a VM id or host id, repeatable", "ID", Repeatable: true),
        ], SaveGroupAsync),
        new("group", "delete", "delete a group no rule names", [Name], [], (ctx, args) => DeleteRequest.RunAsync(ctx, "groups", args.Argument("name"), "DELETED")),
    ];

    private static async Task<int> CreateRuleAsync(CommandContext ctx, ParsedArgs args)
    {
        var vms = args.Values("--vm");
        var request = new CreateRuleRequest(
            args.Argument("name"),
            args.Enum("--kind", RuleKind.Affinity),
            vms.Count == 0 ? null : [.. vms.Select(VmId.From)],
            args.Value("--vm-group"),
            args.Value("--host-group"));
        var json = JsonSerializer.Serialize(request, ClusterMessagesJsonContext.Default.CreateRuleRequest);
        return ctx.Output.Show(await ctx.Client.PostAsync("/api/rules", json, ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.RuleView, RuleViews.Rule);
    }

    private static async Task<int> SaveGroupAsync(CommandContext ctx, ParsedArgs args)
    {
        var request = new SaveGroupRequest(args.Argument("name"), args.Enum("--kind", GroupKind.Vm), args.Values("--member"));
        var json = JsonSerializer.Serialize(request, ClusterMessagesJsonContext.Default.SaveGroupRequest);
        return ctx.Output.Show(await ctx.Client.PostAsync("/api/groups", json, ctx.Cancellation).ConfigureAwait(false), ClusterMessagesJsonContext.Default.GroupView, RuleViews.Group);
    }
}
