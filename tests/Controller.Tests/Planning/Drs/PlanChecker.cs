using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Rules;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning.Drs;

/// <summary>
/// An independent judge of a plan, written plainly (sets and LINQ, no shared code with the planners):
/// applies the migrations to the input and lists every rule and constraint the result breaks that
/// the plan itself caused. Empty means the plan is sound.
/// </summary>
internal static class PlanChecker
{
    public static List<string> Problems(DrsInput input, DrsSettings settings, IReadOnlyList<MigrationRecommendation> migrations, IReadOnlyList<RuleBend> bends, bool checkConcurrency)
    {
        var problems = new List<string>();
        var cluster = input.Cluster;
        var placement = cluster.Vms.Where(v => v.HoldsResources).ToDictionary(v => v.Id, v => v.Host!.Value);
        foreach (var m in migrations)
        {
            if (!placement.TryGetValue(m.Vm, out var at) || at != m.Source)
            {
                problems.Add($"{m.Vm} is not on {m.Source} when the plan moves it");
            }

            placement[m.Vm] = m.Target;
        }

        var moved = migrations.Select(m => m.Vm).ToHashSet();
        var specs = cluster.Vms.ToDictionary(v => v.Id, v => v.Spec);
        foreach (var vm in moved)
        {
            var spec = specs[vm];
            var host = cluster.FindHost(placement[vm])!;
            if (host.State != HostState.Normal || input.UnavailableHosts.Contains(host.Id))
            {
                problems.Add($"{vm} moved to {host.Id}, which is {host.State} or unavailable");
            }

            if (!host.CpuFeatures.IsSupersetOf(spec.RequiredCpuBaseline))
            {
                problems.Add($"{vm} moved to {host.Id}, whose CPU lacks its baseline");
            }

            if (spec.Disks.Any(d => !host.Datastores.Contains(d.Datastore)))
            {
                problems.Add($"{vm} moved to {host.Id}, which misses one of its datastores");
            }

            if (spec.Vcpus > host.Hardware.UsableVcpus
                || (spec.RequiresNumaFit && (spec.Vcpus > host.Hardware.CoresPerSocket * host.Hardware.ThreadsPerCore || spec.MemoryMb > host.Hardware.UsableMemoryMb / host.Hardware.Sockets)))
            {
                problems.Add($"{vm} moved to {host.Id}, which has too few vCPUs or no NUMA node it fits");
            }

            problems.AddRange(MustRulesBroken(input, vm, host.Id).Select(r => $"{vm} moved to {host.Id}, which must rule {r} forbids"));
            foreach (var apart in AntiAffinity(input).Where(a => a.Vms.Contains(vm)))
            {
                if (apart.Vms.Any(o => o != vm && placement.GetValueOrDefault(o) == host.Id))
                {
                    problems.Add($"{vm} moved to {host.Id}, which holds another VM of anti-affinity rule {apart.Name}");
                }
            }

            foreach (var rule in ShouldRulesBroken(input, vm, host.Id).Where(r => !bends.Any(b => b.Vm == vm && b.Rule == r)))
            {
                problems.Add($"{vm} moved to {host.Id} against should rule {rule} without reporting the bend");
            }
        }

        foreach (var target in migrations.Select(m => m.Target).Distinct())
        {
            var host = cluster.FindHost(target)!;
            var here = placement.Where(p => p.Value == target).Select(p => specs[p.Key]).ToList();
            var incoming = input.InFlightMigrations.Where(f => f.Target == target && placement.GetValueOrDefault(f.Vm) != target).Select(f => specs[f.Vm]);
            var all = here.Concat(incoming).ToList();
            if (all.Sum(s => s.MemoryMb) > host.Hardware.UsableMemoryMb * settings.MemoryOvercommitRatio)
            {
                problems.Add($"{target} is overfilled with memory ({all.Sum(s => s.MemoryMb)} MB)");
            }

            if (all.Sum(s => s.MemoryQos.Reservation) > host.Hardware.UsableMemoryMb || all.Sum(s => s.CpuQos.Reservation) > host.Hardware.CpuCapacityMhz)
            {
                problems.Add($"{target} has more reserved than it has");
            }
        }

        var affinity = input.Rules.VmVmRules.Where(r => r.Kind == VmVmRuleKind.Affinity).ToList();
        foreach (var rule in affinity)
        {
            var before = rule.Vms.Where(v => cluster.FindVm(v) is { HoldsResources: true }).Select(v => cluster.FindVm(v)!.Host).Distinct().Count();
            var after = rule.Vms.Where(placement.ContainsKey).Select(v => placement[v]).Distinct().Count();
            if (after > before)
            {
                problems.Add($"affinity rule {rule.Name} spread from {before} to {after} hosts");
            }
        }

        if (checkConcurrency)
        {
            AddConcurrencyProblems(problems, input, settings, migrations);
        }

        return problems;
    }

