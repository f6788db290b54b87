using Cluster.Messages;

namespace Cluster.Controller.Planning.Rules;

/// <summary>
/// Refuses rule sets no placement could satisfy, naming the rule and the conflict, so an operator
/// hears it when creating the rule rather than from a planner that silently cannot comply. Pure.
/// </summary>
public static class RuleSetValidator
{
    /// <summary>Every conflict in <paramref name="rules"/>; empty when the set is consistent.</summary>
    public static IReadOnlyList<RuleConflict> Validate(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var conflicts = new List<RuleConflict>();
        AddDuplicateNames(conflicts, rules);
        AddUnknownGroupsAndEmptyMustGroups(conflicts, rules);
        var components = new AffinityComponents(rules.VmVmRules);
        AddAffinityVersusAntiAffinity(conflicts, rules, components);
        AddNoHostLeft(conflicts, rules, components);
        return conflicts;
    }

    /// <summary>
    /// The conflicts that <paramref name="proposed"/> (the current set with a rule or group added or
    /// changed) has and <paramref name="current"/> had not: what to refuse the change with.
    /// </summary>
    public static IReadOnlyList<RuleConflict> ValidateChange(RuleSet current, RuleSet proposed)
    {
        var before = Validate(current).ToHashSet();
        return [.. Validate(proposed).Where(c => !before.Contains(c))];
    }

    private static void AddDuplicateNames(List<RuleConflict> conflicts, RuleSet rules)
    {
        IEnumerable<(string Name, string What)> named =
        [
            .. rules.VmVmRules.Select(r => (r.Name, "rule")),
            .. rules.VmHostRules.Select(r => (r.Name, "rule")),
            .. rules.HostGroups.Select(g => (g.Name, "host group")),
            .. rules.VmGroups.Select(g => (g.Name, "VM group")),
        ];
        foreach (var duplicate in named.GroupBy(n => n).Where(g => g.Count() > 1))
        {
            conflicts.Add(new RuleConflict(duplicate.Key.Name, $"{duplicate.Count()} {duplicate.Key.What}s are named '{duplicate.Key.Name}'; names must be unique"));
        }
    }

    private static void AddUnknownGroupsAndEmptyMustGroups(List<RuleConflict> conflicts, RuleSet rules)
    {
        foreach (var rule in rules.VmHostRules)
        {
            if (rules.FindVmGroup(rule.VmGroup) is null)
            {
                conflicts.Add(new RuleConflict(rule.Name, $"names VM group '{rule.VmGroup}', which does not exist"));
            }

            var hosts = rules.FindHostGroup(rule.HostGroup);
            if (hosts is null)
            {
                conflicts.Add(new RuleConflict(rule.Name, $"names host group '{rule.HostGroup}', which does not exist"));
            }
            else if (rule.Kind == VmHostRuleKind.MustRunOn && hosts.Hosts.Count == 0)
            {
                conflicts.Add(new RuleConflict(rule.Name, $"must-run-on host group '{rule.HostGroup}' is empty: its VMs could run nowhere"));
            }
        }
    }

    private static void AddAffinityVersusAntiAffinity(List<RuleConflict> conflicts, RuleSet rules, AffinityComponents components)
    {
        var affinityRulesByComponent = rules.VmVmRules
            .Where(r => r.Kind == VmVmRuleKind.Affinity && r.Vms.Count > 0)
            .GroupBy(r => components.Find(r.Vms.First()))
            .ToDictionary(g => g.Key, g => g.Select(r => r.Name).Order(StringComparer.Ordinal).ToList());
        foreach (var apart in rules.VmVmRules.Where(r => r.Kind == VmVmRuleKind.AntiAffinity))
        {
            foreach (var together in apart.Vms.GroupBy(components.Find).Where(g => g.Count() > 1))
            {
                var vms = string.Join(", ", together.Order());
                var by = string.Join(", ", affinityRulesByComponent.GetValueOrDefault(together.Key, []));
                conflicts.Add(new RuleConflict(apart.Name, $"anti-affinity rule keeps {vms} apart, but affinity rule(s) {by} keep them together"));
            }
        }
    }

    /// <summary>
    /// For each VM, or each affinity component, the hosts its must rules leave: the intersection of
    /// its must-run-on groups less the union of its must-not-run-on groups. None left is a conflict.
    /// </summary>
    private static void AddNoHostLeft(List<RuleConflict> conflicts, RuleSet rules, AffinityComponents components)
    {
        var mustByComponent = new Dictionary<VmId, List<(VmHostRule Rule, HostGroup Hosts)>>();
        foreach (var rule in rules.VmHostRules.Where(r => r.IsMandatory))
        {
            if (rules.FindVmGroup(rule.VmGroup) is not { } vms || rules.FindHostGroup(rule.HostGroup) is not { } hosts)
            {
                continue;
            }

            foreach (var component in vms.Vms.Select(components.Find).Distinct())
            {
                if (!mustByComponent.TryGetValue(component, out var list))
                {
                    mustByComponent[component] = list = [];
                }

                list.Add((rule, hosts));
            }
        }

        foreach (var (component, applying) in mustByComponent.OrderBy(c => c.Key))
        {
            var runOn = applying.Where(a => a.Rule.Kind == VmHostRuleKind.MustRunOn).ToList();
            if (runOn.Count == 0)
            {
                continue; // must-not-run-on alone leaves every host outside its groups.
            }

            var left = runOn.Skip(1).Aggregate(runOn[0].Hosts.Hosts.ToHashSet(), (set, a) => { set.IntersectWith(a.Hosts.Hosts); return set; });
            foreach (var notOn in applying.Where(a => a.Rule.Kind == VmHostRuleKind.MustNotRunOn))
            {
                left.ExceptWith(notOn.Hosts.Hosts);
            }

            if (left.Count == 0 && runOn.Any(a => a.Hosts.Hosts.Count > 0))
            {
                var names = string.Join(", ", applying.Select(a => $"{a.Rule.Name} ({a.Rule.Kind} {a.Hosts.Name})").Distinct().Order(StringComparer.Ordinal));
                var who = applying.Count > 0 && IsSingleton(component, rules, components) ? $"VM {component}" : $"affinity group of {component}";
                conflicts.Add(new RuleConflict(applying[^1].Rule.Name, $"{who} has no host left: must rules {names} allow no common host"));
            }
        }
    }

    private static bool IsSingleton(VmId component, RuleSet rules, AffinityComponents components) =>
        !rules.VmVmRules.Any(r => r.Kind == VmVmRuleKind.Affinity && r.Vms.Any(v => components.Find(v) == component) && r.Vms.Count > 1);
}
