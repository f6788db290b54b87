using Cluster.Messages;

namespace Cluster.Controller.Planning.Snapshot;

/// <summary>
/// How much of a host a VM is accounted to take, for placement, admission control and HA alike.
/// Memory is counted at the VM's full size: guest memory is not over-committed, because a host that
/// swaps guest memory hurts every VM on it. CPU is counted by the VM's CPU reservation: CPU time is
/// shared by the scheduler, and only the reserved part is a promise the host must keep.
/// </summary>
public static class VmDemand
{
    public static Resources Of(VmSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new Resources(spec.CpuQos.Reservation, spec.MemoryMb);
    }
}
