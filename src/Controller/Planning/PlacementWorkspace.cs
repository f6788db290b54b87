using Cluster.Messages;

namespace Cluster.Controller.Planning;

/// <summary>
/// A mutable working copy of a snapshot's free capacity and rule occupancy, shared by the placement
/// and HA planners so that both apply exactly the same feasibility checks. A plan that places several
/// VMs commits each choice here before making the next, so later choices see earlier ones.
/// </summary>
internal sealed class PlacementWorkspace
{
    /// <summary>Cheap checks first: the HA planner stops at the first that fails.</summary>
    private static readonly RefusalReason[] CheckOrder =
    [
        RefusalReason.HostFailed,
        RefusalReason.HostNotNormal,
        RefusalReason.InsufficientMemory,
        RefusalReason.InsufficientCpu,
        RefusalReason.CpuIncompatible,
        RefusalReason.MustRuleViolated,
        RefusalReason.AntiAffinityViolated,
        RefusalReason.DatastoreUnreachable,
    ];

    private readonly ClusterSnapshot snapshot;
    private readonly HostSnapshot[] hosts;
    private readonly Resources[] capacity;
    private readonly Resources[] allocated;
    private readonly bool[] failed;
    private readonly Dictionary<DatastoreId, int> datastoreIndex = [];
    private readonly List<bool[]> reachableFromHost = [];
    private readonly Dictionary<CpuFeatureSet, bool[]> compatibilityByBaseline = [];
    private readonly Dictionary<HostId, int> hostIndex = [];
    private readonly Dictionary<VmId, List<int>> groupsOfVm = [];
    private readonly int[][] groupMembersOnHost;

    /// <param name="snapshot">The cluster as it is.</param>
    /// <param name="failedHosts">Hosts to treat as gone, whatever state the snapshot gives them.</param>
    /// <param name="vmsToPlace">VMs about to be (re)placed: their current allocations and rule
    /// occupancy are released first, so a VM never competes with its own old footprint.</param>
    public PlacementWorkspace(ClusterSnapshot snapshot, IReadOnlySet<HostId> failedHosts, IReadOnlySet<VmId> vmsToPlace)
    {
        this.snapshot = snapshot;
        hosts = [.. snapshot.Hosts];
        capacity = new Resources[hosts.Length];
        allocated = new Resources[hosts.Length];
        failed = new bool[hosts.Length];
        for (var h = 0; h < hosts.Length; h++)
        {
            var host = hosts[h];
            hostIndex[host.Id] = h;
            capacity[h] = host.Capacity;
            allocated[h] = snapshot.AllocatedOn(host.Id);
            failed[h] = failedHosts.Contains(host.Id);
            foreach (var datastore in host.Datastores)
            {
                ReachabilityOf(datastore)[h] = true;
            }
        }

        foreach (var vm in snapshot.Vms.Where(v => v.HoldsResources && vmsToPlace.Contains(v.Id)))
        {
            if (hostIndex.TryGetValue(vm.Host!.Value, out var h))
            {
                allocated[h] -= vm.Demand;
            }
        }

        groupMembersOnHost = CountGroupMembers(snapshot, vmsToPlace);
    }

    public int HostCount => hosts.Length;

    public HostId HostAt(int index) => hosts[index].Id;

    public VmRequirement Require(VmId id, VmSpec spec) => new()
    {
        Id = id,
        Spec = spec,
        Demand = VmDemand.Of(spec),
        CpuCompatible = CompatibilityWith(spec.RequiredCpuBaseline),
        Datastores = [.. spec.Disks.Select(d => d.Datastore).Distinct().Select(d => datastoreIndex.GetValueOrDefault(d, -1))],
        AllowedHosts = AllowedHostsFor(id),
        AntiAffinityGroups = groupsOfVm.TryGetValue(id, out var groups) ? [.. groups] : [],
    };

    /// <summary>The first check <paramref name="host"/> fails for <paramref name="vm"/>, or null if it can take it.</summary>
    public RefusalReason? FirstRefusal(int host, VmRequirement vm)
    {
        foreach (var check in CheckOrder)
        {
            if (!Passes(check, host, vm))
            {
                return check;
            }
        }

        return null;
    }

    /// <summary>Every check <paramref name="host"/> fails for <paramref name="vm"/>, described.</summary>
    public void AddRefusals(int host, VmRequirement vm, List<HostRefusal> into)
    {
        foreach (var check in CheckOrder)
        {
            if (!Passes(check, host, vm))
            {
                into.Add(new HostRefusal(hosts[host].Id, check, Describe(check, host, vm)));
            }
        }
    }

    /// <summary>
    /// How full the host would be with the VM: the larger of its CPU and memory allocation ratios.
    /// The planners pick the lowest, spreading load and keeping room on every host.
    /// </summary>
    public double LoadAfter(int host, VmRequirement vm)
    {
        var after = allocated[host] + vm.Demand;
        return Math.Max(Ratio(after.CpuMhz, capacity[host].CpuMhz), Ratio(after.MemoryMb, capacity[host].MemoryMb));
    }

    public void Commit(int host, VmRequirement vm)
    {
        allocated[host] += vm.Demand;
        foreach (var group in vm.AntiAffinityGroups)
        {
            groupMembersOnHost[group][host]++;
        }
    }

    /// <summary>Why no host can take the VM, counted by each host's first failing check.</summary>
    public string ExplainNoHost(VmRequirement vm)
    {
        var counts = new SortedDictionary<RefusalReason, int>();
        for (var h = 0; h < hosts.Length; h++)
        {
            if (FirstRefusal(h, vm) is { } reason)
            {
                counts[reason] = counts.GetValueOrDefault(reason) + 1;
            }
        }

        var parts = counts.Select(c => $"{c.Key} on {c.Value}");
        return $"no host of {hosts.Length} can run it (needs {vm.Demand}): {string.Join(", ", parts)}";
    }

