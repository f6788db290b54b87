using Cluster.Messages;

namespace Cluster.Controller.Vrm.Rules;

/// <summary>
/// How the current placement breaks a rule, one line per breach, empty when it holds. Only VMs placed on a host count
/// (running, starting, stopping or unknown): a stopped VM runs nowhere and breaks nothing. Pure.
/// </summary>
public static class RuleViolations
{
    public static bool IsMandatory(RuleKind kind) => kind is not (RuleKind.ShouldRunOn or RuleKind.ShouldNotRunOn);

    public static IReadOnlyList<string> Of(RuleCreated rule, RuleBook book, Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(inventory);
        return rule.Kind switch
        {
            RuleKind.Affinity => Apart(Placed(rule.Vms ?? [], inventory)),
            RuleKind.AntiAffinity => Together(Placed(rule.Vms ?? [], inventory)),
            _ => OutOfPlace(rule, book, inventory),
        };
    }

    private static List<(VmId Vm, HostId Host)> Placed(IEnumerable<VmId> vms, Inventory inventory) =>
        [.. vms.Select(inventory.Vm).OfType<InventoryVm>().Where(v => v.IsOnHost).Select(v => (v.VmId, v.Host!.Value))];

    private static IReadOnlyList<string> Apart(List<(VmId Vm, HostId Host)> placed)
    {
        var hosts = placed.GroupBy(p => p.Host).OrderBy(g => g.Key).ToList();
        return hosts.Count <= 1
            ? []
            : [$"kept together, but on {hosts.Count} hosts: {string.Join("; ", hosts.Select(h => $"{string.Join(", ", h.Select(p => p.Vm).Order())} on {h.Key}"))}"];
    }

    private static IReadOnlyList<string> Together(List<(VmId Vm, HostId Host)> placed) =>
        [.. placed.GroupBy(p => p.Host).Where(g => g.Count() > 1).OrderBy(g => g.Key)
            .Select(g => $"kept apart, but {string.Join(", ", g.Select(p => p.Vm).Order())} share {g.Key}")];

    private static IReadOnlyList<string> OutOfPlace(RuleCreated rule, RuleBook book, Inventory inventory)
    {
        if (book.VmGroup(rule.VmGroup ?? "") is not { } vms || book.HostGroup(rule.HostGroup ?? "") is not { } hosts)
        {
            return [];
        }

        var inGroup = rule.Kind is RuleKind.MustRunOn or RuleKind.ShouldRunOn;
        return [.. Placed(vms.Vms, inventory).Where(p => hosts.Hosts.Contains(p.Host) != inGroup).OrderBy(p => p.Vm)
            .Select(p => $"{p.Vm} runs on {p.Host}, {(inGroup ? "outside" : "inside")} host group '{hosts.Name}'")];
    }
}
