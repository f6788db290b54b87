using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs.Model;

/// <summary>
/// The DRS rule set and the legacy HA placement rules resolved once against host indices: per rule a
/// host mask, per VM the rules that name it. Must rules of both kinds become one list, so every
/// planner keeps the rules HA keeps and the other way round.
/// </summary>
internal sealed class CompiledRules
{
    private static readonly int[] None = [];

    private readonly Dictionary<VmId, List<int>> mustOfVm = [];
    private readonly Dictionary<VmId, List<int>> apartOfVm = [];
    private readonly Dictionary<VmId, List<int>> shouldOfVm = [];

    public CompiledRules(RuleSet rules, PlacementRules legacy, IReadOnlyList<HostSnapshot> hosts, Func<HostId, int> indexOf)
    {
        Affinity = new AffinityComponents(rules.VmVmRules);
        foreach (var rule in rules.VmHostRules)
        {
            if (rules.FindVmGroup(rule.VmGroup) is not { } vms || rules.FindHostGroup(rule.HostGroup) is not { } group)
            {
                continue; // refused by the validator; a planner given it anyway ignores what it cannot read
            }

            var inGroup = Mask(hosts.Count, group.Hosts, indexOf);
            var (names, masks, ofVm) = rule.IsMandatory ? (MustNames, MustHosts, mustOfVm) : (ShouldNames, ShouldHosts, shouldOfVm);
            var wantIn = rule.Kind is VmHostRuleKind.MustRunOn or VmHostRuleKind.ShouldRunOn;
            Add(names, masks, ofVm, rule.Name, wantIn ? inGroup : Invert(inGroup), vms.Vms);
        }

        foreach (var rule in legacy.MustRules)
        {
            Add(MustNames, MustHosts, mustOfVm, rule.Name, Mask(hosts.Count, rule.Hosts, indexOf), rule.Vms);
        }

        foreach (var rule in rules.VmVmRules.Where(r => r.Kind == VmVmRuleKind.AntiAffinity))
        {
            AddApart(rule.Name, rule.Vms);
        }

        foreach (var rule in legacy.AntiAffinityRules)
        {
            AddApart(rule.Name, rule.Vms);
        }
    }

    public AffinityComponents Affinity { get; }

    /// <summary>Per must rule: its name and the hosts it allows.</summary>
    public List<string> MustNames { get; } = [];

    public List<bool[]> MustHosts { get; } = [];

    /// <summary>Per should rule: its name and the hosts that comply with it.</summary>
    public List<string> ShouldNames { get; } = [];

    public List<bool[]> ShouldHosts { get; } = [];

    public List<string> ApartNames { get; } = [];

    public int[] MustRulesOf(VmId vm) => mustOfVm.TryGetValue(vm, out var list) ? [.. list] : None;

    public int[] ApartRulesOf(VmId vm) => apartOfVm.TryGetValue(vm, out var list) ? [.. list] : None;

    public int[] ShouldRulesOf(VmId vm) => shouldOfVm.TryGetValue(vm, out var list) ? [.. list] : None;

    private static void Add(List<string> names, List<bool[]> masks, Dictionary<VmId, List<int>> ofVm, string name, bool[] mask, IEnumerable<VmId> vms)
    {
        names.Add(name);
        masks.Add(mask);
        foreach (var vm in vms)
        {
            OfVm(ofVm, vm).Add(names.Count - 1);
        }
    }

    private void AddApart(string name, IEnumerable<VmId> vms)
    {
        ApartNames.Add(name);
        foreach (var vm in vms)
        {
            OfVm(apartOfVm, vm).Add(ApartNames.Count - 1);
        }
    }

    private static List<int> OfVm(Dictionary<VmId, List<int>> ofVm, VmId vm)
    {
        if (!ofVm.TryGetValue(vm, out var list))
        {
            ofVm[vm] = list = [];
        }

        return list;
    }

    private static bool[] Mask(int count, IEnumerable<HostId> hosts, Func<HostId, int> indexOf)
    {
        var mask = new bool[count];
        foreach (var host in hosts)
        {
            if (indexOf(host) is var h and >= 0)
            {
                mask[h] = true;
            }
        }

        return mask;
    }

    private static bool[] Invert(bool[] mask) => [.. mask.Select(m => !m)];
}
