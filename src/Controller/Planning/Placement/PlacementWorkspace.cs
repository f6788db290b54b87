using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Placement;

/// <summary>
/// A mutable working copy of a snapshot's free capacity and rule occupancy, shared by the placement
/// and HA planners so that both apply exactly the same feasibility checks. A plan that places several
/// VMs commits each choice here before making the next, so later choices see earlier ones.
/// </summary>
internal sealed class PlacementWorkspace
{
    /// <summary>Checks whose outcome cannot change while a plan is made: the host's state, CPU, rules
    /// and storage reach. Their passing hosts are cached per kind of VM.</summary>
    private static readonly RefusalReason[] HostChecks =
    [
        RefusalReason.HostFailed,
        RefusalReason.HostNotNormal,
        RefusalReason.CpuIncompatible,
        RefusalReason.MustRuleViolated,
        RefusalReason.DatastoreUnreachable,
        RefusalReason.NumaMisfit,
    ];

    /// <summary>Checks that each committed placement may change, so they are made afresh every time.</summary>
    private static readonly RefusalReason[] RoomChecks =
    [
        RefusalReason.InsufficientMemory,
        RefusalReason.InsufficientCpu,
        RefusalReason.AntiAffinityViolated,
        RefusalReason.DatastoreFull,
    ];

    private static readonly RefusalReason[] CheckOrder = [.. HostChecks, .. RoomChecks];

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
    private readonly Dictionary<EligibilityKey, int[]> eligibleHostsByKind = [];
    private readonly int[] usableVcpus;

    /// <summary>GB provisioned on each datastore by the VMs holding resources (powered on or on their way), those being placed left out.</summary>
    private readonly Dictionary<DatastoreId, long> provisionedGb = [];

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
        usableVcpus = [.. hosts.Select(h => h.Hardware.UsableVcpus)];
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

        foreach (var vm in snapshot.Vms.Where(v => v.HoldsResources && !vmsToPlace.Contains(v.Id)))
        {
            foreach (var (datastore, gb) in DiskGbOf(vm.Spec))
            {
                provisionedGb[datastore] = provisionedGb.GetValueOrDefault(datastore) + gb;
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
        DiskGb = DiskGbOf(spec),
        AllowedHosts = AllowedHostsFor(id),
        AntiAffinityGroups = groupsOfVm.TryGetValue(id, out var groups) ? [.. groups] : [],
    };

    /// <summary>
    /// The hosts, in id order, that pass every check that cannot change during a plan. VMs alike in
    /// CPU baseline, storage and must rules share one answer, so a plan of a thousand VMs makes these
    /// checks a few times rather than a thousand times per host.
    /// </summary>
    public int[] EligibleHosts(VmRequirement vm)
    {
        var kind = new EligibilityKey(
            vm.CpuCompatible,
            vm.AllowedHosts,
            string.Join(',', vm.Datastores.Order()),
            vm.Spec.RequiresNumaFit ? vm.Spec.Vcpus : 0,
            vm.Spec.RequiresNumaFit ? vm.Spec.MemoryMb : 0);
        if (!eligibleHostsByKind.TryGetValue(kind, out var eligible))
        {
            eligible = [.. Enumerable.Range(0, hosts.Length).Where(h => FirstFailing(HostChecks, h, vm) is null)];
            eligibleHostsByKind[kind] = eligible;
        }

        return eligible;
    }

    /// <summary>True when an <see cref="EligibleHosts">eligible</see> host still has room for the VM, rules included.</summary>
    public bool HasRoom(int host, VmRequirement vm) => FirstFailing(RoomChecks, host, vm) is null;

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
        foreach (var (datastore, gb) in vm.DiskGb)
        {
            provisionedGb[datastore] = provisionedGb.GetValueOrDefault(datastore) + gb;
        }

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
            if (FirstFailing(CheckOrder, h, vm) is { } reason)
            {
                counts[reason] = counts.GetValueOrDefault(reason) + 1;
            }
        }

