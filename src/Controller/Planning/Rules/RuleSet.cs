using Cluster.Messages;

namespace Cluster.Controller.Planning.Rules;

/// <summary>
/// The operator's DRS rules and the groups they name. Immutable: adding a rule gives a new set, which
/// <see cref="RuleSetValidator"/> should check before it is accepted.
/// </summary>
public sealed record RuleSet(
    IReadOnlyList<HostGroup> HostGroups,
    IReadOnlyList<VmGroup> VmGroups,
    IReadOnlyList<VmVmRule> VmVmRules,
    IReadOnlyList<VmHostRule> VmHostRules)
{
    public static RuleSet Empty { get; } = new([], [], [], []);

    public RuleSet With(HostGroup group) => this with { HostGroups = [.. HostGroups, group] };

    public RuleSet With(VmGroup group) => this with { VmGroups = [.. VmGroups, group] };

    public RuleSet With(VmVmRule rule) => this with { VmVmRules = [.. VmVmRules, rule] };

    public RuleSet With(VmHostRule rule) => this with { VmHostRules = [.. VmHostRules, rule] };

    public HostGroup? FindHostGroup(string name) => HostGroups.FirstOrDefault(g => g.Name == name);

    public VmGroup? FindVmGroup(string name) => VmGroups.FirstOrDefault(g => g.Name == name);

    /// <summary>
    /// The mandatory part of these rules in the form the HA and placement planners read, so HA
    /// restarts keep them too: must-run-on as is, must-not-run-on as "run on every other host of
    /// <paramref name="allHosts"/>", anti-affinity as is. Affinity has no HA equivalent (vSphere HA
    /// does not keep affinity either); DRS reunites a split group afterwards.
    /// </summary>
    public PlacementRules ToPlacementRules(IEnumerable<HostId> allHosts)
    {
        ArgumentNullException.ThrowIfNull(allHosts);
        var hosts = allHosts.ToHashSet();
        var must = new List<VmHostMustRule>();
        foreach (var rule in VmHostRules.Where(r => r.IsMandatory))
        {
            if (FindVmGroup(rule.VmGroup) is not { } vms || FindHostGroup(rule.HostGroup) is not { } group)
            {
                continue;
            }

            var allowed = rule.Kind == VmHostRuleKind.MustRunOn ? group.Hosts : hosts.Except(group.Hosts).ToHashSet();
            must.Add(new VmHostMustRule(rule.Name, vms.Vms, allowed));
        }

        var apart = VmVmRules.Where(r => r.Kind == VmVmRuleKind.AntiAffinity).Select(r => new AntiAffinityRule(r.Name, r.Vms)).ToList();
        return new PlacementRules(must, apart);
    }
}
