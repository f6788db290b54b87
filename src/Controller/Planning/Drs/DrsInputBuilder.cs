using Cluster.Controller.Planning.Rules;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs;

/// <summary>
/// Builds a <see cref="DrsInput"/> from plain numbers, for adapters (a trace replay, a simulator)
/// that have arrays rather than inventory records. Hosts get no management reservation, any CPU
/// vendor and one shared datastore; VMs get default QoS, no CPU baseline and a disk on that datastore,
/// so only capacity, demand and rules constrain the planners.
/// </summary>
public sealed class DrsInputBuilder
{
    private static readonly DatastoreId SharedDatastore = new("shared");
    private static readonly IReadOnlySet<DatastoreId> Reach = new HashSet<DatastoreId> { SharedDatastore };
    private static readonly IReadOnlyList<VmDisk> Disks = [new VmDisk(SharedDatastore, 1)];

    private readonly List<HostSnapshot> hosts = [];
    private readonly List<VmSnapshot> vms = [];
    private readonly Dictionary<VmId, VmUsage> usage = [];

    /// <summary>A host of <paramref name="cores"/> cores at <paramref name="mhzPerCore"/> (capacity = cores × MHz) and that much memory.</summary>
    public DrsInputBuilder AddHost(string id, int cores, long mhzPerCore, long memoryMb, HostState state = HostState.Normal)
    {
        var hardware = new HostHardware(1, cores, 1, mhzPerCore, memoryMb, ReservedVcpus: 0, ReservedMemoryMb: 0);
        hosts.Add(new HostSnapshot(new HostId(id), state, hardware, CpuFeatureSet.None, Reach));
        return this;
    }

    /// <summary>
    /// A running VM on <paramref name="host"/> (or a stopped one when null) with its demand: CPU MHz
    /// (the caller's prediction: a sample, a percentile or a forecast), active memory (its whole memory
    /// when negative), dirty rate, and optionally recent CPU history.
    /// </summary>
    public DrsInputBuilder AddVm(
        string id,
        string? host,
        int vcpus,
        long memoryMb,
        double cpuDemandMhz,
        double activeMemoryMb = -1,
        double dirtyRateMbPerSecond = 0,
        IReadOnlyList<double>? cpuHistoryMhz = null)
    {
        var vmId = new VmId(id);
        var spec = new VmSpec(id, vcpus, memoryMb, Disks, QosSpec.Default, QosSpec.Default, HaEnabled: true, RestartPriority.Medium, CpuFeatureSet.None);
        vms.Add(new VmSnapshot(vmId, spec, host is null ? null : new HostId(host), host is null ? VmPowerState.Stopped : VmPowerState.Running));
        usage[vmId] = new VmUsage(cpuDemandMhz, activeMemoryMb < 0 ? memoryMb : activeMemoryMb, dirtyRateMbPerSecond, cpuHistoryMhz);
        return this;
    }

    public DrsInput Build(RuleSet? rules = null) => new(new ClusterSnapshot(hosts, vms), usage, rules ?? RuleSet.Empty);
}
