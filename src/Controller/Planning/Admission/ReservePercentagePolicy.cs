using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Admission;

/// <summary>
/// Keep a fixed percentage of the cluster's CPU and memory (of the Normal hosts) free for failover.
/// A power-on is refused when the powered-on demand with it would exceed the rest.
/// </summary>
public sealed record ReservePercentagePolicy : IAdmissionPolicy
{
    public ReservePercentagePolicy(int cpuPercent, int memoryPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpuPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cpuPercent, 100);
        ArgumentOutOfRangeException.ThrowIfNegative(memoryPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(memoryPercent, 100);
        CpuPercent = cpuPercent;
        MemoryPercent = memoryPercent;
    }

    public int CpuPercent { get; }

    public int MemoryPercent { get; }

    public string Description => $"reserve {CpuPercent}% CPU and {MemoryPercent}% memory";

    public AdmissionDecision Check(ClusterSnapshot snapshot, VmId vm, VmSpec spec, HostId targetHost)
    {
        var total = ClusterHeadroom.Sum(ClusterHeadroom.UsableHosts(snapshot).Select(h => h.Capacity));
        var allowed = new Resources(total.CpuMhz * (100 - CpuPercent) / 100, total.MemoryMb * (100 - MemoryPercent) / 100);
        return ClusterHeadroom.Decide(snapshot, vm, spec, allowed, $"reserving {CpuPercent}% CPU and {MemoryPercent}% memory");
    }
}
