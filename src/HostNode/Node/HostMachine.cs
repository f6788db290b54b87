using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;

namespace Cluster.HostNode.Node;

/// <summary>
/// What outlives every actor system of this process: the hypervisor with its running VMs, the storage-lease store
/// (inside <see cref="Cna"/>) and the ledger of leases held. A system built after a downing gets the same ones.
/// </summary>
public sealed record HostMachine(CnaSettings Cna, IHypervisor Hypervisor, LeaseLedger Leases)
{
    public int RunningVms => Hypervisor.Report().Count(r => r.PowerState == Messages.VmPowerState.Running);
}