        var parts = counts.Select(c => $"{c.Key} on {c.Value}");
        return $"no host of {hosts.Length} can run it (needs {vm.Demand}): {string.Join(", ", parts)}";
    }

    private RefusalReason? FirstFailing(RefusalReason[] checks, int host, VmRequirement vm)
    {
        foreach (var check in checks)
        {
            if (!Passes(check, host, vm))
            {
                return check;
            }
        }

        return null;
    }

    private bool Passes(RefusalReason check, int h, VmRequirement vm) => check switch
    {
        RefusalReason.HostFailed => !failed[h],
        RefusalReason.HostNotNormal => hosts[h].State == HostState.Normal,
        RefusalReason.InsufficientMemory => allocated[h].MemoryMb + vm.Demand.MemoryMb <= capacity[h].MemoryMb,
        RefusalReason.InsufficientCpu => allocated[h].CpuMhz + vm.Demand.CpuMhz <= capacity[h].CpuMhz
            && vm.Spec.Vcpus <= usableVcpus[h],
        RefusalReason.CpuIncompatible => vm.CpuCompatible[h],
        RefusalReason.NumaMisfit => !vm.Spec.RequiresNumaFit || hosts[h].Hardware.FitsOneNumaNode(vm.Spec.Vcpus, vm.Spec.MemoryMb),
        RefusalReason.MustRuleViolated => vm.AllowedHosts is null || vm.AllowedHosts[h],
        RefusalReason.AntiAffinityViolated => NoGroupMemberOn(h, vm),
        RefusalReason.DatastoreUnreachable => ReachesAllDatastores(h, vm),
        RefusalReason.DatastoreFull => FullDatastore(vm) is null,
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
            RefusalReason.NumaMisfit =>
                $"needs one NUMA node for {vm.Spec.Vcpus} vCPUs and {vm.Spec.MemoryMb} MB, a socket here has {hosts[h].Hardware.CoresPerSocket * hosts[h].Hardware.ThreadsPerCore} threads and {hosts[h].Hardware.UsableMemoryMb / Math.Max(1, hosts[h].Hardware.Sockets)} MB",
            RefusalReason.MustRuleViolated => $"must rules {string.Join(", ", MustRulesOf(vm.Id).Select(r => r.Name))} do not allow this host",
            RefusalReason.AntiAffinityViolated =>
                $"anti-affinity group {string.Join(", ", vm.AntiAffinityGroups.Where(g => groupMembersOnHost[g][h] > 0).Select(g => snapshot.Rules.AntiAffinityRules[g].Name))} already has a VM here",
            RefusalReason.DatastoreUnreachable =>
                $"cannot reach {string.Join(", ", vm.Spec.Disks.Select(d => d.Datastore).Distinct().Where(d => !hosts[h].Datastores.Contains(d)))}",
            RefusalReason.DatastoreFull => FullDatastore(vm) is { } full
                ? $"datastore {full.Key} has {Math.Max(0, snapshot.DatastoreCapacityGb[full.Key] - provisionedGb.GetValueOrDefault(full.Key))} GB left to provision of {snapshot.DatastoreCapacityGb[full.Key]} GB, needs {full.Value} GB"
                : "datastore full",
            _ => check.ToString(),
        };
    }

    /// <summary>The first of the VM's datastores its disks would overfill, with the GB they need there; null when all fit.</summary>
    private KeyValuePair<DatastoreId, long>? FullDatastore(VmRequirement vm)
    {
        foreach (var disks in vm.DiskGb)
        {
            if (snapshot.DatastoreCapacityGb.TryGetValue(disks.Key, out var capacityGb) && provisionedGb.GetValueOrDefault(disks.Key) + disks.Value > capacityGb)
            {
                return disks;
            }
        }

        return null;
    }

    /// <summary>The GB a spec's disks provision per datastore, in datastore order.</summary>
    internal static KeyValuePair<DatastoreId, long>[] DiskGbOf(VmSpec spec) =>
        [.. spec.Disks.GroupBy(d => d.Datastore).OrderBy(g => g.Key).Select(g => KeyValuePair.Create(g.Key, g.Sum(d => d.SizeGb)))];

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

    /// <summary>What makes VMs alike for <see cref="EligibleHosts"/>. The arrays compare by reference:
    /// they are shared by all VMs with the same baseline (cached) or are per VM (must rules).</summary>
    /// <summary>What the cached checks depend on; the NUMA size is 0 for a VM that does not ask to fit one node.</summary>
    private readonly record struct EligibilityKey(bool[] CpuCompatible, bool[]? AllowedHosts, string Datastores, int NumaVcpus, long NumaMemoryMb);

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