    private bool Passes(RefusalReason check, int h, VmRequirement vm) => check switch
    {
        RefusalReason.HostFailed => !failed[h],
        RefusalReason.HostNotNormal => hosts[h].State == HostState.Normal,
        RefusalReason.InsufficientMemory => allocated[h].MemoryMb + vm.Demand.MemoryMb <= capacity[h].MemoryMb,
        RefusalReason.InsufficientCpu => allocated[h].CpuMhz + vm.Demand.CpuMhz <= capacity[h].CpuMhz
            && vm.Spec.Vcpus <= hosts[h].Hardware.UsableVcpus,
        RefusalReason.CpuIncompatible => vm.CpuCompatible[h],
        RefusalReason.MustRuleViolated => vm.AllowedHosts is null || vm.AllowedHosts[h],
        RefusalReason.AntiAffinityViolated => NoGroupMemberOn(h, vm),
        RefusalReason.DatastoreUnreachable => ReachesAllDatastores(h, vm),
        _ => true,
    };

    private string Describe(RefusalReason check, int h, VmRequirement vm)
    {
        var free = capacity[h] - allocated[h];
        return check switch
        {
            RefusalReason.HostFailed => "host has failed",
            RefusalReason.HostNotNormal => $"host is {hosts[h].State}",
            RefusalReason.InsufficientMemory => $"needs {vm.Demand.MemoryMb} MB, {free.MemoryMb} MB free",
            RefusalReason.InsufficientCpu =>
                $"needs {vm.Demand.CpuMhz} MHz reserved and {vm.Spec.Vcpus} vCPUs, {free.CpuMhz} MHz free of {hosts[h].Hardware.UsableVcpus} usable vCPUs",
            RefusalReason.CpuIncompatible => $"needs CPU baseline {vm.Spec.RequiredCpuBaseline}, host has {hosts[h].CpuFeatures}",
            RefusalReason.MustRuleViolated => $"must rules {string.Join(", ", MustRulesOf(vm.Id).Select(r => r.Name))} do not allow this host",
            RefusalReason.AntiAffinityViolated =>
                $"anti-affinity group {string.Join(", ", vm.AntiAffinityGroups.Where(g => groupMembersOnHost[g][h] > 0).Select(g => snapshot.Rules.AntiAffinityRules[g].Name))} already has a VM here",
            RefusalReason.DatastoreUnreachable =>
                $"cannot reach {string.Join(", ", vm.Spec.Disks.Select(d => d.Datastore).Distinct().Where(d => !hosts[h].Datastores.Contains(d)))}",
            _ => check.ToString(),
        };
    }

    // Loops rather than LINQ: these run once per (VM, host) pair in an HA plan, and must not allocate.
    private bool NoGroupMemberOn(int h, VmRequirement vm)
    {
        foreach (var group in vm.AntiAffinityGroups)
        {
            if (groupMembersOnHost[group][h] > 0)
            {
                return false;
            }
        }

        return true;
    }

    private bool ReachesAllDatastores(int h, VmRequirement vm)
    {
        foreach (var datastore in vm.Datastores)
        {
            if (datastore < 0 || !reachableFromHost[datastore][h])
            {
                return false;
            }
        }

        return true;
    }

    private static double Ratio(long used, long total) => total > 0 ? (double)used / total : (used > 0 ? double.PositiveInfinity : 0);

    private bool[] ReachabilityOf(DatastoreId datastore)
    {
        if (!datastoreIndex.TryGetValue(datastore, out var index))
        {
            index = reachableFromHost.Count;
            datastoreIndex[datastore] = index;
            reachableFromHost.Add(new bool[hosts.Length]);
        }

        return reachableFromHost[index];
    }

    private bool[] CompatibilityWith(CpuFeatureSet baseline)
    {
        if (!compatibilityByBaseline.TryGetValue(baseline, out var compatible))
        {
            compatible = [.. hosts.Select(h => h.CpuFeatures.IsSupersetOf(baseline))];
            compatibilityByBaseline[baseline] = compatible;
        }

        return compatible;
    }

    private IEnumerable<VmHostMustRule> MustRulesOf(VmId vm) => snapshot.Rules.MustRules.Where(r => r.Vms.Contains(vm));

    private bool[]? AllowedHostsFor(VmId vm)
    {
        var rules = MustRulesOf(vm).ToList();
        return rules.Count == 0 ? null : [.. hosts.Select(h => rules.All(r => r.Hosts.Contains(h.Id)))];
    }

    private int[][] CountGroupMembers(ClusterSnapshot cluster, IReadOnlySet<VmId> vmsToPlace)
    {
        var groups = cluster.Rules.AntiAffinityRules;
        var counts = new int[groups.Count][];
        for (var g = 0; g < groups.Count; g++)
        {
            counts[g] = new int[hosts.Length];
            foreach (var member in groups[g].Vms)
            {
                if (!groupsOfVm.TryGetValue(member, out var memberGroups))
                {
                    groupsOfVm[member] = memberGroups = [];
                }

                memberGroups.Add(g);
                if (!vmsToPlace.Contains(member)
                    && cluster.FindVm(member) is { HoldsResources: true, Host: { } on }
                    && hostIndex.TryGetValue(on, out var h))
                {
                    counts[g][h]++;
                }
            }
        }

        return counts;
    }
}
