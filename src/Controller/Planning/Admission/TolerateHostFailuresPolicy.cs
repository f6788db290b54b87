using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Admission;

/// <summary>
/// Keep enough capacity to restart every powered-on VM if the <c>N</c> largest hosts failed. Slot-free:
/// the reserve is the capacity of the N largest Normal hosts (taken separately for CPU and for
/// memory, the cautious choice), i.e. the percentage of the cluster they represent, recomputed as
/// hosts come and go. A power-on is refused when the powered-on demand (memory by size, CPU by
/// reservation) with it would exceed the cluster's capacity less that reserve. Slot-free means
/// fragmentation is not modelled: a very large VM may still find no single host with room after a
/// failure even though the totals fit; the HA planner reports such VMs as unplaced.
/// </summary>
public sealed record TolerateHostFailuresPolicy : IAdmissionPolicy
{
    public TolerateHostFailuresPolicy(int hostFailures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hostFailures, 1);
        HostFailures = hostFailures;
    }

    public int HostFailures { get; }

    public string Description => $"tolerate {HostFailures} host failure(s)";

    public AdmissionDecision Check(ClusterSnapshot snapshot, VmId vm, VmSpec spec, HostId targetHost)
    {
        var capacities = ClusterHeadroom.UsableHosts(snapshot).Select(h => h.Capacity).ToList();
        if (capacities.Count <= HostFailures)
        {
            return AdmissionDecision.Refuse(
                $"{capacities.Count} Normal host(s) cannot tolerate {HostFailures} host failure(s); at least {HostFailures + 1} are needed");
        }

        var total = ClusterHeadroom.Sum(capacities);
        var reserved = new Resources(
            capacities.Select(c => c.CpuMhz).OrderDescending().Take(HostFailures).Sum(),
            capacities.Select(c => c.MemoryMb).OrderDescending().Take(HostFailures).Sum());
        var percent = $"{Percent(reserved.CpuMhz, total.CpuMhz)}% CPU, {Percent(reserved.MemoryMb, total.MemoryMb)}% memory";
        return ClusterHeadroom.Decide(snapshot, vm, spec, total - reserved, $"reserving the {HostFailures} largest host(s) ({percent})");
    }

    private static long Percent(long part, long whole) => whole == 0 ? 0 : part * 100 / whole;
}
