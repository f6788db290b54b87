using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning;

/// <summary>
/// Terse construction of cluster snapshots for planner tests. Hosts are sized by what they offer VMs
/// (usable vCPUs and memory); the builder adds the management reservation on top.
/// </summary>
internal sealed class ClusterBuilder
{
    public const long ClockMhz = 2000;

    public static readonly CpuFeatureSet Intel = new("GenuineIntel", ["sse4_2", "avx", "avx2"]);

    private readonly List<HostSnapshot> hosts = [];
    private readonly List<VmSnapshot> vms = [];
    private readonly List<VmHostMustRule> mustRules = [];
    private readonly List<AntiAffinityRule> antiAffinityRules = [];
    private readonly Dictionary<DatastoreId, long> datastoreCapacityGb = [];
    private readonly List<KeyValuePair<HostId, Resources>> reservations = [];

    public ClusterBuilder Host(
        string id,
        long memoryMb = 65_536,
        int vcpus = 16,
        HostState state = HostState.Normal,
        CpuFeatureSet? features = null,
        string[]? datastores = null)
    {
        var hardware = new HostHardware(1, vcpus + HostHardware.DefaultReservedVcpus, 1, ClockMhz, memoryMb + HostHardware.DefaultReservedMemoryMb);
        hosts.Add(new HostSnapshot(
            new HostId(id),
            state,
            hardware,
            features ?? Intel,
            (datastores ?? ["ds-1"]).Select(d => new DatastoreId(d)).ToHashSet()));
        return this;
    }

    public ClusterBuilder Vm(string id, string? on, VmSpec? spec = null, VmPowerState state = VmPowerState.Running)
    {
        vms.Add(new VmSnapshot(new VmId(id), spec ?? Spec(), on is null ? null : new HostId(on), state));
        return this;
    }

    public ClusterBuilder Must(string name, string[] vmIds, string[] hostIds)
    {
        mustRules.Add(new VmHostMustRule(name, vmIds.Select(v => new VmId(v)).ToHashSet(), hostIds.Select(h => new HostId(h)).ToHashSet()));
        return this;
    }

    public ClusterBuilder AntiAffinity(string name, params string[] vmIds)
    {
        antiAffinityRules.Add(new AntiAffinityRule(name, vmIds.Select(v => new VmId(v)).ToHashSet()));
        return this;
    }

    /// <summary>Gives a datastore a provisionable capacity; datastores not given one are not checked.</summary>
    public ClusterBuilder Datastore(string id, long capacityGb)
    {
        datastoreCapacityGb[new DatastoreId(id)] = capacityGb;
        return this;
    }

    /// <summary>Holds resources on a host for a VM on its way there (an open migration's target).</summary>
    public ClusterBuilder Reserve(string host, long memoryMb, long cpuMhz = 0)
    {
        reservations.Add(new(new HostId(host), new Resources(cpuMhz, memoryMb)));
        return this;
    }

    public ClusterSnapshot Build() => new(hosts, vms, new PlacementRules(mustRules, antiAffinityRules), datastoreCapacityGb, reservations);

    public static VmSpec Spec(
        long memoryMb = 4096,
        long cpuReservationMhz = 0,
        int vcpus = 2,
        RestartPriority priority = RestartPriority.Medium,
        CpuFeatureSet? baseline = null,
        string datastore = "ds-1",
        long diskGb = 20) => new(
            "vm",
            vcpus,
            memoryMb,
            [new VmDisk(new DatastoreId(datastore), diskGb)],
            QosSpec.Default with { Reservation = cpuReservationMhz },
            QosSpec.Default,
            HaEnabled: true,
            priority,
            baseline ?? CpuFeatureSet.None);

    public static IReadOnlySet<HostId> Hosts(params string[] ids) => ids.Select(i => new HostId(i)).ToHashSet();
}