    public static IEnumerable<string> MustRulesBroken(DrsInput input, VmId vm, HostId host)
    {
        foreach (var rule in input.Rules.VmHostRules.Where(r => r.IsMandatory))
        {
            var vms = input.Rules.FindVmGroup(rule.VmGroup)?.Vms;
            var hosts = input.Rules.FindHostGroup(rule.HostGroup)?.Hosts;
            if (vms is null || hosts is null || !vms.Contains(vm))
            {
                continue;
            }

            if (hosts.Contains(host) != (rule.Kind == VmHostRuleKind.MustRunOn))
            {
                yield return rule.Name;
            }
        }

        foreach (var rule in input.Cluster.Rules.MustRules.Where(r => r.Vms.Contains(vm) && !r.Hosts.Contains(host)))
        {
            yield return rule.Name;
        }
    }

    private static IEnumerable<string> ShouldRulesBroken(DrsInput input, VmId vm, HostId host)
    {
        foreach (var rule in input.Rules.VmHostRules.Where(r => !r.IsMandatory))
        {
            var vms = input.Rules.FindVmGroup(rule.VmGroup)?.Vms;
            var hosts = input.Rules.FindHostGroup(rule.HostGroup)?.Hosts;
            if (vms is not null && hosts is not null && vms.Contains(vm) && hosts.Contains(host) != (rule.Kind == VmHostRuleKind.ShouldRunOn))
            {
                yield return rule.Name;
            }
        }
    }

    private static IEnumerable<(string Name, IReadOnlySet<VmId> Vms)> AntiAffinity(DrsInput input) =>
        input.Rules.VmVmRules.Where(r => r.Kind == VmVmRuleKind.AntiAffinity).Select(r => (r.Name, r.Vms))
            .Concat(input.Cluster.Rules.AntiAffinityRules.Select(r => (r.Name, r.Vms)));

    private static void AddConcurrencyProblems(List<string> problems, DrsInput input, DrsSettings settings, IReadOnlyList<MigrationRecommendation> migrations)
    {
        var all = input.InFlightMigrations.Select(f => (f.Source, f.Target)).Concat(migrations.Select(m => (m.Source, m.Target))).ToList();
        if (all.Count > settings.MaxConcurrentMigrationsPerCluster && migrations.Count > 0)
        {
            problems.Add($"{all.Count} concurrent migrations exceed the cluster limit {settings.MaxConcurrentMigrationsPerCluster}");
        }

        foreach (var host in all.SelectMany(m => new[] { m.Source, m.Target }).Distinct())
        {
            var count = all.Count(m => m.Source == host || m.Target == host);
            if (count > settings.MaxConcurrentMigrationsPerHost && migrations.Any(m => m.Source == host || m.Target == host))
            {
                problems.Add($"{host} takes part in {count} migrations, above the limit {settings.MaxConcurrentMigrationsPerHost}");
            }
        }
    }
}
